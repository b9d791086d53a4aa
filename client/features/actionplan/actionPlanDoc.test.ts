import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BODY, NOTES, blockTexts, isBodyBlank, migrateNotes } from "./actionPlanDoc";

describe("migrateNotes", () => {
  it("turns each line of the earlier notes into a paragraph and clears the notes", () => {
    const doc = new Y.Doc();
    doc
      .getText(NOTES)
      .insert(0, "SD 1: meer werkzoekenden naar werk.\n\nAkkoord van de directieraad.");
    expect(migrateNotes(doc)).toBe(true);
    const body = doc.getXmlFragment(BODY);
    expect(body.toArray().map((n) => (n as Y.XmlElement).nodeName)).toEqual([
      "paragraph",
      "paragraph",
      "paragraph",
    ]);
    expect(blockTexts(body)).toEqual([
      "SD 1: meer werkzoekenden naar werk.",
      "",
      "Akkoord van de directieraad.",
    ]);
    expect(doc.getText(NOTES).toString()).toBe("");
    expect(migrateNotes(doc)).toBe(false);
  });

  it("leaves a body with text alone, and replaces one that only holds an empty paragraph", () => {
    const written = new Y.Doc();
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Reeds geschreven")]);
    written.getXmlFragment(BODY).insert(0, [p]);
    written.getText(NOTES).insert(0, "oude notitie");
    expect(migrateNotes(written)).toBe(false);
    expect(written.getText(NOTES).toString()).toBe("oude notitie");

    const blank = new Y.Doc();
    blank.getXmlFragment(BODY).insert(0, [new Y.XmlElement("paragraph")]);
    expect(isBodyBlank(blank.getXmlFragment(BODY))).toBe(true);
    blank.getText(NOTES).insert(0, "oude notitie");
    expect(migrateNotes(blank)).toBe(true);
    expect(blockTexts(blank.getXmlFragment(BODY))).toEqual(["oude notitie"]);
  });

  it("reaches a second copy of the document as one update", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText(NOTES).insert(0, "regel 1\nregel 2");
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateNotes(a);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    expect(blockTexts(b.getXmlFragment(BODY))).toEqual(["regel 1", "regel 2"]);
    expect(b.getText(NOTES).length).toBe(0);
  });
});

describe("blockTexts", () => {
  it("reads headings and list items without their formatting", () => {
    const doc = new Y.Doc();
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", "2");
    const text = new Y.XmlText();
    text.insert(0, "Acties <b> ");
    text.insert(11, "2025", { bold: {} });
    heading.insert(0, [text]);
    const list = new Y.XmlElement("bulletList");
    const item = new Y.XmlElement("listItem");
    const para = new Y.XmlElement("paragraph");
    para.insert(0, [new Y.XmlText("Opleiding plannen")]);
    item.insert(0, [para]);
    list.insert(0, [item]);
    doc.getXmlFragment(BODY).insert(0, [heading, list]);
    expect(blockTexts(doc.getXmlFragment(BODY))).toEqual(["Acties <b> 2025", "Opleiding plannen"]);
  });
});
