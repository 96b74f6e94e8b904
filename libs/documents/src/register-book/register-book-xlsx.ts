import { normalizeNfcDeep } from '@so-goc/domain';
import type { Row, Workbook, Worksheet } from 'exceljs';
import { BASE_FONT, newWorkbook, printSetup, styleBodyRow, styleHeaderRow, titleLine, writeWorkbook } from '../xlsx/workbook';
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
import { REGISTER_BOOK_COLUMNS, type RegisterBookExportInput } from './register-book-export';

const WIDTHS = [7, 24, 12, 22, 8, 9, 26, 10, 10, 14, 13, 18, 22, 12, 42];
const WIDTH = REGISTER_BOOK_COLUMNS.length;
// The two signature places sit under the left and right ends of the table, as on the printed book.
const LEFT_BLOCK: [number, number] = [1, 6];
const RIGHT_BLOCK: [number, number] = [9, WIDTH];
const CENTERED_COLUMNS = [1, 3, 5, 8, 14];

/** Where a sheet's signature places sit: column ranges (1-based, inclusive) under the table's two ends. */
export interface SignatureBlocks {
  readonly width: number;
  readonly left: readonly [number, number];
  readonly right: readonly [number, number];
}

function signatureLine(
  sheet: Worksheet,
  blocks: SignatureBlocks,
  left: string,
  right: string,
  style: { bold?: boolean; italic?: boolean; size?: number },
): void {
  const row = sheet.addRow([]);
  for (const [[from, to], text] of [
    [blocks.left, left],
    [blocks.right, right],
  ] as const) {
    sheet.mergeCells(row.number, from, row.number, to);
    const cell = row.getCell(from);
    cell.value = text;
    cell.font = { ...BASE_FONT, bold: style.bold ?? false, italic: style.italic ?? false, size: style.size ?? BASE_FONT.size };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  }
}

/** The book's title block, from the superior body to the time it was generated. */
function drawHeadingRows(sheet: Worksheet, width: number, heading: BookHeading): void {
  if (heading.superior) titleLine(sheet, width, heading.superior, { align: 'left' });
  titleLine(sheet, width, heading.authority, { bold: true, align: 'left' });
  titleLine(sheet, width, heading.title, { bold: true, size: 14 }).height = 24;
  titleLine(sheet, width, heading.kind);
  titleLine(sheet, width, heading.year);
  titleLine(sheet, width, heading.generated, { align: 'right', size: 11 });
}

/** The total, then the dateline and the two signature places, with room left to sign and seal. */
function drawFooter(sheet: Worksheet, blocks: SignatureBlocks, closing: BookClosing): void {
  sheet.addRow([]);
  titleLine(sheet, blocks.width, closing.total, { align: 'left' });
  sheet.addRow([]);
  signatureLine(sheet, blocks, '', closing.dateline, { italic: true });
  signatureLine(sheet, blocks, PREPARER_ROLE, HEAD_ROLE, { bold: true });
  signatureLine(sheet, blocks, PREPARER_HINT, HEAD_HINT, { italic: true, size: 11 });
  // Room to sign and seal on the printed sheet.
  sheet.addRow([]).height = 70;
}

export interface BookSheet {
  readonly workbook: Workbook;
  readonly sheet: Worksheet;
  /** The one heading row for the whole book: it stays frozen on screen and repeats on every printed page. */
  readonly header: Row;
}

/** A one-sheet workbook that opens with the book's title block and the heading row of `columns`. */
export function openBookSheet(
  input: Omit<BookHeader, 'kind'> & { readonly kind: string },
  heading: BookHeading,
  sheetName: string,
  columns: readonly string[],
  widths: readonly number[],
): BookSheet {
  const workbook = newWorkbook(input.generatedAt, `${heading.title} năm ${input.year} – ${input.authorityName}`);
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = widths.map((w) => ({ width: w }));

  drawHeadingRows(sheet, columns.length, heading);

  const header = sheet.addRow([...columns]);
  styleHeaderRow(header, columns.length);
  header.height = 48;
  return { workbook, sheet, header };
}

/** A register line: its number stays a number, so the sheet sorts and filters by it; the other cells are text as printed. */
export function addRegisterLine(sheet: Worksheet, lineNumber: number, texts: readonly string[], centeredColumns: readonly number[]): void {
  const row = sheet.addRow([lineNumber, ...texts]);
  for (const c of centeredColumns) row.getCell(c).alignment = { horizontal: 'center' };
  styleBodyRow(row, texts.length + 1);
}

/** The footer, then A4 landscape printing under the repeated heading row; the file's bytes, dated from generatedAt. */
export function closeBookSheet(
  { workbook, sheet, header }: BookSheet,
  blocks: SignatureBlocks,
  closing: BookClosing,
  generatedAt: string,
): Promise<Buffer> {
  drawFooter(sheet, blocks, closing);
  printSetup(sheet, 'landscape', header.number);
  return writeWorkbook(workbook, generatedAt);
}

/** Lines between two turns handed back to the event loop: a 20,000-line book must not hold the process for seconds. */
const LINES_PER_TURN = 1000;

/** `onLine` is told the lines written so far (a console job shows them, issue 13). */
export async function registerBookToXlsx(raw: RegisterBookExportInput, onLine?: (linesWritten: number) => void): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const heading = bookHeading(input);
  // Each section's decision block reads as a caption inside the table, under the book's one heading row.
  const book = openBookSheet(input, heading, `Sổ gốc ${input.kind} ${input.year}`, REGISTER_BOOK_COLUMNS, WIDTHS);
  const { sheet } = book;
  let lineNumber = 0;
  for (const section of input.sections) {
    titleLine(sheet, WIDTH, sectionTitle(section), { bold: true, align: 'left' });
    for (const detail of sectionDetails(section)) titleLine(sheet, WIDTH, detail, { align: 'left', size: 11 });
    for (const r of section.rows) {
      const [, ...texts] = rowTexts(r, ++lineNumber);
      addRegisterLine(sheet, lineNumber, texts, CENTERED_COLUMNS);
      onLine?.(lineNumber);
      if (onLine && lineNumber % LINES_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return closeBookSheet(
    book,
    { width: WIDTH, left: LEFT_BLOCK, right: RIGHT_BLOCK },
    { total: totalLine(input), dateline: closingDateline(input) },
    input.generatedAt,
  );
}
