import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ActionIcon, Button, Group, TextInput, Tooltip } from "@mantine/core";
import { fieldErrors, otherErrorText } from "./errors";
import { IconPencil } from "./icons";

interface Props {
  value: string;
  /** What is being renamed, for the edit button and the input ("objective SD 1"). */
  label: string;
  canEdit: boolean;
  onSave(value: string): Promise<unknown>;
  children: ReactNode;
}

/**
 * A title shown as `children`, with an edit button for those allowed. Enter saves, Escape
 * cancels; a refused save keeps the typed text and shows the server's message.
 */
export function EditableTitle({ value, label, canEdit, onSave, children }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!editing)
    return (
      <Group gap={4} wrap="nowrap" align="center" style={{ minWidth: 0, flex: "1 1 auto" }}>
        {children}
        {canEdit && (
          <Tooltip label={t("editing.editTitleOf", { name: label })}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t("editing.editTitleOf", { name: label })}
              onClick={() => {
                setDraft(value);
                setError(null);
                setEditing(true);
              }}
              className="no-print"
            >
              <IconPencil size={14} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) {
      setError(t("editing.titleRequired"));
      return;
    }
    setSaving(true);
    try {
      await onSave(draft.trim());
      setEditing(false);
      setError(null);
    } catch (e) {
      setError([fieldErrors(e).title, otherErrorText(e, ["title"], t)].filter(Boolean).join(" "));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate style={{ flex: 1 }}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={t("editing.titleOf", { name: label })}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") setEditing(false);
          }}
          error={error}
          autoFocus
          style={{ flex: 1 }}
        />
        <Button type="submit" size="sm" loading={saving}>
          {t("editing.save")}
        </Button>
        <Button variant="default" size="sm" onClick={() => setEditing(false)}>
          {t("editing.cancel")}
        </Button>
      </Group>
    </form>
  );
}
