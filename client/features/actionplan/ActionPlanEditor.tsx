import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type * as Y from "yjs";
import type { WebsocketProvider } from "y-websocket";
import { BODY } from "./actionPlanDoc";
import { EditorToolbar } from "./EditorToolbar";
import "./actionPlan.css";

export interface CaretUser {
  id: string;
  name: string;
  color: string;
}

/** Another person's caret: a thin bar in their colour with their name above it. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === "string" ? user.name : "?";
  const color = typeof user.color === "string" ? user.color : "#495057";
  const caret = document.createElement("span");
  caret.className = "collab-caret";
  caret.style.borderColor = color;
  caret.dataset.userName = name;
  const label = document.createElement("span");
  label.className = "collab-caret__label";
  label.style.backgroundColor = color;
  label.textContent = name;
  caret.append(label);
  return caret;
}

function renderSelection(user: Record<string, unknown>) {
  const color = typeof user.color === "string" ? user.color : "#495057";
  return { nodeName: "span", class: "collab-selection", style: `background-color: ${color}33` };
}

/** The rich-text editor bound to the Y.XmlFragment "body"; without a provider it is a read-only view. */
export function useActionPlanEditor({
  doc,
  provider,
  user,
  editable,
  label,
}: {
  doc: Y.Doc;
  provider: WebsocketProvider | null;
  user: CaretUser | null;
  editable: boolean;
  label: string;
}): Editor | null {
  const editor = useEditor(
    {
      editable,
      extensions: [
        // Yjs keeps the undo history (only one's own edits are undone), not ProseMirror.
        StarterKit.configure({ undoRedo: false, link: false }),
        Collaboration.configure({ document: doc, field: BODY }),
        ...(provider && user
          ? [
              CollaborationCaret.configure({
                provider,
                user,
                render: renderCaret,
                selectionRender: renderSelection,
              }),
            ]
          : []),
      ],
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          "aria-readonly": String(!editable),
          class: "action-plan-prose",
        },
      },
    },
    [doc, provider, user?.id, user?.name, user?.color],
  );

  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    editor.setEditable(editable);
    editor.setOptions({
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          "aria-readonly": String(!editable),
          class: "action-plan-prose",
        },
      },
    });
  }, [editor, editable, label]);

  return editor;
}

/** The co-written action plan: toolbar (when writable) and the text with everyone's carets. */
export function ActionPlanEditor({
  doc,
  provider,
  user,
  editable,
}: {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: CaretUser;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const editor = useActionPlanEditor({
    doc,
    provider,
    user,
    editable,
    label: t("collab.actionPlan.editorLabel"),
  });
  return (
    <div className="action-plan-editor" data-editable={editable}>
      {editable && editor && <EditorToolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}

/** A version's content, read-only, in a document of its own. */
export function ReadOnlyActionPlan({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const editor = useActionPlanEditor({
    doc,
    provider: null,
    user: null,
    editable: false,
    label: t("collab.actionPlan.editorLabel"),
  });
  return (
    <div className="action-plan-editor" data-editable={false}>
      <EditorContent editor={editor} />
    </div>
  );
}
