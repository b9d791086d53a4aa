import { Badge, type MantineColor } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ActionStatusValue } from "./actionTableRows";

/** Same palette logic as the measurement point badges (client/ui/StatusBadge.tsx). */
export const ACTION_STATUS_COLORS: Record<ActionStatusValue, MantineColor> = {
  not_started: "gray",
  in_progress: "cyan",
  blocked: "red",
  done: "koers",
  cancelled: "dark",
};

/** Status in words on a tinted badge: the colour is never the only carrier. */
export function ActionStatusBadge({ status }: { status: ActionStatusValue }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={ACTION_STATUS_COLORS[status]}
      variant="light"
      size="md"
      data-status={status}
      className="status-badge"
    >
      {t(`actionStatus.${status}`)}
    </Badge>
  );
}
