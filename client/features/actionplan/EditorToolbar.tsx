import { useTranslation } from "react-i18next";
import { ActionIcon, Divider, Group, Tooltip } from "@mantine/core";
import { useEditorState, type Editor } from "@tiptap/react";
import { IconUndo } from "../../ui/icons";

type Level = 1 | 2 | 3;

/** Formatting buttons: real buttons with names, reachable by Tab, state announced by aria-pressed. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h1: e.isActive("heading", { level: 1 }),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });

  const button = (
    key: string,
    text: React.ReactNode,
    onClick: () => void,
    options: { active?: boolean; disabled?: boolean; shortcut?: string } = {},
  ) => {
    const label = t(`collab.toolbar.${key}`);
    return (
      <Tooltip label={options.shortcut ? `${label} (${options.shortcut})` : label} key={key}>
        <ActionIcon
          variant={options.active ? "filled" : "subtle"}
          color={options.active ? "blue.8" : "dark"}
          size="lg"
          aria-label={label}
          aria-pressed={options.active === undefined ? undefined : options.active}
          disabled={options.disabled}
          onClick={onClick}
        >
          {text}
        </ActionIcon>
      </Tooltip>
    );
  };

  const heading = (level: Level) =>
    button(
      `heading${level}`,
      <span className="toolbar-glyph">H{level}</span>,
      () => editor.chain().focus().toggleHeading({ level }).run(),
      { active: state[`h${level}`] },
    );

  return (
    <Group gap={4} role="toolbar" aria-label={t("collab.toolbar.label")} className="editor-toolbar">
      {heading(1)}
      {heading(2)}
      {heading(3)}
      <Divider orientation="vertical" />
      {button(
        "bold",
        <strong className="toolbar-glyph">B</strong>,
        () => editor.chain().focus().toggleBold().run(),
        { active: state.bold, shortcut: "Ctrl+B" },
      )}
      {button(
        "italic",
        <em className="toolbar-glyph">I</em>,
        () => editor.chain().focus().toggleItalic().run(),
        { active: state.italic, shortcut: "Ctrl+I" },
      )}
      <Divider orientation="vertical" />
      {button(
        "bulletList",
        <span className="toolbar-glyph" aria-hidden="true">
          •≡
        </span>,
        () => editor.chain().focus().toggleBulletList().run(),
        { active: state.bulletList },
      )}
      {button(
        "orderedList",
        <span className="toolbar-glyph" aria-hidden="true">
          1.
        </span>,
        () => editor.chain().focus().toggleOrderedList().run(),
        { active: state.orderedList },
      )}
      <Divider orientation="vertical" />
      {button("undo", <IconUndo size={18} />, () => editor.chain().focus().undo().run(), {
        disabled: !state.canUndo,
        shortcut: "Ctrl+Z",
      })}
      {button(
        "redo",
        <IconUndo size={18} style={{ transform: "scaleX(-1)" }} />,
        () => editor.chain().focus().redo().run(),
        { disabled: !state.canRedo, shortcut: "Ctrl+Shift+Z" },
      )}
    </Group>
  );
}
