import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "@apollo/client/react";
import {
  Alert,
  Button,
  Drawer,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { graphql } from "../../gql";
import { errorText, fieldErrors } from "../../ui/errors";
import { useFormat } from "../../ui/format";
import { VersionView } from "./VersionView";

/** The server's limit on a version's name (server/realtime/versions.ts). */
export const MAX_VERSION_NAME_LENGTH = 200;

const DocumentVersionsQuery = graphql(`
  query DocumentVersions($docName: String!) {
    documentVersions(docName: $docName) {
      id
      name
      createdAt
      createdBy {
        id
        name
      }
    }
  }
`);

const SaveDocumentVersion = graphql(`
  mutation SaveDocumentVersion($docName: String!, $name: String!) {
    saveDocumentVersion(docName: $docName, name: $name) {
      id
      name
      createdAt
      createdBy {
        id
        name
      }
    }
  }
`);

const RestoreDocumentVersion = graphql(`
  mutation RestoreDocumentVersion($docName: String!, $id: ID!) {
    restoreDocumentVersion(docName: $docName, id: $id) {
      id
      name
    }
  }
`);

/** The name check the server makes, in the user's language, before anything is sent. */
export function validateVersionName(name: string): { key: string; max?: number } | null {
  const trimmed = name.trim();
  if (!trimmed) return { key: "collab.versions.nameRequired" };
  if (trimmed.length > MAX_VERSION_NAME_LENGTH)
    return { key: "collab.versions.nameTooLong", max: MAX_VERSION_NAME_LENGTH };
  return null;
}

interface Version {
  id: string;
  name: string;
  createdAt: unknown;
  createdBy?: { id: string; name: string } | null;
}

/** Save, list, view and restore named versions of the action plan, in a side drawer. */
export function VersionHistory({
  docName,
  opened,
  onClose,
  canWrite,
}: {
  docName: string;
  opened: boolean;
  onClose: () => void;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [viewing, setViewing] = useState<Version | null>(null);
  const [restoring, setRestoring] = useState<Version | null>(null);
  const { data, loading, error, refetch } = useQuery(DocumentVersionsQuery, {
    variables: { docName },
    skip: !opened,
    fetchPolicy: "cache-and-network",
  });
  const [save, saveState] = useMutation(SaveDocumentVersion);
  const [restore, restoreState] = useMutation(RestoreDocumentVersion);

  const onSave = async (event: React.FormEvent) => {
    event.preventDefault();
    setDone(null);
    const invalid = validateVersionName(name);
    if (invalid) {
      setNameError(t(invalid.key, { max: invalid.max }));
      return;
    }
    setNameError(null);
    try {
      const result = await save({ variables: { docName, name: name.trim() } });
      setName("");
      setDone(t("collab.versions.saved", { name: result.data?.saveDocumentVersion.name ?? "" }));
      await refetch();
    } catch (e) {
      setNameError(fieldErrors(e).name ?? errorText(e, t));
    }
  };

  const onRestore = async () => {
    if (!restoring) return;
    const version = restoring;
    try {
      await restore({ variables: { docName, id: version.id } });
      setRestoring(null);
      setViewing(null);
      setDone(t("collab.versions.restored", { name: version.name }));
    } catch {
      // The error stays shown in the confirmation dialog.
    }
  };

  const versions = data?.documentVersions ?? [];

  return (
    <>
      <Drawer
        opened={opened}
        onClose={onClose}
        position="right"
        size="lg"
        title={<Text fw={650}>{t("collab.versions.title")}</Text>}
        closeButtonProps={{ "aria-label": t("collab.versions.close") }}
      >
        {viewing ? (
          <VersionView
            docName={docName}
            version={viewing}
            canWrite={canWrite}
            onBack={() => setViewing(null)}
            onRestore={() => setRestoring(viewing)}
          />
        ) : (
          <Stack gap="md">
            {done && (
              <Alert color="green" variant="light" role="status">
                {done}
              </Alert>
            )}
            {canWrite ? (
              <form onSubmit={onSave} noValidate>
                <Stack gap="xs">
                  <Text size="sm" c="dimmed">
                    {t("collab.versions.intro")}
                  </Text>
                  <TextInput
                    label={t("collab.versions.nameLabel")}
                    placeholder={t("collab.versions.namePlaceholder")}
                    value={name}
                    onChange={(e) => setName(e.currentTarget.value)}
                    error={nameError}
                    required
                    maxLength={MAX_VERSION_NAME_LENGTH + 50}
                  />
                  <Group justify="flex-end">
                    <Button type="submit" loading={saveState.loading}>
                      {t("collab.versions.save")}
                    </Button>
                  </Group>
                </Stack>
              </form>
            ) : (
              <Text size="sm" c="dimmed">
                {t("collab.versions.readOnlyHint")}
              </Text>
            )}
            <Text component="h3" fw={650} size="md" m={0} id="versions-list-heading">
              {t("collab.versions.list")}
            </Text>
            {error && (
              <Alert color="red" role="alert">
                {t("collab.versions.loadError")} {errorText(error, t)}
              </Alert>
            )}
            {loading && !data ? (
              <Group gap="xs" role="status">
                <Loader size="sm" />
                <Text size="sm">{t("app.loading")}</Text>
              </Group>
            ) : versions.length === 0 && !error ? (
              <Text size="sm" c="dimmed">
                {t("collab.versions.empty")}
              </Text>
            ) : (
              <Stack
                component="ul"
                gap="xs"
                aria-labelledby="versions-list-heading"
                style={{ listStyle: "none", margin: 0, padding: 0 }}
              >
                {versions.map((v) => (
                  <Paper component="li" withBorder p="sm" key={v.id}>
                    <Group justify="space-between" wrap="wrap" gap="xs">
                      <div style={{ minWidth: 0, flex: "1 1 200px" }}>
                        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                          {v.name}
                        </Text>
                        <Text size="sm" c="dimmed">
                          {format.dateTime(v.createdAt as string)} ·{" "}
                          {v.createdBy
                            ? t("collab.versions.by", { name: v.createdBy.name })
                            : t("collab.versions.unknownAuthor")}
                        </Text>
                      </div>
                      <Group gap="xs">
                        <Button
                          variant="light"
                          size="xs"
                          aria-label={t("collab.versions.viewLabel", { name: v.name })}
                          onClick={() => setViewing(v)}
                        >
                          {t("collab.versions.view")}
                        </Button>
                        {canWrite && (
                          <Button
                            variant="default"
                            size="xs"
                            aria-label={t("collab.versions.restoreLabel", { name: v.name })}
                            onClick={() => setRestoring(v)}
                          >
                            {t("collab.versions.restore")}
                          </Button>
                        )}
                      </Group>
                    </Group>
                  </Paper>
                ))}
              </Stack>
            )}
          </Stack>
        )}
      </Drawer>
      <Modal
        opened={restoring !== null}
        onClose={() => setRestoring(null)}
        title={<Text fw={650}>{t("collab.versions.restoreTitle")}</Text>}
        zIndex={400}
      >
        <Stack gap="md">
          <Text>{t("collab.versions.restoreText", { name: restoring?.name ?? "" })}</Text>
          {restoreState.error && (
            <Alert color="red" role="alert">
              {errorText(restoreState.error, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRestoring(null)}>
              {t("collab.versions.cancel")}
            </Button>
            <Button color="orange.8" loading={restoreState.loading} onClick={onRestore}>
              {t("collab.versions.restoreConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
