import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@apollo/client/react";
import { Alert, Button, Group, Loader, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { graphql } from "../../gql";
import { errorText } from "../../ui/errors";
import type { ParseResult } from "../../../shared/planImport/types";
import { DocumentPicker } from "./DocumentPicker";
import { ImportEditor } from "./ImportEditor";
import { draftFromParse, planFieldsFromParse, type DraftNode } from "./importDraft";
import { RestorePlanPanel } from "./RestorePlanPanel";
import {
  kindOfFile,
  MAX_UPLOAD_BYTES,
  TransferError,
  transferErrorText,
  uploadDocument,
  type Upload,
} from "./uploadDocument";
import { IconFile } from "../../ui/icons";
import "./transfer.css";

const ImportPlanPageQuery = graphql(`
  query ImportPlanPage {
    viewer {
      id
      planningUnits {
        id
        code
        name
      }
    }
  }
`);

interface Uploading {
  name: string;
  fraction: number;
  isSent: boolean;
}

interface Read {
  /** Remounts the editor for each document read. */
  key: number;
  fileName: string;
  result: ParseResult;
  nodes: DraftNode[];
}

/**
 * /import: a document (Markdown, text, Word, PDF) is read by the server into a plan tree,
 * shown for correction, then created as a plan; a Koers plan export (.json) is restored.
 */
export default function ImportPlanPage() {
  const { t, i18n } = useTranslation();
  const { data, error } = useQuery(ImportPlanPageQuery);
  const units = data?.viewer?.planningUnits ?? [];
  const [uploading, setUploading] = useState<Uploading | null>(null);
  const upload = useRef<Upload | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // A cancelled upload is the user's own choice: said plainly, not as an error.
  const [isCancelled, setCancelled] = useState(false);
  const [read, setRead] = useState<Read | null>(null);
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  // Leaving the page stops an upload nobody will look at.
  useEffect(() => () => upload.current?.abort(), []);

  async function choose(file: File) {
    setFileError(null);
    setCancelled(false);
    const kind = kindOfFile(file.name);
    if (kind === "unsupported") return setFileError(t("transfer.file.wrongType"));
    if (file.size > MAX_UPLOAD_BYTES) return setFileError(t("transfer.file.tooLarge"));
    if (file.size === 0) return setFileError(t("transfer.file.empty"));
    if (kind === "planJson") {
      setRead(null);
      setRestoreFile(file);
      return;
    }
    const started = uploadDocument(
      file,
      i18n.language,
      (fraction) => setUploading((u) => u && { ...u, fraction }),
      () => setUploading((u) => u && { ...u, isSent: true }),
    );
    upload.current = started;
    setUploading({ name: file.name, fraction: 0, isSent: false });
    try {
      const result = await started.result;
      setRestoreFile(null);
      setRead({ key: Date.now(), fileName: file.name, result, nodes: draftFromParse(result) });
    } catch (failure) {
      // A failed or cancelled upload leaves any preview already on screen as it was.
      if (failure instanceof TransferError && failure.reason === "aborted") setCancelled(true);
      else setFileError(transferErrorText(failure, t));
    } finally {
      upload.current = null;
      setUploading(null);
    }
  }

  const hasSource = !!read || !!restoreFile;
  const percent = Math.round((uploading?.fraction ?? 0) * 100);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t("transfer.title")}</Title>
        <Text c="dimmed" mt={4} maw={760}>
          {t("transfer.intro")}
        </Text>
      </div>
      {error && (
        <Alert color="red" role="alert">
          {errorText(error, t)}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-label={t("transfer.file.section")}>
        <Stack gap="sm">
          {read && (
            <Group gap="xs" wrap="nowrap">
              <IconFile size={18} />
              <Text size="sm" truncate>
                {t("transfer.file.readFrom", { name: read.fileName })}
              </Text>
            </Group>
          )}
          <DocumentPicker
            onFile={(file) => void choose(file)}
            disabled={!!uploading}
            compact={hasSource}
            errorId={fileError ? "import-file-error" : undefined}
          />
          {fileError && (
            <Alert color="red" role="alert" id="import-file-error">
              {fileError}
            </Alert>
          )}
          {isCancelled && (
            <Text size="sm" c="dimmed" role="status">
              {t("transfer.upload.cancelled")}
            </Text>
          )}
          {uploading && (
            <div>
              <Group justify="space-between" gap="sm" wrap="nowrap">
                <Group gap="xs" wrap="nowrap" role="status" style={{ minWidth: 0 }}>
                  <Loader size="xs" />
                  <Text size="sm" truncate>
                    {uploading.isSent
                      ? t("transfer.upload.reading", { name: uploading.name })
                      : t("transfer.upload.sending", { name: uploading.name })}
                  </Text>
                </Group>
                <Group gap="sm" wrap="nowrap">
                  {!uploading.isSent && (
                    <Text size="sm" c="dimmed" aria-hidden="true">
                      {percent}%
                    </Text>
                  )}
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => upload.current?.abort()}
                  >
                    {t("transfer.upload.cancel")}
                  </Button>
                </Group>
              </Group>
              <Progress
                mt="xs"
                value={uploading.isSent ? 100 : percent}
                striped={uploading.isSent}
                animated={uploading.isSent}
                aria-label={t("transfer.upload.progress", { name: uploading.name })}
              />
            </div>
          )}
        </Stack>
      </Paper>
      {read &&
        (data ? (
          <ImportEditor
            key={read.key}
            initialFields={planFieldsFromParse(read.result, read.fileName, units[0]?.id ?? null)}
            initialNodes={read.nodes}
            warnings={read.result.warnings}
            fileName={read.fileName}
            units={units}
            onCancel={() => setRead(null)}
          />
        ) : (
          <Group gap="sm" role="status">
            <Loader size="sm" />
            <Text>{t("app.loading")}</Text>
          </Group>
        ))}
      {restoreFile && (
        <RestorePlanPanel
          key={`${restoreFile.name}-${restoreFile.lastModified}`}
          file={restoreFile}
          units={units}
          onCancel={() => setRestoreFile(null)}
        />
      )}
    </Stack>
  );
}
