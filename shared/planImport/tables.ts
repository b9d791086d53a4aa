/**
 * Reads table rows of action plans: "| 1.1.1 | Action | Owner | Q2 2026 | Indicator |"
 * in Markdown, `<tr><td>1.1.1</td>…` in HTML, Word tables via mammoth. A header row
 * names the columns; without one the number cell, the first text cell after it and a
 * cell that reads as a deadline are recognised by their content.
 */
import { classifyLine, extractTitle, matchPureCode } from "./classify";
import { parseDeadline } from "./deadline";
import { foldText, stripMarkup } from "./normalize";
import type { NodeKind } from "./types";

export type ColumnRole = "code" | "title" | "deadline" | "target" | "indicator" | "other";

export interface TableShape {
  roles: ColumnRole[] | null;
  headers: string[];
  columnCount: number;
  /** What the rows are when the header says so ("Meetpunt", "Operationele doelstelling"). */
  kind: NodeKind | null;
  /** Without a header: the column where an earlier row had its deadline. */
  deadlineColumn: number | null;
  hasWarnedIgnored: boolean;
}

export interface RowReading {
  /** "labelled": the row names its kind; "numbered": the level follows from the number. */
  placement: { type: "labelled"; kind: NodeKind } | { type: "numbered" };
  code: string;
  title: string;
  deadlineText: string;
  targetText: string;
  indicators: string[];
  /** Cells with content the tree has no place for, with their column header. */
  ignored: { header: string; text: string }[];
}

const ROLE_PATTERNS: [ColumnRole, RegExp][] = [
  ["code", /^(?:nr\.?|nummer|n°|no\.?|num(?:ero)?\.?|code|#|ref\.?|id)$/],
  ["target", /(target|streefwaarde|resultaat|cible|resultat|doelwaarde|a atteindre)/],
  [
    "deadline",
    /(deadline|timing|tijdschema|termijn|planning|echeance|calendrier|delai|wanneer|datum|date|tijdpad|quand|when|due)/,
  ],
  ["indicator", /(indicat|kpi)/],
  [
    "title",
    /(actie|action|titel|titre|title|omschrijving|beschrijving|description|intitule|maatregel|mesure|doelstelling|objectif|objective|meetpunt|point de mesure)/,
  ],
];

const detectRole = (header: string): ColumnRole => {
  const folded = foldText(stripMarkup(header)).trim();
  return ROLE_PATTERNS.find(([, pattern]) => pattern.test(folded))?.[0] ?? "other";
};

/** An empty shape for a table that has no header row. */
export function createTableShape(columnCount: number): TableShape {
  return {
    roles: null,
    headers: [],
    columnCount,
    kind: null,
    deadlineColumn: null,
    hasWarnedIgnored: false,
  };
}

/** Reads a header row into column roles. */
export function readTableHeader(cells: string[]): TableShape {
  const roles = cells.map(detectRole);
  const titleHeader = foldText(cells[roles.indexOf("title")] ?? "");
  let kind: NodeKind | null = null;
  if (
    /operatione(?:le|el) doelstelling|objectif operationnel|operational objective/.test(titleHeader)
  ) {
    kind = "operational_objective";
  } else if (/meetpunt|point de mesure|measurement point/.test(titleHeader)) {
    kind = "measurement_point";
  } else if (/actie|action|maatregel|mesure/.test(titleHeader)) {
    kind = "action";
  }
  const headers = cells.map((cell) => stripMarkup(cell));
  return {
    roles,
    headers,
    columnCount: cells.length,
    kind,
    deadlineColumn: null,
    hasWarnedIgnored: false,
  };
}

/**
 * A row of column names: short cells, no number, no numbered heading ("Transversale
 * doelstelling 1" is a row of an overview table) and at least two known column words.
 */
export function isHeaderLike(cells: string[]): boolean {
  const texts = cells.map((cell) => stripMarkup(cell)).filter(Boolean);
  if (
    texts.some(
      (text) => text.length > 40 || /\d/.test(text) || classifyLine(text).type === "heading",
    )
  )
    return false;
  return texts.filter((text) => detectRole(text) !== "other").length >= 2;
}

/** Reads one data row; null when it holds no number to place it by. */
export function readTableRow(rawCells: string[], shape: TableShape): RowReading | null {
  const cells = rawCells.map((cell) => stripMarkup(cell));
  const roles = shape.roles;
  let codeIndex = roles ? roles.indexOf("code") : -1;
  if (codeIndex < 0 || !matchPureCode(cells[codeIndex] ?? "")) {
    codeIndex = cells.findIndex((cell) => matchPureCode(cell));
  }
  let placement: RowReading["placement"] = { type: "numbered" };
  let code = codeIndex >= 0 ? matchPureCode(cells[codeIndex]!)! : "";
  let labelTitle = "";
  if (codeIndex < 0) {
    codeIndex = cells.findIndex((cell) => cell.trim());
    const cls = classifyLine(cells[codeIndex] ?? "");
    if (cls.type !== "heading") return null;
    code = cls.code;
    labelTitle = extractTitle(cls.rest);
    if (cls.kind) placement = { type: "labelled", kind: cls.kind };
  } else if (shape.kind && shape.kind !== "action") {
    placement = { type: "labelled", kind: shape.kind };
  } else if (!code.includes(".")) {
    // A lone "1" or "2" in a table is too often a list number to be a plan node.
    return null;
  }

  const reading: RowReading = {
    placement,
    code,
    title: labelTitle,
    deadlineText: "",
    targetText: "",
    indicators: [],
    ignored: [],
  };
  cells.forEach((cell, index) => {
    if (index === codeIndex || !cell) return;
    const role = roles?.[index] ?? guessRole(cell, index, reading, shape);
    if (role === "title" && !reading.title) reading.title = cell;
    else if (role === "deadline" && !reading.deadlineText) reading.deadlineText = cell;
    else if (role === "target")
      reading.targetText = reading.targetText ? `${reading.targetText} ${cell}` : cell;
    else if (role === "indicator") reading.indicators.push(...splitIndicators(cell));
    else if (role !== "code")
      reading.ignored.push({ header: shape.headers[index] ?? `column ${index + 1}`, text: cell });
  });
  return reading;
}

/**
 * Without a header: the first text is the title, a cell that reads as a date the
 * deadline, and that column stays the deadline column for the rows below, so a vague
 * "in de loop van het jaar" there is still read (and reported) as a deadline.
 */
function guessRole(
  cell: string,
  index: number,
  reading: RowReading,
  shape: TableShape,
): ColumnRole {
  if (!reading.title) return "title";
  if (reading.deadlineText) return "other";
  if (shape.deadlineColumn === index) return "deadline";
  if (shape.deadlineColumn === null && cell.length <= 80 && parseDeadline(cell)?.isUnderstood) {
    shape.deadlineColumn = index;
    return "deadline";
  }
  return "other";
}

/**
 * Splits an inline list of indicators: on semicolons when there are any, otherwise on
 * commas that are not inside brackets or between digits ("1,5%").
 */
export function splitIndicators(text: string): string[] {
  const clean = stripMarkup(text);
  let parts: string[];
  if (clean.includes(";")) {
    parts = clean.split(";");
  } else {
    parts = [];
    let depth = 0;
    let current = "";
    for (let i = 0; i < clean.length; i++) {
      const char = clean[i]!;
      if (char === "(") depth++;
      if (char === ")") depth = Math.max(0, depth - 1);
      const isListComma = char === "," && depth === 0 && !/\d/.test(clean[i + 1] ?? "");
      if (isListComma) {
        parts.push(current);
        current = "";
      } else {
        current += char;
      }
    }
    parts.push(current);
  }
  return parts
    .map((part) =>
      part
        .trim()
        .replace(/[.;]+$/, "")
        .trim(),
    )
    .filter(Boolean);
}
