import { graduateListReader, type GraduateListProgress } from '@so-goc/documents';
import {
  decideRecordGraduationDecision,
  graduateRegistryDecider,
  graduationDecisionDecider,
  graduationDecisionStream,
  GraduateListRejected,
  registryStreamsOf,
  type CommandContext,
  type DiplomaKind,
  type GraduateRegistryState,
  type RecordGraduationDecision,
} from '@so-goc/domain';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';

export { GraduateListRejected } from '@so-goc/domain';

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
  /** Hears the rows read so far (a console job shows them, issue 13); not part of what is recorded. */
  readonly onProgress?: (progress: GraduateListProgress) => void;
}

/**
 * Records a graduation decision from the office's file. The whole file is checked first and nothing is
 * recorded until it is clean; people an earlier decision of the same kind already recognised are
 * reported row by row from the graduate registry's streams (rule 1), never from a read model; resending
 * the same upload records nothing new.
 */
export async function importGraduationDecision(
  store: EventStore,
  file: GraduationDecisionFile,
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  // Off the request thread: a large list must not stall the rest of the process (issue 16). The bytes are
  // handed over to the reader, which also hashes them. The list read is not kept once the command is made
  // from it: for a city's cohort it is tens of megabytes the recording does not need (issue 19).
  const command = commandOf(
    file,
    await graduateListReader.read(file.bytes, file.fileName, { kind: file.kind, decisionDate: file.date }, file.onProgress),
  );
  return executeWorkflow(
    store,
    context,
    async (reads) => {
      const registries = new Map<string, GraduateRegistryState>();
      const decider = graduateRegistryDecider(file.kind);
      for (const stream of registryStreamsOf(command)) registries.set(stream, await reads.state(decider, stream));
      return decideRecordGraduationDecision(
        command,
        { decision: await reads.state(graduationDecisionDecider, graduationDecisionStream(file.decisionId)), registries },
        context,
      );
    },
    ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
  );
}

function commandOf(file: GraduationDecisionFile, list: Awaited<ReturnType<typeof graduateListReader.read>>): RecordGraduationDecision {
  if (list.problems.length > 0) throw new GraduateListRejected(list.problems);
  return {
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
  };
}
