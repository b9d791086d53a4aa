import { useTranslation } from "react-i18next";
import { Alert, Avatar, Badge, Group, Paper, Stack, Text, Tooltip } from "@mantine/core";
import { useSession } from "../auth/session";
import { useSharedDoc, type ConnectionState } from "../realtime/useSharedDoc";
import { SharedTextArea } from "../realtime/SharedTextArea";

const CONNECTION_COLORS: Record<ConnectionState, string> = {
  connected: "green",
  syncing: "blue",
  connecting: "yellow",
  disconnected: "red",
};

/** The plan's shared notes, co-written live through its Yjs document `plan/<id>`. */
export function PlanNotes({ planId, canEdit }: { planId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { doc, connection, collaborators } = useSharedDoc(`plan/${planId}`, {
    id: user?.id ?? "anonymous",
    name: user?.name ?? "?",
  });

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs" aria-label={t("plan.presence")} role="group">
            <Text size="sm" c="dimmed">
              {t("plan.presence")}:
            </Text>
            <Avatar.Group>
              {collaborators.map((c) => (
                <Tooltip
                  key={c.clientId}
                  label={c.isSelf ? `${c.name} (${t("plan.you")})` : c.name}
                >
                  <Avatar
                    size="sm"
                    radius="xl"
                    color={c.color}
                    variant="filled"
                    aria-label={c.name}
                  >
                    {c.name.slice(0, 1)}
                  </Avatar>
                </Tooltip>
              ))}
            </Avatar.Group>
          </Group>
          <Badge
            color={CONNECTION_COLORS[connection]}
            variant="dot"
            role="status"
            data-connection={connection}
          >
            {t(`plan.connection.${connection}`)}
          </Badge>
        </Group>
        {!canEdit && (
          <Alert color="gray" variant="light">
            {t("plan.readOnly")}
          </Alert>
        )}
        {doc && (
          <SharedTextArea
            text={doc.getText("notes")}
            label={t("plan.notes")}
            description={t("plan.notesHint")}
            readOnly={!canEdit}
          />
        )}
      </Stack>
    </Paper>
  );
}
