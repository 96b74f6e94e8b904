import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { RowProblem } from '@so-goc/domain';

interface Report {
  readonly officerId: string;
  readonly fileName: string;
  readonly problems: readonly RowProblem[];
  readonly at: number;
}

const KEEP_MILLIS = 2 * 3600_000;
const MAX_REPORTS = 200;

/**
 * The row-problem report of a refused upload, kept in memory for a couple of hours so the officer can
 * download it as Excel; nothing about a refused list is recorded, so it never reaches the event log.
 */
export class RowReports {
  private readonly reports = new Map<string, Report>();

  keep(officerId: string, fileName: string, problems: readonly RowProblem[]): string {
    const now = Date.now();
    for (const [id, r] of this.reports) if (now - r.at > KEEP_MILLIS || this.reports.size >= MAX_REPORTS) this.reports.delete(id);
    const id = randomBytes(12).toString('hex');
    this.reports.set(id, { officerId, fileName, problems, at: now });
    return id;
  }

  /** Only the officer who uploaded the file gets its report. */
  get(id: string, officerId: string): Report | undefined {
    const report = this.reports.get(id);
    return report && report.officerId === officerId ? report : undefined;
  }
}

export async function rowReportXlsx(report: { fileName: string; problems: readonly RowProblem[] }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Lỗi');
  sheet.addRow([`Các dòng có lỗi trong tệp ${report.fileName}`]);
  sheet.addRow(['Dòng', 'Cột', 'Giá trị', 'Lỗi', 'Mã lỗi']);
  sheet.getRow(2).font = { bold: true };
  for (const p of report.problems) sheet.addRow([p.row, p.column, p.value ?? '', p.messageVi, p.code]);
  sheet.columns.forEach((column, i) => (column.width = [8, 24, 24, 70, 28][i] ?? 12));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
