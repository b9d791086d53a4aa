import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness";
import { must, Q, unitOf } from "../planning";

let server: TestServer;
let director: string;
let head: string;
let orgUnitId: string;
let planId: string;

const SAMPLE = path.resolve(import.meta.dirname, "../../../shared/examples/mandate-actiris-a4.md");

beforeAll(async () => {
  server = await startTestServer(import.meta.filename);
  [director, head] = await Promise.all([
    server.login("director@koers.demo"),
    server.login("head@koers.demo"),
  ]);
  orgUnitId = await unitOf(server, director, "DIR");
}, 120_000);
afterAll(() => server?.stop());

interface ParsedNode {
  code: string;
  kind: string;
  title: string;
  targets: { text: string; deadline: unknown }[];
  indicators: string[];
  children: ParsedNode[];
}

const count = (nodes: ParsedNode[], kind: string): number =>
  nodes.reduce((n, node) => n + (node.kind === kind ? 1 : 0) + count(node.children, kind), 0);

describe("import into a plan", () => {
  it("parses an uploaded document and creates the plan from the corrected tree", async () => {
    const upload = await fetch(`${server.url}/api/import/parse`, {
      method: "POST",
      headers: {
        cookie: director,
        "x-file-name": "mandate-actiris-a4.md",
        "content-type": "application/octet-stream",
      },
      body: fs.readFileSync(SAMPLE),
    });
    expect(upload.status).toBe(200);
    const parsed = (await upload.json()) as { plan: { title: string; nodes: ParsedNode[] } };
    const points = count(parsed.plan.nodes, "measurement_point");
    expect(points).toBeGreaterThan(10);
    // The user corrects one title in the preview.
    parsed.plan.nodes[0]!.title = "Effectieve uitvoering van het beheerscontract";
    const plan = await must<{
      id: string;
      objectives: { code: string; title: { text: string }; children: unknown[] }[];
    }>(
      server,
      director,
      `mutation($input: ImportPlanInput!) { createPlanFromImport(input: $input) { id objectives { code title { text } children { id } } } }`,
      {
        input: {
          kind: "mandate_objectives",
          title: parsed.plan.title,
          orgUnitId,
          periodStart: 2024,
          periodEnd: 2028,
          nodes: parsed.plan.nodes,
        },
      },
    );
    expect(plan.objectives[0]!.title.text).toBe("Effectieve uitvoering van het beheerscontract");
    const stored = await server.gql<{ measurementPoints: { totalCount: number } }>(
      `query($planId: ID!) { measurementPoints(planId: $planId, first: 100) { totalCount } }`,
      { planId: plan.id },
      { cookie: director },
    );
    // An objective's own targets or indicators (TD 5 here) become a point of that objective.
    const objectivesWithTargets = (nodes: ParsedNode[]): number =>
      nodes.reduce(
        (n, node) =>
          n +
          (node.kind !== "measurement_point" &&
          node.kind !== "action" &&
          (node.targets.length || node.indicators.length)
            ? 1
            : 0) +
          objectivesWithTargets(node.children),
        0,
      );
    expect(stored.data!.measurementPoints.totalCount).toBe(
      points + objectivesWithTargets(parsed.plan.nodes),
    );
  });

  it("refuses an unreadable upload with a clear 400 and an anonymous one with 401", async () => {
    const garbage = await fetch(`${server.url}/api/import/parse`, {
      method: "POST",
      headers: { cookie: director, "x-file-name": "scan.pdf", "accept-language": "en" },
      body: new Uint8Array([0, 1, 2, 3, 255, 254]),
    });
    expect(garbage.status).toBe(400);
    const body = (await garbage.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0]!.message).toMatch(/kan niet gelezen worden/);
    const anonymous = await fetch(`${server.url}/api/import/parse`, { method: "POST", body: "x" });
    expect(anonymous.status).toBe(401);
  });
});

describe("plan JSON backup", () => {
  it("exports and imports a plan without loss, ids aside", async () => {
    planId = (
      await must<{ id: string }>(server, director, Q.createPlan, {
        input: {
          kind: "strategic_plan",
          title: "Strategisch plan 2025-2030",
          orgUnitId,
          periodStart: 2025,
          periodEnd: 2030,
          description: "Samen vooruit",
        },
      })
    ).id;
    const sd = await must<{ id: string }>(server, director, Q.createObjective, {
      input: { planId, kind: "strategic_line", code: "1", title: "Krachtlijn 1" },
    });
    const od = await must<{ id: string }>(server, director, Q.createObjective, {
      input: {
        planId,
        parentId: sd.id,
        kind: "operational_objective",
        code: "1.1",
        title: "Digitaal loket",
      },
    });
    const kpi = await must<{ id: string }>(server, director, Q.createIndicator, {
      input: {
        planId,
        name: "Online aanvragen",
        unit: "%",
        direction: "higher_is_better",
        baseline: 20,
        targetValue: 60,
      },
    });
    const point = await must<{ id: string }>(server, director, Q.createPoint, {
      input: {
        objectiveId: od.id,
        code: "1.1.1",
        title: "Aandeel online",
        targets: [
          {
            text: "60% online",
            goal: { value: 60, comparator: "at_least", baseline: 20 },
            deadline: { kind: "year", value: "2026" },
            indicatorId: kpi.id,
          },
          { text: "Doorlopend opvolgen", deadline: { kind: "continuous" } },
        ],
      },
    });
    await must(server, director, Q.setTranslation, {
      input: {
        entity: "measurement_point",
        id: point.id,
        field: "title",
        locale: "fr",
        text: "Part en ligne",
        state: "draft",
      },
    });
    await must(server, director, Q.record, {
      input: { indicatorId: kpi.id, period: "2025-Q1", value: 31, comment: "start" },
    });
    await must(server, director, Q.record, {
      input: { indicatorId: kpi.id, period: "2025-Q2", value: 38 },
    });
    const action = await must<{ id: string; version: number }>(server, director, Q.createAction, {
      input: {
        planId,
        title: "Formulieren digitaliseren",
        dueDate: "2025-09-30",
        measurementPointId: point.id,
      },
    });
    await must(server, director, Q.updateAction, {
      id: action.id,
      version: action.version,
      input: { status: "done", doneDate: "2025-09-12" },
    });

    const exported = await (
      await fetch(`${server.url}/api/plans/${planId}/export.json`, {
        headers: { cookie: director },
      })
    ).json();
    const imported = await fetch(`${server.url}/api/plans/import.json?orgUnitId=${orgUnitId}`, {
      method: "POST",
      headers: { cookie: director, "content-type": "application/json" },
      body: JSON.stringify(exported),
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const { id } = (await imported.json()) as { id: string };
    const again = await (
      await fetch(`${server.url}/api/plans/${id}/export.json`, { headers: { cookie: director } })
    ).json();
    expect(normalize(again)).toEqual(normalize(exported));
  });

  it("refuses another unit's user (403) and a file that is not an export (400)", async () => {
    expect(
      (await fetch(`${server.url}/api/plans/${planId}/export.json`, { headers: { cookie: head } }))
        .status,
    ).toBe(403);
    const bad = await fetch(`${server.url}/api/plans/import.json?orgUnitId=${orgUnitId}`, {
      method: "POST",
      headers: { cookie: director, "content-type": "application/json" },
      body: "{}",
    });
    expect(bad.status).toBe(400);
  });
});

/** The export with its own ids replaced by their order, so two installations compare equal. */
function normalize(data: Record<string, unknown>) {
  const json = JSON.stringify(data, (key, value) => (key === "exportedAt" ? undefined : value));
  const refs = [
    ...new Set(
      [
        ...json.matchAll(/"(?:ref|parent|objective|indicator|measurementPoint)":"([a-f0-9]{24})"/g),
      ].map((m) => m[1]!),
    ),
  ];
  let out = json;
  refs.forEach((ref, i) => (out = out.replaceAll(ref, `ref${i}`)));
  return JSON.parse(out) as unknown;
}

describe("scoreboard exports", () => {
  it("gives the scoreboard as XLSX with its values, as CSV and as an A4 PDF", async () => {
    const xlsx = await fetch(`${server.url}/api/plans/${planId}/scoreboard/2025-Q2.xlsx`, {
      headers: { cookie: director },
    });
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.find((r) => r.includes("Meetpunt"))!;
    const data = rows.find((r) => r.includes("Aandeel online"))!;
    expect(data[header.indexOf("Laatste waarde")]).toBe(38);
    expect(data[header.indexOf("Vorige waarde")]).toBe(31);
    expect(data[header.indexOf("Status")]).toBe("Op koers");
    expect(data[header.indexOf("Acties afgerond")]).toBe("1/1");
    expect(String(rows[1]![1])).toContain("Strategisch plan 2025-2030");

    const csv = await (
      await fetch(`${server.url}/api/plans/${planId}/scoreboard/2025-Q2.csv`, {
        headers: { cookie: director, "x-koers-locale": "fr" },
      })
    ).text();
    expect(csv.split("\r\n")[0]).toContain("Point de mesure");
    // Content in the asked language where a translation exists.
    expect(csv).toContain("Part en ligne");

    const pdf = await fetch(`${server.url}/api/plans/${planId}/scoreboard/2025-Q2.pdf`, {
      headers: { cookie: director },
    });
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // A4 landscape: 841.89 × 595.28 points.
    expect(bytes.toString("latin1")).toMatch(/MediaBox \[0 0 841\.89\d* 595\.28\d*\]/);
  });

  it("refuses a bad format and a user of another unit", async () => {
    expect(
      (
        await fetch(`${server.url}/api/plans/${planId}/scoreboard/2025-Q2.docx`, {
          headers: { cookie: director },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await fetch(`${server.url}/api/plans/${planId}/scoreboard/2025-Q2.xlsx`, {
          headers: { cookie: head },
        })
      ).status,
    ).toBe(403);
  });
});

describe("a failed import", () => {
  it("names the node at fault and leaves no half plan behind", async () => {
    const before = await server.gql<{ plans: { nodes: unknown[] } }>(
      "{ plans(first: 100) { nodes { id } } }",
      {},
      { cookie: director },
    );
    const nodes = [
      {
        code: "1",
        kind: "strategic_objective",
        title: "Eerste",
        children: [
          {
            code: "1.1",
            kind: "measurement_point",
            title: "Goed",
            targets: [
              {
                text: "x",
                deadline: { kind: "year", from: "2025-01-01", until: "2025-12-31", text: "2025" },
              },
            ],
          },
        ],
      },
      {
        code: "2",
        kind: "strategic_objective",
        title: "Tweede",
        targets: [
          { text: "Tegen einde mandaat", deadline: { kind: "event", text: "einde mandaat" } },
        ],
        indicators: ["Aantal voorstellen"],
        children: [{ code: "2.1", kind: "measurement_point", title: "   " }],
      },
    ];
    const failed = await server.gql(
      `mutation($input: ImportPlanInput!) { createPlanFromImport(input: $input) { id } }`,
      {
        input: {
          kind: "mandate_objectives",
          title: "Half",
          orgUnitId,
          periodStart: 2024,
          periodEnd: 2028,
          nodes,
        },
      },
      { cookie: director },
    );
    expect(failed.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.nodes.1.children.0.title",
    });
    const after = await server.gql<{ plans: { nodes: unknown[] } }>(
      "{ plans(first: 100) { nodes { id } } }",
      {},
      { cookie: director },
    );
    expect(after.data!.plans.nodes).toHaveLength(before.data!.plans.nodes.length);

    // Fixed, it imports; the objective's own target and indicator become a point of it.
    nodes[1]!.children = [];
    const plan = await must<{ id: string }>(
      server,
      director,
      `mutation($input: ImportPlanInput!) { createPlanFromImport(input: $input) { id } }`,
      {
        input: {
          kind: "mandate_objectives",
          title: "Heel",
          orgUnitId,
          periodStart: 2024,
          periodEnd: 2028,
          nodes,
        },
      },
    );
    const points = await server.gql<{
      measurementPoints: {
        nodes: {
          code: string;
          indicators: { name: { text: string } }[];
          targets: { deadline: { kind: string } }[];
        }[];
      };
    }>(
      `query($planId: ID!) { measurementPoints(planId: $planId) { nodes { code indicators { name { text } } targets { deadline { kind } } } } }`,
      { planId: plan.id },
      { cookie: director },
    );
    expect(points.data!.measurementPoints.nodes.find((p) => p.code === "2")).toMatchObject({
      indicators: [{ name: { text: "Aantal voorstellen" } }],
      targets: [{ deadline: { kind: "event" } }],
    });
  });
});
