import type { PlanKind } from "../../../shared/domain";
import {
  NODE_KINDS,
  type NodeKind,
  type ParseResult,
  type PlanNode,
} from "../../../shared/planImport/types";

/**
 * The parsed tree as the preview edits it: every node gets a stable id (for React keys,
 * focus and error messages) and keeps the title the document gave, so a correction can
 * be told apart from what was read.
 */
export interface DraftNode extends Omit<PlanNode, "children"> {
  id: string;
  readTitle: string;
  children: DraftNode[];
}

export interface PlanFields {
  title: string;
  kind: PlanKind;
  orgUnitId: string | null;
  periodStart: number;
  periodEnd: number;
  responsibleAuthority: string;
}

/** Problems found before sending, keyed by node id; plan fields by input name. */
export interface DraftProblems {
  plan: Partial<Record<keyof PlanFields, Problem>>;
  nodes: Record<string, { code?: Problem; title?: Problem; kind?: Problem }>;
}

/** A translation key with its parameters, so the page words it in the current language. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export const OBJECTIVE_KINDS: readonly NodeKind[] = [
  "strategic_line",
  "strategic_objective",
  "transversal_objective",
  "operational_objective",
];

// The server's limits (plans/service.ts, objectives.ts, points.ts, actions/service.ts):
// checked here as well so one long title cannot stop the plan half-way through creation.
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const MAX_PLAN_TITLE = 300;
const MAX_CODE = 40;
const MAX_TITLE: Record<NodeKind, number> = {
  strategic_line: 1000,
  strategic_objective: 1000,
  transversal_objective: 1000,
  operational_objective: 1000,
  measurement_point: 2000,
  action: 1000,
};

export function isObjectiveKind(kind: NodeKind): boolean {
  return OBJECTIVE_KINDS.includes(kind);
}

/** The parsed tree with ids, ready to edit. */
export function draftFromParse(result: ParseResult): DraftNode[] {
  let next = 0;
  const convert = (nodes: PlanNode[]): DraftNode[] =>
    nodes.map((node) => ({
      ...node,
      id: `n${++next}`,
      readTitle: node.title,
      children: convert(node.children),
    }));
  return convert(result.plan.nodes);
}

/** Guesses the plan's fields from the document; everything stays editable. */
export function planFieldsFromParse(
  result: ParseResult,
  fileName: string,
  orgUnitId: string | null,
  year = new Date().getFullYear(),
): PlanFields {
  const title = result.plan.title.trim() || fileName.replace(/\.[^.]+$/, "");
  const years = /\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b/.exec(title);
  const start = years ? Number(years[1]) : year;
  const end = years ? Number(years[2]) : year + 4;
  return {
    title,
    kind: /mandaat|mandat/i.test(title) ? "mandate_objectives" : "strategic_plan",
    orgUnitId,
    periodStart: start,
    periodEnd: end >= start ? end : start,
    responsibleAuthority: "",
  };
}

/**
 * A copy of the tree with `change` applied to the node `id`. Untouched branches keep
 * their identity, so a keystroke in one title does not rebuild the whole tree.
 */
export function updateNode(
  nodes: DraftNode[],
  id: string,
  change: Partial<Pick<DraftNode, "code" | "title">>,
): DraftNode[] {
  let isChanged = false;
  const next = nodes.map((node) => {
    if (node.id === id) {
      isChanged = true;
      return { ...node, ...change };
    }
    if (!node.children.length) return node;
    const children = updateNode(node.children, id, change);
    if (children === node.children) return node;
    isChanged = true;
    return { ...node, children };
  });
  return isChanged ? next : nodes;
}

/** A copy of the tree without the node `id` (and so without its children). */
export function removeNode(nodes: DraftNode[], id: string): DraftNode[] {
  return nodes
    .filter((node) => node.id !== id)
    .map((node) =>
      node.children.length ? { ...node, children: removeNode(node.children, id) } : node,
    );
}

/** Where a node sits: its parent's id (null at the top) and its index there. */
export function placeOf(
  nodes: DraftNode[],
  id: string,
  parentId: string | null = null,
): { parentId: string | null; index: number } | undefined {
  const index = nodes.findIndex((node) => node.id === id);
  if (index >= 0) return { parentId, index };
  for (const node of nodes) {
    const inner = placeOf(node.children, id, node.id);
    if (inner) return inner;
  }
  return undefined;
}

/** A copy of the tree with `node` put back at `index` under `parentId` (an undone removal). */
export function insertNode(
  nodes: DraftNode[],
  parentId: string | null,
  index: number,
  node: DraftNode,
): DraftNode[] {
  if (parentId === null) return [...nodes.slice(0, index), node, ...nodes.slice(index)];
  return nodes.map((n) =>
    n.id === parentId
      ? { ...n, children: insertNode(n.children, null, index, node) }
      : n.children.length
        ? { ...n, children: insertNode(n.children, parentId, index, node) }
        : n,
  );
}

export function findNode(nodes: DraftNode[], id: string): DraftNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const inner = findNode(node.children, id);
    if (inner) return inner;
  }
  return undefined;
}

/** How many nodes of each kind the tree holds. */
export function countByKind(nodes: DraftNode[]): Record<NodeKind, number> {
  const counts = Object.fromEntries(NODE_KINDS.map((k) => [k, 0])) as Record<NodeKind, number>;
  const visit = (list: DraftNode[]) => {
    for (const node of list) {
      counts[node.kind] += 1;
      visit(node.children);
    }
  };
  visit(nodes);
  return counts;
}

/** Everything the server would refuse, found before sending anything. */
export function checkDraft(fields: PlanFields, nodes: DraftNode[]): DraftProblems {
  const problems: DraftProblems = { plan: {}, nodes: {} };
  const title = fields.title.trim();
  if (!title) problems.plan.title = { key: "transfer.check.required" };
  else if (title.length > MAX_PLAN_TITLE)
    problems.plan.title = { key: "transfer.check.tooLong", params: { max: MAX_PLAN_TITLE } };
  if (!fields.orgUnitId) problems.plan.orgUnitId = { key: "transfer.check.required" };
  for (const name of ["periodStart", "periodEnd"] as const) {
    const value = fields[name];
    if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR)
      problems.plan[name] = {
        key: "transfer.check.year",
        params: { min: MIN_YEAR, max: MAX_YEAR },
      };
  }
  if (!problems.plan.periodEnd && !problems.plan.periodStart) {
    if (fields.periodEnd < fields.periodStart)
      problems.plan.periodEnd = { key: "transfer.check.periodOrder" };
  }
  if (fields.responsibleAuthority.trim().length > MAX_PLAN_TITLE)
    problems.plan.responsibleAuthority = {
      key: "transfer.check.tooLong",
      params: { max: MAX_PLAN_TITLE },
    };

  const visit = (list: DraftNode[], parent: DraftNode | null) => {
    // Codes are unique among siblings of one kind ("1" may be strategic objective 1 and
    // transversal objective 1); actions are titled, not coded, so they may repeat.
    const seen = new Set<string>();
    for (const node of list) {
      const found: DraftProblems["nodes"][string] = {};
      const code = node.code.trim();
      const nodeTitle = node.title.trim();
      if (!code) found.code = { key: "transfer.check.required" };
      else if (code.length > MAX_CODE)
        found.code = { key: "transfer.check.tooLong", params: { max: MAX_CODE } };
      else if (node.kind !== "action") {
        const key = `${node.kind}:${code}`;
        if (seen.has(key)) found.code = { key: "transfer.check.duplicateCode", params: { code } };
        seen.add(key);
      }
      const max = MAX_TITLE[node.kind];
      // An action is stored as "code title": the code counts towards its length.
      const length = node.kind === "action" ? `${code} ${nodeTitle}`.length : nodeTitle.length;
      if (!nodeTitle) found.title = { key: "transfer.check.required" };
      else if (length > max) found.title = { key: "transfer.check.tooLong", params: { max } };
      if (!isObjectiveKind(node.kind) && !(parent && isObjectiveKind(parent.kind)))
        found.kind = { key: "transfer.check.needsObjective" };
      if (found.code || found.title || found.kind) problems.nodes[node.id] = found;
      visit(node.children, node);
    }
  };
  visit(nodes, null);
  return problems;
}

export function hasProblems(problems: DraftProblems): boolean {
  return Object.keys(problems.plan).length > 0 || Object.keys(problems.nodes).length > 0;
}

/** The ids of the nodes in the order the tree shows them. */
export function nodeIdsInOrder(nodes: DraftNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...nodeIdsInOrder(node.children)]);
}

export interface ImportNodeInput {
  code: string;
  kind: NodeKind;
  title: string;
  targets: {
    text: string;
    deadline: {
      kind: NonNullable<PlanNode["targets"][number]["deadline"]>["kind"];
      from: string | null;
      until: string | null;
      text: string;
    } | null;
  }[];
  indicators: string[];
  children: ImportNodeInput[];
}

/**
 * The tree as `createPlanFromImport` takes it (only the fields the input type knows),
 * and for each node the input path the server names in a field error
 * ("input.nodes.0.children.2") so its message can be shown on that node.
 */
export function nodesToInput(nodes: DraftNode[]): {
  input: ImportNodeInput[];
  paths: Map<string, string>;
} {
  const paths = new Map<string, string>();
  const convert = (list: DraftNode[], at: string): ImportNodeInput[] =>
    list.map((node, index) => {
      const path = `${at}.${index}`;
      paths.set(path, node.id);
      return {
        code: node.code.trim(),
        kind: node.kind,
        title: node.title.trim(),
        targets: node.targets.map((target) => ({
          text: target.text,
          deadline: target.deadline
            ? {
                kind: target.deadline.kind,
                from: target.deadline.from ?? null,
                until: target.deadline.until ?? null,
                text: target.deadline.text,
              }
            : null,
        })),
        indicators: [...node.indicators],
        children: convert(node.children, `${path}.children`),
      };
    });
  return { input: convert(nodes, "input.nodes"), paths };
}

/** The node a server field error names ("input.nodes.0.children.2.kind"), if any. */
export function nodeOfField(field: string, paths: Map<string, string>): string | undefined {
  if (!field.startsWith("input.nodes.")) return undefined;
  // The longest path that names a node: "input.nodes.0.children.2.targets.1.deadline.from"
  // belongs to node "input.nodes.0.children.2".
  const parts = field.split(".");
  for (let end = parts.length; end > 2; end--) {
    const id = paths.get(parts.slice(0, end).join("."));
    if (id) return id;
  }
  return undefined;
}
