/**
 * Groups source lines into blocks: one heading, label, bullet, paragraph or table row
 * each. Text wrapped over several lines (OCR, PDF, hard-wrapped Markdown) becomes one
 * block again; so does a sentence cut by a page break, which shows up as a paragraph
 * that starts in lower case after one that does not end a sentence.
 */
import { classifyLine, matchBareCode, startsWithCapital, type LineClass } from "./classify";
import { joinWrapped, stripBullet, stripMarkup, type SourceLine } from "./normalize";

export interface Block {
  line: number;
  /** What the first line is; the joined text of heading and label blocks is re-read at the end. */
  cls: LineClass;
  /** Cleaned text of the whole block (bullet removed). */
  text: string;
  isBullet: boolean;
  /** Starts after a blank line or at a heading mark, so a leading "1.2" is a number, not wrapped text. */
  isParagraphStart: boolean;
  /**
   * A `#` heading: complete on its own line. Other lines that follow without a blank
   * line continue the block, as in a Markdown paragraph.
   */
  isClosed: boolean;
  cells?: string[];
  isTableHeader?: boolean;
}

const isSentenceEnd = (text: string) => /[.!?:;]["'’”)]*$/.test(text);

/** Whether later lines may continue this block. */
function isContinuable(block: Block): boolean {
  return !block.cells && !block.isClosed && block.cls.type !== "furniture";
}

/** Builds the blocks of a document from its source lines. */
export function buildBlocks(lines: SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  let sawGap = true;

  for (const source of lines) {
    if (source.cells) {
      blocks.push({
        line: source.line,
        cls: { type: "text" },
        text: source.cells.join(" "),
        isBullet: false,
        isParagraphStart: sawGap,
        isClosed: true,
        cells: source.cells,
        ...(source.isTableHeader ? { isTableHeader: true } : {}),
      });
      open = null;
      sawGap = false;
      continue;
    }
    const clean = stripMarkup(source.text);
    if (!clean) {
      sawGap = true;
      open = null;
      continue;
    }
    const bulleted = stripBullet(clean);
    const body = bulleted ?? clean;
    const cls = classifyLine(body);
    const isStructural =
      bulleted !== null ||
      source.isHeading === true ||
      (cls.type !== "text" && (sawGap || startsWithCapital(body)));

    if (open && !isStructural && isContinuable(open)) {
      open.text = joinWrapped(open.text, clean);
      sawGap = false;
      continue;
    }
    const previous = blocks[blocks.length - 1];
    if (
      sawGap &&
      !isStructural &&
      previous &&
      isContinuable(previous) &&
      /^\p{Ll}/u.test(clean) &&
      !isSentenceEnd(previous.text) &&
      !matchBareCode(clean)
    ) {
      // A sentence cut by a page break or a blank line the converter put in.
      previous.text = joinWrapped(previous.text, clean);
      open = previous;
      sawGap = false;
      continue;
    }
    open = {
      line: source.line,
      cls,
      text: body,
      isBullet: bulleted !== null,
      isParagraphStart: sawGap || source.isHeading === true,
      isClosed: source.isHeading === true,
    };
    blocks.push(open);
    sawGap = false;
  }
  // A heading or label that wrapped is read again as a whole: its title or phrase grew.
  for (const block of blocks) {
    if (block.cls.type !== "text" && !block.cells) block.cls = classifyLine(block.text);
  }
  return blocks;
}
