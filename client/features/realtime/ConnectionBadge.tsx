import { useTranslation } from "react-i18next";
import { Badge } from "@mantine/core";
import type { ConnectionState } from "./useSharedDoc";

const COLORS: Record<ConnectionState, string> = {
  connected: "green.8",
  syncing: "blue.8",
  connecting: "yellow.9",
  disconnected: "red.8",
};

/** The connection state in words (online, syncing, offline), not only in colour. */
export function ConnectionBadge({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[connection]}
      variant="dot"
      size="lg"
      role="status"
      aria-live="polite"
      data-connection={connection}
      styles={{ label: { textTransform: "none" } }}
    >
      {t(`collab.connection.${connection}`)}
    </Badge>
  );
}
