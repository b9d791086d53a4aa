import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { PlanNotes } from "./PlanNotes";

const PlanPageQuery = graphql(`
  query PlanPage($id: ID!) {
    plan(id: $id) {
      id
      title
      kind
      status
      periodStart
      periodEnd
      responsibleAuthority
      viewerCanEdit
      orgUnit {
        id
        code
        name
      }
    }
  }
`);

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

export default function PlanPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data, loading, error } = useQuery(PlanPageQuery, { variables: { id } });
  const plan = data?.plan;

  if (loading && !plan)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  if (error || !plan)
    return (
      <Alert color="red" role="alert">
        {error ? errorText(error, t) : t("errors.NOT_FOUND")}
      </Alert>
    );

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/plans">
          {t("plan.back")}
        </Anchor>
        <Text>{plan.title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text c="dimmed" size="sm">
            {t(`kinds.${plan.kind}`)}
          </Text>
          <Title order={1}>{plan.title}</Title>
        </div>
        <PlanStatusBadge status={plan.status} />
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact
            label={t("plan.period")}
            value={t("home.period", { start: plan.periodStart, end: plan.periodEnd })}
          />
          <Fact label={t("plan.unit")} value={`${plan.orgUnit.code} — ${plan.orgUnit.name}`} />
          <Fact label={t("plan.authority")} value={plan.responsibleAuthority ?? "—"} />
        </SimpleGrid>
      </Paper>
      <PlanNotes planId={plan.id} canEdit={plan.viewerCanEdit} />
    </Stack>
  );
}
