import { Readable } from 'node:stream';
import ExcelJS, { type CellValue } from 'exceljs';
import { plainCell } from '../graduate-lists/xlsx-sheet';
import type { SheetRow } from '../graduate-lists/sheet';

/**
 * The first worksheet read as a stream: a typed book runs to a hundred thousand lines, and loading the
 * whole workbook model costs several times the memory of the rows themselves. Cells are reduced as the
 * graduate-list reader does. Unlike it, a merged cell is not repeated down its rows: a typed register
 * has one value per line. Throws when the bytes are not a readable workbook.
 */
export async function readXlsxSheetStreaming(bytes: Uint8Array): Promise<readonly SheetRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const rows: SheetRow[] = [];
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = row.values as CellValue[];
      const cells = new Array<ReturnType<typeof plainCell>>(Math.max(0, values.length - 1));
      for (let column = 1; column < values.length; column++) cells[column - 1] = plainCell(values[column]);
      rows.push({ row: row.number, cells });
    }
    break;
  }
  return rows;
}
