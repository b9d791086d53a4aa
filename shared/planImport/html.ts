/**
 * Flattens HTML (fragments pasted from an intranet, mammoth's rendering of a .docx)
 * into lines: one per paragraph, heading or list item, one per table row with its
 * cells. Text outside any element keeps its own line breaks, so a Markdown document
 * with one embedded `<table>` still reads as Markdown around it.
 */
import type { SourceLine } from "./normalize";

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "li",
  "ul",
  "ol",
  "table",
  "thead",
  "tbody",
  "tfoot",
  "section",
  "article",
  "body",
  "html",
  "blockquote",
  "caption",
  "header",
  "footer",
  "hr",
  "dl",
  "dt",
  "dd",
]);
const INLINE_TAGS = new Set([
  "strong",
  "b",
  "em",
  "i",
  "u",
  "span",
  "a",
  "sup",
  "sub",
  "font",
  "small",
  "mark",
  "s",
  "del",
  "ins",
  "code",
  "abbr",
  "col",
  "colgroup",
  "img",
  "head",
  "title",
  "meta",
  "link",
]);
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  hellip: "…",
  eacute: "é",
  egrave: "è",
  ecirc: "ê",
  euml: "ë",
  agrave: "à",
  acirc: "â",
  ccedil: "ç",
  iuml: "ï",
  icirc: "î",
  ocirc: "ô",
  ouml: "ö",
  uuml: "ü",
  ucirc: "û",
  ugrave: "ù",
  Eacute: "É",
  deg: "°",
  euro: "€",
  bull: "•",
  middot: "·",
};

const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w:-]*)\b[^>]*>/g;

/** Tells whether the text holds block-level HTML worth flattening. */
export function hasHtmlBlocks(text: string): boolean {
  return /<(?:table|tr|td|th|p|div|h[1-6]|ul|ol|li|br)\b[^>]*>/i.test(text);
}

/** Decodes named and numeric character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

/** Flattens HTML into source lines, keeping the line where each piece started. */
export function flattenHtml(input: string): SourceLine[] {
  const text = input.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, (m) => m.replace(/[^\n]/g, ""));
  const out: SourceLine[] = [];
  let line = 1;
  let buffer = "";
  let bufferLine = 1;
  let blockDepth = 0;
  let heading = 0;
  let cell: string | null = null;
  let row: { line: number; cells: string[]; isHeader: boolean } | null = null;

  const flush = () => {
    const content = blockDepth > 0 ? collapse(buffer) : buffer.trim();
    // A list item whose text sits in a nested <p>: keep its bullet for that text.
    if (content === "-") return;
    if (content) {
      const prefix = heading ? `${"#".repeat(heading)} ` : "";
      out.push({
        line: bufferLine,
        text: prefix + content,
        ...(heading ? { isHeading: true } : {}),
      });
    }
    buffer = "";
  };
  const addText = (raw: string) => {
    const decoded = decodeEntities(raw);
    if (cell !== null) {
      cell += decoded;
    } else if (blockDepth > 0) {
      if (!buffer.trim()) bufferLine = line;
      buffer += decoded;
    } else {
      // Outside any element the text is Markdown or plain text: its newlines count.
      const parts = decoded.split("\n");
      parts.forEach((part, index) => {
        if (index > 0) {
          flush();
          out.push({ line: line + index - 1, text: "" });
        }
        if (!buffer.trim()) bufferLine = line + index;
        buffer += part;
      });
    }
    line += (raw.match(/\n/g) ?? []).length;
  };

  let last = 0;
  for (const match of text.matchAll(TAG)) {
    addText(text.slice(last, match.index));
    last = match.index + match[0].length;
    const tagLine = line;
    const name = (match[2] ?? "").toLowerCase();
    const isClosing = match[1] === "/";
    const isKnown =
      !name || INLINE_TAGS.has(name) || BLOCK_TAGS.has(name) || /^(t[dhr]|h[1-6]|br)$/.test(name);
    if (!isKnown && !name.includes(":")) {
      // An unknown tag is most likely text that merely looks like one ("<x>").
      addText(match[0]);
      continue;
    }
    line += (match[0].match(/\n/g) ?? []).length;
    if (!name || INLINE_TAGS.has(name) || name.includes(":")) continue;
    if (name === "td" || name === "th") {
      if (isClosing) {
        if (cell !== null) row?.cells.push(collapse(cell));
        cell = null;
      } else {
        if (cell !== null) row?.cells.push(collapse(cell));
        cell = "";
        if (row && name === "th") row.isHeader = true;
        if (!row) row = { line: tagLine, cells: [], isHeader: name === "th" };
      }
    } else if (name === "tr") {
      if (cell !== null) row?.cells.push(collapse(cell));
      cell = null;
      if (row && row.cells.some((c) => c)) {
        out.push({
          line: row.line,
          text: `| ${row.cells.join(" | ")} |`,
          cells: row.cells,
          ...(row.isHeader ? { isTableHeader: true } : {}),
        });
      }
      row = isClosing ? null : { line: tagLine, cells: [], isHeader: false };
    } else if (cell !== null) {
      cell += " ";
    } else if (/^h[1-6]$/.test(name)) {
      flush();
      heading = isClosing ? 0 : Number(name[1]);
      if (isClosing) out.push({ line, text: "" });
      blockDepth = Math.max(0, blockDepth + (isClosing ? -1 : 1));
    } else if (name === "br") {
      flush();
    } else if (BLOCK_TAGS.has(name)) {
      flush();
      if (name === "li" && !isClosing) {
        buffer = "- ";
        bufferLine = tagLine;
      }
      if (isClosing && (name === "p" || name === "table")) out.push({ line, text: "" });
      blockDepth = Math.max(0, blockDepth + (isClosing ? -1 : 1));
    }
  }
  addText(text.slice(last));
  flush();
  return out;
}

/** Renders HTML as Markdown-like text: headings with `#`, list items with `-`, table rows with `|`. */
export function convertHtmlToMarkdown(html: string): string {
  const lines: string[] = [];
  for (const line of flattenHtml(html)) {
    if (!line.cells) {
      if (line.text || lines[lines.length - 1]) lines.push(line.text);
      continue;
    }
    lines.push(`| ${line.cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`);
    if (line.isTableHeader) lines.push(`|${line.cells.map(() => " --- ").join("|")}|`);
  }
  return `${lines.join("\n").trim()}\n`;
}
