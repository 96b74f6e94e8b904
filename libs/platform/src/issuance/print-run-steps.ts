import {
  blankLotDecider,
  blankLotStream,
  decideClosePrintRun,
  decideRecordMisprint,
  decideRecordPrinting,
  openedRunOf,
  printRunDecider,
  printRunStream,
  type AuthorityDirectory,
  type CommandContext,
  type PrintRunAndLot,
  type WorkflowDecision,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';
import type { StreamReads } from '../write-path/stream-reads';
import { loadState } from './load-state';

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
  return onRunAndLot(store, request.printRunId, context, ifMatch, (read) => decideClosePrintRun(request, read, context));
}

/** Signing and sealing issues every diploma of the run (rules 5, 6, 25). */
export async function signPrintRun(
  store: EventStore,
  directory: AuthorityDirectory,
  request: { printRunId: string; authorityCode: string; signerId: string; issueDate: string; issuePlace: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  openedRunOf(await loadState(store, printRunDecider, printRunStream(request.printRunId)), request.authorityCode);
  return handleCommand(store, printRunDecider, {
    stream: printRunStream(request.printRunId),
    context,
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    command: {
      type: 'SignPrintRun',
      printRunId: request.printRunId,
      signerId: request.signerId,
      issueDate: request.issueDate,
      issuePlace: request.issuePlace,
      directory,
    },
  });
}
