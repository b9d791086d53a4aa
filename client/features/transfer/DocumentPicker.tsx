import { useId, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { Text } from "@mantine/core";
import { ACCEPT } from "./uploadDocument";
import { IconUpload } from "../../ui/icons";
import "./transfer.css";

interface Props {
  onFile(file: File): void;
  disabled?: boolean;
  /** A smaller zone, once a document has been read. */
  compact?: boolean;
  /** The id of an error message that describes the input. */
  errorId?: string;
}

/**
 * A file input whose label is the drop zone: the native input stays in the tab order
 * (visually hidden, its focus ring drawn on the label), so Enter or Space opens the
 * browser's file chooser, a click on the zone does the same, and a file can be dropped.
 */
export function DocumentPicker({ onFile, disabled = false, compact = false, errorId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const [isDragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };

  return (
    <div
      className="import-drop"
      data-compact={compact || undefined}
      data-dragging={isDragging || undefined}
      data-disabled={disabled || undefined}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <input
        id={id}
        type="file"
        className="import-drop__input"
        accept={ACCEPT}
        // Not `disabled`: that would drop the keyboard focus while a file uploads.
        aria-disabled={disabled || undefined}
        onKeyDown={(event) => {
          if (disabled && (event.key === "Enter" || event.key === " ")) event.preventDefault();
        }}
        onClick={(event) => disabled && event.preventDefault()}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}
        aria-invalid={errorId ? true : undefined}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared at once, so choosing the same file again (after fixing it) is a change.
          event.currentTarget.value = "";
          if (file && !disabled) onFile(file);
        }}
      />
      <label
        htmlFor={id}
        className="import-drop__label"
        onClick={(event) => disabled && event.preventDefault()}
      >
        <IconUpload size={compact ? 18 : 28} className="import-drop__icon" />
        <span>
          <span className="import-drop__action">
            {compact ? t("transfer.file.another") : t("transfer.file.choose")}
          </span>{" "}
          <span className="import-drop__or">{t("transfer.file.drop")}</span>
        </span>
      </label>
      <Text id={hintId} size="sm" c="dimmed" className="import-drop__hint">
        {t("transfer.file.hint")}
      </Text>
    </div>
  );
}
