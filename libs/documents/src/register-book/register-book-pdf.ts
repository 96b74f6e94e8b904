import { PageSizes, type PDFDocument } from 'pdf-lib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { cacheTextEncoding } from '../pdf/encoding-cache';
import { embedSerifFonts, type SerifFonts } from '../pdf/fonts';
import { PageFlow, lineHeightOf } from '../pdf/page-flow';
import { createPdf, savePdf } from '../pdf/pdf-file';
import { sealPage } from '../pdf/seal-page';
import { drawTable, type TableColumn, type TableRow } from '../pdf/table';
import { formatDateVi } from '../vietnamese/format';
import {
  HEAD_HINT,
  HEAD_ROLE,
  PREPARER_HINT,
  PREPARER_ROLE,
  bookHeading,
  closingDateline,
  rowTexts,
  sectionDetails,
  sectionTitle,
  totalLine,
  type BookClosing,
  type BookHeader,
  type BookHeading,
} from './register-book-content';
import { REGISTER_BOOK_COLUMNS, type RegisterBookExportInput, type RegisterBookSection } from './register-book-export';

const [A4_SHORT, A4_LONG] = PageSizes.A4;
const LANDSCAPE: [number, number] = [A4_LONG, A4_SHORT];
// As the blank ledger: 11 mm on the left still clears a hole punch, and the notes column gets the rest.
const MARGINS = { top: 36, right: 24, bottom: 40, left: 32 };
// Fifteen columns on A4 landscape: 7 pt DejaVu Serif is about as tall as 8 pt Times, still legible.
const TABLE_SIZE = 7;
// Points, for every column but the last (notes), which takes what is left (72). Sized so that a
// 5-digit line number, a four-word name ("Nguyễn Thị Thanh Phượng"), a date, "Sán Dìu", "Chính quy", a
// serial and every bold heading word fit on one line at 7 pt, and a line of a province's book takes two
// lines at most: "Thành phố Hồ Chí Minh", "Trung tâm GDNN-GDTX Thủy Nguyên, lớp 12A12", a register number
// and a recipient's name wrap once. At two lines a line an A4 page holds 21 (issue 17: at least 20).
const FIXED_WIDTHS = [30, 100, 47, 58, 24, 34, 100, 32, 30, 44, 51, 47, 70, 47];
// Two points, not three, above and below a cell's text: what takes the page from 19 lines to 21.
const CELL_PADDING = 2;
const ALIGN: Partial<Record<number, TableColumn['align']>> = { 0: 'center', 2: 'center', 4: 'center', 7: 'center', 13: 'center' };
// Two empty lines above the recipient's name: the place to sign on the printed appendix and copy
// register. The sổ gốc has thousands of lines: there the recipient signs beside the printed name, in a
// line two text lines high.
export const SIGNATURE_LINES = '\n\n';
const SIGNATURE_SPACE = 70;

function columns(contentWidth: number): TableColumn[] {
  const fixed = FIXED_WIDTHS.reduce((sum, w) => sum + w, 0);
  return REGISTER_BOOK_COLUMNS.map((title, i) => ({ title, width: FIXED_WIDTHS[i] ?? contentWidth - fixed, align: ALIGN[i] }));
}

/** Issuing body under its superior at the top left, then the book's title, as on the cover of a register. */
function drawBookHeading(flow: PageFlow, heading: BookHeading, fonts: SerifFonts): void {
  const block = { x: flow.left, width: flow.width * 0.5 };
  if (heading.superior) flow.paragraph(heading.superior.toUpperCase(), { font: fonts.regular, size: 10, align: 'center' }, block);
  flow.paragraph(heading.authority.toUpperCase(), { font: fonts.bold, size: 10.5, align: 'center' }, block);
  flow.space(10);
  flow.paragraph(heading.title, { font: fonts.bold, size: 15, align: 'center' });
  flow.paragraph(heading.kind, { font: fonts.regular, size: 10.5, align: 'center' });
  flow.paragraph(heading.year, { font: fonts.bold, size: 10.5, align: 'center' });
  flow.paragraph(heading.generated, { font: fonts.regular, size: 8.5, align: 'right' });
  flow.space(4);
}

function drawSection(flow: PageFlow, section: RegisterBookSection, firstLine: number, fonts: SerifFonts): void {
  const details = sectionDetails(section);
  // The decision block must not be left alone at the foot of a page: keep room for the table's heading
  // and a first line under it.
  flow.ensureRoom(lineHeightOf(10) + details.length * lineHeightOf(9) + 80);
  flow.paragraph(sectionTitle(section), { font: fonts.bold, size: 10 });
  for (const detail of details) flow.paragraph(detail, { font: fonts.regular, size: 9 });
  flow.space(3);
  const rows: TableRow[] = section.rows.map((r, i) => ({ cells: rowTexts(r, firstLine + i) }));
  drawTable(flow, columns(flow.width), rows, fonts, TABLE_SIZE, CELL_PADDING);
}

/** The book preparer on the left; the dateline and the head of unit, who signs and seals, on the right. */
function drawClosing(flow: PageFlow, closing: BookClosing, fonts: SerifFonts): void {
  // The total and the signatures close the book together: neither is left alone on a page.
  flow.space(8);
  flow.ensureRoom(lineHeightOf(10) + 8 + lineHeightOf(10.5) + lineHeightOf(11) + lineHeightOf(9) + SIGNATURE_SPACE);
  flow.paragraph(closing.total, { font: fonts.regular, size: 10 });
  flow.space(8);
  const half = flow.width / 2;
  const left = { x: flow.left, width: half };
  const right = { x: flow.left + half, width: half };
  flow.paragraph(closing.dateline, { font: fonts.regular, size: 10.5, align: 'center' }, right);
  const top = flow.cursor;
  flow.paragraph(PREPARER_ROLE.toUpperCase(), { font: fonts.bold, size: 11, align: 'center' }, left);
  flow.paragraph(PREPARER_HINT, { font: fonts.regular, size: 9, align: 'center' }, left);
  flow.cursor = top;
  flow.paragraph(HEAD_ROLE.toUpperCase(), { font: fonts.bold, size: 11, align: 'center' }, right);
  flow.paragraph(HEAD_HINT, { font: fonts.regular, size: 9, align: 'center' }, right);
  flow.space(SIGNATURE_SPACE);
}

export interface BookPdf {
  readonly doc: PDFDocument;
  readonly fonts: SerifFonts;
  readonly flow: PageFlow;
}

/**
 * A book's PDF with its heading drawn: landscape A4 pages that are sealed to bytes once full and, after
 * the first, open with the running head (asked for at each new page, so it may follow the book along).
 * `documentName` starts the subject: "Sổ gốc cấp bằng tốt nghiệp" THPT năm 2024 của …
 */
export async function openBookPdf(
  input: Omit<BookHeader, 'kind'> & { readonly kind: string },
  heading: BookHeading,
  documentName: string,
  runningHead: () => string,
): Promise<BookPdf> {
  const doc = await createPdf({
    title: `${heading.title} năm ${input.year} – ${input.authorityName}`,
    author: input.authorityName,
    subject: `${documentName} ${input.kind} năm ${input.year} của ${input.authorityName} (${input.authorityCode})`,
    generatedAt: input.generatedAt,
  });
  const fonts = cacheTextEncoding(await embedSerifFonts(doc));
  const flow = new PageFlow(doc, LANDSCAPE, MARGINS, (f, index) => {
    const finished = f.pages[index - 1];
    // Nothing more is drawn on the previous page until its number: keep its bytes, not its operators.
    if (finished) sealPage(doc, finished);
    if (index > 0) f.paragraph(runningHead(), { font: fonts.regular, size: 8.5 });
    f.space(index > 0 ? 4 : 0);
  });
  flow.newPage();
  drawBookHeading(flow, heading, fonts);
  return { doc, fonts, flow };
}

/** The total and the signature places, then "Trang x/N" on every page; the finished file's bytes. */
export function closeBookPdf({ doc, fonts, flow }: BookPdf, closing: BookClosing): Promise<Uint8Array> {
  drawClosing(flow, closing, fonts);
  flow.numberPages({ font: fonts.regular, size: 9 });
  return savePdf(doc);
}

export async function registerBookToPdf(raw: RegisterBookExportInput): Promise<Uint8Array> {
  const input = normalizeNfcDeep(raw);
  const heading = bookHeading(input);
  // A page filed on its own still names the book and the decision its lines were issued on.
  let current: RegisterBookSection | undefined;
  const runningHead = () =>
    [
      input.authorityName,
      `${heading.title} năm ${input.year}`,
      current && `QĐ công nhận tốt nghiệp số ${current.decisionNumber} ngày ${formatDateVi(current.decisionDate)}`,
    ]
      .filter(Boolean)
      .join(' – ');
  const book = await openBookPdf(input, heading, 'Sổ gốc cấp bằng tốt nghiệp', runningHead);
  const { flow, fonts } = book;
  let firstLine = 1;
  for (const section of input.sections) {
    current = section;
    drawSection(flow, section, firstLine, fonts);
    firstLine += section.rows.length;
    flow.space(10);
  }
  return closeBookPdf(book, { total: totalLine(input), dateline: closingDateline(input) });
}
