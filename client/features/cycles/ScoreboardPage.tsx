import { useState } from "react";
import { ScoreboardExportMenu } from "../transfer/ScoreboardExportMenu";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { Link, useNavigate, useParams } from "react-router-dom";
import { graphql } from "../../gql";
import type { PointStatusValue } from "../../gql/graphql";
import { errorText } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { IconCycle, IconLock, IconPrinter } from "../../ui/icons";
import { POINT_STATUSES } from "../../ui/StatusBadge";
import { PeriodSwitcher } from "./PeriodSwitcher";
import { StatusSummary } from "./StatusSummary";
import { objectiveKey, rowOf, ScoreboardTable } from "./ScoreboardTable";
import "../../ui/tracking.css";
import "../../ui/print.css";

const ScoreboardPageQuery = graphql(`
  query ScoreboardPage($planId: ID!, $period: String!) {
    scoreboard(planId: $planId, period: $period) {
      period
      frozen
      phase
      generatedAt
      plan {
        id
        title {
          text
        }
        periodStart
        periodEnd
      }
      rollup {
        ...StatusSummary_rollup
      }
      rows {
        ...ScoreboardTable_row
      }
    }
  }
`);

export default function ScoreboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { id = "", period = "" } = useParams();
  const { data, loading, error } = useQuery(ScoreboardPageQuery, {
    variables: { planId: id, period },
  });
  const [status, setStatus] = useState<PointStatusValue | null>(null);
  const [objective, setObjective] = useState<string | null>(null);
  const [owner, setOwner] = useState("");
  const board = data?.scoreboard;

  if (loading && !board)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  if (error || !board)
    return (
      <Alert color="red" role="alert">
        {error ? errorText(error, t) : t("errors.NOT_FOUND")}
      </Alert>
    );

  const rows = board.rows.map(rowOf);
  const objectives = [...new Map(rows.map((r) => [objectiveKey(r), r.objectiveTitle])).entries()];
  const ownerText = owner.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      (!status || r.status === status) &&
      (!objective ||
        objectiveKey(r) === objective ||
        objectiveKey(r).startsWith(`${objective} ›`)) &&
      (!ownerText || r.owners.some((o) => o.toLowerCase().includes(ownerText))),
  );
  const filtered = shown.length !== rows.length;
  const periodLabel = format.period(board.period);
  const title = t("scoreboard.title", { period: periodLabel });

  return (
    <Stack gap="lg" className="scoreboard-page">
      <Breadcrumbs className="no-print">
        <Anchor component={Link} to="/plans">
          {t("plan.back")}
        </Anchor>
        <Anchor component={Link} to={`/plans/${board.plan.id}`}>
          {board.plan.title.text}
        </Anchor>
        <Text aria-current="page">{title}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" gap="md">
        <div>
          <Text c="dimmed" size="sm">
            {board.plan.title.text}
          </Text>
          <Group gap="sm" align="center">
            <Title order={1}>{title}</Title>
            {board.frozen ? (
              <Badge color="koers" variant="light" leftSection={<IconLock size={12} />}>
                {t("scoreboard.frozen")}
              </Badge>
            ) : (
              <Badge color="gray" variant="outline">
                {t("scoreboard.live")}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t("scoreboard.generatedAt", { date: format.dateTime(board.generatedAt) })}
            {board.phase ? ` · ${t("cycle.phaseIs", { phase: t(`phase.${board.phase}`) })}` : ""}
          </Text>
        </div>
        <Group gap="xs" className="no-print">
          <PeriodSwitcher
            period={board.period}
            fromYear={board.plan.periodStart}
            toYear={board.plan.periodEnd}
            onChange={(p) => navigate(`/plans/${board.plan.id}/scoreboard/${p}`)}
          />
          <Button
            component={Link}
            to={`/plans/${board.plan.id}/cycles/${board.period}`}
            variant="default"
            leftSection={<IconCycle size={16} />}
          >
            {t("scoreboard.toCycle")}
          </Button>
          <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t("scoreboard.print")}
          </Button>
          <ScoreboardExportMenu planId={board.plan.id} period={board.period} />
        </Group>
      </Group>
      {board.frozen ? (
        <Alert color="koers" variant="light" icon={<IconLock size={18} />} role="status">
          {t("scoreboard.frozenNote", { period: periodLabel })}
        </Alert>
      ) : (
        <Alert color="gray" variant="light" className="no-print">
          {t("scoreboard.liveNote", { period: periodLabel })}
        </Alert>
      )}
      <Paper withBorder p="md" className="avoid-break">
        <StatusSummary rollup={board.rollup} label={t("scoreboard.distribution")} />
      </Paper>
      <Paper
        withBorder
        p="md"
        className="no-print"
        component="section"
        aria-label={t("scoreboard.filters")}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t("scoreboard.filterStatus")}
            placeholder={t("scoreboard.all")}
            data={POINT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={status}
            onChange={(v) => setStatus(v as PointStatusValue | null)}
            clearable
          />
          <Select
            label={t("scoreboard.filterObjective")}
            placeholder={t("scoreboard.all")}
            data={objectives.map(([key, name]) => ({ value: key, label: `${key} — ${name}` }))}
            value={objective}
            onChange={setObjective}
            clearable
            searchable
          />
          <TextInput
            label={t("scoreboard.filterOwner")}
            placeholder={t("scoreboard.ownerPlaceholder")}
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
          />
        </SimpleGrid>
      </Paper>
      <Text size="sm" c="dimmed" role="status" className="no-print">
        {filtered
          ? t("scoreboard.showing", { shown: shown.length, total: rows.length })
          : t("summary.points", { count: rows.length })}
      </Text>
      {rows.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed">{t("scoreboard.empty")}</Text>
        </Paper>
      ) : shown.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text c="dimmed">{t("scoreboard.noMatch")}</Text>
        </Paper>
      ) : (
        <Paper withBorder className="scoreboard-paper">
          <ScoreboardTable rows={shown} caption={`${board.plan.title.text} — ${title}`} />
        </Paper>
      )}
    </Stack>
  );
}
