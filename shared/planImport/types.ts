/**
 * What the import of a mandate / strategic-plan document produces. The shape is a
 * contract: `npm run plan:import -- --json` prints it as is, and the upload preview
 * of the web client reads it, so keys and their order are fixed.
 */

export const NODE_KINDS = [
  "strategic_line",
  "strategic_objective",
  "transversal_objective",
  "operational_objective",
  "measurement_point",
  "action",
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const DEADLINE_KINDS = ["date", "month", "quarter", "year", "continuous", "event"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * When a target is due. `from`/`until` (YYYY-MM-DD, inclusive) bound the period meant
 * and are left out when the phrase does not give them ("tegen januari 2028" has no
 * `from`, "doorlopend" has neither). `text` is the phrase as the document writes it.
 */
export interface Deadline {
  kind: DeadlineKind;
  from?: string;
  until?: string;
  text: string;
}

export interface Target {
  text: string;
  deadline: Deadline | null;
}

export interface PlanNode {
  /** The number as the document writes it: "1", "1.3", "1.3.12". Scoped by the parent. */
  code: string;
  kind: NodeKind;
  title: string;
  targets: Target[];
  indicators: string[];
  children: PlanNode[];
}

export interface ImportedPlan {
  title: string;
  nodes: PlanNode[];
}

export const WARNING_CODES = [
  /** Text the parser read but could not attach to anything (intro text, notes). */
  "unplaced_text",
  /** A target, deadline or indicator before any objective. */
  "unplaced_item",
  /** A numbered heading whose number does not fit where it stands. */
  "code_mismatch",
  /** The same code twice under one parent. */
  "duplicate_code",
  /** An overview and a section give the same objective different titles. */
  "title_conflict",
  "missing_title",
  "missing_target",
  "missing_deadline",
  /** A deadline with no target text before it. */
  "deadline_without_target",
  /** A deadline phrase with no recognisable date, period or event; kept as text. */
  "vague_deadline",
  /** A table column the plan tree has no place for (owner, budget…). */
  "ignored_column",
  "no_title",
  "no_nodes",
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface ImportWarning {
  /** 1-based line in the text that was parsed. */
  line: number;
  code: WarningCode;
  message: string;
}

export interface ParseResult {
  plan: ImportedPlan;
  warnings: ImportWarning[];
}

export interface ParseOptions {
  /** Title to use when the document has none (the CLI passes the file name). */
  fallbackTitle?: string;
}
