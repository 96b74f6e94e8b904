import {
  legacyKindOf,
  searchKey,
  LEGACY_ENTRY_FIELDS,
  type DiplomaKind,
  type LegacyEntryField,
  type LegacyEntryInput,
  type LegacyFieldMark,
  type RowProblem,
} from '@so-goc/domain';
import { cellText } from '../graduate-lists/cell-text';
import { readSheet } from '../graduate-lists/read-graduate-list';
import type { SheetRow } from '../graduate-lists/sheet';
import { readXlsxSheetStreaming } from './xlsx-stream-sheet';

/** Where a row sits: which book (kind, year, volume of the uploading authority's books), which page and line. */
type PlaceField = 'kind' | 'year' | 'volume' | 'page' | 'line';
type Column = PlaceField | LegacyEntryField;

const ALIASES: Readonly<Record<Column, readonly string[]>> = {
  kind: ['Loại văn bằng', 'Loại bằng', 'Loại', 'Tên văn bằng', 'Kind'],
  year: ['Năm', 'Năm sổ', 'Năm cấp', 'Năm tốt nghiệp', 'Year'],
  volume: ['Tập', 'Quyển', 'Tập sổ', 'Quyển số', 'Volume'],
  page: ['Trang', 'Tờ', 'Page'],
  line: ['Dòng', 'STT', 'Số thứ tự', 'Line'],
  registerNumber: ['Số vào sổ', 'Số vào sổ gốc', 'Số vào sổ cấp bằng', 'Số vào sổ gốc cấp văn bằng', 'Register number'],
  serial: ['Số hiệu', 'Số hiệu văn bằng', 'Số bằng', 'Số hiệu bằng', 'Serial'],
  fullName: ['Họ và tên', 'Họ tên', 'Họ và tên học sinh', 'Họ tên học sinh', 'Full name'],
  birthDate: ['Ngày sinh', 'Ngày tháng năm sinh', 'Sinh ngày', 'Năm sinh', 'Birth date'],
  birthPlace: ['Nơi sinh', 'Quê quán', 'Birth place'],
  sex: ['Giới tính', 'Nam/Nữ', 'Phái', 'Sex'],
  ethnicity: ['Dân tộc', 'Ethnicity'],
  school: ['Trường', 'Học sinh trường', 'Tên trường', 'School'],
  classification: ['Xếp loại', 'Xếp loại tốt nghiệp', 'Classification'],
  issueDate: ['Ngày cấp', 'Ngày ký', 'Ngày cấp bằng', 'Issue date'],
  signerName: ['Người ký', 'Người ký bằng', 'Họ tên người ký', 'Signer'],
  signerTitle: ['Chức vụ người ký', 'Chức vụ', 'Signer title'],
  remarks: ['Ghi chú', 'Remarks'],
};
const REQUIRED: readonly Column[] = ['kind', 'year', 'volume', 'page', 'line', 'fullName'];

const headerKey = (header: string) => searchKey(header.replace(/\([^)]*\)/g, ' ')).replace(/[^a-z0-9]/g, '');
const COLUMN_BY_KEY: ReadonlyMap<string, Column> = new Map(
  (Object.entries(ALIASES) as [Column, readonly string[]][]).flatMap(([column, aliases]) =>
    aliases.map((alias) => [headerKey(alias), column] as const),
  ),
);

// A typist cannot leave a cell "empty because illegible": these are how the instructions tell them to say it.
const ILLEGIBLE = /^\[?\s*(không đọc được|khong doc duoc|illegible|\?+)\s*\]?$/iu;
const BLANK = /^\[?\s*(để trống|bỏ trống|trống|blank)\s*\]?$/iu;

export interface LegacyRow {
  /** The row number Excel shows. */
  readonly row: number;
  readonly kind: DiplomaKind;
  readonly year: number;
  readonly volume: number;
  readonly entry: LegacyEntryInput;
}

export interface LegacyEntrySheet {
  readonly rows: readonly LegacyRow[];
  readonly problems: readonly RowProblem[];
  /** Column → header as written, to name the column of a problem found later. */
  readonly headers: Readonly<Partial<Record<Column, string>>>;
}

/**
 * Reads a typed book (or several books of one authority) as data-entry staff deliver it: the same
 * XLSX/CSV reader and header tolerance as graduate lists. A cell that is empty means the book is empty
 * there; "[không đọc được]" or "??" means the ink cannot be read. Only the place columns are checked
 * here; the lines themselves are judged by the book's decider, so the rules live in one place.
 */
export async function readLegacyEntries(bytes: Uint8Array, fileName: string): Promise<LegacyEntrySheet> {
  const sheet = await readLegacySheet(bytes, fileName);
  if ('problem' in sheet) return { rows: [], problems: [sheet.problem], headers: {} };
  const located = locate(sheet.rows);
  if ('problems' in located) return { rows: [], problems: located.problems, headers: {} };
  const { headerRow, indexOf, headers } = located;
  const rows: LegacyRow[] = [];
  const problems: RowProblem[] = [];
  for (const sheetRow of sheet.rows) {
    if (sheetRow.row <= headerRow) continue;
    const text = (column: Column): string => {
      const index = indexOf.get(column);
      return index === undefined ? '' : cellText(sheetRow.cells[index] ?? null, column === 'issueDate' ? 'birthDate' : 'fullName').trim();
    };
    if ([...indexOf.keys()].every((column) => text(column) === '')) continue;
    const rowProblem = (column: Column, code: string, vi: string, en: string): RowProblem => ({
      row: sheetRow.row,
      column: headers[column] ?? column,
      field: column,
      code,
      messageVi: vi,
      messageEn: en,
      value: text(column),
    });
    const kind = legacyKindOf(text('kind'));
    if (!kind)
      problems.push(
        rowProblem(
          'kind',
          'BAD_KIND',
          `Loại văn bằng "${text('kind')}" không rõ (THCS, THPT, phổ thông cơ sở, bổ túc THPT…).`,
          `Unknown kind "${text('kind')}".`,
        ),
      );
    const numbers = { year: 0, volume: 0, page: 0, line: 0 };
    for (const column of ['year', 'volume', 'page', 'line'] as const) {
      const value = Number(text(column));
      if (!/^\d{1,4}$/.test(text(column)) || value < 1)
        problems.push(
          rowProblem(
            column,
            'BAD_NUMBER',
            `Cột "${headers[column]}" phải là số nguyên dương.`,
            `"${headers[column]}" must be a positive whole number.`,
          ),
        );
      numbers[column] = value;
    }
    const fields: Partial<Record<LegacyEntryField, string | null>> = {};
    const marks: Partial<Record<LegacyEntryField, LegacyFieldMark>> = {};
    for (const field of LEGACY_ENTRY_FIELDS) {
      // Books of some years have no column for ethnicity or classification: a column the sheet does not
      // have is a column the book does not have, i.e. blank in the book.
      const value = indexOf.has(field) ? text(field) : '';
      if (ILLEGIBLE.test(value)) marks[field] = 'illegible';
      else if (value === '' || BLANK.test(value)) {
        if (field !== 'remarks') marks[field] = 'blank';
      } else fields[field] = value;
      if (marks[field]) fields[field] = null;
    }
    if (kind)
      rows.push({
        row: sheetRow.row,
        kind,
        year: numbers.year,
        volume: numbers.volume,
        entry: { page: numbers.page, line: numbers.line, fields, marks },
      });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({
      row: 0,
      column: '',
      field: 'file',
      code: 'NO_ROWS',
      messageVi: 'Tệp không có dòng dữ liệu nào.',
      messageEn: 'The file has no data rows.',
    });
  return { rows: problems.length > 0 ? [] : rows, problems, headers };
}

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b;

/** XLSX through the streaming reader (large typed books); anything else (CSV, refusals) exactly as graduate lists. */
async function readLegacySheet(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ readonly rows: readonly SheetRow[] } | { readonly problem: RowProblem }> {
  const fallback = await (isZip(bytes) ? undefined : readSheet(bytes, fileName));
  if (fallback) return fallback;
  try {
    const rows = await readXlsxSheetStreaming(bytes);
    return rows.length > 0 ? { rows } : readSheet(bytes, fileName);
  } catch {
    // Not a workbook after all (an .ods, a damaged file): the shared reader names the problem.
    return readSheet(bytes, fileName);
  }
}

function locate(
  rows: readonly SheetRow[],
): { headerRow: number; indexOf: Map<Column, number>; headers: Partial<Record<Column, string>> } | { problems: RowProblem[] } {
  const headerText = (cell: unknown) => (typeof cell === 'string' ? cell.normalize('NFC').trim() : '');
  const headerRow = rows.slice(0, 15).find((row) => row.cells.filter((cell) => COLUMN_BY_KEY.has(headerKey(headerText(cell)))).length >= 4);
  if (!headerRow)
    return {
      problems: [
        {
          row: 0,
          column: '',
          field: 'file',
          code: 'NO_HEADER',
          messageVi: 'Không tìm thấy dòng tiêu đề (Loại văn bằng, Năm, Tập, Trang, Dòng, Họ và tên…).',
          messageEn: 'No header row found.',
        },
      ],
    };
  const indexOf = new Map<Column, number>();
  const headers: Partial<Record<Column, string>> = {};
  const problems: RowProblem[] = [];
  headerRow.cells.forEach((cell, index) => {
    const column = COLUMN_BY_KEY.get(headerKey(headerText(cell)));
    if (!column) return;
    if (indexOf.has(column)) {
      problems.push({
        row: headerRow.row,
        column: headerText(cell),
        field: column,
        code: 'DUPLICATE_COLUMN',
        messageVi: `Hai cột cùng là "${column}".`,
        messageEn: `Two columns mean "${column}".`,
      });
      return;
    }
    indexOf.set(column, index);
    headers[column] = headerText(cell);
  });
  for (const column of REQUIRED) {
    if (!indexOf.has(column))
      problems.push({
        row: headerRow.row,
        column: ALIASES[column][0]!,
        field: column,
        code: 'MISSING_COLUMN',
        messageVi: `Thiếu cột "${ALIASES[column][0]}".`,
        messageEn: `Column "${ALIASES[column][0]}" is missing.`,
      });
  }
  return problems.length > 0 ? { problems } : { headerRow: headerRow.row, indexOf, headers };
}
