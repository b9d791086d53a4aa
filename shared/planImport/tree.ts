/**
 * The objective tree while it is being read: where a numbered heading goes, when two
 * headings are the same objective (an overview table, then its section), and the
 * warnings about it. Numbering is scoped by the parent: "Meetpunt 1.1" under SD 1 and
 * under transversal objective 1 are two nodes.
 */
import { foldText } from "./normalize";
import type { Deadline, ImportWarning, NodeKind, PlanNode, Target, WarningCode } from "./types";

export interface DraftTarget extends Target {
  line: number;
}

export interface DraftNode {
  code: string;
  kind: NodeKind;
  title: string;
  targets: DraftTarget[];
  indicators: string[];
  children: DraftNode[];
  parent: DraftNode | null;
  line: number;
  /** The heading gave no title; the next paragraph is it. */
  needsTitle: boolean;
}

const RANK: Record<NodeKind, number> = {
  strategic_line: 0,
  strategic_objective: 1,
  transversal_objective: 1,
  operational_objective: 2,
  measurement_point: 3,
  action: 4,
};

const KIND_LABEL: Record<NodeKind, string> = {
  strategic_line: "strategic line",
  strategic_objective: "strategic objective",
  transversal_objective: "transversal objective",
  operational_objective: "operational objective",
  measurement_point: "measurement point",
  action: "action",
};

/** Names a node in a warning: "measurement point 1.1 of transversal objective 1". */
export function describeNode(node: DraftNode): string {
  const own = `${KIND_LABEL[node.kind]} ${node.code}`;
  return node.parent ? `${own} of ${KIND_LABEL[node.parent.kind]} ${node.parent.code}` : own;
}

const getParentCode = (code: string) => code.split(".").slice(0, -1).join(".");

/**
 * The level a node without a label gets below its parent ("1.2" under KRACHTLIJN 1).
 * Rows of a table and items of a list under an objective are its actions; a numbered
 * heading there is an operational objective.
 */
export function inferChildKind(parent: NodeKind | undefined, isListItem: boolean): NodeKind | null {
  switch (parent) {
    case undefined:
      return "strategic_objective";
    case "strategic_line":
      return "strategic_objective";
    case "strategic_objective":
    case "transversal_objective":
      return isListItem ? "action" : "operational_objective";
    case "operational_objective":
    case "measurement_point":
      return "action";
    case "action":
      return null;
  }
}

/** Share of the words of the shorter title found in the longer one. */
function measureOverlap(a: string, b: string): number {
  const words = (text: string) => new Set(foldText(text).match(/\p{L}{3,}/gu) ?? []);
  const [small, large] = [words(a), words(b)].sort((x, y) => x.size - y.size) as [
    Set<string>,
    Set<string>,
  ];
  if (small.size === 0) return 1;
  return [...small].filter((word) => large.has(word)).length / small.size;
}

export class PlanTree {
  readonly roots: DraftNode[] = [];
  readonly warnings: ImportWarning[] = [];
  /** The open path, outermost first; its last node receives targets and indicators. */
  stack: DraftNode[] = [];

  warn(line: number, code: WarningCode, message: string): void {
    this.warnings.push({ line, code, message });
  }

  getCurrentNode(): DraftNode | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** Places a labelled heading ("Meetpunt 2.1") below the nearest open node of a higher level. */
  openLabelled(kind: NodeKind, code: string, title: string, line: number): DraftNode {
    while (this.stack.length && RANK[this.getCurrentNode()!.kind] >= RANK[kind]) this.stack.pop();
    let parent = this.getCurrentNode() ?? null;
    const prefix = getParentCode(code);
    if (parent && prefix && parent.code !== prefix) {
      const better = this.findByCode(prefix, (node) => node.kind === parent!.kind);
      if (better) {
        this.warn(
          line,
          "code_mismatch",
          `${KIND_LABEL[kind]} ${code} follows ${describeNode(parent)}; placed under ${describeNode(better)}`,
        );
        parent = better;
      } else {
        this.warn(
          line,
          "code_mismatch",
          `${KIND_LABEL[kind]} ${code} does not match the number of ${describeNode(parent)} above it; kept there`,
        );
      }
    }
    if (!parent && RANK[kind] >= RANK.measurement_point) {
      this.warn(
        line,
        "unplaced_item",
        `${KIND_LABEL[kind]} ${code} stands before any objective; kept at the top level`,
      );
    }
    return this.attach(parent, kind, code, title, line);
  }

  /**
   * Places a node known only by its number ("1.2", "2.3.1", "Doelstelling 1.2"): its
   * parent is the node numbered with its prefix. Null when there is none.
   */
  openNumbered(code: string, title: string, line: number, isListItem: boolean): DraftNode | null {
    const prefix = getParentCode(code);
    let parent: DraftNode | null = null;
    if (prefix) {
      parent =
        [...this.stack].reverse().find((node) => node.code === prefix) ??
        this.findByCode(prefix, (node) => node.kind !== "action") ??
        null;
      if (!parent) return null;
    } else {
      // A single number is a sibling of the nearest single-numbered node ("Doelstelling 2"
      // after "Doelstelling 1"), or a child when that node is a strategic line.
      const nearest = [...this.stack].reverse().find((node) => !node.code.includes("."));
      parent = nearest?.kind === "strategic_line" ? nearest : (nearest?.parent ?? null);
    }
    const kind = inferChildKind(parent?.kind, isListItem);
    if (!kind) return null;
    return this.attach(parent, kind, code, title, line);
  }

  private findByCode(code: string, accept: (node: DraftNode) => boolean): DraftNode | undefined {
    let found: DraftNode | undefined;
    const visit = (nodes: DraftNode[]) => {
      for (const node of nodes) {
        if (node.code === code && accept(node)) found = node;
        visit(node.children);
      }
    };
    visit(this.roots);
    return found;
  }

  private attach(
    parent: DraftNode | null,
    kind: NodeKind,
    code: string,
    title: string,
    line: number,
  ): DraftNode {
    const siblings = parent ? parent.children : this.roots;
    const same = siblings.find((node) => node.kind === kind && node.code === code);
    let node: DraftNode;
    if (same && !same.children.length && !same.targets.length && !same.indicators.length) {
      // An overview listed it before; its section now gives the contents.
      this.mergeTitle(same, title, line);
      same.line = line;
      node = same;
    } else {
      if (same) this.warn(line, "duplicate_code", `${describeNode(same)} appears twice; both kept`);
      node = {
        code,
        kind,
        title,
        targets: [],
        indicators: [],
        children: [],
        parent,
        line,
        needsTitle: !title,
      };
      siblings.push(node);
    }
    this.stack = [];
    for (let at: DraftNode | null = node; at; at = at.parent) this.stack.unshift(at);
    return node;
  }

  private mergeTitle(node: DraftNode, title: string, line: number): void {
    if (!title) return;
    if (node.title && measureOverlap(node.title, title) < 0.5) {
      this.warn(
        line,
        "title_conflict",
        `${describeNode(node)} is called "${node.title}" at line ${node.line} and "${title}" here; the title here is kept`,
      );
    }
    node.title = title;
    node.needsTitle = false;
  }

  /** Adds a target to the current node. */
  addTarget(text: string, deadline: Deadline | null, line: number): DraftTarget | null {
    const node = this.getCurrentNode();
    if (!node) {
      this.warn(
        line,
        "unplaced_item",
        `A target stands before any objective: "${shortenText(text)}"`,
      );
      return null;
    }
    const target: DraftTarget = { text, deadline, line };
    node.targets.push(target);
    return target;
  }

  /** Checks what a reader would miss: points without targets, targets without deadlines. */
  checkCompleteness(): void {
    const visit = (nodes: DraftNode[]) => {
      for (const node of nodes) {
        if (!node.title)
          this.warn(node.line, "missing_title", `${describeNode(node)} has no title`);
        if (node.kind === "measurement_point" && !node.targets.length) {
          this.warn(node.line, "missing_target", `${describeNode(node)} has no target`);
        }
        for (const target of node.targets) {
          if (!target.deadline)
            this.warn(
              target.line,
              "missing_deadline",
              `A target of ${describeNode(node)} has no deadline`,
            );
        }
        visit(node.children);
      }
    };
    visit(this.roots);
  }

  /** The tree in the public shape, keys in contract order. */
  exportPlanNodes(nodes: DraftNode[] = this.roots): PlanNode[] {
    return nodes.map((node) => ({
      code: node.code,
      kind: node.kind,
      title: flatten(node.title),
      targets: node.targets.map(({ text, deadline }) => ({ text: flatten(text), deadline })),
      indicators: [...node.indicators],
      children: this.exportPlanNodes(node.children),
    }));
  }
}

const flatten = (text: string) => text.replace(/\s+/g, " ").trim();

/** The start of a text for a warning message. */
export function shortenText(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
