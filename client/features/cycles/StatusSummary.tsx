import { useTranslation } from "react-i18next";
import { Group, Progress, Text } from "@mantine/core";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import type { PointStatusValue } from "../../gql/graphql";
import { POINT_STATUSES, STATUS_COLORS } from "../../ui/StatusBadge";

export const StatusSummaryFragment = graphql(`
  fragment StatusSummary_rollup on StatusRollup {
    value
    onTrack
    atRisk
    offTrack
    done
    noData
    total
  }
`);

/**
 * How many measurement points have each status: a stacked bar for the eye, and the same
 * counts as text (the bar is hidden from screen readers, the list says it all).
 */
export function StatusSummary(props: {
  rollup: FragmentType<typeof StatusSummaryFragment>;
  label: string;
}) {
  const { t } = useTranslation();
  const r = getFragmentData(StatusSummaryFragment, props.rollup);
  const counts: Record<PointStatusValue, number> = {
    on_track: r.onTrack,
    at_risk: r.atRisk,
    off_track: r.offTrack,
    done: r.done,
    no_data: r.noData,
  };
  return (
    <div className="status-summary">
      <Text size="sm" fw={600} mb={6}>
        {t("summary.heading", {
          label: props.label,
          points: t("summary.points", { count: r.total }),
        })}
      </Text>
      {r.total > 0 && (
        <Progress.Root size={14} aria-hidden="true" mb={8}>
          {POINT_STATUSES.filter((s) => counts[s] > 0).map((s) => (
            <Progress.Section
              key={s}
              value={(counts[s] / r.total) * 100}
              color={STATUS_COLORS[s] === "gray" ? "gray.4" : STATUS_COLORS[s]}
            />
          ))}
        </Progress.Root>
      )}
      <Group gap="md" component="ul" className="plain-list summary-legend">
        {POINT_STATUSES.map((s) => (
          <li key={s}>
            <Group gap={6} wrap="nowrap">
              <span className={`status-light status-light--${s}`} aria-hidden="true" />
              <Text size="sm" span>
                {t("summary.legend", { status: t(`status.${s}`) })} <strong>{counts[s]}</strong>
              </Text>
            </Group>
          </li>
        ))}
      </Group>
    </div>
  );
}
