/**
 * Turns the raw text of a document (Markdown, plain text, OCR output, HTML fragments)
 * into numbered source lines the classifier can read. Pure string work, no Node APIs:
 * the web client runs the same code for its preview.
 */
import { flattenHtml, hasHtmlBlocks } from "./html";

export interface SourceLine {
  /** 1-based line number in the text as given, for warnings. */
  line: number;
  text: string;
  /** Cells of a Markdown or HTML table row. */
  cells?: string[];
  isTableHeader?: boolean;
  /** A Markdown heading (`#`) or an HTML `<h1>`-`<h6>`: never wraps onto the next line. */
  isHeading?: boolean;
}

const LIGATURES: Record<string, string> = { ﬁ: "fi", ﬂ: "fl", ﬀ: "ff", ﬃ: "ffi", ﬄ: "ffl" };

/** Unifies line ends, odd spaces and ligatures so regexes see one alphabet. */
export function normalizeText(input: string): string {
  return input
    .normalize("NFC")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/\f/g, "\n\n")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, " ")
    .replace(/[\u00AD\u200B-\u200D\u2060]/g, "")
    .replace(/[ﬁﬂﬀﬃﬄ]/g, (c) => LIGATURES[c] ?? c);
}

/**
 * Lower case without diacritics, one character for one, so an index found in the
 * folded text is valid in the original ("Échéance" → "echeance").
 */
export function foldText(text: string): string {
  let out = "";
  for (const char of text) {
    const folded = char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    out += folded.length === char.length ? folded : char.toLowerCase();
  }
  return out;
}

/** Removes Markdown emphasis, escapes and heading marks; keeps the words. */
export function stripMarkup(text: string): string {
  return text
    .replace(/^\s{0,3}#{1,6}\s+/, "")
    .replace(/^\s*>\s?/, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/(^|[\s(“‘"'])[*_]+(?=\S)/g, "$1")
    .replace(/(\S)[*_]+(?=$|[\s.,;:!?)”’"'])/g, "$1")
    .replace(/`/g, "")
    .replace(/[ \t]*\t[ \t]*/g, "\t")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** A bullet marker at the start of a line: Markdown, Word symbols, en dash. */
export const BULLET = /^\s*(?:[-*+•·▪◦●○■□➢►‣⁃–])\s+/;

/** Removes a leading bullet; returns null when the line has none. */
export function stripBullet(text: string): string | null {
  const match = BULLET.exec(text);
  return match ? text.slice(match[0].length) : null;
}

/**
 * Dutch OCR reads the diaeresis as an acute or as a "d" ("codrdinatie", "efficiént",
 * "Belgié") and a capital I as an l ("OPTlris"). Only fixes that cannot hit a correct
 * word are made; French text keeps its "ié" (amitié, spécifié).
 */
export function repairOcrNoise(text: string, isDutch: boolean): string {
  let out = text
    .replace(/\bOPT[lI1|]{1,2}ris\b/g, "OPTIris")
    .replace(/(\p{L})\|(?=\s|$)/gu, "$1")
    .replace(/([Cc])o[dé](rdin)/g, "$1oö$2");
  if (isDutch) out = out.replace(/(\p{Ll})([ie])é(?=\p{Ll}|[^\p{L}]|$)/gu, "$1$2ë");
  return out;
}

const DUTCH_WORDS = /\b(de|het|een|en|van|voor|met|zijn|naar|wordt|doelstelling|meetpunt)\b/gi;
const FRENCH_WORDS = /\b(le|la|les|des|une|et|du|pour|avec|sont|objectif|mesure)\b/gi;

/** Decides whether the document is Dutch by counting frequent function words. */
export function isMostlyDutch(text: string): boolean {
  const sample = text.slice(0, 20_000);
  const dutch = sample.match(DUTCH_WORDS)?.length ?? 0;
  const french = sample.match(FRENCH_WORDS)?.length ?? 0;
  return dutch > french;
}

/**
 * Joins a line that wraps onto the next one. A word broken at its hyphen keeps the
 * hyphen ("informatie-" + "uitwisseling"); a suspended compound after a conjunction
 * ("en -" + "methodologieën") loses the space the wrap put in.
 */
export function joinWrapped(previous: string, next: string): string {
  if (!previous) return next;
  if (/\p{L}-$/u.test(previous)) return previous + next;
  if (/(?:^|\s)(?:en|of|tot|et|ou|and|or)\s-$/i.test(previous) && /^\p{Ll}/u.test(next)) {
    return previous + next;
  }
  return `${previous} ${next}`;
}

const SEPARATOR_CELL = /^:?-{2,}:?$/;

/** Splits a Markdown table row into its cells; null when the line is no row. */
export function splitTableRow(text: string): string[] | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("|") || trimmed.length < 3) return null;
  const cells = trimmed
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replace(/\\\|/g, "|").trim());
  return cells.length >= 2 ? cells : null;
}

/**
 * Cells of a line whose columns are separated by tabs: a Word table pasted as text or
 * a PDF table rebuilt by position ("Periode<TAB>2024-2028", "1.1.1<TAB>Actie<TAB>Q2 2026").
 */
function splitTabbedRow(text: string): string[] | null {
  if (!text.includes("\t")) return null;
  const cells = text.split(/\t+/).map((cell) => cell.trim());
  return cells.filter(Boolean).length >= 2 ? cells.filter(Boolean) : null;
}

/** Reads Markdown and tab-separated table rows; a row followed by a `|---|` line is a header. */
function markTables(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  for (const line of lines) {
    const cells = line.cells ?? splitTableRow(line.text) ?? splitTabbedRow(line.text);
    if (!cells) {
      out.push(line);
      continue;
    }
    if (cells.every((cell) => SEPARATOR_CELL.test(cell))) {
      const previous = out[out.length - 1];
      if (previous?.cells) previous.isTableHeader = true;
      continue;
    }
    out.push({ ...line, cells });
  }
  return out;
}

/** Splits the document into numbered lines, flattening HTML and tables on the way. */
export function splitSourceLines(input: string): SourceLine[] {
  const text = normalizeText(input);
  const isDutch = isMostlyDutch(text);
  const raw: SourceLine[] = hasHtmlBlocks(text)
    ? flattenHtml(text)
    : text.split("\n").map((line, index) => ({ line: index + 1, text: line }));
  const repaired = raw.map((line) => ({
    ...line,
    text: repairOcrNoise(line.text, isDutch),
    ...(line.cells ? { cells: line.cells.map((cell) => repairOcrNoise(cell, isDutch)) } : {}),
    ...(/^\s{0,3}#{1,6}\s/.test(line.text) ? { isHeading: true } : {}),
  }));
  return markTables(repaired);
}
