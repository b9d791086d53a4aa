/**
 * Reads a mandate-objective or strategic-plan document (Markdown, plain or OCR text,
 * HTML fragments) into a plan tree with warnings. One pass over the blocks, like a
 * reader with a pencil: a heading opens a node, a target label starts a target, a
 * deadline closes the targets still waiting for one, and text that fits nowhere is
 * reported, never dropped silently.
 */
import { buildBlocks, type Block } from "./blocks";
import {
  classifyLine,
  extractTitle,
  isTitleCandidate,
  matchBareCode,
  matchPureCode,
} from "./classify";
import { parseDeadline } from "./deadline";
import { joinWrapped, stripMarkup, splitSourceLines } from "./normalize";
import {
  createTableShape,
  isHeaderLike,
  readTableHeader,
  readTableRow,
  splitIndicators,
  type TableShape,
} from "./tables";
import { describeNode, shortenText, PlanTree, type DraftTarget } from "./tree";
import type { Deadline, NodeKind, ParseOptions, ParseResult } from "./types";

class PlanReader {
  readonly tree = new PlanTree();
  title: string | null = null;
  /** Paragraphs read since the last heading or label: a target if a deadline follows, else unplaced. */
  pending: Block[] = [];
  /** Targets of the current node still without a deadline; a deadline label closes them all. */
  awaiting: DraftTarget[] = [];
  isCollectingIndicators = false;
  /** Line of a "Deadline:" label whose phrase is on the next line. */
  deadlineLabelLine: number | null = null;
  table: TableShape | null = null;

  readBlock(block: Block): void {
    if (block.cells) return this.readRow(block);
    this.table = null;
    const cls = block.cls;
    if (this.deadlineLabelLine !== null && cls.type === "text") {
      this.deadlineLabelLine = null;
      return this.readDeadline(block.text, block.line);
    }
    this.deadlineLabelLine = null;
    switch (cls.type) {
      case "heading":
        return this.readHeading(block, cls.kind, cls.code, extractTitle(cls.rest));
      case "target":
        return this.readTarget(cls.rest, block.line);
      case "deadline":
        if (!cls.rest) this.deadlineLabelLine = block.line;
        else this.readDeadline(cls.rest, block.line);
        return;
      case "indicators":
        return this.readIndicators(cls.rest, block.line);
      case "kpi":
        return this.readIndicators(cls.rest, block.line, true);
      case "furniture":
        this.closeContext();
        if (cls.isSection) this.tree.stack = [];
        return;
      case "text":
        return this.readText(block);
    }
  }

  private closeContext(): void {
    this.flushPending();
    this.awaiting = [];
    this.isCollectingIndicators = false;
  }

  private readHeading(block: Block, kind: NodeKind | null, code: string, title: string): void {
    this.closeContext();
    if (kind) this.tree.openLabelled(kind, code, title, block.line);
    else if (!this.tree.openNumbered(code, title, block.line, false)) this.pending.push(block);
  }

  private readTarget(text: string, line: number): void {
    // Targets before a shared deadline stay waiting: "T1, T2, Deadline: 2027" dates both.
    this.flushPending();
    this.isCollectingIndicators = false;
    const target = this.tree.addTarget(text, null, line);
    if (target) this.awaiting.push(target);
  }

  /** Reads a deadline phrase; one it cannot place in time is kept as text and reported. */
  private readPhrase(phrase: string, line: number): Deadline | null {
    const reading = parseDeadline(phrase);
    if (reading && !reading.isUnderstood) {
      this.tree.warn(
        line,
        "vague_deadline",
        `Deadline "${shortenText(reading.deadline.text)}" names no date, period or known event; kept as text`,
      );
    }
    return reading?.deadline ?? null;
  }

  private readDeadline(phrase: string, line: number): void {
    const deadline = this.readPhrase(phrase, line);
    if (!deadline) return;
    this.isCollectingIndicators = false;
    if (this.awaiting.length) {
      for (const target of this.awaiting) target.deadline = { ...deadline };
      this.awaiting = [];
      return;
    }
    this.attachDeadline(deadline, line);
  }

  /** A deadline with no target label before it: the paragraphs just read are its target. */
  private attachDeadline(deadline: Deadline, line: number): void {
    const node = this.tree.getCurrentNode();
    if (!node) {
      this.tree.warn(
        line,
        "unplaced_item",
        `Deadline "${shortenText(deadline.text)}" stands before any objective`,
      );
      return;
    }
    const text = this.pending.map((block) => block.text).join(" ");
    this.pending = [];
    if (!text) {
      this.tree.warn(
        line,
        "deadline_without_target",
        `Deadline "${shortenText(deadline.text)}" of ${describeNode(node)} has no target text before it`,
      );
    }
    this.tree.addTarget(text, deadline, line);
  }

  private readIndicators(text: string, line: number, isSingle = false): void {
    const node = this.tree.getCurrentNode();
    this.flushPending();
    if (!node) {
      this.tree.warn(
        line,
        "unplaced_item",
        `Indicator "${shortenText(text)}" stands before any objective`,
      );
      return;
    }
    const items = isSingle ? [text] : splitIndicators(text);
    node.indicators.push(...items.filter(Boolean));
    this.isCollectingIndicators = !isSingle && items.length === 0;
  }

  private readText(block: Block): void {
    const bare = block.isParagraphStart || block.isClosed ? matchBareCode(block.text) : null;
    if (bare) {
      this.flushPending();
      // A numbered list item reads like a table row (an action); a numbered paragraph like a heading.
      if (this.tree.openNumbered(bare.code, extractTitle(bare.rest), block.line, block.isBullet)) {
        this.awaiting = [];
        this.isCollectingIndicators = false;
        return;
      }
    }
    const node = this.tree.getCurrentNode();
    if (this.isCollectingIndicators && block.isBullet && node) {
      node.indicators.push(...splitIndicators(block.text));
      return;
    }
    this.isCollectingIndicators = false;
    if (node?.needsTitle) {
      node.title = block.text;
      node.needsTitle = false;
    } else if (this.awaiting.length) {
      const target = this.awaiting[this.awaiting.length - 1]!;
      target.text = target.text ? joinWrapped(target.text, block.text) : block.text;
    } else if (!this.tree.roots.length && this.title === null && isTitleCandidate(block.text)) {
      this.title = block.text;
    } else {
      this.pending.push(block);
    }
  }

  private readRow(block: Block): void {
    const cells = block.cells!;
    // A blank line and another number of columns start a new table; PDF rows come with
    // blank lines between them, so the blank line alone does not end the table.
    if (block.isParagraphStart && this.table?.columnCount !== cells.length) this.table = null;
    // A Markdown table must have a header row; authors without one put their first data row there.
    const isHeader = block.isTableHeader
      ? !cells.some((cell) => matchPureCode(cell))
      : !this.table?.roles && isHeaderLike(cells);
    if (isHeader) {
      this.table = readTableHeader(cells);
      return;
    }
    const table = (this.table ??= createTableShape(cells.length));
    const row = readTableRow(cells, table);
    if (!row) {
      // No number to place it by: read the row as a line ("Tijdschema:<TAB>2025", "Periode<TAB>2024-2028").
      const text = cells
        .map((cell) => stripMarkup(cell))
        .filter(Boolean)
        .join("\t");
      this.readBlock({
        ...block,
        cells: undefined,
        cls: classifyLine(text),
        text,
        isBullet: false,
      });
      return;
    }
    this.closeContext();
    const node =
      row.placement.type === "labelled"
        ? this.tree.openLabelled(row.placement.kind, row.code, row.title, block.line)
        : this.tree.openNumbered(row.code, row.title, block.line, true);
    if (!node) {
      this.tree.warn(
        block.line,
        "unplaced_text",
        `Table row ${row.code} "${shortenText(row.title)}" has no objective numbered ${row.code.replace(/\.\d+$/, "")} to go under`,
      );
      return;
    }
    node.indicators.push(...row.indicators);
    if (row.deadlineText || row.targetText) {
      this.tree.addTarget(
        row.targetText,
        this.readPhrase(row.deadlineText, block.line),
        block.line,
      );
    }
    if (row.ignored.length && !table.hasWarnedIgnored) {
      table.hasWarnedIgnored = true;
      const columns = [...new Set(row.ignored.map((cell) => `"${cell.header}"`))].join(", ");
      this.tree.warn(
        block.line,
        "ignored_column",
        `Table column ${columns} (e.g. "${shortenText(row.ignored[0]!.text, 40)}") is not imported`,
      );
    }
  }

  /** Reports the paragraphs nothing claimed, one warning per run. */
  flushPending(): void {
    if (!this.pending.length) return;
    const first = this.pending[0]!;
    const node = this.tree.getCurrentNode();
    const where = node
      ? `under ${describeNode(node)}`
      : this.tree.roots.length
        ? "outside any objective"
        : "before the first objective";
    const count = this.pending.length;
    const what = count === 1 ? "1 paragraph" : `${count} paragraphs`;
    this.tree.warn(
      first.line,
      "unplaced_text",
      `${what} ${where} not imported: "${shortenText(first.text)}"`,
    );
    this.pending = [];
  }

  finish(options: ParseOptions): ParseResult {
    this.closeContext();
    if (this.deadlineLabelLine !== null) {
      this.tree.warn(
        this.deadlineLabelLine,
        "unplaced_item",
        "A deadline label has no phrase after it",
      );
    }
    this.tree.checkCompleteness();
    if (!this.tree.roots.length) {
      this.tree.warn(1, "no_nodes", "No objectives, measurement points or actions were found");
    }
    if (this.title === null) {
      this.tree.warn(
        1,
        "no_title",
        options.fallbackTitle
          ? `No title found; "${options.fallbackTitle}" is used`
          : "No title found",
      );
    }
    const warnings = [...this.tree.warnings].sort((a, b) => a.line - b.line);
    return {
      plan: {
        title: this.title ?? options.fallbackTitle ?? "",
        nodes: this.tree.exportPlanNodes(),
      },
      warnings,
    };
  }
}

/** Parses the text of a plan document into a plan tree and the warnings a reviewer needs. */
export function parsePlanText(text: string, options: ParseOptions = {}): ParseResult {
  const reader = new PlanReader();
  for (const block of buildBlocks(splitSourceLines(text))) reader.readBlock(block);
  return reader.finish(options);
}
