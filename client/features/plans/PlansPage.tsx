import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql } from "../../gql";
import { CreatePlanModal } from "./CreatePlanModal";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { errorText } from "../../ui/errors";

export const PlansPageQuery = graphql(`
  query PlansPage {
    viewer {
      id
      planningUnits {
        id
        code
        name
      }
    }
    plans(first: 100) {
      nodes {
        id
        title {
          text
        }
        kind
        status
        periodStart
        periodEnd
        orgUnit {
          id
          code
          name
        }
      }
    }
  }
`);

export function PlansPage() {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(PlansPageQuery);
  const [creating, setCreating] = useState(false);
  const units = data?.viewer?.planningUnits ?? [];

  return (
    <>
      <Group justify="space-between" mb="lg">
        <Title order={1}>{t("home.title")}</Title>
        {units.length > 0 && <Button onClick={() => setCreating(true)}>{t("home.newPlan")}</Button>}
      </Group>
      {error && (
        <Alert color="red" role="alert" mb="md">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && !data ? (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t("app.loading")}</Text>
        </Group>
      ) : data && data.plans.nodes.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed">{t("home.empty")}</Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("home.columns.title")}</Table.Th>
                  <Table.Th>{t("home.columns.kind")}</Table.Th>
                  <Table.Th>{t("home.columns.unit")}</Table.Th>
                  <Table.Th>{t("home.columns.period")}</Table.Th>
                  <Table.Th>{t("home.columns.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.plans.nodes.map((plan) => (
                  <Table.Tr key={plan.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/plans/${plan.id}`} fw={600}>
                        {plan.title.text}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`kinds.${plan.kind}`)}</Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color="gray" title={plan.orgUnit.name}>
                        {plan.orgUnit.code}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {t("home.period", { start: plan.periodStart, end: plan.periodEnd })}
                    </Table.Td>
                    <Table.Td>
                      <PlanStatusBadge status={plan.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <CreatePlanModal opened={creating} onClose={() => setCreating(false)} units={units} />
    </>
  );
}
