import { REQUIRED_GRADUATE_FIELDS, type GraduateField, type RowProblem } from '@so-goc/domain';
import { duplicateColumn, missingColumn, noRows } from './file-problems';
import { fieldForHeader } from './header-aliases';
import type { SheetRow } from './sheet';

export interface ColumnLayout {
  readonly headerRow: number;
  /** Field → 0-based column index. */
  readonly indexOf: ReadonlyMap<GraduateField, number>;
  /** Field → header as written. */
  readonly headers: Readonly<Partial<Record<GraduateField, string>>>;
}

// Offices put a title block above the table (Sở …, DANH SÁCH HỌC SINH …). The header is the first of the
// top rows that names several known columns; row numbers stay the sheet's own either way.
const HEADER_SEARCH_ROWS = 15;
const MIN_KNOWN_HEADERS = 3;

const headerText = (cell: unknown) => (typeof cell === 'string' ? cell.normalize('NFC').trim() : '');

export function locateColumns(rows: readonly SheetRow[]): { readonly layout: ColumnLayout } | { readonly problems: readonly RowProblem[] } {
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  const headerRow =
    top.find((row) => row.cells.filter((cell) => fieldForHeader(headerText(cell))).length >= MIN_KNOWN_HEADERS) ??
    top.find((row) => row.cells.some((cell) => headerText(cell) !== ''));
  if (!headerRow) return { problems: [noRows()] };

  const found = new Map<GraduateField, { index: number; header: string }[]>();
  headerRow.cells.forEach((cell, index) => {
    const header = headerText(cell);
    const field = fieldForHeader(header);
    if (field) found.set(field, [...(found.get(field) ?? []), { index, header }]);
  });

  const problems: RowProblem[] = [];
  for (const [field, columns] of found) {
    if (columns.length > 1)
      problems.push(
        duplicateColumn(
          headerRow.row,
          field,
          columns.map((c) => c.header),
        ),
      );
  }
  for (const field of REQUIRED_GRADUATE_FIELDS) {
    if (!found.has(field)) problems.push(missingColumn(headerRow.row, field));
  }
  if (problems.length > 0) return { problems };

  const indexOf = new Map<GraduateField, number>();
  const headers: Partial<Record<GraduateField, string>> = {};
  for (const [field, [column]] of found) {
    if (!column) continue;
    indexOf.set(field, column.index);
    headers[field] = column.header;
  }
  return { layout: { headerRow: headerRow.row, indexOf, headers } };
}
