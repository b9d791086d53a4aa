import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { useSession } from "../auth/session";
import { useSharedDoc } from "../realtime/useSharedDoc";
import { ConnectionBadge } from "../realtime/ConnectionBadge";
import { PresenceList } from "../realtime/PresenceList";
import { IconArrowRight } from "../../ui/icons";
import { BODY, NOTES, actionPlanDocName, blockTexts } from "../actionplan/actionPlanDoc";

/** How many blocks of the action plan the plan page shows. */
const PREVIEW_BLOCKS = 6;

/**
 * The plan's action plan on the plan page: who is writing in it, its first lines (live),
 * and the way to the editor. Notes written before the editor existed show until someone
 * who may write opens the editor, which carries them over.
 */
export function PlanNotes({ planId, canEdit }: { planId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { doc, connection, collaborators } = useSharedDoc(actionPlanDocName(planId), {
    id: user?.id ?? "anonymous",
    name: user?.name ?? "?",
  });
  const [lines, setLines] = useState<string[]>([]);

  useEffect(() => {
    if (!doc) return;
    const body = doc.getXmlFragment(BODY);
    const notes = doc.getText(NOTES);
    const update = () => {
      const text = blockTexts(body).filter((l) => l.trim());
      setLines(
        text.length
          ? text
          : notes
              .toString()
              .split("\n")
              .filter((l) => l.trim()),
      );
    };
    update();
    doc.on("update", update);
    return () => doc.off("update", update);
  }, [doc]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="action-plan-heading">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Text component="h2" fw={650} size="lg" id="action-plan-heading" m={0}>
            {t("collab.actionPlan.title")}
          </Text>
          <ConnectionBadge connection={connection} />
        </Group>
        <Text size="sm" c="dimmed">
          {t("collab.actionPlan.intro")}
        </Text>
        <PresenceList collaborators={collaborators} compact />
        <div
          aria-label={t("collab.actionPlan.preview")}
          role="region"
          data-testid="action-plan-preview"
        >
          {lines.length ? (
            <Stack gap={4}>
              {lines.slice(0, PREVIEW_BLOCKS).map((line, i) => (
                <Text key={i} size="sm" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
                  {line}
                </Text>
              ))}
              {lines.length > PREVIEW_BLOCKS && (
                <Text size="sm" c="dimmed">
                  …
                </Text>
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t("collab.actionPlan.empty")}
            </Text>
          )}
        </div>
        <Button
          component={Link}
          to={`/plans/${planId}/action-plan`}
          variant={canEdit ? "filled" : "light"}
          rightSection={<IconArrowRight />}
        >
          {t("collab.actionPlan.open")}
        </Button>
      </Stack>
    </Paper>
  );
}
