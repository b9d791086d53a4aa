import { readFileSync } from "node:fs";
import path from "node:path";
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../../shared/planImport/parse";
import { readDocument } from "./readers";

const root = path.resolve(import.meta.dirname, "../../..");
const sample = readFileSync(path.resolve(root, "../shared/examples/mandate-actiris-a4.md"), "utf8");
const fixture = (name: string) =>
  readFileSync(path.join(root, "test/fixtures/import", name), "utf8");

// --- A small Markdown renderer to .docx and .pdf, as a person would lay out the same text.

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
}
interface Line {
  runs: Run[];
  bullet: boolean;
  heading: number;
}
type Piece = { type: "paragraph"; lines: Line[] } | { type: "table"; rows: string[][] };

function splitRuns(text: string): Run[] {
  return text
    .split(/(\*\*[^*]+\*\*|\*[^*]+\*)/)
    .filter(Boolean)
    .map((part) => {
      if (part.startsWith("**")) return { text: part.slice(2, -2), bold: true, italic: false };
      if (part.startsWith("*") && part.length > 2)
        return { text: part.slice(1, -1), bold: false, italic: true };
      return { text: part, bold: false, italic: false };
    });
}

/** Reads Markdown as Markdown does: consecutive lines are one paragraph; tabs and pipes make tables. */
function readPieces(markdown: string): Piece[] {
  const pieces: Piece[] = [];
  let open: Line[] | null = null;
  for (const raw of markdown.split("\n")) {
    const line = raw.trimEnd();
    if (!line.trim()) {
      open = null;
      continue;
    }
    const cells = line.includes("\t")
      ? line.split("\t")
      : /^\s*\|/.test(line)
        ? line
            .trim()
            .replace(/^\||\|$/g, "")
            .split("|")
            .map((cell) => cell.trim())
        : null;
    if (cells) {
      open = null;
      if (cells.every((cell) => /^-{3,}$/.test(cell))) continue;
      const last = pieces[pieces.length - 1];
      if (last?.type === "table") last.rows.push(cells);
      else pieces.push({ type: "table", rows: [cells] });
      continue;
    }
    const heading = /^(#{1,6})\s+/.exec(line);
    const bullet = /^\s*[-*]\s+/.exec(line);
    const text = line.slice((heading ?? bullet)?.[0].length ?? 0).trim();
    const entry = {
      runs: splitRuns(text),
      bullet: !!bullet,
      heading: heading ? heading[1]!.length : 0,
    };
    if (open && !bullet && !heading) {
      open.push(entry);
      continue;
    }
    const lines = [entry];
    pieces.push({ type: "paragraph", lines });
    open = heading ? null : lines;
  }
  return pieces;
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];
const buildTextRuns = (runs: Run[]) =>
  runs.map((run) => new TextRun({ text: run.text, bold: run.bold, italics: run.italic }));

/** A Word document with real headings, bullets, bold labels and tables. */
async function renderDocx(markdown: string): Promise<Buffer> {
  const children = readPieces(markdown).map((piece) => {
    if (piece.type === "table") {
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: piece.rows.map(
          (row) =>
            new TableRow({
              children: row.map(
                (cell) =>
                  new TableCell({
                    children: [new Paragraph({ children: buildTextRuns(splitRuns(cell)) })],
                  }),
              ),
            }),
        ),
      });
    }
    const first = piece.lines[0]!;
    // The lines of one Markdown paragraph stay lines: a soft line break between them.
    const runs = piece.lines.flatMap((line, index) => [
      ...(index ? [new TextRun({ text: "", break: 1 })] : []),
      ...buildTextRuns(line.runs),
    ]);
    return new Paragraph({
      children: runs,
      ...(first.heading ? { heading: HEADINGS[first.heading - 1] } : {}),
      ...(first.bullet ? { bullet: { level: 0 } } : {}),
    });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** An A4 PDF: wrapped paragraphs over several pages, "•" bullets, bold labels, tables in columns. */
async function renderPdf(markdown: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56 });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  for (const piece of readPieces(markdown)) {
    if (piece.type === "table") {
      // Each column at least as wide as its longest word; the rest shared by text length.
      doc.font("Helvetica").fontSize(10);
      const columns = piece.rows[0]!.map((_, column) =>
        piece.rows.map((row) => (row[column] ?? "").replace(/\*/g, "")),
      );
      const minimum = columns.map(
        (cells) =>
          Math.max(
            ...cells.flatMap((cell) => cell.split(/\s+/)).map((word) => doc.widthOfString(word)),
          ) + 14,
      );
      const lengths = columns.map((cells) => Math.max(...cells.map((cell) => cell.length)));
      const spare = width - minimum.reduce((sum, w) => sum + w, 0);
      const total = lengths.reduce((sum, length) => sum + length, 0);
      const widths = minimum.map((w, column) => w + (spare * lengths[column]!) / total);
      for (const row of piece.rows) {
        if (doc.y > doc.page.height - 120) doc.addPage();
        const top = doc.y;
        let bottom = top;
        let x = left;
        row.forEach((cell, index) => {
          doc.text(cell.replace(/\*/g, ""), x, top, { width: widths[index]! - 12 });
          x += widths[index]!;
          bottom = Math.max(bottom, doc.y);
        });
        doc.x = left;
        doc.y = bottom + 4;
      }
      doc.moveDown(0.6);
      continue;
    }
    for (const line of piece.lines) {
      const size = line.heading ? 16 - line.heading * 1.5 : 10;
      const runs = line.bullet
        ? [{ text: "• ", bold: false, italic: false }, ...line.runs]
        : line.runs;
      runs.forEach((run, index) => {
        const font =
          run.bold || line.heading
            ? "Helvetica-Bold"
            : run.italic
              ? "Helvetica-Oblique"
              : "Helvetica";
        doc.font(font).fontSize(size);
        doc.text(run.text, index === 0 ? left : undefined, undefined, {
          width,
          continued: index < runs.length - 1,
        });
      });
    }
    doc.moveDown(0.6);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Deterministic bytes that are no document at all. */
function makeGarbage(length: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = state >> 23;
  }
  return bytes;
}

describe("readDocument", () => {
  const fromMarkdown = parsePlanText(sample);

  it("reads a .docx made from the Markdown sample into the same tree", async () => {
    const text = await readDocument(await renderDocx(sample), "mandaat.docx");
    expect(text).toContain("| Strategische doelstelling 1 | Deelnemen aan een zo effectief");
    expect(parsePlanText(text).plan).toEqual(fromMarkdown.plan);
  });

  it("reads a .pdf made from the Markdown sample into the same tree", async () => {
    const pdf = await renderPdf(sample);
    // Several pages: paragraphs run on across page breaks.
    expect(pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length).toBeGreaterThan(5);
    const text = await readDocument(pdf, "mandaat.pdf");
    expect(parsePlanText(text).plan).toEqual(fromMarkdown.plan);
    expect(parsePlanText(text).warnings.map((warning) => warning.code)).toEqual(
      fromMarkdown.warnings.map((warning) => warning.code),
    );
  });

  it.each(["mandate-bold-headings.md", "strategic-plan-krachtlijnen.md", "mandat-objectifs-fr.md"])(
    "reads %s as .docx and as .pdf into the same tree",
    async (name) => {
      const markdown = fixture(name);
      const expected = parsePlanText(markdown).plan;
      expect(
        parsePlanText(await readDocument(await renderDocx(markdown), "plan.docx")).plan,
      ).toEqual(expected);
      expect(parsePlanText(await readDocument(await renderPdf(markdown), "plan.pdf")).plan).toEqual(
        expected,
      );
    },
  );

  it("reads text as UTF-8, UTF-16 with a byte order mark, or Windows-1252", async () => {
    expect(await readDocument(Buffer.from("Tijdschema: maart 2025 – coördinatie"), "a.md")).toBe(
      "Tijdschema: maart 2025 – coördinatie",
    );
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Échéance : T2 2026", "utf16le"),
    ]);
    expect(await readDocument(utf16, "a.txt")).toBe("Échéance : T2 2026");
    expect(await readDocument(Buffer.from("coördinatie en efficiënt", "latin1"), "a.txt")).toBe(
      "coördinatie en efficiënt",
    );
  });

  it("goes by the content: a PDF named .txt is read as a PDF", async () => {
    const text = await readDocument(await renderPdf("SD nr. 1: Sneller werken"), "export.txt");
    expect(text.trim()).toBe("SD nr. 1: Sneller werken");
  });

  it("reads HTML and a MIME type instead of a file name", async () => {
    expect(await readDocument(Buffer.from("<p>SD 1: A</p>"), "plan.html")).toBe("<p>SD 1: A</p>");
    expect(await readDocument(Buffer.from("SD 1: A"), "text/markdown")).toBe("SD 1: A");
  });

  it.each([
    ["empty.md", Buffer.alloc(0), "empty.md: is empty"],
    ["garbage.txt", makeGarbage(4000), "garbage.txt: is not a text document (binary content)"],
    ["garbage.md", makeGarbage(4000, 11), "garbage.md: is not a text document (binary content)"],
    ["garbage", makeGarbage(4000, 13), "garbage: is not a text document (binary content)"],
    ["garbage.pdf", makeGarbage(4000), "garbage.pdf: is not a valid PDF (no %PDF header)"],
    ["garbage.docx", makeGarbage(4000), "garbage.docx: is not a valid .docx (not a ZIP archive)"],
    [
      "garbage.bin",
      makeGarbage(4000),
      "garbage.bin: unsupported file type .bin; use .md, .txt, .html, .docx or .pdf",
    ],
    [
      "broken.pdf",
      Buffer.concat([Buffer.from("%PDF-1.7\n"), makeGarbage(2000)]),
      "broken.pdf: is not a readable PDF",
    ],
    [
      "broken.docx",
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), makeGarbage(2000)]),
      "broken.docx: is not a readable Word document",
    ],
    [
      "old.doc",
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), makeGarbage(100)]),
      "old.doc: an old Word file (.doc); save it as .docx",
    ],
    [
      "plan.odt",
      Buffer.from("x"),
      "plan.odt: is an OpenDocument text (.odt); save it as .docx or PDF",
    ],
  ])("refuses %s with a message that says why", async (name, bytes, message) => {
    await expect(readDocument(bytes, name)).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message,
    });
  });

  it("refuses a PDF without a text layer (a scan)", async () => {
    const doc = new PDFDocument({ size: "A4" });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
    doc.rect(100, 100, 200, 300).fill("#333");
    doc.end();
    await ended;
    await expect(readDocument(Buffer.concat(chunks), "scan.pdf")).rejects.toThrow(
      /has no text layer/,
    );
  });
});
