import type { Database } from 'better-sqlite3';
import { graduateListReader, type ImportedGraduate } from '@so-goc/documents';
import { earlierGraduateOf } from '@so-goc/projections';
import {
  DomainError,
  graduationDecisionDecider,
  graduationDecisionStream,
  type CommandContext,
  type DiplomaKind,
  type RowProblem,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';

export interface GraduationDecisionFile {
  readonly decisionId: string;
  readonly authorityCode: string;
  readonly number: string;
  readonly date: string;
  readonly kind: DiplomaKind;
  readonly schoolYear: string;
  readonly examSession?: string | null;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export interface ImportOptions {
  /** When given, people already recognised by an earlier decision of the same kind are reported too. */
  readonly readModels?: Database;
}

/**
 * Reported, not silently merged: the officer sees which earlier decision names the person. A resent
 * upload of the same decision is not a duplicate of itself.
 */
function duplicatesOfEarlierDecisions(db: Database, file: GraduationDecisionFile, records: readonly ImportedGraduate[]): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const record of records) {
    const earlier = earlierGraduateOf(db, file.kind, record);
    if (!earlier || earlier.decisionId === file.decisionId) continue;
    const how = earlier.matchedOn === 'nationalId' ? { vi: 'cùng số định danh', en: 'same national ID' } : { vi: 'cùng họ tên, ngày sinh và trường', en: 'same name, birth date and school' };
    problems.push({
      row: record.row,
      column: earlier.matchedOn === 'nationalId' ? 'Số định danh cá nhân' : 'Họ và tên',
      field: earlier.matchedOn === 'nationalId' ? 'nationalId' : 'fullName',
      code: 'DUPLICATE_OF_EARLIER_DECISION',
      messageVi: `Đã được công nhận tốt nghiệp ${file.kind} theo quyết định ${earlier.decisionNumber} ngày ${earlier.decisionDate} (${how.vi}).`,
      messageEn: `Already recognised as a ${file.kind} graduate by decision ${earlier.decisionNumber} of ${earlier.decisionDate} (${how.en}).`,
    });
  }
  return problems;
}

/** The file had bad rows: every one is listed, and nothing was recorded. */
export class GraduateListRejected extends DomainError {
  constructor(readonly rowProblems: readonly RowProblem[]) {
    super({
      code: 'GRADUATE_LIST_REJECTED',
      kind: 'invalid_input',
      messageVi: `Danh sách có ${rowProblems.length} lỗi; chưa ghi nhận gì. Sửa các dòng được nêu rồi tải lên lại.`,
      messageEn: `The list has ${rowProblems.length} problems; nothing was recorded. Fix the rows listed and upload it again.`,
      field: 'file',
      fieldProblems: rowProblems.map((p) => ({ field: `row ${p.row}: ${p.column}`, code: p.code, messageVi: p.messageVi, messageEn: p.messageEn })),
    });
  }
}

/**
 * Records a graduation decision from the office's file. The whole file is checked first and nothing is
 * recorded until it is clean; resending the same upload with the same command id records nothing new.
 */
export async function importGraduationDecision(store: EventStore, file: GraduationDecisionFile, context: CommandContext, options: ImportOptions = {}): Promise<CommandOutcome> {
  // Off the request thread: a large list must not stall the rest of the process (issue 16). The bytes are
  // handed over to the reader, which also hashes them.
  const list = await graduateListReader.read(file.bytes, file.fileName, { kind: file.kind, decisionDate: file.date });
  if (list.problems.length > 0) throw new GraduateListRejected(list.problems);
  const earlier = options.readModels ? duplicatesOfEarlierDecisions(options.readModels, file, list.records) : [];
  if (earlier.length > 0) throw new GraduateListRejected(earlier);
  return handleCommand(store, graduationDecisionDecider, {
    stream: graduationDecisionStream(file.decisionId),
    context,
    command: {
      type: 'RecordGraduationDecision',
      decisionId: file.decisionId,
      authorityCode: file.authorityCode,
      number: file.number,
      date: file.date,
      kind: file.kind,
      schoolYear: file.schoolYear,
      examSession: file.examSession ?? null,
      sourceFile: { name: file.fileName, sha256: list.sha256 },
      graduates: list.records.map(({ row, ...record }) => ({ ...record, sourceRow: row })),
    },
  });
}
