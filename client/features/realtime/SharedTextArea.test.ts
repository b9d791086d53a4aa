import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { diffText, mapPosition } from "./SharedTextArea";

describe("diffText", () => {
  it("finds one insertion, one deletion or one replacement", () => {
    expect(diffText("abc", "abXc")).toEqual({ index: 2, remove: 0, insert: "X" });
    expect(diffText("abc", "ac")).toEqual({ index: 1, remove: 1, insert: "" });
    expect(diffText("hello world", "hello there")).toEqual({
      index: 6,
      remove: 5,
      insert: "there",
    });
    expect(diffText("aaa", "aaaa")).toEqual({ index: 3, remove: 0, insert: "a" });
  });

  it("replays to the new text when applied to a Y.Text", () => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, "Meetpunt 1.1: doorlopend");
    const change = diffText(text.toString(), "Meetpunt 1.2: tegen maart 2025");
    text.delete(change.index, change.remove);
    text.insert(change.index, change.insert);
    expect(text.toString()).toBe("Meetpunt 1.2: tegen maart 2025");
  });
});

describe("mapPosition", () => {
  const deltaOf = (before: string, edit: (t: Y.Text) => void) => {
    const doc = new Y.Doc();
    const text = doc.getText("t");
    text.insert(0, before);
    let delta: Y.YTextEvent["delta"] = [];
    text.observe((e) => (delta = e.delta));
    edit(text);
    return delta;
  };

  it("moves the caret right for text inserted before it, not after", () => {
    const delta = deltaOf("abcdef", (t) => t.insert(1, "XY"));
    expect(mapPosition(4, delta)).toBe(6);
    expect(mapPosition(0, delta)).toBe(0);
  });

  it("moves the caret left for text deleted before it and clamps inside a deletion", () => {
    const delta = deltaOf("abcdef", (t) => t.delete(1, 3));
    expect(mapPosition(5, delta)).toBe(2);
    expect(mapPosition(2, delta)).toBe(1);
  });
});
