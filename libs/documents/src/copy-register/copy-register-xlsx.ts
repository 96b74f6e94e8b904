import { normalizeNfcDeep } from '@so-goc/domain';
import { addRegisterLine, closeBookSheet, openBookSheet, type SignatureBlocks } from '../register-book/register-book-xlsx';
import { copyLineTexts, copyRegisterClosing, copyRegisterHeading, spreadsheetCells } from './copy-register-content';
import { COPY_REGISTER_COLUMNS, type CopyRegisterExportInput } from './copy-register-export';

const WIDTHS = [7, 22, 14, 12, 15, 24, 12, 22, 13, 18, 12, 17, 22, 22, 20, 26, 18, 17, 22, 12, 36];
const WIDTH = COPY_REGISTER_COLUMNS.length;
// The two signature places sit under the left and right ends of the table, as on the printed book.
const BLOCKS: SignatureBlocks = { width: WIDTH, left: [1, 6], right: [14, WIDTH] };
// STT and the dates.
const CENTERED_COLUMNS = [1, 4, 7, 11, 18, 20];

/** The copy register as a workbook: one line per copy, numbered through the book, one fact a column. */
export async function copyRegisterToXlsx(raw: CopyRegisterExportInput): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const book = openBookSheet(input, copyRegisterHeading(input), `Sổ bản sao ${input.kind} ${input.year}`, COPY_REGISTER_COLUMNS, WIDTHS);
  input.rows.forEach((row, i) => addRegisterLine(book.sheet, i + 1, spreadsheetCells(copyLineTexts(row)), CENTERED_COLUMNS));
  return closeBookSheet(book, BLOCKS, copyRegisterClosing(input), input.generatedAt);
}
