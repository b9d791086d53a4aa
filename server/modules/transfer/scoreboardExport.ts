import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import { translate } from "../../i18n";
import type { ScoreboardData } from "../cycles";
import type { Locale } from "../../../shared/domain";

/** Traffic-light colours, the same as the web client's badges. */
export const STATUS_COLORS: Record<string, string> = {
  on_track: "2F9E44",
  at_risk: "F08C00",
  off_track: "E03131",
  done: "1971C2",
  no_data: "868E96",
};

export interface ExportContext {
  locale: Locale;
  organisation: string;
  planTitle: string;
  unit: string;
}

function columns(locale: Locale) {
  const t = (k: string) => translate(locale, `export.${k}`);
  return [
    t("code"),
    t("objective"),
    t("point"),
    t("owners"),
    t("status"),
    t("trend"),
    t("indicator"),
    t("latest"),
    t("previous"),
    t("targets"),
    t("comment"),
    t("actions"),
  ];
}

function rowValues(row: ScoreboardData["rows"][number], locale: Locale) {
  const format = new Intl.NumberFormat(locale === "en" ? "en-GB" : `${locale}-BE`, {
    maximumFractionDigits: 2,
  });
  const value = (v: number | null) =>
    v == null ? "" : `${format.format(v)}${row.unit ? ` ${row.unit}` : ""}`;
  return [
    row.path.join(" › "),
    row.objectiveTitle,
    row.title,
    row.owners.join(", "),
    translate(locale, `status.${row.status}`),
    translate(locale, `trend.${row.trend}`),
    row.indicatorName ?? "",
    value(row.latestValue),
    value(row.previousValue),
    row.targets.map((t) => (t.deadline ? `${t.text} (${t.deadline})` : t.text)).join("\n"),
    row.comment ?? "",
    `${row.actionsDone}/${row.actionsTotal}`,
  ];
}

function summary(board: ScoreboardData, locale: Locale) {
  return translate(locale, "export.summary", { ...board.rollup });
}

/** CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read the accents). */
export function scoreboardCsv(board: ScoreboardData, ctx: ExportContext): string {
  const escape = (v: string | number) => {
    const s = String(v);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns(ctx.locale), ...board.rows.map((r) => rowValues(r, ctx.locale))].map(
    (cells) => cells.map(escape).join(","),
  );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** One formatted sheet: title block, header, a row per point with its status colour. */
export async function scoreboardXlsx(board: ScoreboardData, ctx: ExportContext): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Koers";
  const sheet = workbook.addWorksheet(`${translate(ctx.locale, "export.title")} ${board.period}`, {
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    views: [{ state: "frozen", ySplit: 5 }],
  });
  sheet.addRow([ctx.organisation]).font = { bold: true, size: 12 };
  sheet.addRow([`${ctx.planTitle} — ${ctx.unit}`]).font = { bold: true, size: 14 };
  sheet.addRow([
    `${translate(ctx.locale, "export.period")} ${board.period} · ${translate(ctx.locale, board.frozen ? "export.frozen" : "export.live")}`,
  ]);
  sheet.addRow([summary(board, ctx.locale)]);
  const header = sheet.addRow(columns(ctx.locale));
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.eachCell(
    (cell) => (cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0D51AF" } }),
  );
  for (const row of board.rows) {
    const added = sheet.addRow(rowValues(row, ctx.locale));
    added.alignment = { vertical: "top", wrapText: true };
    const status = added.getCell(5);
    status.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: `FF${STATUS_COLORS[row.status]}` },
    };
    status.font = { bold: true, color: { argb: "FFFFFFFF" } };
    if (row.latestValue != null) added.getCell(8).value = row.latestValue;
    if (row.previousValue != null) added.getCell(9).value = row.previousValue;
  }
  [12, 30, 40, 20, 14, 12, 24, 12, 12, 40, 40, 10].forEach(
    (width, i) => (sheet.getColumn(i + 1).width = width),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The print view as an A4 PDF with the organisation's title block. */
export async function scoreboardPdf(board: ScoreboardData, ctx: ExportContext): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 36,
    bufferPages: true,
    info: { Title: `${ctx.planTitle} ${board.period}`, Author: ctx.organisation },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );
  const t = (k: string, p?: Record<string, string | number>) => translate(ctx.locale, k, p);
  const width = doc.page.width - 72;

  // Title block.
  doc.rect(36, 36, width, 64).fill("#0D51AF");
  doc.fillColor("white").font("Helvetica-Bold").fontSize(10).text(ctx.organisation, 48, 44);
  doc.fontSize(16).text(ctx.planTitle, 48, 58, { width: width - 24 });
  doc
    .font("Helvetica")
    .fontSize(9)
    .text(
      `${ctx.unit} · ${t("export.period")} ${board.period} · ${t(board.frozen ? "export.frozen" : "export.live")}`,
      48,
      82,
    );
  doc.fillColor("black").fontSize(9).text(summary(board, ctx.locale), 36, 110);

  const cols = [
    { k: 0, w: 60 },
    { k: 2, w: 200 },
    { k: 4, w: 70 },
    { k: 5, w: 60 },
    { k: 7, w: 60 },
    { k: 9, w: 170 },
    { k: 10, w: 150 },
  ];
  const headers = columns(ctx.locale);
  let y = 130;
  const drawHeader = () => {
    let x = 36;
    doc.rect(36, y, width, 16).fill("#E8F1FB");
    doc.fillColor("#003D8B").font("Helvetica-Bold").fontSize(8);
    for (const c of cols) {
      doc.text(headers[c.k]!, x + 3, y + 4, { width: c.w - 6 });
      x += c.w;
    }
    y += 18;
  };
  drawHeader();
  for (const row of board.rows) {
    const values = rowValues(row, ctx.locale);
    doc.font("Helvetica").fontSize(8);
    const height = Math.max(
      16,
      ...cols.map((c) => doc.heightOfString(values[c.k]!, { width: c.w - 6 }) + 6),
    );
    if (y + height > doc.page.height - 40) {
      doc.addPage();
      y = 36;
      drawHeader();
    }
    let x = 36;
    for (const c of cols) {
      if (c.k === 4) {
        doc.roundedRect(x + 2, y + 2, c.w - 4, 12, 3).fill(`#${STATUS_COLORS[row.status]}`);
        doc
          .fillColor("white")
          .font("Helvetica-Bold")
          .text(values[4]!, x + 4, y + 5, { width: c.w - 8 });
        doc.fillColor("black").font("Helvetica");
      } else doc.fillColor("black").text(values[c.k]!, x + 3, y + 3, { width: c.w - 6 });
      x += c.w;
    }
    doc
      .moveTo(36, y + height)
      .lineTo(36 + width, y + height)
      .strokeColor("#DDDDDD")
      .lineWidth(0.5)
      .stroke();
    y += height + 2;
  }
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(i);
    // The footer sits in the bottom margin; without this pdfkit would start a new page.
    doc.page.margins.bottom = 0;
    doc
      .fillColor("#666666")
      .fontSize(7)
      .text(
        `${t("export.generated")} ${new Date(board.generatedAt).toISOString().slice(0, 10)} · ${t("export.page", { page: i + 1, pages: range.count })}`,
        36,
        doc.page.height - 30,
        { width, align: "right", lineBreak: false },
      );
  }
  doc.end();
  return done;
}
