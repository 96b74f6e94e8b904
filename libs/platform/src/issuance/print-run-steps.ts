import {
  blankLotDecider,
  blankLotStream,
  DomainError,
  printRunDecider,
  printRunStream,
  spareSerials,
  type AuthorityDirectory,
  type CommandContext,
  type OpenedPrintRun,
  type SerialRange,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { loadState } from './load-state';

async function openedRun(store: EventStore, printRunId: string): Promise<OpenedPrintRun> {
  const run = await loadState(store, printRunDecider, printRunStream(printRunId));
  if (run.status === 'none') throw new DomainError({ code: 'PRINT_RUN_NOT_FOUND', kind: 'not_found', messageVi: 'Không có đợt in này.', messageEn: 'No such print run.', field: 'printRunId' });
  return run;
}

function requireOwnRun(run: OpenedPrintRun, authorityCode: string): void {
  if (run.header.authorityCode !== authorityCode) {
    throw new DomainError({ code: 'PRINT_RUN_OF_ANOTHER_AUTHORITY', kind: 'forbidden', messageVi: 'Đợt in của đơn vị khác.', messageEn: "The print run is another authority's.", field: 'printRunId' });
  }
}

/**
 * The run came off the printer: every planned blank now carries its diploma. The lot records the
 * bindings first (it refuses a blank that may never be used again, rule 18), then the run moves on.
 */
export async function recordPrinting(store: EventStore, request: { printRunId: string; authorityCode: string; printedOn: string }, context: CommandContext): Promise<CommandOutcome> {
  const run = await openedRun(store, request.printRunId);
  requireOwnRun(run, request.authorityCode);
  if (run.status === 'open') {
    await handleCommand(store, blankLotDecider, {
      stream: blankLotStream(run.header.lotId),
      context,
      command: { type: 'BindBlanks', authorityCode: run.header.authorityCode, printRunId: run.header.printRunId, boundOn: request.printedOn, bindings: run.entries.map((e) => ({ serial: e.serial, diplomaId: e.diplomaId })) },
    });
  }
  return handleCommand(store, printRunDecider, { stream: printRunStream(request.printRunId), context, command: { type: 'RecordPrinting', printRunId: request.printRunId, printedOn: request.printedOn } });
}

/** Domain Q4: the blank is spoiled, the diploma goes onto the next blank, the register number stays. */
export async function recordMisprint(
  store: EventStore,
  request: { printRunId: string; authorityCode: string; diplomaId: string; note: string; reprintedOn: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  const run = await openedRun(store, request.printRunId);
  requireOwnRun(run, request.authorityCode);
  const index = run.indexOf.get(request.diplomaId);
  if (index === undefined) throw new DomainError({ code: 'DIPLOMA_NOT_IN_RUN', kind: 'not_found', messageVi: `Văn bằng ${request.diplomaId} không thuộc đợt in này.`, messageEn: `Diploma ${request.diplomaId} is not in this print run.`, field: 'diplomaId' });
  // Checked before the lot spoils anything: a signed wrong diploma is a reissue, not a misprint.
  if (run.status !== 'printed') {
    throw new DomainError({
      code: 'PRINT_RUN_WRONG_STATE',
      kind: 'rule_violation',
      messageVi: `Chỉ ghi in hỏng khi đợt in đã in và chưa ký (hiện: ${run.status}).`,
      messageEn: `Misprints are recorded after printing and before signing (run is ${run.status}).`,
      field: 'printRunId',
    });
  }
  const replacement = await handleCommand(store, blankLotDecider, {
    stream: blankLotStream(run.header.lotId),
    context,
    command: { type: 'ReplaceMisprintedBlank', authorityCode: run.header.authorityCode, printRunId: run.header.printRunId, diplomaId: request.diplomaId, oldSerial: run.entries[index]!.serial, note: request.note, replacedOn: request.reprintedOn },
  });
  const bound = replacement.events.find((e) => e.type === 'BlanksBound')!.data as { bindings: { serial: number }[] };
  return handleCommand(store, printRunDecider, {
    stream: printRunStream(request.printRunId),
    context,
    command: {
      type: 'RecordMisprint',
      printRunId: request.printRunId,
      diplomaId: request.diplomaId,
      newSerial: bound.bindings[0]!.serial,
      newlyReserved: replacement.events.some((e) => e.type === 'BlanksReserved'),
      note: request.note,
      reprintedOn: request.reprintedOn,
    },
  });
}

/** Signing and sealing issues every diploma of the run (rules 5, 6, 25). */
export async function signPrintRun(
  store: EventStore,
  directory: AuthorityDirectory,
  request: { printRunId: string; authorityCode: string; signerId: string; issueDate: string; issuePlace: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  requireOwnRun(await openedRun(store, request.printRunId), request.authorityCode);
  return handleCommand(store, printRunDecider, {
    stream: printRunStream(request.printRunId),
    context,
    command: { type: 'SignPrintRun', printRunId: request.printRunId, signerId: request.signerId, issueDate: request.issueDate, issuePlace: request.issuePlace, directory },
  });
}

/** The unused spares go back to stock, then the run closes balanced (docs/domain.md §2.3). */
export async function closePrintRun(store: EventStore, request: { printRunId: string; authorityCode: string; closedOn: string }, context: CommandContext): Promise<CommandOutcome> {
  const run = await openedRun(store, request.printRunId);
  requireOwnRun(run, request.authorityCode);
  let releasedRanges: SerialRange[] = [];
  const spares = spareSerials(run);
  if (run.status === 'signed' && spares.length > 0) {
    const release = await handleCommand(store, blankLotDecider, {
      stream: blankLotStream(run.header.lotId),
      context,
      command: { type: 'ReleaseBlanks', authorityCode: run.header.authorityCode, printRunId: run.header.printRunId, ranges: spares.map((s) => ({ from: s, to: s })), releasedOn: request.closedOn },
    });
    releasedRanges = release.events.flatMap((e) => (e.data as { ranges: SerialRange[] }).ranges);
  }
  return handleCommand(store, printRunDecider, { stream: printRunStream(request.printRunId), context, command: { type: 'ClosePrintRun', printRunId: request.printRunId, closedOn: request.closedOn, releasedRanges } });
}
