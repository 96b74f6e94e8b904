import { createHash } from 'node:crypto';
import { readGraduateList } from '@so-goc/documents';
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
export async function importGraduationDecision(store: EventStore, file: GraduationDecisionFile, context: CommandContext): Promise<CommandOutcome> {
  const list = await readGraduateList(file.bytes, file.fileName, { kind: file.kind, decisionDate: file.date });
  if (list.problems.length > 0) throw new GraduateListRejected(list.problems);
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
      sourceFile: { name: file.fileName, sha256: createHash('sha256').update(file.bytes).digest('hex') },
      graduates: list.records.map(({ row, ...record }) => ({ ...record, sourceRow: row })),
    },
  });
}
