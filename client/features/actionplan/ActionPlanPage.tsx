import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router-dom";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { IconLock } from "../../ui/icons";
import { useSession } from "../auth/session";
import { useSharedDoc } from "../realtime/useSharedDoc";
import { colorFor } from "../realtime/colors";
import { ConnectionBadge } from "../realtime/ConnectionBadge";
import { PresenceList } from "../realtime/PresenceList";
import { ActionPlanEditor } from "./ActionPlanEditor";
import { ActionTable } from "./ActionTable";
import { VersionHistory } from "./VersionHistory";
import { actionPlanDocName, migrateNotes } from "./actionPlanDoc";

const ActionPlanPageQuery = graphql(`
  query ActionPlanPage($id: ID!) {
    plan(id: $id) {
      id
      title {
        text
      }
      viewerCanEdit
    }
  }
`);

/**
 * The action plan of a plan, co-written live: rich text with everyone's carets, who is
 * here, the connection state, and the named versions. Edits made offline are kept in this
 * browser and merged when the connection returns.
 */
export default function ActionPlanPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { data, loading, error } = useQuery(ActionPlanPageQuery, { variables: { id } });
  const plan = data?.plan;

  if (loading && !plan)
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>{t("app.loading")}</Text>
      </Group>
    );
  if (error || !plan)
    return (
      <Alert color="red" role="alert">
        {error ? errorText(error, t) : t("errors.NOT_FOUND")}
      </Alert>
    );

  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6} style={{ flexWrap: "wrap" }}>
        <Anchor component={Link} to="/plans">
          {t("plan.back")}
        </Anchor>
        <Anchor component={Link} to={`/plans/${plan.id}`} style={{ overflowWrap: "anywhere" }}>
          {plan.title.text}
        </Anchor>
        <Text>{t("collab.actionPlan.title")}</Text>
      </Breadcrumbs>
      <SharedActionPlan
        planId={plan.id}
        planTitle={plan.title.text}
        canWrite={plan.viewerCanEdit}
      />
    </Stack>
  );
}

function SharedActionPlan({
  planId,
  planTitle,
  canWrite,
}: {
  planId: string;
  planTitle: string;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [historyOpen, setHistoryOpen] = useState(false);
  const docName = actionPlanDocName(planId);
  const me = useMemo(
    () => ({
      id: user?.id ?? "anonymous",
      name: user?.name ?? "?",
      color: colorFor(user?.id ?? "anonymous"),
    }),
    [user?.id, user?.name],
  );
  const { doc, provider, connection, collaborators, hasSynced, isLocalLoaded } = useSharedDoc(
    docName,
    me,
    { persist: true },
  );

  // Only once the server's state is known: an empty body may just not have arrived yet.
  useEffect(() => {
    if (doc && hasSynced && canWrite) migrateNotes(doc);
  }, [doc, hasSynced, canWrite]);

  const isReady = doc && provider && (hasSynced || isLocalLoaded);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ flex: "1 1 280px", minWidth: 0 }}>
          <Text c="dimmed" size="sm" style={{ overflowWrap: "anywhere" }}>
            {planTitle}
          </Text>
          <Title order={1}>{t("collab.actionPlan.title")}</Title>
        </div>
        <Group gap="sm" wrap="wrap">
          <ConnectionBadge connection={connection} />
          <Button variant="light" onClick={() => setHistoryOpen(true)}>
            {t("collab.versions.open")}
          </Button>
        </Group>
      </Group>
      <PresenceList collaborators={collaborators} />
      {!canWrite && (
        <Alert color="gray" variant="light" icon={<IconLock />} role="note">
          {t("collab.readOnly")}
        </Alert>
      )}
      {connection === "disconnected" && canWrite && (
        <Alert color="orange" variant="light" role="status">
          {t("collab.connection.offlineNote")}
        </Alert>
      )}
      {isReady ? (
        <ActionPlanEditor doc={doc} provider={provider} user={me} editable={canWrite} />
      ) : (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t("collab.actionPlan.loading")}</Text>
        </Group>
      )}
      {isReady && <ActionTable doc={doc} readOnly={!canWrite} planId={planId} />}
      <VersionHistory
        docName={docName}
        opened={historyOpen}
        onClose={() => setHistoryOpen(false)}
        canWrite={canWrite}
      />
    </Stack>
  );
}
