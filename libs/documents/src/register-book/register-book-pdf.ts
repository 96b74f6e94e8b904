import type { Readable } from 'node:stream';
import { PageSizes } from 'pdf-lib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { drawBookTable } from '../pdf/book-table';
import { BookWriter } from '../pdf/book-writer';
import { lineHeightOf } from '../pdf/page-flow';
import { MemorySink } from '../pdf/stream-writer/byte-sink';
import { ReadableSink } from '../pdf/stream-writer/readable-sink';
import type { TableColumn, TableRow } from '../pdf/table';
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
function drawBookHeading(book: BookWriter, heading: BookHeading): void {
  const block = { x: book.left, width: book.width * 0.5 };
  if (heading.superior) book.paragraph(heading.superior.toUpperCase(), { font: 'regular', size: 10, align: 'center' }, block);
  book.paragraph(heading.authority.toUpperCase(), { font: 'bold', size: 10.5, align: 'center' }, block);
  book.space(10);
  book.paragraph(heading.title, { font: 'bold', size: 15, align: 'center' });
  book.paragraph(heading.kind, { font: 'regular', size: 10.5, align: 'center' });
  book.paragraph(heading.year, { font: 'bold', size: 10.5, align: 'center' });
  book.paragraph(heading.generated, { font: 'regular', size: 8.5, align: 'right' });
  book.space(4);
}

/** Told the book's lines laid out so far (a console job shows them, issue 13). */
export type BookLineProgress = (linesWritten: number) => void;

function* sectionRows(section: RegisterBookSection, firstLine: number, onLine?: BookLineProgress): Generator<TableRow> {
  for (const [i, row] of section.rows.entries()) {
    yield { cells: rowTexts(row, firstLine + i) };
    onLine?.(firstLine + i);
  }
}

async function drawSection(book: BookWriter, section: RegisterBookSection, firstLine: number, onLine?: BookLineProgress): Promise<void> {
  const details = sectionDetails(section);
  // The decision block must not be left alone at the foot of a page: keep room for the table's heading
  // and a first line under it.
  book.ensureRoom(lineHeightOf(10) + details.length * lineHeightOf(9) + 80);
  book.paragraph(sectionTitle(section), { font: 'bold', size: 10 });
  for (const detail of details) book.paragraph(detail, { font: 'regular', size: 9 });
  book.space(3);
  await drawBookTable(book, columns(book.width), sectionRows(section, firstLine, onLine), TABLE_SIZE, CELL_PADDING);
}

/** The book preparer on the left; the dateline and the head of unit, who signs and seals, on the right. */
function drawClosing(book: BookWriter, closing: BookClosing): void {
  // The total and the signatures close the book together: neither is left alone on a page.
  book.space(8);
  book.ensureRoom(lineHeightOf(10) + 8 + lineHeightOf(10.5) + lineHeightOf(11) + lineHeightOf(9) + SIGNATURE_SPACE);
  book.paragraph(closing.total, { font: 'regular', size: 10 });
  book.space(8);
  const half = book.width / 2;
  const left = { x: book.left, width: half };
  const right = { x: book.left + half, width: half };
  book.paragraph(closing.dateline, { font: 'regular', size: 10.5, align: 'center' }, right);
  const top = book.cursor;
  book.paragraph(PREPARER_ROLE.toUpperCase(), { font: 'bold', size: 11, align: 'center' }, left);
  book.paragraph(PREPARER_HINT, { font: 'regular', size: 9, align: 'center' }, left);
  book.cursor = top;
  book.paragraph(HEAD_ROLE.toUpperCase(), { font: 'bold', size: 11, align: 'center' }, right);
  book.paragraph(HEAD_HINT, { font: 'regular', size: 9, align: 'center' }, right);
  book.space(SIGNATURE_SPACE);
}

/** What a book is made of: the sổ gốc, its appendix and the copy register differ only in these. */
export interface BookSpec {
  // A certificate's register names its kind by its catalogue code, not only THCS/THPT (issue 18).
  readonly header: Omit<BookHeader, 'kind'> & { readonly kind: string };
  readonly heading: BookHeading;
  /** Starts the subject: "Sổ gốc cấp bằng tốt nghiệp" THPT năm 2024 của … */
  readonly documentName: string;
  /** Asked for at each new page after the first, so it may follow the book along. */
  readonly runningHead: () => string;
  /** The book's lines, between the heading and the closing. */
  readonly body: (book: BookWriter) => Promise<void>;
  readonly closing: BookClosing;
}

/**
 * Landscape A4 pages, the heading, the body, the total and the signature places, and "Trang x/N" on
 * every page, written to `sink` page by page.
 */
async function writeBook(spec: BookSpec, sink: MemorySink | ReadableSink, pace?: () => Promise<void>): Promise<void> {
  const { header, heading } = spec;
  const book = new BookWriter(
    sink,
    {
      size: LANDSCAPE,
      margins: MARGINS,
      pageNumber: { font: 'regular', size: 9 },
      onNewPage: (b, index) => {
        if (index > 0) b.paragraph(spec.runningHead(), { font: 'regular', size: 8.5 });
        b.space(index > 0 ? 4 : 0);
      },
    },
    {
      title: `${heading.title} năm ${header.year} – ${header.authorityName}`,
      author: header.authorityName,
      subject: `${spec.documentName} ${header.kind} năm ${header.year} của ${header.authorityName} (${header.authorityCode})`,
      generatedAt: header.generatedAt,
    },
    pace,
  );
  book.newPage();
  drawBookHeading(book, heading);
  await spec.body(book);
  drawClosing(book, spec.closing);
  await book.finish();
}

/** The finished file's bytes, for a caller that needs them whole (a hash, an archive, a test). */
export async function bookPdf(spec: BookSpec): Promise<Uint8Array> {
  const sink = new MemorySink();
  await writeBook(spec, sink);
  return sink.close().bytes;
}

/** The file as a stream: the first pages leave while the rest is laid out; the reader's pace bounds memory. */
export function bookPdfStream(spec: BookSpec): Readable {
  const sink = new ReadableSink();
  writeBook(spec, sink, () => sink.ready()).then(
    () => sink.end(),
    (error: unknown) => sink.fail(error instanceof Error ? error : new Error(String(error))),
  );
  return sink.stream;
}

function registerBookSpec(raw: RegisterBookExportInput, onLine?: BookLineProgress): BookSpec {
  const input = normalizeNfcDeep(raw);
  const heading = bookHeading(input);
  // A page filed on its own still names the book and the decision its lines were issued on.
  let current: RegisterBookSection | undefined;
  return {
    header: input,
    heading,
    documentName: 'Sổ gốc cấp bằng tốt nghiệp',
    runningHead: () =>
      [
        input.authorityName,
        `${heading.title} năm ${input.year}`,
        current && `QĐ công nhận tốt nghiệp số ${current.decisionNumber} ngày ${formatDateVi(current.decisionDate)}`,
      ]
        .filter(Boolean)
        .join(' – '),
    body: async (book) => {
      let firstLine = 1;
      for (const section of input.sections) {
        current = section;
        await drawSection(book, section, firstLine, onLine);
        firstLine += section.rows.length;
        book.space(10);
      }
    },
    closing: { total: totalLine(input), dateline: closingDateline(input) },
  };
}

export async function registerBookToPdf(input: RegisterBookExportInput): Promise<Uint8Array> {
  return bookPdf(registerBookSpec(input));
}

/** The sổ gốc streamed as it is written: what the HTTP export sends (issue 19). */
export function registerBookPdfStream(input: RegisterBookExportInput, onLine?: BookLineProgress): Readable {
  return bookPdfStream(registerBookSpec(input, onLine));
}
