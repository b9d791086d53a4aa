import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MAX_VERSION_NAME_LENGTH, validateVersionName } from "./VersionHistory";
import { docFromBase64 } from "./VersionView";
import { BODY, blockTexts } from "./actionPlanDoc";

describe("validateVersionName", () => {
  it("requires a name and caps its length like the server", () => {
    expect(validateVersionName("   ")).toEqual({ key: "collab.versions.nameRequired" });
    expect(validateVersionName("x".repeat(MAX_VERSION_NAME_LENGTH + 1))).toEqual({
      key: "collab.versions.nameTooLong",
      max: MAX_VERSION_NAME_LENGTH,
    });
    expect(validateVersionName(" bezorgd aan de directieraad, maart 2025 ")).toBeNull();
  });
});

describe("docFromBase64", () => {
  it("loads a saved state into a document of its own", () => {
    const source = new Y.Doc();
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Versie voor het college")]);
    source.getXmlFragment(BODY).insert(0, [p]);
    const base64 = Buffer.from(Y.encodeStateAsUpdate(source)).toString("base64");
    const copy = docFromBase64(base64);
    expect(blockTexts(copy.getXmlFragment(BODY))).toEqual(["Versie voor het college"]);
    expect(copy.clientID).not.toBe(source.clientID);
  });
});
