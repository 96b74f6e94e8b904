import { searchKey, type CertificateResultRow, type CredentialKindEntry, type RowProblem } from '@so-goc/domain';
import { GRADUATE_LIST_LIMITS } from '../graduate-lists/limits';
import { readSheet } from '../graduate-lists/read-graduate-list';
import type { SheetCell, SheetRow } from '../graduate-lists/sheet';

/**
 * A session's results list as the centre keeps it (XLSX or CSV), read by the same tolerant reader as a
 * graduate list — format sniffing, archive guard, row limits, Excel row numbers (issue 18 item 3). The
 * columns are the person's (Họ và tên, Ngày sinh, Nơi sinh) and then the kind's own fields, found by the
 * catalogue entry's labels (Vietnamese or English, with or without diacritics) or field names, so a new kind
 * brings its columns with its entry. Values are validated later, row by row, by the register's decider.
 */
export type ResultsList =
  | { readonly ok: true; readonly rows: readonly CertificateResultRow[]; readonly columns: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly problems: readonly RowProblem[] };

const PERSON_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  fullName: ['họ và tên', 'họ tên', 'full name', 'fullname', 'name'],
  birthDate: ['ngày sinh', 'ngày tháng năm sinh', 'birth date', 'birthdate', 'date of birth'],
  birthPlace: ['nơi sinh', 'birth place', 'birthplace', 'place of birth'],
};

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

function cellValue(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const day = new Date(Math.round(cell.getTime() / DAY_MS) * DAY_MS);
    return `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  }
  return String(cell).normalize('NFC').trim();
}

const problem = (row: number, column: string, code: string, vi: string, en: string): RowProblem => ({
  row,
  column,
  field: column,
  code,
  messageVi: vi,
  messageEn: en,
});

export async function readResultsList(bytes: Uint8Array, fileName: string, entry: CredentialKindEntry): Promise<ResultsList> {
  if (entry.fields === 'graduate-list') throw new Error(`${entry.code} is imported as a graduate list`);
  const sheet = await readSheet(bytes, fileName, GRADUATE_LIST_LIMITS);
  if ('problem' in sheet) return { ok: false, problems: [sheet.problem] };
  const aliases = new Map<string, string>();
  for (const [name, labels] of Object.entries(PERSON_COLUMNS)) for (const label of labels) aliases.set(searchKey(label), name);
  for (const field of entry.fields) {
    for (const label of [field.name, field.labelVi, field.labelEn]) aliases.set(searchKey(label), field.name);
  }
  // The header is the first row naming the person's name column; title lines above it are skipped.
  const headerIndex = sheet.rows.findIndex((row) => row.cells.some((cell) => aliases.get(searchKey(cellValue(cell))) === 'fullName'));
  const header: SheetRow | undefined = sheet.rows[headerIndex];
  if (!header) {
    return {
      ok: false,
      problems: [
        problem(
          0,
          'Họ và tên',
          'HEADER_NOT_FOUND',
          'Không thấy dòng tiêu đề có cột "Họ và tên".',
          'No header row with a "Họ và tên" column.',
        ),
      ],
    };
  }
  const columnOf = new Map<string, number>();
  const headers: Record<string, string> = {};
  const problems: RowProblem[] = [];
  header.cells.forEach((cell, index) => {
    const name = aliases.get(searchKey(cellValue(cell)));
    if (!name) return;
    if (columnOf.has(name)) {
      problems.push(
        problem(
          header.row,
          cellValue(cell),
          'DUPLICATE_COLUMN',
          `Cột "${cellValue(cell)}" xuất hiện hai lần.`,
          `Column "${cellValue(cell)}" appears twice.`,
        ),
      );
    }
    columnOf.set(name, index);
    headers[name] = cellValue(cell);
  });
  const required = ['fullName', 'birthDate', ...entry.fields.filter((field) => field.required).map((field) => field.name)];
  for (const name of required) {
    if (!columnOf.has(name)) {
      const label = entry.fields.find((field) => field.name === name)?.labelVi ?? (name === 'fullName' ? 'Họ và tên' : 'Ngày sinh');
      problems.push(problem(header.row, label, 'MISSING_COLUMN', `Thiếu cột "${label}".`, `Column "${label}" is missing.`));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const rows: CertificateResultRow[] = [];
  for (const row of sheet.rows.slice(headerIndex + 1)) {
    const at = (name: string) => cellValue(columnOf.has(name) ? row.cells[columnOf.get(name) ?? -1] : undefined);
    if (row.cells.every((cell) => cellValue(cell) === '')) continue;
    const fields: Record<string, unknown> = {};
    for (const field of entry.fields) {
      const value = at(field.name);
      if (value !== '') fields[field.name] = value;
    }
    const birthPlace = at('birthPlace');
    rows.push({ row: row.row, fullName: at('fullName'), birthDate: at('birthDate'), ...(birthPlace ? { birthPlace } : {}), fields });
  }
  if (rows.length === 0) {
    return { ok: false, problems: [problem(0, '', 'NO_ROWS', 'Danh sách không có dòng nào.', 'The list has no rows.')] };
  }
  return { ok: true, rows, columns: headers };
}
