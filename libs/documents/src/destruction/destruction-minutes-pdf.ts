import { PageSizes } from 'pdf-lib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { embedSerifFonts, type SerifFonts } from '../pdf/fonts';
import { textWidth } from '../pdf/measure';
import { BLACK, PageFlow, lineHeightOf } from '../pdf/page-flow';
import { createPdf, savePdf } from '../pdf/pdf-file';
import { drawTable, type TableColumn, type TableRow } from '../pdf/table';
import { formatDateVi, formatLongDateVi, formatNumberVi } from '../vietnamese/format';
import { kindLabel, reasonLabel, stateLabel } from '../vietnamese/labels';
import {
  ITEM_COLUMNS,
  MINUTES_TITLE,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  totalQuantity,
  totalsByReason,
  type DestructionMinutesInput,
} from './destruction-minutes';

// The wider left margin leaves room to bind the minutes into the blank-management dossier.
const MARGINS = { top: 42, right: 42, bottom: 48, left: 57 };
const BODY = 12;
const TABLE = 8.5;
const SIGNATURE_SPACE = 60;

/** The minutes' prose; the spreadsheet carries the same facts as labelled cells instead. */
function minutesParagraphs(input: DestructionMinutesInput): { decision: string; session: string; method: string } {
  return {
    decision: `Căn cứ Quyết định số ${input.councilDecision.number} ngày ${formatDateVi(input.councilDecision.date)} về việc thành lập Hội đồng huỷ phôi văn bằng;`,
    session: `Hôm nay, ngày ${formatDateVi(input.destroyedOn)}, tại ${input.place}, Hội đồng huỷ phôi văn bằng của ${input.authorityName} tiến hành huỷ các phôi văn bằng dưới đây.`,
    method: `Phương thức huỷ: ${input.method}.`,
  };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Issuer and reference on the left, national motto and date on the right, as on every administrative document. */
function drawHeading(flow: PageFlow, input: DestructionMinutesInput, fonts: SerifFonts): void {
  // A little less than half on the left: "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" and the national name both fit on one line.
  const leftWidth = flow.width * 0.46;
  const left = { x: flow.left, width: leftWidth };
  const right = { x: flow.left + leftWidth, width: flow.width - leftWidth };
  const top = flow.cursor;
  if (input.superiorName) flow.paragraph(input.superiorName.toUpperCase(), { font: fonts.regular, size: 9, align: 'center' }, left);
  flow.paragraph(input.authorityName.toUpperCase(), { font: fonts.bold, size: 10, align: 'center' }, left);
  flow.space(2);
  flow.paragraph(`Số: ${input.minutesRef}`, { font: fonts.regular, size: 11, align: 'center' }, left);
  const leftBottom = flow.cursor;

  flow.cursor = top;
  flow.paragraph(NATIONAL_NAME, { font: fonts.bold, size: 10.5, align: 'center' }, right);
  flow.paragraph(NATIONAL_MOTTO, { font: fonts.bold, size: 11.5, align: 'center' }, right);
  const mottoWidth = textWidth(fonts.bold, NATIONAL_MOTTO, 11.5);
  const y = flow.cursor + 1;
  flow.page.drawLine({
    start: { x: right.x + (right.width - mottoWidth) / 2, y },
    end: { x: right.x + (right.width + mottoWidth) / 2, y },
    thickness: 0.6,
    color: BLACK,
  });
  flow.space(4);
  flow.paragraph(capitalise(formatLongDateVi(input.destroyedOn)), { font: fonts.regular, size: 11, align: 'center' }, right);
  flow.cursor = Math.min(leftBottom, flow.cursor) - 18;

  flow.paragraph(MINUTES_TITLE, { font: fonts.bold, size: 14, align: 'center' });
  flow.space(10);
}

/** Fixed widths in points; the one 'rest' column takes what is left of the page width. */
function columns(
  flow: PageFlow,
  titles: readonly string[],
  widths: (number | 'rest')[],
  align: Record<number, TableColumn['align']>,
): TableColumn[] {
  const fixed = widths.reduce<number>((sum, w) => sum + (w === 'rest' ? 0 : w), 0);
  return titles.map((title, i) => {
    const width = widths[i] ?? 'rest';
    return { title, width: width === 'rest' ? flow.width - fixed : width, align: align[i] };
  });
}

function drawMembers(flow: PageFlow, input: DestructionMinutesInput, fonts: SerifFonts): void {
  const rows: TableRow[] = input.members.map((m, i) => ({ cells: [String(i + 1), m.fullName, m.title, m.role] }));
  drawTable(
    flow,
    columns(flow, ['STT', 'Họ và tên', 'Chức vụ', 'Vai trò trong Hội đồng'], [28, 130, 170, 'rest'], { 0: 'center' }),
    rows,
    fonts,
    TABLE,
  );
}

function drawItems(flow: PageFlow, input: DestructionMinutesInput, fonts: SerifFonts): void {
  const rows: TableRow[] = input.items.map((item, i) => ({
    cells: [
      String(i + 1),
      kindLabel(item.kind),
      item.lotId,
      item.range,
      formatNumberVi(item.quantity),
      stateLabel(item.stateBefore),
      reasonLabel(item.reason),
    ],
  }));
  rows.push({
    bold: true,
    cells: [{ text: 'Tổng cộng', span: 4, align: 'center' }, formatNumberVi(totalQuantity(input.items)), { text: '', span: 2 }],
  });
  drawTable(flow, columns(flow, ITEM_COLUMNS, [24, 78, 58, 118, 42, 80, 'rest'], { 0: 'center', 4: 'right' }), rows, fonts, TABLE);
}

function drawReasonTotals(flow: PageFlow, input: DestructionMinutesInput, fonts: SerifFonts): void {
  const rows: TableRow[] = totalsByReason(input.items).map((t, i) => ({ cells: [String(i + 1), t.label, formatNumberVi(t.quantity)] }));
  drawTable(flow, columns(flow, ['STT', 'Lý do huỷ', 'Số lượng'], [26, 'rest', 80], { 0: 'center', 2: 'right' }), rows, fonts, TABLE);
}

/** Two signatures per line; each keeps its role, space to sign and printed name together on one page. */
function drawSignatures(flow: PageFlow, input: DestructionMinutesInput, fonts: SerifFonts): void {
  const half = flow.width / 2;
  const blockHeight = 2 * lineHeightOf(11) + lineHeightOf(9) + SIGNATURE_SPACE + lineHeightOf(11) + 12;
  for (let i = 0; i < input.members.length; i += 2) {
    flow.ensureRoom(blockHeight);
    const top = flow.cursor;
    let bottom = top;
    input.members.slice(i, i + 2).forEach((member, j) => {
      const column = { x: flow.left + j * half, width: half };
      flow.cursor = top;
      flow.paragraph(member.role.toUpperCase(), { font: fonts.bold, size: 11, align: 'center' }, column);
      flow.paragraph('(Ký, ghi rõ họ tên)', { font: fonts.regular, size: 9, align: 'center' }, column);
      flow.space(SIGNATURE_SPACE);
      flow.paragraph(member.fullName, { font: fonts.bold, size: 11, align: 'center' }, column);
      bottom = Math.min(bottom, flow.cursor);
    });
    flow.cursor = bottom - 20;
  }
}

export async function destructionMinutesToPdf(raw: DestructionMinutesInput): Promise<Uint8Array> {
  const input = normalizeNfcDeep(raw);
  const doc = await createPdf({
    title: `${MINUTES_TITLE} ${input.minutesRef}`,
    author: input.authorityName,
    subject: `Biên bản huỷ phôi văn bằng số ${input.minutesRef} của ${input.authorityName} (${input.authorityCode})`,
    generatedAt: input.generatedAt,
  });
  const fonts = await embedSerifFonts(doc);
  const body = { font: fonts.regular, size: BODY, align: 'left' as const };
  // A section title is never left alone at the foot of a page: it needs room for a few lines below it.
  const section = (title: string) => {
    flow.ensureRoom(4 * lineHeightOf(BODY));
    flow.paragraph(title, { font: fonts.bold, size: BODY });
  };
  const text = minutesParagraphs(input);
  const flow = new PageFlow(doc, PageSizes.A4 as [number, number], MARGINS);
  flow.newPage();

  drawHeading(flow, input, fonts);
  flow.paragraph(text.decision, body);
  flow.paragraph(text.session, body);
  flow.space(6);
  section('I. Thành phần Hội đồng');
  drawMembers(flow, input, fonts);
  flow.space(8);
  section('II. Phôi văn bằng được huỷ');
  flow.paragraph(text.method, body);
  drawItems(flow, input, fonts);
  flow.space(8);
  section('III. Tổng hợp theo lý do huỷ');
  drawReasonTotals(flow, input, fonts);
  flow.space(8);
  flow.paragraph(
    `Biên bản lập xong ${formatLongDateVi(input.destroyedOn)}; các thành viên Hội đồng đã đọc lại, thống nhất nội dung và cùng ký tên dưới đây.`,
    body,
  );
  flow.space(12);
  drawSignatures(flow, input, fonts);
  flow.numberPages({ font: fonts.regular, size: 9 });
  return savePdf(doc);
}
