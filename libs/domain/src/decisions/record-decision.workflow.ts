import type { CommandContext } from '../shared/command-context';
import type { StreamAppend, WorkflowDecision } from '../shared/workflow';
import { GraduateListRejected } from '../graduates/graduate-list-rejected';
import {
  graduateRegistryDecider,
  graduateRegistryStream,
  personKeysOf,
  earlierRecognitions,
  type GraduateRegistryState,
  type PersonKey,
} from '../graduates/graduate-registry';
import type { RowProblem } from '../graduates/row-problem';
import {
  graduationDecisionDecider,
  graduationDecisionStream,
  sameDecision,
  type GraduationDecisionState,
  type RecordGraduationDecision,
} from './graduation-decision';

/** The registry streams a decision's people fall in: read them all before deciding. */
export function registryStreamsOf(command: RecordGraduationDecision): string[] {
  return [...new Set(command.graduates.flatMap((g) => personKeysOf(g).map((k) => graduateRegistryStream(command.kind, k.key))))];
}

/**
 * A graduation decision with its list (rules 1–4): every person is reserved on the registry streams
 * (rule 1 across decisions), then the decision is recorded. People another decision of the same kind
 * already recognised are all reported, row by row, and nothing is recorded. Reservations a cut-short
 * earlier attempt of the same decision made are its own, so a resend completes the import.
 *
 * The decision's own events end with the seal (`GraduationDecisionRecorded`), so they may be recorded in
 * several bounded appends (issue 20); a resend into a decision left unsealed by a crash lists what is
 * missing and seals it, never lists anyone twice.
 */
export function decideRecordGraduationDecision(
  command: RecordGraduationDecision,
  read: { decision: GraduationDecisionState; registries: ReadonlyMap<string, GraduateRegistryState> },
  context: CommandContext,
): WorkflowDecision {
  const decisionStream = graduationDecisionStream(command.decisionId);
  // The same decision from the same file, sent again: nothing left to do.
  if (read.decision.status === 'recorded' && sameDecision(read.decision.header, command)) {
    return { appends: [], primaryStream: decisionStream };
  }
  const recognisedBy = { decisionId: command.decisionId, decisionNumber: command.number, decisionDate: command.date };
  const byStream = new Map<string, { row: number; keys: PersonKey[] }[]>();
  for (const graduate of command.graduates) {
    for (const key of personKeysOf(graduate)) {
      const stream = graduateRegistryStream(command.kind, key.key);
      const people = byStream.get(stream) ?? [];
      people.push({ row: graduate.sourceRow, keys: [key] });
      byStream.set(stream, people);
    }
  }
  const conflicts = new Map<number, RowProblem>();
  for (const [stream, people] of byStream) {
    for (const problem of earlierRecognitions(
      command.kind,
      { type: 'ReserveGraduates', decision: recognisedBy, people },
      read.registries.get(stream) ?? new Map(),
    )) {
      // The national ID is the stronger match: keep it when a row conflicts on both keys.
      if (!conflicts.has(problem.row) || problem.field === 'nationalId') conflicts.set(problem.row, problem);
    }
  }
  if (conflicts.size > 0) throw new GraduateListRejected([...conflicts.values()].sort((a, b) => a.row - b.row));
  const decisionEvents = graduationDecisionDecider.decide(command, read.decision, context);
  const decider = graduateRegistryDecider(command.kind);
  const reservations: StreamAppend[] = [...byStream].map(([stream, people]) => ({
    stream,
    events: decider.decide(
      { type: 'ReserveGraduates', decision: recognisedBy, people },
      read.registries.get(stream) ?? decider.initialState,
      context,
    ),
  }));
  return {
    appends: [
      ...reservations,
      { stream: decisionStream, events: decisionEvents, sealed: true, resumes: read.decision.status === 'recording' },
    ],
    primaryStream: decisionStream,
  };
}
