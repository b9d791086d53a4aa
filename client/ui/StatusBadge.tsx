import { Badge, Group, Text, type MantineColor } from "@mantine/core";
import "./StatusBadge.css";
import { useTranslation } from "react-i18next";
import type { PointStatusValue, Trend } from "../gql/graphql";
import { IconArrowDown, IconArrowRight, IconArrowUp, IconMinus } from "./icons";

export const POINT_STATUSES: PointStatusValue[] = [
  "on_track",
  "at_risk",
  "off_track",
  "done",
  "no_data",
];

export const STATUS_COLORS: Record<PointStatusValue, MantineColor> = {
  on_track: "green",
  at_risk: "orange",
  off_track: "red",
  done: "koers",
  no_data: "gray",
};

/** Traffic light plus words: the colour is never the only carrier of the status. */
export function PointStatusBadge({
  status,
  size = "md",
  overridden = false,
}: {
  status: PointStatusValue;
  size?: "sm" | "md" | "lg";
  overridden?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      size={size}
      leftSection={<span className={`status-light status-light--${status}`} aria-hidden="true" />}
      data-status={status}
      className="status-badge"
      title={overridden ? t("status.overridden") : undefined}
    >
      {t(`status.${status}`)}
      {overridden ? " *" : ""}
    </Badge>
  );
}

const TREND_ICONS = {
  improving: IconArrowUp,
  worsening: IconArrowDown,
  stable: IconArrowRight,
  unknown: IconMinus,
} as const;

const TREND_TONES: Record<Trend, string> = {
  improving: "tone-good",
  worsening: "tone-bad",
  stable: "tone-neutral",
  unknown: "tone-neutral",
};

export function TrendLabel({ trend }: { trend: Trend }) {
  const { t } = useTranslation();
  const Icon = TREND_ICONS[trend];
  return (
    <Group gap={4} wrap="nowrap" className={TREND_TONES[trend]}>
      <Icon size={16} />
      <Text size="sm" span>
        {t(`trend.${trend}`)}
      </Text>
    </Group>
  );
}
