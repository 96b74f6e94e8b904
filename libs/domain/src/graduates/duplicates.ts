import { formatBirthDateVi, type BirthDate } from './birth-date';
import type { GraduateRecord } from './graduate';
import { columnName, type GraduateColumns } from './graduate-fields';
import type { RowProblem } from './row-problem';
import { searchKey } from './vietnamese-names';

/** A graduate already recognised by an earlier decision of the same diploma kind. */
export interface EarlierGraduate {
  readonly nationalId: string;
  readonly fullName: string;
  readonly birthDate: BirthDate;
  readonly school: string;
  readonly decisionRef: string;
}

/** Whatever validated of a row: a row with a bad date can still be a duplicate by its national ID. */
export type DuplicateCandidate = { readonly row: number } & Partial<
  Pick<GraduateRecord, 'nationalId' | 'fullName' | 'birthDate' | 'school'>
>;

/**
 * Same name, birth date and school, whatever the diacritics, case, spacing or tone placement
 * (docs/architecture.md §8). Birth dates must be equally precise to match: "2006" is not "2006-09-18".
 */
function personKey(person: Pick<GraduateRecord, 'fullName' | 'birthDate' | 'school'>): string {
  return `${searchKey(person.fullName)}|${person.birthDate}|${searchKey(person.school)}`;
}

/**
 * An original is issued once (rule 1), so one person must not appear twice in a list nor in a list
 * after a decision that already recognised them. Inside the file the later row is reported, naming the
 * first; either may be the wrong one, and the officer sees both numbers.
 */
export function findDuplicates(
  candidates: readonly DuplicateCandidate[],
  earlier: readonly EarlierGraduate[] = [],
  columns?: GraduateColumns,
): RowProblem[] {
  const idColumn = columnName(columns, 'nationalId');
  const nameColumn = columnName(columns, 'fullName');
  const problems: RowProblem[] = [];

  const earlierById = new Map<string, EarlierGraduate>();
  const earlierByPerson = new Map<string, EarlierGraduate>();
  for (const graduate of earlier) {
    if (!earlierById.has(graduate.nationalId)) earlierById.set(graduate.nationalId, graduate);
    const key = personKey(graduate);
    if (!earlierByPerson.has(key)) earlierByPerson.set(key, graduate);
  }

  const firstRowById = new Map<string, number>();
  const firstRowByPerson = new Map<string, number>();
  for (const candidate of [...candidates].sort((a, b) => a.row - b.row)) {
    const { row, nationalId } = candidate;
    if (nationalId) {
      const firstRow = firstRowById.get(nationalId);
      if (firstRow === undefined) firstRowById.set(nationalId, row);
      else
        problems.push({
          row,
          column: idColumn,
          field: 'nationalId',
          code: 'DUPLICATE_NATIONAL_ID_IN_FILE',
          value: nationalId,
          messageVi: `Số định danh cá nhân ${nationalId} trùng với dòng ${firstRow}.`,
          messageEn: `National ID ${nationalId} is the same as on row ${firstRow}.`,
        });
      const previous = earlierById.get(nationalId);
      if (previous)
        problems.push({
          row,
          column: idColumn,
          field: 'nationalId',
          code: 'DUPLICATE_NATIONAL_ID_IN_EARLIER_DECISION',
          value: nationalId,
          messageVi: `Số định danh cá nhân ${nationalId} đã được công nhận tốt nghiệp tại quyết định ${previous.decisionRef} (${previous.fullName}); mỗi người chỉ được cấp bằng một lần.`,
          messageEn: `National ID ${nationalId} was already recognised by decision ${previous.decisionRef} (${previous.fullName}); a diploma is issued once (rule 1).`,
        });
    }
    const { fullName, birthDate, school } = candidate;
    if (fullName && birthDate && school) {
      const key = personKey({ fullName, birthDate, school });
      const shown = `${fullName}, ${formatBirthDateVi(birthDate)}, ${school}`;
      const firstRow = firstRowByPerson.get(key);
      if (firstRow === undefined) firstRowByPerson.set(key, row);
      else
        problems.push({
          row,
          column: nameColumn,
          field: 'fullName',
          code: 'DUPLICATE_PERSON_IN_FILE',
          value: fullName,
          messageVi: `Trùng người với dòng ${firstRow}: cùng họ tên, ngày sinh và trường (${shown}).`,
          messageEn: `Same person as row ${firstRow}: same name, date of birth and school (${shown}).`,
        });
      const previous = earlierByPerson.get(key);
      if (previous)
        problems.push({
          row,
          column: nameColumn,
          field: 'fullName',
          code: 'DUPLICATE_PERSON_IN_EARLIER_DECISION',
          value: fullName,
          messageVi: `${shown} đã được công nhận tốt nghiệp tại quyết định ${previous.decisionRef}; mỗi người chỉ được cấp bằng một lần.`,
          messageEn: `${shown} was already recognised by decision ${previous.decisionRef}; a diploma is issued once (rule 1).`,
        });
    }
  }
  return problems;
}
