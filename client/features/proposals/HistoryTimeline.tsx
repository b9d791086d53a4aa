import { useTranslation } from "react-i18next";
import { Text, Timeline } from "@mantine/core";
import { useFormat } from "../../ui/format";

interface Entry {
  from?: string | null;
  to: string;
  action: string;
  at: string;
  role?: string | null;
  actor?: { name: string } | null;
  reason?: string | null;
}

/** Every step of the path, oldest first; bodies (MT, college) appear as the body, not a person. */
export function HistoryTimeline({ history }: { history: Entry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Timeline active={history.length - 1} bulletSize={14} lineWidth={2}>
      {history.map((h, i) => (
        <Timeline.Item
          key={i}
          title={
            <Text size="sm" fw={600}>
              {t(`proposals.actions.${h.action}`)}
              {h.from !== h.to ? ` → ${t(`proposals.stages.${h.to}`)}` : ""}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {format.dateTime(h.at)} ·{" "}
            {h.actor?.name ?? (h.role ? t(`proposals.roles.${h.role}`) : "")}
            {h.actor && h.role ? ` (${t(`proposals.roles.${h.role}`)})` : ""}
          </Text>
          {h.reason && (
            <Text size="sm" className="proposal-text" mt={2}>
              {h.reason}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
