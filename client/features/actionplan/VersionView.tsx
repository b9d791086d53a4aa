import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import { Alert, Button, Group, Loader, Stack, Text } from "@mantine/core";
import * as Y from "yjs";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import { IconChevronLeft } from "../../ui/icons";
import { ReadOnlyActionPlan } from "./ActionPlanEditor";

const DocumentVersionContentQuery = graphql(`
  query DocumentVersionContent($docName: String!, $id: ID!) {
    documentVersionContent(docName: $docName, id: $id)
  }
`);

/** A saved state (base64 Yjs update) loaded into a document of its own, never connected. */
export function docFromBase64(state: string): Y.Doc {
  const doc = new Y.Doc();
  const binary = atob(state);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  Y.applyUpdate(doc, bytes);
  return doc;
}

/** One version, read only, with a way back and (for writers) to restore it. */
export function VersionView({
  docName,
  version,
  canWrite,
  onBack,
  onRestore,
}: {
  docName: string;
  version: { id: string; name: string };
  canWrite: boolean;
  onBack: () => void;
  onRestore: () => void;
}) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(DocumentVersionContentQuery, {
    variables: { docName, id: version.id },
  });
  const content = data?.documentVersionContent;
  const doc = useMemo(() => (content ? docFromBase64(content) : null), [content]);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Button variant="subtle" leftSection={<IconChevronLeft />} onClick={onBack} px="xs">
          {t("collab.versions.backToList")}
        </Button>
        {canWrite && (
          <Button variant="default" onClick={onRestore}>
            {t("collab.versions.restore")}
          </Button>
        )}
      </Group>
      <Text component="h3" fw={650} m={0} style={{ overflowWrap: "anywhere" }}>
        {t("collab.versions.viewing", { name: version.name })}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {errorText(error, t)}
        </Alert>
      )}
      {loading && (
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text size="sm">{t("app.loading")}</Text>
        </Group>
      )}
      {doc && <ReadOnlyActionPlan key={version.id} doc={doc} />}
    </Stack>
  );
}
