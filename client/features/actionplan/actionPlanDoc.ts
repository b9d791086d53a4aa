import * as Y from "yjs";

/** The action plan of plan `<id>` is the Yjs document `plan/<id>`. */
export const actionPlanDocName = (planId: string) => `plan/${planId}`;

/** Rich text of the action plan (ProseMirror nodes through y-prosemirror). */
export const BODY = "body";
/** Plain-text notes written before the rich-text editor existed. */
export const NOTES = "notes";

/** Transaction origin of the notes migration (kept out of everyone's undo history). */
export const MIGRATION = Symbol("notes-migration");

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert?: unknown }[])
    .map((op) => (typeof op.insert === "string" ? op.insert : ""))
    .join("");
}

/** The text of the body, one string per block (paragraph, heading, list item). */
export function blockTexts(fragment: Y.XmlFragment): string[] {
  const lines: string[] = [];
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment) => {
    if (node instanceof Y.XmlText) return;
    const children = node.toArray();
    const hasText = children.some((c) => c instanceof Y.XmlText);
    if (hasText && node instanceof Y.XmlElement) {
      lines.push(children.map((c) => (c instanceof Y.XmlText ? plainText(c) : "")).join(""));
      return;
    }
    for (const child of children) {
      if (child instanceof Y.XmlElement) {
        if (child.length === 0 && child.nodeName === "paragraph") lines.push("");
        else visit(child);
      }
    }
  };
  visit(fragment);
  return lines;
}

/** True when the body holds no text (nothing, or only empty paragraphs an editor put there). */
export function isBodyBlank(fragment: Y.XmlFragment): boolean {
  return blockTexts(fragment).every((line) => line.trim() === "");
}

/**
 * Moves the plain-text notes into the rich-text body, one paragraph per line, and clears
 * them, in one transaction: whoever writes first after the editor arrived carries over
 * what was written before, and nothing is lost. Does nothing when the body has text or
 * there are no notes. Returns whether it migrated.
 */
export function migrateNotes(doc: Y.Doc): boolean {
  const body = doc.getXmlFragment(BODY);
  const notes = doc.getText(NOTES);
  if (notes.length === 0 || !isBodyBlank(body)) return false;
  doc.transact(() => {
    if (body.length) body.delete(0, body.length);
    const paragraphs = notes
      .toString()
      .replace(/\r\n?/g, "\n")
      .split("\n")
      .map((line) => {
        const paragraph = new Y.XmlElement("paragraph");
        if (line) paragraph.insert(0, [new Y.XmlText(line)]);
        return paragraph;
      });
    body.insert(0, paragraphs);
    notes.delete(0, notes.length);
  }, MIGRATION);
  return true;
}
