import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Stepper,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { Link, useNavigate, useParams } from "react-router-dom";
import { graphql, getFragmentData } from "../../gql";
import type { PdcaPhase } from "../../gql/graphql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconChart, IconLock } from "../../ui/icons";
import { ActPanel } from "./ActPanel";
import { CheckPanel, type PointToAssess } from "./CheckPanel";
import { PeriodSwitcher } from "./PeriodSwitcher";
import "../../ui/tracking.css";

export const CycleFragment = graphql(`
  fragment CyclePage_cycle on PdcaCycle {
    id
    period
    phase
    version
    closedAt
    assessments {
      measurementPoint {
        id
      }
      status
      computedStatus
      comment
      assessedBy {
        id
        name
      }
      assessedAt
    }
    decisions {
      id
      kind
      text
      measurementPoint {
        id
        code
      }
      action {
        id
        title {
          text
        }
        dueDate
      }
      decidedBy {
        id
        name
      }
      decidedAt
    }
    missingAssessments {
      id
      code
      title {
        text
      }
    }
    history {
      from
      to
      by {
        id
        name
      }
      at
    }
  }
`);

const CyclePageQuery = graphql(`
  query CyclePage($planId: ID!, $period: String!) {
    plan(id: $planId) {
      id
      title {
        text
      }
      viewerCanEdit
      periodStart
      periodEnd
    }
    cycle(planId: $planId, period: $period) {
      ...CyclePage_cycle
    }
    scoreboard(planId: $planId, period: $period) {
      frozen
      rows {
        measurementPointId
        path
        code
        title
        objectiveTitle
        status
        statusSource
      }
    }
  }
`);

const OpenCycle = graphql(`
  mutation OpenCycle($planId: ID!, $period: String!) {
    openCycle(planId: $planId, period: $period) {
      ...CyclePage_cycle
    }
  }
`);
const AdvanceCycle = graphql(`
  mutation AdvanceCycle($id: ID!, $version: Int!) {
    advanceCycle(id: $id, version: $version) {
      ...CyclePage_cycle
    }
  }
`);
const CloseCycle = graphql(`
  mutation CloseCycle($id: ID!, $version: Int!) {
    closeCycle(id: $id, version: $version) {
      ...CyclePage_cycle
    }
  }
`);

const PHASES: PdcaPhase[] = ["plan", "do", "check", "act", "closed"];
const NEXT: Partial<Record<PdcaPhase, PdcaPhase>> = { plan: "do", do: "check", check: "act" };

export default function CyclePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { id = "", period = "" } = useParams();
  const { data, loading, error } = useQuery(CyclePageQuery, {
    variables: { planId: id, period },
  });
  const refetch = { refetchQueries: ["CyclePage"], awaitRefetchQueries: true };
  const [openCycle, opening] = useMutation(OpenCycle, refetch);
  const [advanceCycle, advancing] = useMutation(AdvanceCycle, refetch);
  const [closeCycle, closing] = useMutation(CloseCycle, refetch);
  // A refusal is about the cycle as it was: once the cycle changes (an assessment, a phase)
  // the message is stale and goes away.
  const [failure, setFailure] = useState<{
    error: unknown;
    version: number | null;
    closing: boolean;
  } | null>(null);
  const plan = data?.plan;

  if (loading && !data)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  if (error || !plan || !data)
    return (
      <Alert color="red" role="alert">
        {error ? errorText(error, t) : t("errors.NOT_FOUND")}
      </Alert>
    );

  const cycle = data.cycle ? getFragmentData(CycleFragment, data.cycle) : null;
  const periodLabel = format.period(period);
  const canEdit = plan.viewerCanEdit;
  const phaseIndex = cycle ? PHASES.indexOf(cycle.phase) : -1;
  const closed = cycle?.phase === "closed";
  const next = cycle ? NEXT[cycle.phase] : undefined;
  const failed = failure && failure.version === (cycle?.version ?? null) ? failure : null;
  const run = (closing: boolean, action: () => Promise<unknown>) => {
    setFailure(null);
    action().catch((error: unknown) =>
      setFailure({ error, version: cycle?.version ?? null, closing }),
    );
  };

  const byPoint = new Map(cycle?.assessments.map((a) => [a.measurementPoint.id, a]) ?? []);
  const points: PointToAssess[] = data.scoreboard.rows.map((r) => {
    const a = byPoint.get(r.measurementPointId);
    return {
      id: r.measurementPointId,
      code: r.code,
      title: r.title,
      objective: `${r.path.slice(0, -1).join(" › ")} ${r.objectiveTitle}`.trim(),
      computedStatus: a?.computedStatus ?? r.status,
      assessment: a
        ? { status: a.status, comment: a.comment, by: a.assessedBy.name, at: a.assessedAt }
        : null,
    };
  });

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to="/plans">
          {t("plan.back")}
        </Anchor>
        <Anchor component={Link} to={`/plans/${plan.id}`}>
          {plan.title.text}
        </Anchor>
        <Text aria-current="page">{t("cycle.title", { period: periodLabel })}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end">
        <div>
          <Text c="dimmed" size="sm">
            {plan.title.text}
          </Text>
          <Title order={1}>{t("cycle.title", { period: periodLabel })}</Title>
        </div>
        <Group gap="xs">
          <PeriodSwitcher
            period={period}
            fromYear={plan.periodStart}
            toYear={plan.periodEnd}
            onChange={(p) => navigate(`/plans/${plan.id}/cycles/${p}`)}
          />
          <Button
            component={Link}
            to={`/plans/${plan.id}/scoreboard/${period}`}
            variant="default"
            leftSection={<IconChart size={16} />}
          >
            {t("cycle.toScoreboard")}
          </Button>
        </Group>
      </Group>

      <Paper withBorder p="lg" radius="md">
        <Stepper
          active={closed ? PHASES.length : Math.max(phaseIndex, 0)}
          size="sm"
          aria-label={t("cycle.phases")}
          wrap
        >
          {PHASES.map((p) => (
            <Stepper.Step
              key={p}
              label={t(`phase.${p}`)}
              // Only the current phase says what it is about: five hints do not fit a row.
              description={cycle?.phase === p ? t(`phaseHint.${p}`) : undefined}
              aria-current={cycle?.phase === p ? "step" : undefined}
            />
          ))}
        </Stepper>
        <Text role="status" mt="md" fw={600}>
          {cycle
            ? t("cycle.phaseIs", { phase: t(`phase.${cycle.phase}`) })
            : t("cycle.none", { period: periodLabel })}
        </Text>
        {failed && (
          <Alert color="red" role="alert" variant="light" mt="sm">
            {errorText(failed.error, t)}
          </Alert>
        )}
        {failed?.closing && cycle && cycle.missingAssessments.length > 0 && (
          <Alert color="orange" variant="light" mt="sm" title={t("cycle.missingTitle")}>
            <List size="sm">
              {cycle.missingAssessments.map((m) => (
                <List.Item key={m.id}>
                  {m.code} {m.title.text}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {canEdit && !closed && (
          <Group mt="md" gap="sm">
            {!cycle && (
              <Button
                loading={opening.loading}
                onClick={() =>
                  run(false, () => openCycle({ variables: { planId: plan.id, period } }))
                }
              >
                {t("cycle.open", { period: periodLabel })}
              </Button>
            )}
            {cycle && next && (
              <Button
                loading={advancing.loading}
                onClick={() =>
                  run(false, () =>
                    advanceCycle({ variables: { id: cycle.id, version: cycle.version } }),
                  )
                }
              >
                {t("cycle.advance", { phase: t(`phase.${next}`) })}
              </Button>
            )}
            {cycle?.phase === "act" && (
              <Button
                color="green"
                leftSection={<IconLock size={16} />}
                loading={closing.loading}
                onClick={() =>
                  run(true, () =>
                    closeCycle({ variables: { id: cycle.id, version: cycle.version } }),
                  )
                }
              >
                {t("cycle.close")}
              </Button>
            )}
          </Group>
        )}
        {closed && cycle && (
          <Alert color="koers" variant="light" mt="md" icon={<IconLock size={18} />}>
            <Text size="sm">
              {t("cycle.closedNote", {
                date: format.dateTime(cycle.closedAt),
                period: periodLabel,
              })}
            </Text>
            <Anchor component={Link} to={`/plans/${plan.id}/scoreboard/${period}`} size="sm">
              {t("cycle.viewFrozen")}
            </Anchor>
          </Alert>
        )}
      </Paper>

      {cycle && (phaseIndex >= 2 || closed) && (
        <CheckPanel
          cycleId={cycle.id}
          points={points}
          editable={canEdit && (cycle.phase === "check" || cycle.phase === "act")}
        />
      )}
      {cycle && (phaseIndex >= 3 || closed) && (
        <ActPanel
          cycleId={cycle.id}
          planId={plan.id}
          editable={canEdit && cycle.phase === "act"}
          points={points.map((p) => ({ id: p.id, code: p.code, title: p.title }))}
          decisions={cycle.decisions.map((d) => ({
            id: d.id,
            kind: d.kind,
            text: d.text,
            pointCode: d.measurementPoint?.code,
            actionTitle: d.action?.title.text,
            actionDue: d.action?.dueDate,
            by: d.decidedBy.name,
            at: d.decidedAt,
          }))}
        />
      )}
      {cycle && cycle.history.length > 0 && (
        <section aria-labelledby="history-heading">
          <Text component="h2" fw={650} size="lg" id="history-heading" mb="sm">
            {t("cycle.history")}
          </Text>
          <Timeline active={cycle.history.length - 1} bulletSize={14} lineWidth={2}>
            {cycle.history.map((h, i) => (
              <Timeline.Item key={i} title={t(`phase.${h.to}`)}>
                <Text size="xs" c="dimmed">
                  {t("cycle.changedBy", { name: h.by.name, date: format.dateTime(h.at) })}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </section>
      )}
    </Stack>
  );
}
