import {
  byRowThenColumn,
  findDuplicates,
  validateGraduateRow,
  type DiplomaKind,
  type DuplicateCandidate,
  type EarlierGraduate,
  type GraduateField,
  type GraduateRecord,
  type IsoDate,
  type RowProblem,
} from '@so-goc/domain';
import { cellText } from './cell-text';
import { readCsvSheet } from './csv-sheet';
import { fileTooLarge, noRows, suspiciousArchive, tooManyRows, unreadableWorkbook, unsupportedFormat } from './file-problems';
import { GRADUATE_LIST_LIMITS, type GraduateListLimits } from './limits';
import { locateColumns, type ColumnLayout } from './locate-columns';
import type { SheetRow } from './sheet';
import { readXlsxSheet } from './xlsx-sheet';
import { inspectXlsxArchive } from './zip-guard';

export interface GraduateListOptions {
  readonly kind: DiplomaKind;
  /** Date of the graduation-recognition decision the list belongs to (rule 4). */
  readonly decisionDate: IsoDate;
  /** Graduates already recognised by earlier decisions of the same kind (rule 1). */
  readonly earlier?: readonly EarlierGraduate[];
  /** GRADUATE_LIST_LIMITS unless a test narrows them. */
  readonly limits?: GraduateListLimits;
}

/** How far the reading is: data rows checked out of the rows the sheet holds below its header. */
export interface GraduateListProgress {
  readonly rowsRead: number;
  readonly rowsTotal: number;
}

export type ImportedGraduate = GraduateRecord & { readonly row: number };

export interface GraduateList {
  /**
   * Rows without any problem. The register is permanent and admits no erasure (rule 19), so a caller
   * records these only when `problems` is empty; they are returned anyway for a preview.
   */
  readonly records: readonly ImportedGraduate[];
  /** Every problem of the file at once, by row and then by column as they stand in the file. */
  readonly problems: readonly RowProblem[];
  /** Field → header as found in the file. */
  readonly columns: Readonly<Record<string, string>>;
}

/**
 * Reads a graduate list as offices hold it, an .xlsx workbook or a CSV file, and validates every row.
 * The format is told by the content: a renamed file is read for what it is.
 */
export async function readGraduateList(
  bytes: Uint8Array,
  fileName: string,
  options: GraduateListOptions,
  onProgress?: (progress: GraduateListProgress) => void,
): Promise<GraduateList> {
  const limits = options.limits ?? GRADUATE_LIST_LIMITS;
  if (bytes.byteLength > limits.maxBytes) return failed([fileTooLarge(fileName, limits.maxBytes)]);
  const sheet = await readSheet(bytes, fileName, limits);
  if ('problem' in sheet) return failed([sheet.problem]);
  const located = locateColumns(sheet.rows);
  if ('problems' in located) return failed(located.problems);
  const { layout } = located;

  const context = { kind: options.kind, decisionDate: options.decisionDate, columns: layout.headers };
  const valid: ImportedGraduate[] = [];
  const candidates: DuplicateCandidate[] = [];
  const problems: RowProblem[] = [];
  let dataRows = 0;
  // Rows under the header, blank ones included: the denominator an officer watching the import is shown.
  const rowsTotal = sheet.rows.filter((sheetRow) => sheetRow.row > layout.headerRow).length;
  let rowsRead = 0;
  onProgress?.({ rowsRead, rowsTotal });
  for (const sheetRow of sheet.rows) {
    if (sheetRow.row <= layout.headerRow) continue;
    onProgress?.({ rowsRead: ++rowsRead, rowsTotal });
    const values = rowValues(sheetRow, layout);
    if (Object.values(values).every((value) => value.trim() === '')) continue;
    dataRows++;
    const result = validateGraduateRow({ row: sheetRow.row, values }, context);
    if ('record' in result) {
      valid.push({ ...result.record, row: sheetRow.row });
      candidates.push({ ...result.record, row: sheetRow.row });
    } else {
      // No spread into push: a list can hold hundreds of thousands of problems, more than the call stack takes.
      for (const problem of result.problems) problems.push(problem);
      candidates.push({ ...result.valid, row: sheetRow.row });
    }
  }
  if (dataRows === 0) return failed([noRows()], layout);

  for (const problem of findDuplicates(candidates, options.earlier ?? [], layout.headers)) problems.push(problem);
  const rowsWithProblems = new Set(problems.map((problem) => problem.row));
  const fileOrder = [...layout.indexOf.entries()].sort((a, b) => a[1] - b[1]).map(([field]) => field);
  return {
    records: valid.filter((record) => !rowsWithProblems.has(record.row)),
    problems: problems.sort(byRowThenColumn(fileOrder)),
    columns: { ...layout.headers },
  };
}

export async function readSheet(
  bytes: Uint8Array,
  fileName: string,
  limits: GraduateListLimits = GRADUATE_LIST_LIMITS,
): Promise<{ readonly rows: readonly SheetRow[] } | { readonly problem: RowProblem }> {
  switch (detectFormat(bytes)) {
    case 'xlsx': {
      const verdict = await inspectXlsxArchive(bytes, limits);
      if (verdict === undefined) return { problem: unreadableWorkbook(fileName) };
      if (!verdict.ok)
        return {
          problem: verdict.tooManyRows ? tooManyRows(limits.maxRows) : suspiciousArchive(fileName, verdict.reasonVi, verdict.reasonEn),
        };
      try {
        const rows = await readXlsxSheet(bytes);
        return rows.length > limits.maxRows ? { problem: tooManyRows(limits.maxRows) } : { rows };
      } catch {
        return { problem: unreadableWorkbook(fileName) };
      }
    }
    case 'unsupported':
      return { problem: unsupportedFormat(fileName) };
    case 'csv':
      return readCsvSheet(bytes, fileName, limits.maxRows);
  }
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((byte, i) => bytes[at + i] === byte);
const ZIP = [0x50, 0x4b]; // "PK"
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIMETYPE = Array.from(Buffer.from('mimetypeapplication/vnd.oasis.opendocument'));

/**
 * An .xlsx is a ZIP archive. Legacy .xls (OLE2), OpenDocument (a ZIP whose first entry names its type)
 * and web pages or XML saved with an .xls name (some school software exports those) cannot be read
 * faithfully and are refused with a hint; everything else is treated as text.
 */
function detectFormat(bytes: Uint8Array): 'xlsx' | 'csv' | 'unsupported' {
  if (startsWith(bytes, ZIP)) return startsWith(bytes, ODS_MIMETYPE, 30) ? 'unsupported' : 'xlsx';
  if (startsWith(bytes, OLE2)) return 'unsupported';
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') ? 'unsupported' : 'csv';
}

function rowValues(sheetRow: SheetRow, layout: ColumnLayout): Partial<Record<GraduateField, string>> {
  const values: Partial<Record<GraduateField, string>> = {};
  for (const [field, index] of layout.indexOf) values[field] = cellText(sheetRow.cells[index] ?? null, field);
  return values;
}

function failed(problems: readonly RowProblem[], layout?: ColumnLayout): GraduateList {
  return { records: [], problems, columns: { ...layout?.headers } };
}
