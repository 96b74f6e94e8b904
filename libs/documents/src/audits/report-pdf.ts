import { PageSizes } from 'pdf-lib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { embedSerifFonts, type SerifFonts } from '../pdf/fonts';
import { textWidth } from '../pdf/measure';
import { BLACK, PageFlow, lineHeightOf } from '../pdf/page-flow';
import { createPdf, savePdf } from '../pdf/pdf-file';
import { drawTable, type TableColumn, type TableRow } from '../pdf/table';
import { formatLongDateVi, formatNumberVi } from '../vietnamese/format';
import { NATIONAL_MOTTO, NATIONAL_NAME } from '../destruction/destruction-minutes';
import type { ReportDocumentInput, ReportSection } from './report-document';

const MARGINS = { top: 42, right: 36, bottom: 48, left: 57 };
const TABLE = 8.5;
const SIGNATURE_SPACE = 60;

function drawHeading(flow: PageFlow, input: ReportDocumentInput, fonts: SerifFonts): void {
  const leftWidth = flow.width * 0.45;
  const left = { x: flow.left, width: leftWidth };
  const right = { x: flow.left + leftWidth, width: flow.width - leftWidth };
  const top = flow.cursor;
  if (input.superiorName) flow.paragraph(input.superiorName.toUpperCase(), { font: fonts.regular, size: 10, align: 'center' }, left);
  flow.paragraph(input.authorityName.toUpperCase(), { font: fonts.bold, size: 10, align: 'center' }, left);
  flow.space(2);
  flow.paragraph(`Số: ${input.reference}`, { font: fonts.regular, size: 11, align: 'center' }, left);
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
  flow.paragraph(
    `${input.place}, ${formatLongDateVi(input.generatedAt.slice(0, 10))}`,
    { font: fonts.regular, size: 11, align: 'center' },
    right,
  );
  flow.cursor = Math.min(leftBottom, flow.cursor) - 18;
  flow.paragraph(input.title, { font: fonts.bold, size: 14, align: 'center' });
  for (const line of input.subtitles) flow.paragraph(line, { font: fonts.regular, size: 11, align: 'center' });
  flow.space(10);
}

function drawSection(flow: PageFlow, section: ReportSection, fonts: SerifFonts): void {
  flow.ensureRoom(5 * lineHeightOf(11));
  flow.paragraph(section.heading, { font: fonts.bold, size: 11 });
  flow.space(2);
  const fixed = section.columns.reduce((sum, c) => sum + (c.width === 'rest' ? 0 : c.width), 0);
  const columns: TableColumn[] = section.columns.map((c) => ({
    title: c.title,
    width: c.width === 'rest' ? flow.width - fixed : c.width,
    align: c.align,
  }));
  const bold = new Set(section.boldRows ?? []);
  const rows: TableRow[] = section.rows.map((row, i) => ({
    bold: bold.has(i),
    cells: row.map((cell) => (typeof cell === 'number' ? formatNumberVi(cell) : cell)),
  }));
  drawTable(flow, columns, rows, fonts, TABLE);
  if (section.note) {
    flow.space(4);
    flow.paragraph(section.note, { font: fonts.regular, size: 9 });
  }
  flow.space(10);
}

function drawSignatures(flow: PageFlow, input: ReportDocumentInput, fonts: SerifFonts): void {
  const width = flow.width / Math.max(input.signatures.length, 1);
  flow.ensureRoom(2 * lineHeightOf(11) + lineHeightOf(9) + SIGNATURE_SPACE + lineHeightOf(11));
  const top = flow.cursor;
  let bottom = top;
  input.signatures.forEach((s, j) => {
    const column = { x: flow.left + j * width, width };
    flow.cursor = top;
    flow.paragraph(s.role.toUpperCase(), { font: fonts.bold, size: 11, align: 'center' }, column);
    flow.paragraph('(Ký, ghi rõ họ tên)', { font: fonts.regular, size: 9, align: 'center' }, column);
    flow.space(SIGNATURE_SPACE);
    flow.paragraph(s.name, { font: fonts.bold, size: 11, align: 'center' }, column);
    bottom = Math.min(bottom, flow.cursor);
  });
  flow.cursor = bottom;
}

export async function reportToPdf(raw: ReportDocumentInput): Promise<Uint8Array> {
  const input = normalizeNfcDeep(raw);
  const doc = await createPdf({
    title: `${input.title} – ${input.authorityName}`,
    author: input.authorityName,
    subject: `${input.title} (${input.authorityCode})`,
    generatedAt: input.generatedAt,
  });
  const fonts = await embedSerifFonts(doc);
  const [short, long] = PageSizes.A4;
  const size: [number, number] = input.orientation === 'landscape' ? [long, short] : [short, long];
  const runningHead = `${input.authorityName} – ${input.title}`;
  const flow = new PageFlow(doc, size, MARGINS, (f, index) => {
    if (index > 0) f.paragraph(runningHead, { font: fonts.regular, size: 8.5 });
    f.space(index > 0 ? 4 : 0);
  });
  flow.newPage();
  drawHeading(flow, input, fonts);
  for (const section of input.sections) drawSection(flow, section, fonts);
  drawSignatures(flow, input, fonts);
  flow.numberPages({ font: fonts.regular, size: 9 });
  return savePdf(doc);
}
