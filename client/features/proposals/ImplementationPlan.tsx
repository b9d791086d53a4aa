import { useTranslation } from "react-i18next";
import { Group, Paper, Stack, Text } from "@mantine/core";
import { useSession } from "../auth/session";
import { useSharedDoc } from "../realtime/useSharedDoc";
import { ConnectionBadge } from "../realtime/ConnectionBadge";
import { PresenceList } from "../realtime/PresenceList";
import { SharedTextArea } from "../realtime/SharedTextArea";

/** The implementation plan, co-written live in the realtime document `proposal/<id>`. */
export function ImplementationPlan({ docName, canWrite }: { docName: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { doc, connection, collaborators } = useSharedDoc(docName, {
    id: user?.id ?? "anonymous",
    name: user?.name ?? "?",
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-heading">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text component="h2" id="plan-heading" fw={650} size="lg" m={0}>
            {t("proposals.plan.title")}
          </Text>
          <ConnectionBadge connection={connection} />
        </Group>
        <PresenceList collaborators={collaborators} compact />
        {doc ? (
          <SharedTextArea
            text={doc.getText("plan")}
            label={t("proposals.plan.label")}
            description={canWrite ? t("proposals.plan.help") : t("proposals.plan.readOnly")}
            readOnly={!canWrite}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t("app.loading")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
