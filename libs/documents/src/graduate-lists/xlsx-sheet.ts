import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { stream, Workbook, type CellValue, type Row } from 'exceljs';
import type { SheetCell, SheetRow } from './sheet';
import { mergedRanges } from './zip-guard';

/**
 * The first worksheet, cell by cell. Rich text, formulas, hyperlinks and errors are reduced to what the
 * officer sees in the cell; dates and numbers keep their type for cellText to interpret. Merged cells
 * repeat their value on every row they cover (exceljs's full reader gives a merged cell its master's
 * value), which is what an office means by merging one school name down a block of rows.
 *
 * Read with exceljs's streaming reader (issue 19): the full workbook model keeps a cell object with its
 * style for every cell, 847 MB for 20,000 graduates; here only the plain values of each row are kept.
 * Throws when the bytes are not a readable workbook.
 */
export async function readXlsxSheet(bytes: Uint8Array): Promise<readonly SheetRow[]> {
  if (!utf8SafeReader) return readWholeWorkbook(bytes);
  const reader = new utf8SafeReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell a date cell from a number; a hyperlink's cell already holds the text shown.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const worksheet of reader) {
    const rows: SheetRow[] = [];
    for await (const row of worksheet as AsyncIterable<Row>) {
      if (!row.hasValues) continue;
      const cells: SheetCell[] = [];
      for (let column = 1; column <= row.cellCount; column++) cells.push(plainCell(row.getCell(column).value));
      rows.push({ row: row.number, cells });
    }
    // The first worksheet is the list; the rest of the file is not read.
    const file = (worksheet as { [SHEET_FILE]?: string })[SHEET_FILE];
    return file === undefined ? rows : spreadMerges(rows, await mergedRanges(bytes, file));
  }
  return [];
}

const SHEET_FILE = Symbol('sheet file number');

/** Strings as they come, Buffers decoded across chunk boundaries: a "ễ" cut in two stays one "ễ". */
async function* utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

type ReaderClass = typeof stream.xlsx.WorkbookReader;
interface ReaderInternals {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

/**
 * exceljs 4.4's streaming reader decodes every chunk of XML on its own, so a Vietnamese letter whose
 * UTF-8 bytes straddle two chunks comes out as "Nguy���n" (seen on the 2,000-row fixture). It passes
 * strings through untouched, so the shared strings and the worksheet are handed to it already decoded,
 * by a decoder that carries a cut character over. This reaches two private methods; should a later
 * exceljs not have them, the whole-workbook reader is used instead (correct, only heavier).
 */
const utf8SafeReader: ReaderClass | undefined = (() => {
  const base = stream.xlsx.WorkbookReader.prototype as unknown as Partial<ReaderInternals>;
  if (typeof base._parseSharedStrings !== 'function' || typeof base._parseWorksheet !== 'function') return undefined;
  const parseSharedStrings = base._parseSharedStrings;
  const parseWorksheet = base._parseWorksheet;
  class Utf8SafeWorkbookReader extends stream.xlsx.WorkbookReader {}
  const proto = Utf8SafeWorkbookReader.prototype as unknown as ReaderInternals;
  proto._parseSharedStrings = function (this: ReaderInternals, entry: Readable) {
    entry.setEncoding('utf8');
    return parseSharedStrings.call(this, entry);
  };
  proto._parseWorksheet = function* (this: ReaderInternals, iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    for (const event of parseWorksheet.call(this, utf8Chunks(iterator), sheetNo)) {
      if (event.eventType === 'worksheet') (event.value as { [SHEET_FILE]?: string })[SHEET_FILE] = sheetNo;
      yield event;
    }
  };
  return Utf8SafeWorkbookReader;
})();

async function readWholeWorkbook(bytes: Uint8Array): Promise<readonly SheetRow[]> {
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

function decode(ref: string): { row: number; column: number } | undefined {
  const match = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!match) return undefined;
  let column = 0;
  for (const letter of match[1] as string) column = column * 26 + (letter.charCodeAt(0) - 64);
  return { row: Number(match[2]), column };
}

/** Every cell of a merged range takes the value of its top-left cell. */
function spreadMerges(rows: SheetRow[], ranges: readonly string[]): readonly SheetRow[] {
  if (ranges.length === 0) return rows;
  const byNumber = new Map(rows.map((r) => [r.row, r.cells as SheetCell[]]));
  for (const range of ranges) {
    const [from, to] = range.split(':').map(decode);
    if (!from || !to) continue;
    const value = byNumber.get(from.row)?.[from.column - 1] ?? null;
    if (value === null) continue;
    for (let row = from.row; row <= to.row; row++) {
      let cells = byNumber.get(row);
      if (!cells) byNumber.set(row, (cells = []));
      while (cells.length < to.column) cells.push(null);
      for (let column = from.column; column <= to.column; column++) cells[column - 1] = value;
    }
  }
  return [...byNumber.entries()].sort((a, b) => a[0] - b[0]).map(([row, cells]) => ({ row, cells }));
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
