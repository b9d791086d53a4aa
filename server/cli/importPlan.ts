/**
 * `npm run --silent plan:import -- [--json] FILE`: reads a mandate or strategic-plan
 * document (.md, .txt, .docx, .pdf) and prints the plan tree the import would create.
 * With --json stdout holds `{"plan": {"title", "nodes"}, "warnings": [...]}` and
 * nothing else; without it a readable tree, and the warnings go to stderr.
 * Exit codes: 0 read (warnings or not), 1 file missing or createUnreadableError, 2 wrong usage.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "../errors";
import { readDocument } from "../modules/transfer/readers";
import { parsePlanText } from "../../shared/planImport/parse";
import type { Deadline, ParseResult, PlanNode } from "../../shared/planImport/types";

const USAGE = "usage: npm run plan:import -- [--json] FILE";

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const KIND_LABEL: Record<PlanNode["kind"], string> = {
  strategic_line: "Strategic line",
  strategic_objective: "Strategic objective",
  transversal_objective: "Transversal objective",
  operational_objective: "Operational objective",
  measurement_point: "Measurement point",
  action: "Action",
};

/** "doorlopend vanaf december 2025 (continuous, from 2025-12-01)". */
function formatDeadline(deadline: Deadline | null): string {
  if (!deadline) return "no deadline";
  const bounds = [
    deadline.from && `from ${deadline.from}`,
    deadline.until && `until ${deadline.until}`,
  ]
    .filter(Boolean)
    .join(" ");
  return `${deadline.text} (${deadline.kind}${bounds ? `, ${bounds}` : ""})`;
}

/** Renders the tree with two spaces per level, targets and indicators under their node. */
export function formatTree(result: ParseResult): string {
  const lines = [result.plan.title || "(untitled plan)", ""];
  const visit = (nodes: PlanNode[], depth: number) => {
    const indent = "  ".repeat(depth);
    for (const node of nodes) {
      lines.push(`${indent}${KIND_LABEL[node.kind]} ${node.code}: ${node.title}`);
      for (const target of node.targets) {
        lines.push(`${indent}    target: ${target.text || "(no text)"}`);
        lines.push(`${indent}      deadline: ${formatDeadline(target.deadline)}`);
      }
      for (const indicator of node.indicators) lines.push(`${indent}    indicator: ${indicator}`);
      visit(node.children, depth + 1);
    }
  };
  visit(result.plan.nodes, 0);
  return `${lines.join("\n")}\n`;
}

/** Explains why a file could not be read, in one line. */
function describeReadError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT") return `${file}: no such file`;
  if (code === "EISDIR") return `${file}: is a directory, not a file`;
  if (code === "EACCES" || code === "EPERM") return `${file}: permission denied`;
  if (error instanceof AppError) return error.message;
  return `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

/** Runs the command with the given arguments; returns the exit code. */
export async function runImportCli(args: string[], output: CliOutput): Promise<number> {
  const files = args.filter((arg) => !arg.startsWith("-"));
  const flags = args.filter((arg) => arg.startsWith("-"));
  if (flags.includes("--help") || flags.includes("-h")) {
    output.out(
      `${USAGE}\nReads a plan document (.md, .txt, .docx, .pdf) and prints its objective tree.\n`,
    );
    return 0;
  }
  const unknown = flags.filter((flag) => flag !== "--json");
  if (unknown.length || files.length !== 1) {
    output.err(
      `plan:import: ${unknown.length ? `unknown option ${unknown[0]}` : "give exactly one file"}; ${USAGE}\n`,
    );
    return 2;
  }
  const file = files[0]!;
  const isJson = flags.includes("--json");
  let text: string;
  try {
    text = await readDocument(await readFile(file), path.basename(file));
  } catch (error) {
    output.err(`plan:import: ${describeReadError(file, error)}\n`);
    return 1;
  }
  const result = parsePlanText(text, {
    fallbackTitle: path.basename(file).replace(/\.[^.]+$/, ""),
  });
  if (isJson) {
    output.out(`${JSON.stringify({ plan: result.plan, warnings: result.warnings }, null, 2)}\n`);
  } else {
    output.out(formatTree(result));
    for (const warning of result.warnings)
      output.err(`warning: line ${warning.line}: ${warning.message}\n`);
  }
  return 0;
}

const isMain =
  process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const output: CliOutput = {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
  runImportCli(process.argv.slice(2), output).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `plan:import: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
