import { normalizeNfcDeep } from '@so-goc/domain';
import { drawBookTable } from '../pdf/book-table';
import type { TableColumn, TableRow } from '../pdf/table';
import { SIGNATURE_LINES, bookPdf } from '../register-book/register-book-pdf';
import { bookCells, copyLineTexts, copyRegisterClosing, copyRegisterHeading } from './copy-register-content';
import { COPY_RECIPIENT_COLUMN, COPY_REGISTER_PDF_COLUMNS, type CopyRegisterExportInput } from './copy-register-export';

// The size of the sổ gốc's table, so the copy register files beside it.
const TABLE_SIZE = 7;
// Points, for every column but the notes, which take what is left (78 on the book's page). Sized so that
// "000412/BS-THPT-2026", a four-word name ("Nguyễn Thị Thanh Phượng"), "000417/THPT-2024",
// "125/QĐ-SGDĐT", "Tại bộ phận một cửa", "dd/mm/yyyy HH:mm" and a date fit on one line at 7 pt.
const FIXED_WIDTHS = [24, 90, 102, 66, 78, 64, 104, 80, 60, 48];
const ALIGN: Partial<Record<number, TableColumn['align']>> = { 0: 'center', 9: 'center' };

function columns(contentWidth: number): TableColumn[] {
  const fixed = FIXED_WIDTHS.reduce((sum, w) => sum + w, 0);
  return COPY_REGISTER_PDF_COLUMNS.map((title, i) => ({ title, width: FIXED_WIDTHS[i] ?? contentWidth - fixed, align: ALIGN[i] }));
}

/** The copy register as the printed book: A4 landscape, "Trang x/N", signature places like the sổ gốc's. */
export async function copyRegisterToPdf(raw: CopyRegisterExportInput): Promise<Uint8Array> {
  const input = normalizeNfcDeep(raw);
  const heading = copyRegisterHeading(input);
  const rows: TableRow[] = input.rows.map((r, i) => {
    const cells = bookCells(copyLineTexts(r), i + 1);
    cells[COPY_RECIPIENT_COLUMN] = SIGNATURE_LINES + (cells[COPY_RECIPIENT_COLUMN] ?? '');
    return { cells };
  });
  return bookPdf({
    header: input,
    heading,
    documentName: 'Sổ cấp bản sao từ sổ gốc cấp bằng tốt nghiệp',
    // A page filed on its own still names the book it belongs to.
    runningHead: () => `${input.authorityName} – ${heading.title} năm ${input.year}`,
    body: (book) => drawBookTable(book, columns(book.width), rows, TABLE_SIZE),
    closing: copyRegisterClosing(input),
  });
}
