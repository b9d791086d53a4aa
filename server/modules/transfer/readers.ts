/**
 * Reads an uploaded plan document into text for shared/planImport: Markdown and plain
 * text as they are, .docx through mammoth (HTML, then Markdown-like lines with `|` table
 * rows), .pdf through the pdfjs text layer, lines rebuilt from the items' positions.
 * The content decides over the name: a PDF renamed to .txt is still read as a PDF, and
 * a file whose bytes do not fit its name is refused with a message that says why.
 */
import mammoth from "mammoth";
import { AppError } from "../../errors";
import { convertHtmlToMarkdown } from "../../../shared/planImport/html";
import { joinWrapped } from "../../../shared/planImport/normalize";

export type DocumentFormat = "markdown" | "text" | "docx" | "pdf";

const EXTENSIONS: Record<string, DocumentFormat> = {
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  text: "text",
  // An intranet page saved as HTML: the parser flattens its fragments like pasted ones.
  html: "text",
  htm: "text",
  docx: "docx",
  pdf: "pdf",
};
const MIME_TYPES: Record<string, DocumentFormat> = {
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "text",
  "text/html": "text",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/pdf": "pdf",
};
const UNSUPPORTED_HINTS: Record<string, string> = {
  doc: "an old Word file (.doc); save it as .docx",
  odt: "an OpenDocument text (.odt); save it as .docx or PDF",
  rtf: "an RTF file; save it as .docx",
  pages: "a Pages file; export it as .docx or PDF",
};
export const SUPPORTED_FORMATS = ".md, .txt, .html, .docx or .pdf";

/** Thrown for every file that cannot be read; the message names the file and the reason. */
function createUnreadableError(name: string, reason: string, cause?: unknown): AppError {
  return new AppError("BAD_USER_INPUT", `${name}: ${reason}`, {
    messageKey: "errors.importUnreadable",
    params: { file: name, reason },
    field: "file",
    cause,
  });
}

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((byte, index) => bytes[index] === byte);
const isPdf = (bytes: Uint8Array) =>
  new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).includes("%PDF-");
const isZip = (bytes: Uint8Array) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
const isOle = (bytes: Uint8Array) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);

/** The format named by a file name ("plan.docx") or a MIME type; null when unknown. */
function readDeclaredFormat(nameOrMime: string): DocumentFormat | null | "unknown" {
  const lower = nameOrMime.toLowerCase().split(";")[0]!.trim();
  if (lower.includes("/") && MIME_TYPES[lower]) return MIME_TYPES[lower]!;
  const extension = /\.([a-z0-9]+)$/.exec(lower)?.[1];
  if (!extension) return null;
  return EXTENSIONS[extension] ?? "unknown";
}

/** Decides how to read the bytes, from their signature first and the name second. */
export function detectFormat(bytes: Uint8Array, nameOrMime: string): DocumentFormat {
  const declared = readDeclaredFormat(nameOrMime);
  const extension = /\.([a-z0-9]+)$/i.exec(nameOrMime)?.[1]?.toLowerCase() ?? "";
  if (isPdf(bytes)) return "pdf";
  if (isOle(bytes)) throw createUnreadableError(nameOrMime, `${UNSUPPORTED_HINTS.doc}`);
  if (isZip(bytes)) {
    if (declared === "docx" || declared === null) return "docx";
    throw createUnreadableError(
      nameOrMime,
      `is a ZIP archive, not a Word document (${SUPPORTED_FORMATS})`,
    );
  }
  if (declared === "pdf")
    throw createUnreadableError(nameOrMime, "is not a valid PDF (no %PDF header)");
  if (declared === "docx")
    throw createUnreadableError(nameOrMime, "is not a valid .docx (not a ZIP archive)");
  if (declared === "unknown") {
    const hint = UNSUPPORTED_HINTS[extension];
    throw createUnreadableError(
      nameOrMime,
      hint ? `is ${hint}` : `unsupported file type .${extension}; use ${SUPPORTED_FORMATS}`,
    );
  }
  return declared ?? "text";
}

/**
 * Decodes text: UTF-8, UTF-16 with a byte order mark, or Windows-1252 for older
 * exports. Bytes that are no text at all (NULs, many control characters) are refused.
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  let controls = 0;
  for (const byte of bytes) {
    if (byte === 0) throw createUnreadableError(name, "is not a text document (binary content)");
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  if (controls > Math.max(2, bytes.length / 100)) {
    throw createUnreadableError(name, "is not a text document (binary content)");
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder("windows-1252").decode(bytes);
    // Random bytes decode as Windows-1252 too; real text is mostly letters and spaces.
    const letters = text.match(/[\p{L}\p{N}\s.,;:()'"-]/gu)?.length ?? 0;
    if (letters < text.length * 0.85)
      throw createUnreadableError(name, "is not a text document (binary content)");
    return text;
  }
}

async function readDocx(bytes: Uint8Array, name: string): Promise<string> {
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    return convertHtmlToMarkdown(result.value);
  } catch (cause) {
    throw createUnreadableError(name, "is not a readable Word document", cause);
  }
}

interface PositionedText {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

interface PdfCell {
  x: number;
  text: string;
}

interface PdfLine {
  /** Runs of text separated by a wide gap: the columns of a table row. */
  cells: PdfCell[];
  /** Baseline of the first and of the last line the entry covers (a row's cells wrap). */
  y: number;
  bottom: number;
  right: number;
  size: number;
}

const PAGE_NUMBER =
  /^(?:pagina|page|p\.|blz\.?)?\s*-?\s*\d{1,3}\s*(?:(?:\/|van|of|sur|de)\s*\d{1,3})?\s*-?$/i;
const joinCells = (line: PdfLine) => line.cells.map((cell) => cell.text).join("\t");

/** Rebuilds the lines of one page: items of about the same baseline, left to right. */
function buildPageLines(items: PositionedText[]): PdfLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PositionedText[][] = [];
  for (const item of sorted) {
    const group = groups[groups.length - 1];
    if (group && Math.abs(group[0]!.y - item.y) <= Math.max(2, item.size * 0.4)) group.push(item);
    else groups.push([item]);
  }
  const lines = groups.map((group): PdfLine => {
    const cells: PdfCell[] = [];
    let end = -Infinity;
    for (const item of group.sort((a, b) => a.x - b.x)) {
      // Whitespace items only mark a gap. A gap wider than the font size starts a new
      // column: a table cell's padding is about that, a word space (even justified) less.
      if (!item.text.trim()) continue;
      const cell = cells[cells.length - 1];
      const gap = item.x - end;
      if (!cell || gap > item.size) {
        cells.push({ x: item.x, text: item.text.trim() });
      } else {
        const isSpaced = gap > item.size * 0.15 || /\s$/.test(cell.text) || /^\s/.test(item.text);
        cell.text = `${cell.text}${isSpaced ? " " : ""}${item.text.trim()}`.replace(/\s+/g, " ");
      }
      end = item.right;
    }
    const y = group[0]!.y;
    return { cells, y, bottom: y, right: end, size: Math.max(...group.map((item) => item.size)) };
  });
  return lines.filter((line) => line.cells.length);
}

/** A table row's cells wrap onto the next lines at their own x: those lines join the row. */
function mergeColumnWraps(lines: PdfLine[], breakRatio: number): PdfLine[] {
  const out: PdfLine[] = [];
  for (const line of lines) {
    const row = out[out.length - 1];
    const isClose = row && row.bottom - line.y <= breakRatio * Math.max(row.size, line.size);
    if (row && row.cells.length > 1 && isClose && line.cells[0]!.x >= row.cells[0]!.x - 2) {
      for (const cell of line.cells) {
        const column =
          row.cells.filter((candidate) => candidate.x <= cell.x + 2).pop() ?? row.cells[0]!;
        column.text = joinWrapped(column.text, cell.text);
      }
      row.bottom = line.y;
      row.right = Math.max(row.right, line.right);
      continue;
    }
    out.push(line);
  }
  return out;
}

/**
 * Joins the pages' lines into text with a blank line between paragraphs. A paragraph
 * break is a gap clearly larger than the document's line pitch (measured over all
 * pages: a page of one-line paragraphs has no pitch of its own). Across a page break
 * the paragraph goes on when the page's last line is full width.
 */
function joinPdfLines(rawPages: PdfLine[][]): string {
  const withoutNumbers = rawPages.map((lines) =>
    lines.filter(
      (line, index) =>
        !((index === 0 || index === lines.length - 1) && PAGE_NUMBER.test(joinCells(line))),
    ),
  );
  const ratios = withoutNumbers
    .flatMap((lines) =>
      lines.slice(1).map((line, i) => (lines[i]!.y - line.y) / Math.max(line.size, lines[i]!.size)),
    )
    .filter((ratio) => ratio > 0.5)
    .sort((a, b) => a - b);
  const breakRatio = Math.max(1.45, (ratios[Math.floor(ratios.length / 10)] ?? 1.2) * 1.2);
  const pages = withoutNumbers.map((lines) => mergeColumnWraps(lines, breakRatio));
  const out: string[] = [];
  pages.forEach((lines, pageIndex) => {
    const previous = pages[pageIndex - 1];
    if (previous?.length && lines.length) {
      const widest = Math.max(...previous.map((line) => line.right));
      if (previous[previous.length - 1]!.right < widest * 0.75) out.push("");
    }
    lines.forEach((line, index) => {
      const above = lines[index - 1];
      if (above && above.bottom - line.y > breakRatio * Math.max(above.size, line.size))
        out.push("");
      out.push(joinCells(line));
    });
  });
  return `${out.join("\n").trim()}\n`;
}

async function readPdf(bytes: Uint8Array, name: string): Promise<string> {
  // pdfjs is large: it is loaded when the first PDF arrives, not when the server starts.
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let document;
  try {
    // pdfjs takes ownership of the array it is given; a copy keeps the caller's buffer usable.
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
    }).promise;
  } catch (cause) {
    const reason =
      cause instanceof Error && cause.name === "PasswordException"
        ? "is protected by a password"
        : "is not a readable PDF";
    throw createUnreadableError(name, reason, cause);
  }
  try {
    const pages: PdfLine[][] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items: PositionedText[] = [];
      for (const item of content.items) {
        if (!("str" in item) || !item.str) continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        const size = Math.hypot(c ?? 0, d ?? 0) || Math.hypot(a ?? 0, b ?? 0) || item.height || 10;
        items.push({ text: item.str, x: x ?? 0, right: (x ?? 0) + item.width, y: y ?? 0, size });
      }
      pages.push(buildPageLines(items));
      page.cleanup();
    }
    const text = joinPdfLines(pages);
    if (!text.trim()) {
      throw createUnreadableError(
        name,
        "has no text layer (probably a scan); run OCR on it and import the text",
      );
    }
    return text;
  } finally {
    await document.destroy();
  }
}

/** Reads an uploaded plan document (.md, .txt, .html, .docx, .pdf) into text for parsePlanText. */
export async function readDocument(buffer: Uint8Array, nameOrMime: string): Promise<string> {
  if (!buffer.length) throw createUnreadableError(nameOrMime, "is empty");
  switch (detectFormat(buffer, nameOrMime)) {
    case "pdf":
      return readPdf(buffer, nameOrMime);
    case "docx":
      return readDocx(buffer, nameOrMime);
    case "markdown":
    case "text":
      return decodeText(buffer, nameOrMime);
  }
}
