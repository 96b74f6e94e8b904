import { Workbook, type CellValue } from 'exceljs';
import type { SheetCell, SheetRow } from './sheet';

/**
 * The first worksheet, cell by cell. Rich text, formulas, hyperlinks and errors are reduced to what the
 * officer sees in the cell; dates and numbers keep their type for cellText to interpret. Merged cells
 * repeat their value on every row they cover (exceljs reads a merged cell as its master), which is what
 * an office means by merging one school name down a block of rows.
 * Throws when the bytes are not a readable workbook.
 */
export async function readXlsxSheet(bytes: Uint8Array): Promise<readonly SheetRow[]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(plainCell(row.getCell(column).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

export function plainCell(value: CellValue | undefined): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainCell(value.result as CellValue | undefined);
  // A hyperlink's text is itself sometimes rich text, whatever the type declarations say.
  if ('hyperlink' in value) return plainCell(value.text as CellValue);
  if ('error' in value) return value.error;
  return null;
}
