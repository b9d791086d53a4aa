import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const sample = path.resolve(root, "../shared/examples/mandate-actiris-a4.md");
const scratch = mkdtempSync(path.join(os.tmpdir(), "koers-plan-import-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command exactly as a script would: `npm run --silent plan:import -- …`. */
function runImport(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "plan:import", "--", ...args], { cwd: root });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const NODE_KINDS = [
  "strategic_line",
  "strategic_objective",
  "transversal_objective",
  "operational_objective",
  "measurement_point",
  "action",
];
const DEADLINE_KINDS = ["date", "month", "quarter", "year", "continuous", "event"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks one node against the contract of issue 7, then its children; returns the node count. */
function expectNodeShape(node: Record<string, unknown>): number {
  expect(Object.keys(node)).toEqual(["code", "kind", "title", "targets", "indicators", "children"]);
  expect(node.code).toMatch(/^\d+(\.\d+)*$/);
  expect(NODE_KINDS).toContain(node.kind);
  expect(typeof node.title).toBe("string");
  for (const target of node.targets as Record<string, unknown>[]) {
    expect(Object.keys(target)).toEqual(["text", "deadline"]);
    expect(typeof target.text).toBe("string");
    const deadline = target.deadline as Record<string, unknown> | null;
    if (deadline === null) continue;
    expect(DEADLINE_KINDS).toContain(deadline.kind);
    expect(typeof deadline.text).toBe("string");
    for (const key of Object.keys(deadline))
      expect(["kind", "from", "until", "text"]).toContain(key);
    if ("from" in deadline) expect(deadline.from).toMatch(ISO_DATE);
    if ("until" in deadline) expect(deadline.until).toMatch(ISO_DATE);
  }
  for (const indicator of node.indicators as unknown[]) expect(typeof indicator).toBe("string");
  const children = node.children as Record<string, unknown>[];
  return 1 + children.reduce((sum, child) => sum + expectNodeShape(child), 0);
}

describe("npm run plan:import", () => {
  it("prints the plan of the Markdown sample as JSON, and nothing else on stdout", async () => {
    const { code, stdout, stderr } = await runImport("--json", sample);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as {
      plan: Record<string, unknown>;
      warnings: Record<string, unknown>[];
    };
    expect(Object.keys(output)).toEqual(["plan", "warnings"]);
    expect(Object.keys(output.plan)).toEqual(["title", "nodes"]);
    expect(output.plan.title).toMatch(/^Doelstellingen voor het mandaat A4/);
    const nodes = output.plan.nodes as Record<string, unknown>[];
    expect(nodes.reduce((sum, node) => sum + expectNodeShape(node), 0)).toBe(3 + 5 + 23);
    expect(nodes[0]).toMatchObject({ code: "1", kind: "strategic_objective" });
    expect((nodes[0]!.children as unknown[])[0]).toMatchObject({
      code: "1.1",
      kind: "measurement_point",
      targets: [{ deadline: { kind: "continuous", text: "doorlopend" } }],
    });
    for (const warning of output.warnings) {
      expect(Object.keys(warning)).toEqual(["line", "code", "message"]);
      expect(Number.isInteger(warning.line)).toBe(true);
    }
  });

  it("prints a readable tree and puts the warnings on stderr without --json", async () => {
    const file = path.join(root, "test/fixtures/import/strategic-plan-krachtlijnen.md");
    const { code, stdout, stderr } = await runImport(file);
    expect(code).toBe(0);
    expect(stdout).toContain("Strategic line 1: Een klantgerichte en digitale dienstverlening\n");
    expect(stdout).toContain(
      "    Action 4.4.5: Een gezamenlijk onthaal voor sociale dienstverlening openen\n",
    );
    expect(stdout).toContain("deadline: Q2 2026 (quarter, from 2026-04-01 until 2026-06-30)");
    expect(stderr).toMatch(/^warning: line 11: Table column "Trekker"/m);
  });

  it("exits non-zero with one clear line on a missing file", async () => {
    const missing = path.join(scratch, "missing.md");
    const { code, stdout, stderr } = await runImport("--json", missing);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`plan:import: ${missing}: no such file\n`);
  });

  it.each([
    ["garbage.pdf", "garbage.pdf: is not a valid PDF (no %PDF header)"],
    ["garbage.txt", "garbage.txt: is not a text document (binary content)"],
    ["garbage.bin", "garbage.bin: unsupported file type .bin"],
  ])("exits non-zero with one clear line on binary garbage (%s)", async (name, message) => {
    const file = path.join(scratch, name);
    const bytes = Buffer.alloc(5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    writeFileSync(file, bytes);
    const { code, stdout, stderr } = await runImport("--json", file);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(stderr).toContain(`plan:import: ${message}`);
  });

  it("exits with 2 and the usage on wrong arguments", async () => {
    const { code, stderr } = await runImport("--jsn", sample);
    expect(code).toBe(2);
    expect(stderr).toContain("usage: npm run plan:import -- [--json] FILE");
  });
});
