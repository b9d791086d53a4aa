import { useTranslation } from "react-i18next";
import { PlanJsonLink } from "../transfer/PlanJsonLink";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Grid,
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
import { EditableTitle } from "../../ui/EditableTitle";
import { useFormat } from "../../ui/format";
import { IconChart, IconCycle } from "../../ui/icons";
import { quarterOf } from "../../ui/quarters";
import { RecordMeasurementForm } from "../indicators/RecordMeasurementForm";
import { StatusSummary } from "../cycles/StatusSummary";
import { PlanStatusBadge } from "./PlanStatusBadge";
import { PlanNotes } from "./PlanNotes";
import { ObjectiveTree } from "./ObjectiveTree";
import type { PlanIndicator } from "./MeasurementPointCard";
import "../../ui/tracking.css";

const PlanPageQuery = graphql(`
  query PlanPage($id: ID!, $pointsFirst: Int!) {
    plan(id: $id) {
      id
      title {
        text
      }
      kind
      status
      periodStart
      periodEnd
      responsibleAuthority
      viewerCanEdit
      version
      orgUnit {
        id
        code
        name
      }
      members {
        role
        user {
          id
          name
        }
      }
      rollup {
        ...StatusSummary_rollup
      }
      indicators {
        id
        name {
          text
        }
        unit
        measurementPoint {
          id
          code
        }
      }
      ...ObjectiveTree_plan
    }
    measurementPoints(planId: $id, first: $pointsFirst) {
      nodes {
        id
        code
        order
        objective {
          id
        }
        ...MeasurementPointCard_point
      }
    }
  }
`);

const UpdatePlanTitle = graphql(`
  mutation UpdatePlanTitle($id: ID!, $version: Int!, $title: String!) {
    updatePlan(id: $id, version: $version, input: { title: $title }) {
      id
      version
      title {
        text
      }
    }
  }
`);

/** The server's page limit; the largest mandate texts we know hold about 40 points. */
const POINTS_PER_PLAN = 100;

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
  const format = useFormat();
  const { id = "" } = useParams();
  const { data, loading, error } = useQuery(PlanPageQuery, {
    variables: { id, pointsFirst: POINTS_PER_PLAN },
  });
  const [updateTitle] = useMutation(UpdatePlanTitle);
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

  const quarter = quarterOf();
  const indicators: PlanIndicator[] = plan.indicators.map((i) => ({
    id: i.id,
    name: i.name.text,
    unit: i.unit,
    measurementPointId: i.measurementPoint?.id,
    pointCode: i.measurementPoint?.code,
  }));
  const members = plan.members.map((m) => ({ id: m.user.id, name: m.user.name }));

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/plans">
          {t("plan.back")}
        </Anchor>
        <Text>{plan.title.text}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text c="dimmed" size="sm">
            {t(`kinds.${plan.kind}`)}
          </Text>
          <EditableTitle
            value={plan.title.text}
            label={t("plan.thisPlan")}
            canEdit={plan.viewerCanEdit}
            onSave={(title) =>
              updateTitle({ variables: { id: plan.id, version: plan.version, title } })
            }
          >
            <Title order={1}>{plan.title.text}</Title>
          </EditableTitle>
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
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-end" gap="md">
          <div style={{ flex: "1 1 320px" }}>
            <StatusSummary
              rollup={plan.rollup}
              label={t("plan.statusNow", { period: format.period(quarter) })}
            />
          </div>
          <Group gap="xs">
            <Button
              component={Link}
              to={`/plans/${plan.id}/scoreboard/${quarter}`}
              variant="light"
              leftSection={<IconChart size={16} />}
            >
              {t("plan.scoreboardOf", { period: format.period(quarter) })}
            </Button>
            <Button
              component={Link}
              to={`/plans/${plan.id}/cycles/${quarter}`}
              variant="light"
              leftSection={<IconCycle size={16} />}
            >
              {t("plan.cycleOf", { period: format.period(quarter) })}
            </Button>
            <PlanJsonLink planId={plan.id} />
          </Group>
        </Group>
      </Paper>
      <Grid gap={32}>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <ObjectiveTree
            plan={plan}
            points={data.measurementPoints.nodes}
            indicators={indicators}
            members={members}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            {plan.viewerCanEdit && (
              <Paper withBorder p="md" component="section" aria-labelledby="record-heading">
                <Text component="h2" fw={650} size="lg" id="record-heading" mb="sm">
                  {t("measurement.formTitle")}
                </Text>
                {indicators.length ? (
                  <RecordMeasurementForm indicators={indicators} narrow />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t("measurement.noIndicatorsYet")}
                  </Text>
                )}
              </Paper>
            )}
            <PlanNotes planId={plan.id} canEdit={plan.viewerCanEdit} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
