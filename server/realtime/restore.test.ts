import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import { computeRestoreUpdate } from "./restore";

/**
 * A writer edits every kind of top-level type; the server's copy (gc on,
 * generic types, as in a Room) saves a version, more edits follow, then the
 * restore update is computed on the server's copy and applied everywhere.
 */
type Op = [kind: number, a: number, b: number];

function edit(doc: Y.Doc, [kind, a, b]: Op, i: number): void {
  const text = doc.getText("notes");
  const map = doc.getMap<unknown>("actions");
  const array = doc.getArray<unknown>("rows");
  const xml = doc.getXmlFragment("body");
  switch (kind % 9) {
    case 0:
      text.insert(a % (text.length + 1), `t${i} `, b % 3 === 0 ? { bold: true } : undefined);
      break;
    case 1:
      if (text.length) text.delete(a % text.length, 1 + (b % 4));
      break;
    case 2:
      if (text.length) text.format(a % text.length, 1 + (b % 5), { italic: b % 2 === 0 || null });
      break;
    case 3:
      map.set(`k${a % 4}`, b % 2 ? `v${i}` : new Y.Map([["owner", `u${i}`]]));
      break;
    case 4:
      map.delete(`k${a % 4}`);
      break;
    case 5:
      array.insert(a % (array.length + 1), [b % 2 ? i : new Y.Text(`cell ${i}`)]);
      break;
    case 6:
      if (array.length) array.delete(a % array.length, 1);
      break;
    case 7: {
      const p = new Y.XmlElement("paragraph");
      p.setAttribute("level", String(b % 3));
      p.insert(0, [new Y.XmlText(`para ${i}`)]);
      xml.insert(a % (xml.length + 1), [p]);
      break;
    }
    default:
      if (xml.length) xml.delete(a % xml.length, 1);
  }
}

function contentOf(doc: Y.Doc) {
  return {
    notes: doc.getText("notes").toDelta(),
    actions: doc.getMap("actions").toJSON(),
    rows: doc.getArray("rows").toJSON(),
    body: doc.getXmlFragment("body").toString(),
  };
}

function contentOfState(state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return contentOf(doc);
}

const ops = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 40 });

describe("restoring a version", () => {
  it("makes every kind of shared type equal to the version, as a new edit", () => {
    fc.assert(
      fc.property(ops, ops, ops, (before, after, offline) => {
        const server = new Y.Doc({ gc: true });
        const writer = new Y.Doc();
        const away = new Y.Doc();
        writer.on("update", (u: Uint8Array) => Y.applyUpdate(server, u));
        before.forEach((op, i) => edit(writer, op, i));
        Y.applyUpdate(away, Y.encodeStateAsUpdate(server));
        const version = Y.encodeStateAsUpdate(server);
        after.forEach((op, i) => edit(writer, op, 1000 + i));

        const restore = computeRestoreUpdate(server, version);
        Y.applyUpdate(server, restore);
        Y.applyUpdate(writer, restore);
        expect(contentOf(writer)).toEqual(contentOfState(version));
        expect(contentOfState(Y.encodeStateAsUpdate(server))).toEqual(contentOfState(version));

        // A client that was away since the version merges without duplicates.
        Y.applyUpdate(away, Y.encodeStateAsUpdate(server, Y.encodeStateVector(away)));
        expect(contentOf(away)).toEqual(contentOfState(version));

        // Restoring again, after more edits, is fine too.
        offline.forEach((op, i) => edit(writer, op, 2000 + i));
        Y.applyUpdate(server, Y.encodeStateAsUpdate(writer, Y.encodeStateVector(server)));
        Y.applyUpdate(writer, computeRestoreUpdate(server, version));
        expect(contentOf(writer)).toEqual(contentOfState(version));
      }),
      { numRuns: 300 },
    );
  });

  it("changes nothing visible when the document already equals the version", () => {
    const doc = new Y.Doc();
    doc.getText("notes").insert(0, "Doel 1");
    const version = Y.encodeStateAsUpdate(doc);
    Y.applyUpdate(doc, computeRestoreUpdate(doc, version));
    expect(doc.getText("notes").toString()).toBe("Doel 1");
  });
});
