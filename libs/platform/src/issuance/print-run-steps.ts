import {
  blankLotDecider,
  blankLotStream,
  decideCloseSignedPrintRun,
  decideRecordMisprint,
  decideRecordPrinting,
  decideSignPrintRun,
  diplomaDecider,
  diplomaStream,
  graduationDecisionDecider,
  graduationDecisionStream,
  printRunDecider,
  printRunStream,
  type AuthorityDirectory,
  type CommandContext,
  type DiplomaState,
  type GraduationDecisionState,
  type PrintRunAndLot,
  type PrintRunState,
  type WorkflowDecision,
} from '@so-goc/domain';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';
import type { StreamReads } from '../write-path/stream-reads';

async function runAndLot(reads: StreamReads, printRunId: string): Promise<PrintRunAndLot> {
  const run = await reads.state(printRunDecider, printRunStream(printRunId));
  const lotId = run.status === 'none' ? undefined : run.header.lotId;
  return { run, lot: lotId ? await reads.state(blankLotDecider, blankLotStream(lotId)) : blankLotDecider.initialState };
}

function onRunAndLot(
  store: EventStore,
  printRunId: string,
  context: CommandContext,
  ifMatch: bigint | undefined,
  decide: (read: PrintRunAndLot) => WorkflowDecision,
): Promise<CommandOutcome> {
  return executeWorkflow(
    store,
    context,
    async (reads) => decide(await runAndLot(reads, printRunId)),
    ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
  );
}

export function recordPrinting(
  store: EventStore,
  request: { printRunId: string; authorityCode: string; printedOn: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return onRunAndLot(store, request.printRunId, context, ifMatch, (read) => decideRecordPrinting(request, read, context));
}

export function recordMisprint(
  store: EventStore,
  request: { printRunId: string; authorityCode: string; diplomaId: string; note: string; reprintedOn: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return onRunAndLot(store, request.printRunId, context, ifMatch, (read) => decideRecordMisprint(request, read, context));
}

export function closePrintRun(
  store: EventStore,
  request: { printRunId: string; authorityCode: string; closedOn: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return executeWorkflow(
    store,
    context,
    async (reads) => {
      const { run, lot } = await runAndLot(reads, request.printRunId);
      const { decision, diplomas } = await issuanceReads(reads, run, request.authorityCode);
      return decideCloseSignedPrintRun(request, { run, lot, decision, diplomas }, context);
    },
    ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
  );
}

/** What a run's issuance events are made of: its decision (the holders) and each of its diplomas' streams. */
async function issuanceReads(
  reads: StreamReads,
  run: PrintRunState,
  authorityCode: string,
): Promise<{ decision: GraduationDecisionState; diplomas: Map<string, DiplomaState> }> {
  const decision =
    run.status === 'none'
      ? graduationDecisionDecider.initialState
      : await reads.state(graduationDecisionDecider, graduationDecisionStream(run.header.decisionId));
  const diplomas = new Map<string, DiplomaState>();
  if (run.status !== 'none' && run.header.authorityCode === authorityCode)
    for (const entry of run.entries) diplomas.set(entry.diplomaId, await reads.state(diplomaDecider, diplomaStream(entry.diplomaId)));
  return { decision, diplomas };
}

/**
 * Signing and sealing issues every diploma of the run (rules 5, 6, 25): reads the run, its decision and
 * each diploma's stream, and appends what decideSignPrintRun decided (the run first, then each diploma).
 */
export function signPrintRun(
  store: EventStore,
  directory: AuthorityDirectory,
  request: { printRunId: string; authorityCode: string; signerId: string; issueDate: string; issuePlace: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return executeWorkflow(
    store,
    context,
    async (reads) => {
      const run = await reads.state(printRunDecider, printRunStream(request.printRunId));
      const { decision, diplomas } = await issuanceReads(reads, run, request.authorityCode);
      return decideSignPrintRun(request, { run, decision, diplomas, directory }, context);
    },
    ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
  );
}
