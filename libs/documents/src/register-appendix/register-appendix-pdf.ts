import { normalizeNfcDeep } from '@so-goc/domain';
import { drawBookTable } from '../pdf/book-table';
import type { TableColumn, TableRow } from '../pdf/table';
import { SIGNATURE_LINES, bookPdf } from '../register-book/register-book-pdf';
import { appendixClosing, appendixHeading, rowTexts } from './register-appendix-content';
import {
  APPENDIX_RECIPIENT_COLUMN,
  CHANGES_COLUMN,
  REGISTER_APPENDIX_COLUMNS,
  type RegisterAppendixExportInput,
} from './register-appendix-export';

// The size of the book's table, so the appendix files beside it as a continuation.
const TABLE_SIZE = 7;
// Points, for every column but the changes, which takes what is left (142 on the book's page). Sized so
// that a 12-digit ID, a four-word name ("Nguyễn Thị Thanh Phượng"), a date, a serial, "ngày dd/mm/yyyy"
// and "Ngày sinh: 18/09/2006 → 19/09/2006" fit on one line at 7 pt; register numbers break after "/".
const FIXED_WIDTHS = [26, 60, 102, 47, 51, 51, 54, 66, 62, 47, 78];
const ALIGN: Partial<Record<number, TableColumn['align']>> = { 0: 'center', 3: 'center', 10: 'center' };

function columns(contentWidth: number): TableColumn[] {
  const widths = FIXED_WIDTHS.toSpliced(CHANGES_COLUMN, 0, contentWidth - FIXED_WIDTHS.reduce((sum, w) => sum + w, 0));
  return REGISTER_APPENDIX_COLUMNS.map((title, i) => ({ title, width: widths[i] ?? 0, align: ALIGN[i] }));
}

export async function registerAppendixToPdf(raw: RegisterAppendixExportInput): Promise<Uint8Array> {
  const input = normalizeNfcDeep(raw);
  const heading = appendixHeading(input);
  const rows: TableRow[] = input.rows.map((r) => {
    const cells = rowTexts(r);
    cells[APPENDIX_RECIPIENT_COLUMN] = SIGNATURE_LINES + (cells[APPENDIX_RECIPIENT_COLUMN] ?? '');
    return { cells };
  });
  return bookPdf({
    header: input,
    heading,
    documentName: 'Phụ lục sổ gốc cấp bằng tốt nghiệp',
    // A page filed on its own still names the book it is the appendix of.
    runningHead: () => `${input.authorityName} – ${heading.title} năm ${input.year}`,
    body: (book) => drawBookTable(book, columns(book.width), rows, TABLE_SIZE),
    closing: appendixClosing(input),
  });
}
