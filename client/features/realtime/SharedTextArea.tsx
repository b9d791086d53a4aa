import { useEffect, useRef } from "react";
import * as Y from "yjs";
import { Textarea } from "@mantine/core";

const LOCAL = Symbol("local-textarea");

/** Minimal change from `before` to `after`: one deletion then one insertion at `index`. */
export function diffText(before: string, after: string) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Moves a caret position through a Y.Text delta made by someone else. */
export function mapPosition(position: number, delta: Y.YTextEvent["delta"]): number {
  let index = 0; // position in the text before the change
  let shift = 0;
  for (const op of delta) {
    if (index > position) break;
    if (op.retain) index += op.retain;
    else if (typeof op.insert === "string") shift += op.insert.length;
    else if (op.delete) {
      shift -= Math.min(op.delete, Math.max(0, position - index));
      index += op.delete;
    }
  }
  return Math.max(0, position + shift);
}

interface Props {
  text: Y.Text;
  label: string;
  description?: string;
  readOnly?: boolean;
}

/** A plain textarea bound to a Y.Text: local typing becomes Yjs edits, remote edits keep the caret in place. */
export function SharedTextArea({ text, label, description, readOnly = false }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  // What the textarea showed after the last change, to diff the next input against.
  const shadow = useRef("");

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.value = text.toString();
    shadow.current = area.value;
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === LOCAL) return;
      const { selectionStart, selectionEnd } = area;
      const focused = document.activeElement === area;
      area.value = text.toString();
      shadow.current = area.value;
      if (focused)
        area.setSelectionRange(
          mapPosition(selectionStart, event.delta),
          mapPosition(selectionEnd, event.delta),
        );
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  return (
    <Textarea
      ref={ref}
      label={label}
      description={description}
      readOnly={readOnly}
      autosize
      minRows={8}
      maxRows={30}
      onInput={(e) => {
        const value = e.currentTarget.value;
        const change = diffText(shadow.current, value);
        shadow.current = value;
        text.doc?.transact(() => {
          if (change.remove) text.delete(change.index, change.remove);
          if (change.insert) text.insert(change.index, change.insert);
        }, LOCAL);
      }}
    />
  );
}
