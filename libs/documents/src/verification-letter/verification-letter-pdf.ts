import { createHash } from 'node:crypto';
import { degrees, PageSizes, type PDFDocument } from 'pdf-lib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { embedSerifFonts, type SerifFonts } from '../pdf/fonts';
import { textWidth } from '../pdf/measure';
import { BLACK, PageFlow, drawLine, lineHeightOf, type TextStyle } from '../pdf/page-flow';
import { createPdf, savePdf } from '../pdf/pdf-file';
import { drawQrCode } from '../pdf/qr';
import { drawTable, type TableColumn } from '../pdf/table';
import { wrapText } from '../pdf/text-wrap';
import { formatDateVi } from '../vietnamese/format';
import {
  ADDRESSEE_LABEL,
  LETTER_COLUMNS,
  LETTER_SUBJECT,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  QR_CAPTION,
  RECIPIENTS_LABEL,
  checkAnswers,
  closingParagraph,
  letterDateline,
  letterNumberLine,
  openingParagraph,
  recipientLines,
  subjectCells,
  tableNote,
} from './verification-letter-content';
import type { VerificationLetterInput, VerificationLetterPdf } from './verification-letter-input';

// Nghị định 30/2020, Phụ lục I: A4 portrait; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const MARGINS = { top: 57, right: 50, bottom: 57, left: 88 };
// DejaVu Serif runs about a fifth wider than the Times New Roman the decree's sizes are given for: 11 pt
// here sets the national name ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") as wide as 13 pt Times, on one line.
const HEAD_SIZE = 11;
const BODY_SIZE = 12;
const SMALL_SIZE = 10;
const TABLE_SIZE = 10;
const INDENT = 28;
const PARAGRAPH_GAP = 6;
// The issuing body's block on the left, the national name's on the right, as wide as it needs.
const LEFT_SHARE = 0.4;
// STT, name, birth date and serial / register number; the result takes what is left.
const FIXED_WIDTHS = [30, 122, 66, 106];
const QR_SIZE = 85;
const SIGNATURE_SPACE = 72;
// Italic in the decree (dateline, "Nơi nhận:"); the embedded serif has no italic, so the upright face is slanted.
const OBLIQUE = degrees(12);

interface Column {
  readonly x: number;
  readonly width: number;
}

/**
 * Breaks `text` into as many lines as the column needs, but as even as they can be: "ỦY BAN NHÂN DÂN /
 * THÀNH PHỐ HẢI PHÒNG" rather than a long first line over a short last one, as a heading is set by hand.
 */
function balancedLines(text: string, width: number, style: TextStyle): string[] {
  const measure = (t: string) => textWidth(style.font, t, style.size);
  const count = wrapText(text, width, measure).length;
  let [low, high] = [0, width];
  while (high - low > 0.5) {
    const mid = (low + high) / 2;
    if (wrapText(text, mid, measure).length === count) high = mid;
    else low = mid;
  }
  return wrapText(text, high, measure);
}

/** Centred lines in a column from `top` down; returns where the block ends and how wide its widest line is. */
function centredBlock(
  flow: PageFlow,
  lines: readonly string[],
  column: Column,
  style: TextStyle,
  top: number,
  skew = false,
): { bottom: number; widest: number } {
  const lineHeight = lineHeightOf(style.size);
  let cursor = top;
  let widest = 0;
  for (const line of lines) {
    cursor -= lineHeight;
    const width = textWidth(style.font, line, style.size);
    widest = Math.max(widest, width);
    const x = column.x + (column.width - width) / 2;
    flow.page.drawText(line, {
      x,
      y: cursor + lineHeight - style.size,
      font: style.font,
      size: style.size,
      color: BLACK,
      ...(skew ? { ySkew: OBLIQUE } : {}),
    });
  }
  return { bottom: cursor, widest };
}

/** The short rule under the issuing body, or the full one under the motto, centred in its column. */
function rule(flow: PageFlow, column: Column, length: number, y: number): void {
  const x = column.x + (column.width - length) / 2;
  flow.page.drawLine({ start: { x, y }, end: { x: x + length, y }, thickness: 0.6, color: BLACK });
}

/** The two-column head: bodies and number on the left, national name, motto and dateline on the right. */
function drawLetterHead(flow: PageFlow, input: VerificationLetterInput, fonts: SerifFonts): void {
  const left: Column = { x: flow.left, width: flow.width * LEFT_SHARE };
  const right: Column = { x: flow.left + left.width, width: flow.width - left.width };
  const regular = { font: fonts.regular, size: HEAD_SIZE };
  const bold = { font: fonts.bold, size: HEAD_SIZE };
  const top = flow.cursor;

  let cursor = top;
  if (input.superiorName)
    cursor = centredBlock(flow, balancedLines(input.superiorName.toUpperCase(), left.width, regular), left, regular, cursor).bottom;
  const authority = centredBlock(flow, balancedLines(input.authorityName.toUpperCase(), left.width, bold), left, bold, cursor);
  // Nghị định 30: a solid rule a third to a half as long as the line above it.
  rule(flow, left, authority.widest * 0.4, authority.bottom - 5);

  const nation = centredBlock(flow, [NATIONAL_NAME], right, bold, top);
  const motto = centredBlock(flow, [NATIONAL_MOTTO], right, { font: fonts.bold, size: HEAD_SIZE + 1 }, nation.bottom);
  rule(flow, right, motto.widest, motto.bottom - 5);

  const band = Math.min(authority.bottom, motto.bottom) - 10;
  const number = centredBlock(flow, [letterNumberLine(input.letterNumber)], left, { font: fonts.regular, size: BODY_SIZE }, band);
  const subject = centredBlock(
    flow,
    balancedLines(LETTER_SUBJECT, left.width, { font: fonts.regular, size: SMALL_SIZE + 1 }),
    left,
    { font: fonts.regular, size: SMALL_SIZE + 1 },
    number.bottom,
  );
  const dateline = centredBlock(
    flow,
    [letterDateline(input.place, input.respondedOn)],
    right,
    { font: fonts.regular, size: BODY_SIZE },
    band,
    true,
  );
  flow.cursor = Math.min(subject.bottom, dateline.bottom);
}

/** A body paragraph as the decree sets it: first line indented, lines justified, the last one left. */
function justified(flow: PageFlow, text: string, style: TextStyle): void {
  const measure = (t: string) => textWidth(style.font, t, style.size);
  const normal = text
    .split(/\s+/)
    .filter((w) => w !== '')
    .join(' ');
  const [first = ''] = wrapText(normal, flow.width - INDENT, measure);
  const rest = normal.slice(first.length).trim();
  const lines = [
    { text: first, x: flow.left + INDENT, width: flow.width - INDENT },
    ...(rest === '' ? [] : wrapText(rest, flow.width, measure).map((t) => ({ text: t, x: flow.left, width: flow.width }))),
  ];
  const lineHeight = lineHeightOf(style.size);
  lines.forEach((line, i) => {
    flow.ensureRoom(lineHeight);
    flow.cursor -= lineHeight;
    const baseline = flow.cursor + lineHeight - style.size;
    const words = line.text.split(' ');
    if (i === lines.length - 1 || words.length < 2) {
      drawLine(flow.page, line.text, line.x, line.width, baseline, { ...style, align: 'left' });
      return;
    }
    const gap = (line.width - words.reduce((sum, w) => sum + measure(w), 0)) / (words.length - 1);
    let x = line.x;
    for (const word of words) {
      flow.page.drawText(word, { x, y: baseline, font: style.font, size: style.size, color: BLACK });
      x += measure(word) + gap;
    }
  });
  flow.space(PARAGRAPH_GAP);
}

function tableColumns(contentWidth: number): TableColumn[] {
  const fixed = FIXED_WIDTHS.reduce((sum, w) => sum + w, 0);
  return LETTER_COLUMNS.map((title, i) => ({
    title,
    width: FIXED_WIDTHS[i] ?? contentWidth - fixed,
    align: i === 0 || i === 2 ? 'center' : undefined,
  }));
}

/**
 * "Nơi nhận:" on the left and the signer on the right, level with each other; the QR code at the foot of
 * the page under "Nơi nhận:", where the signer's column leaves the left free. All on the same page.
 */
function drawClosing(flow: PageFlow, doc: PDFDocument, input: VerificationLetterInput, fonts: SerifFonts): void {
  const titleLines = input.signerTitle
    .split('\n')
    .map((l) => l.trim().toUpperCase())
    .filter((l) => l !== '');
  const recipients = recipientLines(input.letterNumber);
  const itemSize = SMALL_SIZE + 1;
  const captionSize = SMALL_SIZE - 1;
  const qrBottom = flow.margins.bottom + lineHeightOf(captionSize) + 2;
  const leftHeight = lineHeightOf(BODY_SIZE) + recipients.length * lineHeightOf(itemSize);
  const signerHeight = (titleLines.length + 1) * lineHeightOf(BODY_SIZE) + SIGNATURE_SPACE;
  if (!flow.fits(signerHeight) || flow.cursor - leftHeight < qrBottom + QR_SIZE + 6) flow.newPage();

  const left: Column = { x: flow.left, width: flow.width * LEFT_SHARE };
  const right: Column = { x: left.x + left.width, width: flow.width - left.width };
  const top = flow.cursor;
  flow.page.drawText(RECIPIENTS_LABEL, { x: left.x, y: top - BODY_SIZE, font: fonts.bold, size: BODY_SIZE, color: BLACK, ySkew: OBLIQUE });
  recipients.forEach((line, i) => {
    drawLine(flow.page, line, left.x, left.width, top - lineHeightOf(BODY_SIZE) - i * lineHeightOf(itemSize) - itemSize, {
      font: fonts.regular,
      size: itemSize,
    });
  });
  const title = centredBlock(flow, titleLines, right, { font: fonts.bold, size: BODY_SIZE }, top);
  flow.cursor = centredBlock(flow, [input.signerName], right, { font: fonts.bold, size: BODY_SIZE }, title.bottom - SIGNATURE_SPACE).bottom;

  // The quiet zone reaches into the margin, so the code's dark edge lines up with the text above it.
  drawQrCode(doc, flow.page, input.verifyUrl, { x: left.x - QR_SIZE * 0.08, y: qrBottom, size: QR_SIZE });
  drawLine(flow.page, QR_CAPTION, left.x, left.width, flow.margins.bottom, { font: fonts.regular, size: captionSize });
}

/** From the second page on, the page number at the top centre (Nghị định 30, Phụ lục I). */
function numberPages(flow: PageFlow, fonts: SerifFonts): void {
  flow.pages.forEach((page, i) => {
    if (i > 0)
      drawLine(page, String(i + 1), flow.left, flow.width, flow.size[1] - flow.margins.top / 2 - SMALL_SIZE / 2, {
        font: fonts.regular,
        size: SMALL_SIZE + 1,
        align: 'center',
      });
  });
}

/** The response to an agency's verification letter, signed and QR-stamped: A4 portrait, identical bytes for identical input. */
export async function verificationLetterToPdf(raw: VerificationLetterInput): Promise<VerificationLetterPdf> {
  // The URL is encoded byte for byte as given; everything printed is composed (NFC).
  const input = { ...normalizeNfcDeep(raw), verifyUrl: raw.verifyUrl };
  checkAnswers(input);
  const doc = await createPdf({
    title: `Công văn số ${input.letterNumber} – ${LETTER_SUBJECT}`,
    author: input.authorityName,
    subject: `Trả lời Công văn số ${input.theirLetterNumber} ngày ${formatDateVi(input.theirLetterDate)} của ${input.organisation}`,
    generatedAt: input.generatedAt,
  });
  const fonts = await embedSerifFonts(doc);
  const flow = new PageFlow(doc, [PageSizes.A4[0], PageSizes.A4[1]], MARGINS);
  flow.newPage();

  drawLetterHead(flow, input, fonts);
  flow.space(18);
  flow.paragraph(`${ADDRESSEE_LABEL}: ${input.organisation}.`, { font: fonts.regular, size: BODY_SIZE + 0.5, align: 'center' });
  flow.space(12);
  const body = { font: fonts.regular, size: BODY_SIZE };
  justified(flow, openingParagraph(input), body);
  drawTable(
    flow,
    tableColumns(flow.width),
    input.subjects.map((s, i) => ({ cells: subjectCells(s, input.answers[i] as (typeof input.answers)[number], i) })),
    fonts,
    TABLE_SIZE,
  );
  flow.space(3);
  flow.paragraph(tableNote(input), { font: fonts.regular, size: SMALL_SIZE });
  flow.space(PARAGRAPH_GAP + 2);
  justified(flow, closingParagraph(input), body);
  flow.space(8);
  drawClosing(flow, doc, input, fonts);
  numberPages(flow, fonts);

  const bytes = await savePdf(doc);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
