import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readGraduateList, type GraduateList } from '@so-goc/documents';
import type { DiplomaKind } from '@so-goc/domain';

/**
 * Reads a graduate list (XLSX or CSV) and reports every bad row at once, the way an officer fixes it
 * in Excel: row number, column, what is wrong. Nothing is recorded: this is the check an import runs
 * before a graduation decision can be recorded.
 */
export async function checkGraduateList(file: string, options: { kind: DiplomaKind; decisionDate: string }): Promise<GraduateList> {
  return readGraduateList(new Uint8Array(readFileSync(file)), basename(file), options);
}

export function describeCheck(file: string, list: GraduateList): string {
  const lines = [`${basename(file)}: ${list.records.length} dòng hợp lệ, ${list.problems.length} lỗi`];
  for (const problem of list.problems) {
    const where = problem.row > 0 ? `Dòng ${problem.row}, cột "${problem.column}"` : `Tệp`;
    const value =
      problem.value === undefined ? '' : ` (giá trị: ${problem.value.length > 60 ? `${problem.value.slice(0, 57)}…` : problem.value})`;
    lines.push(`  ${where}: ${problem.messageVi} [${problem.code}]${value}`);
  }
  return lines.join('\n');
}
