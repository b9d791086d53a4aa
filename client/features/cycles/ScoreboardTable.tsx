import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import type { ScoreboardTable_RowFragment } from "../../gql/graphql";
import { useFormat } from "../../ui/format";
import { PointStatusBadge, TrendLabel } from "../../ui/StatusBadge";

export const ScoreboardRowFragment = graphql(`
  fragment ScoreboardTable_row on ScoreboardRow {
    measurementPointId
    path
    objectiveTitle
    code
    title
    owners
    status
    statusSource
    statusReason
    targets {
      text
      deadline
      goal
    }
    indicatorName
    unit
    latestValue
    latestPeriod
    previousValue
    trend
    comment
    actionsDone
    actionsTotal
  }
`);

export type ScoreboardRow = ScoreboardTable_RowFragment;

export function rowOf(ref: FragmentType<typeof ScoreboardRowFragment>): ScoreboardRow {
  return getFragmentData(ScoreboardRowFragment, ref);
}

/** The objective a row sits under, as its code path ("SD 1 › 1.2"). */
export function objectiveKey(row: ScoreboardRow): string {
  return row.path.slice(0, -1).join(" › ") || row.path.join(" › ");
}

const COLUMNS = 7;

/** The board: one row per measurement point, grouped under their objective. */
export function ScoreboardTable({ rows, caption }: { rows: ScoreboardRow[]; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const groups = new Map<string, ScoreboardRow[]>();
  for (const row of rows) {
    const key = objectiveKey(row);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }

  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" className="scoreboard-table" withRowBorders>
        <Table.Caption className="visually-hidden-caption">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("scoreboard.columns.point")}</Table.Th>
            <Table.Th scope="col">{t("scoreboard.columns.status")}</Table.Th>
            <Table.Th scope="col">{t("scoreboard.columns.trend")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("scoreboard.columns.latest")}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t("scoreboard.columns.previous")}
            </Table.Th>
            <Table.Th scope="col">{t("scoreboard.columns.comment")}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t("scoreboard.columns.actions")}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...groups.entries()].map(([key, group]) => (
            <Fragment key={key}>
              <Table.Tr className="scoreboard-group">
                <Table.Th scope="colgroup" colSpan={COLUMNS}>
                  {key} — {group[0]!.objectiveTitle}
                </Table.Th>
              </Table.Tr>
              {group.map((row) => (
                <Table.Tr key={row.measurementPointId} data-status={row.status}>
                  <Table.Th scope="row" fw={400} className="scoreboard-point">
                    <Anchor component={Link} to={`/points/${row.measurementPointId}`} fw={600}>
                      {row.code} {row.title}
                    </Anchor>
                    {row.targets.map((target, i) => (
                      <Text size="xs" c="dimmed" key={i}>
                        {target.text}
                        {target.deadline ? ` · ${format.deadlineText(target.deadline)}` : ""}
                      </Text>
                    ))}
                    {row.owners.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {t("point.owners", { names: row.owners.join(", ") })}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td className="nowrap">
                    <PointStatusBadge
                      status={row.status}
                      overridden={row.statusSource === "assessment"}
                    />
                    {row.statusSource === "assessment" && (
                      <Text size="xs" c="dimmed" mt={4}>
                        {t("status.assessed")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <TrendLabel trend={row.trend} />
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text fw={600} size="sm">
                      {format.number(row.latestValue, row.unit)}
                    </Text>
                    {row.latestPeriod && (
                      <Text size="xs" c="dimmed">
                        {format.period(row.latestPeriod)}
                      </Text>
                    )}
                    {row.indicatorName && (
                      <Text size="xs" c="dimmed">
                        {row.indicatorName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text size="sm">{format.number(row.previousValue, row.unit)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {row.comment ??
                        (row.statusSource === "assessment" ? row.statusReason : null) ??
                        "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text size="sm">
                      {t("scoreboard.actionsDone", {
                        done: row.actionsDone,
                        total: row.actionsTotal,
                      })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
