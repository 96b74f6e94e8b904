import { normalizeNfcDeep } from '@so-goc/domain';
import type { Worksheet } from 'exceljs';
import { BASE_FONT, newWorkbook, printSetup, styleBodyRow, styleHeaderRow, titleLine, writeWorkbook } from '../xlsx/workbook';
import { HEAD_HINT, HEAD_ROLE, PREPARER_HINT, PREPARER_ROLE, bookHeading, closingDateline, rowTexts, sectionDetails, sectionTitle, totalLine } from './register-book-content';
import { REGISTER_BOOK_COLUMNS, type RegisterBookExportInput } from './register-book-export';

const WIDTHS = [7, 24, 12, 22, 8, 9, 26, 10, 10, 14, 13, 18, 22, 12, 42];
const WIDTH = REGISTER_BOOK_COLUMNS.length;
// The two signature places sit under the left and right ends of the table, as on the printed book.
const LEFT_BLOCK: [number, number] = [1, 6];
const RIGHT_BLOCK: [number, number] = [9, WIDTH];
const CENTERED_COLUMNS = [1, 3, 5, 8, 14];

function signatureLine(sheet: Worksheet, left: string, right: string, style: { bold?: boolean; italic?: boolean; size?: number }): void {
  const row = sheet.addRow([]);
  for (const [[from, to], text] of [[LEFT_BLOCK, left], [RIGHT_BLOCK, right]] as const) {
    sheet.mergeCells(row.number, from, row.number, to);
    const cell = row.getCell(from);
    cell.value = text;
    cell.font = { ...BASE_FONT, bold: style.bold ?? false, italic: style.italic ?? false, size: style.size ?? BASE_FONT.size };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  }
}

function drawFooter(sheet: Worksheet, input: RegisterBookExportInput): void {
  sheet.addRow([]);
  titleLine(sheet, WIDTH, totalLine(input), { align: 'left' });
  sheet.addRow([]);
  signatureLine(sheet, '', closingDateline(input), { italic: true });
  signatureLine(sheet, PREPARER_ROLE, HEAD_ROLE, { bold: true });
  signatureLine(sheet, PREPARER_HINT, HEAD_HINT, { italic: true, size: 11 });
  // Room to sign and seal on the printed sheet.
  sheet.addRow([]).height = 70;
}

export async function registerBookToXlsx(raw: RegisterBookExportInput): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const heading = bookHeading(input);
  const workbook = newWorkbook(input.generatedAt, `${heading.title} năm ${input.year} – ${input.authorityName}`);
  const sheet = workbook.addWorksheet(`Sổ gốc ${input.kind} ${input.year}`);
  sheet.columns = WIDTHS.map((w) => ({ width: w }));

  if (heading.superior) titleLine(sheet, WIDTH, heading.superior, { align: 'left' });
  titleLine(sheet, WIDTH, heading.authority, { bold: true, align: 'left' });
  titleLine(sheet, WIDTH, heading.title, { bold: true, size: 14 }).height = 24;
  titleLine(sheet, WIDTH, heading.kind);
  titleLine(sheet, WIDTH, heading.year);
  titleLine(sheet, WIDTH, heading.generated, { align: 'right', size: 11 });

  // One heading row for the whole book: it stays frozen on screen and repeats on every printed page,
  // and each section's decision block then reads as a caption inside the table.
  const header = sheet.addRow([...REGISTER_BOOK_COLUMNS]);
  styleHeaderRow(header, WIDTH);
  header.height = 48;
  let lineNumber = 0;
  for (const section of input.sections) {
    titleLine(sheet, WIDTH, sectionTitle(section), { bold: true, align: 'left' });
    for (const detail of sectionDetails(section)) titleLine(sheet, WIDTH, detail, { align: 'left', size: 11 });
    for (const r of section.rows) {
      const [, ...texts] = rowTexts(r, ++lineNumber);
      const row = sheet.addRow([lineNumber, ...texts]);
      for (const c of CENTERED_COLUMNS) row.getCell(c).alignment = { horizontal: 'center' };
      styleBodyRow(row, WIDTH);
    }
  }
  drawFooter(sheet, input);

  printSetup(sheet, 'landscape', header.number);
  return writeWorkbook(workbook, input.generatedAt);
}
