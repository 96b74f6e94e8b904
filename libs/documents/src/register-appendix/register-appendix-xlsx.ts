import { normalizeNfcDeep } from '@so-goc/domain';
import { addRegisterLine, closeBookSheet, openBookSheet, type SignatureBlocks } from '../register-book/register-book-xlsx';
import { appendixClosing, appendixHeading, rowTexts } from './register-appendix-content';
import { REGISTER_APPENDIX_COLUMNS, type RegisterAppendixExportInput } from './register-appendix-export';

const WIDTHS = [7, 15, 24, 12, 14, 14, 20, 46, 22, 22, 12, 32];
const WIDTH = REGISTER_APPENDIX_COLUMNS.length;
// The two signature places sit under the left and right ends of the table, as on the printed appendix.
const BLOCKS: SignatureBlocks = { width: WIDTH, left: [1, 5], right: [8, WIDTH] };
const CENTERED_COLUMNS = [1, 4, 11];

export async function registerAppendixToXlsx(raw: RegisterAppendixExportInput): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const book = openBookSheet(input, appendixHeading(input), `Phụ lục ${input.kind} ${input.year}`, REGISTER_APPENDIX_COLUMNS, WIDTHS);
  for (const r of input.rows) {
    const [, ...texts] = rowTexts(r);
    addRegisterLine(book.sheet, r.rowNumber, texts, CENTERED_COLUMNS);
  }
  return closeBookSheet(book, BLOCKS, appendixClosing(input), input.generatedAt);
}
