import {
  blankLotDecider,
  blankLotStream,
  DomainError,
  graduationDecisionDecider,
  graduationDecisionStream,
  printOrder,
  printRunDecider,
  printRunStream,
  registerNumbersDecider,
  registerStream,
  originalDiplomaId,
  type CommandContext,
  type SerialRange,
} from '@so-goc/domain';
import { deriveEventId, handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { loadState } from './load-state';

export interface OpenPrintRunRequest {
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly decisionId: string;
  readonly lotId: string;
  readonly templateVersion: string;
  readonly openedOn: string;
  /** Without it, every graduate of the decision not yet printed. */
  readonly graduateIds?: string[];
  /** Extra blanks reserved for misprints; released when the run closes. */
  readonly spareBlanks?: number;
  readonly exemptFromPublicListing?: { graduateIds: string[]; basis: string };
}

/**
 * Opening a run touches four streams, each the guard of one invariant: the decision (a graduate is
 * printed once), the lot (a blank goes to one run), the register book (numbers without gap or reuse,
 * each with its diploma) and the run itself. Everything that can be refused is checked before the
 * first append; the appends then share the command id, so resending the same request after a crash
 * completes the opening instead of repeating any step. If blanks run short after graduates were
 * claimed, the claim is given back so another run can take them.
 */
export async function openPrintRun(store: EventStore, request: OpenPrintRunRequest, context: CommandContext): Promise<CommandOutcome> {
  const runStream = printRunStream(request.printRunId);
  const run = await store.readStream(runStream);
  // A resent request (same command id) goes through every step again and each one answers "already done".
  if (run.events.length > 0 && run.events[0]!.id !== deriveEventId(context.commandId, runStream, 0)) {
    throw new DomainError({ code: 'PRINT_RUN_EXISTS', kind: 'conflict', messageVi: `Đợt in ${request.printRunId} đã có.`, messageEn: `Print run ${request.printRunId} already exists.`, field: 'printRunId' });
  }
  const lot = await loadState(store, blankLotDecider, blankLotStream(request.lotId));
  if (lot.status !== 'received') throw new DomainError({ code: 'LOT_NOT_FOUND', kind: 'not_found', messageVi: 'Không có lô phôi này.', messageEn: 'No such lot of blanks.', field: 'lotId' });

  const decisionStream = graduationDecisionStream(request.decisionId);
  const claim = await handleCommand(store, graduationDecisionDecider, {
    stream: decisionStream,
    context,
    command: { type: 'ClaimGraduatesForPrintRun', printRunId: request.printRunId, authorityCode: request.authorityCode, ...(request.graduateIds ? { graduateIds: request.graduateIds } : {}) },
  });
  const decision = await loadState(store, graduationDecisionDecider, decisionStream);
  if (decision.status !== 'recorded') throw new Error('unreachable: a claim was recorded on a decision that does not exist');
  const claimedIds = claim.events.flatMap((e) => (e.data as { graduateIds?: string[] }).graduateIds ?? []);
  const graduates = printOrder(claimedIds.map((id) => decision.graduates.get(id)!));

  let reserved: SerialRange[];
  try {
    const reservation = await handleCommand(store, blankLotDecider, {
      stream: blankLotStream(request.lotId),
      context,
      command: { type: 'ReserveBlanks', authorityCode: request.authorityCode, printRunId: request.printRunId, count: graduates.length + (request.spareBlanks ?? 0), reservedOn: request.openedOn },
    });
    reserved = reservation.events.flatMap((e) => (e.data as { ranges: SerialRange[] }).ranges);
  } catch (error) {
    await handleCommand(store, graduationDecisionDecider, { stream: decisionStream, context: { ...context, commandId: `${context.commandId}:release` }, command: { type: 'ReleaseGraduateClaims', printRunId: request.printRunId } });
    throw error;
  }

  const year = Number(request.openedOn.slice(0, 4));
  const numbering = await handleCommand(store, registerNumbersDecider, {
    stream: registerStream(request.authorityCode, decision.header.kind, year),
    context,
    command: { type: 'AssignRegisterNumbers', printRunId: request.printRunId, diplomaIds: graduates.map((g) => originalDiplomaId(g.graduateId)) },
  });
  const first = (numbering.events[0]!.data as { first: number }).first;

  return handleCommand(store, printRunDecider, {
    stream: runStream,
    context,
    expectedRevision: 'no_stream',
    command: {
      type: 'OpenPrintRun',
      printRunId: request.printRunId,
      authorityCode: request.authorityCode,
      openedOn: request.openedOn,
      templateVersion: request.templateVersion,
      decision: decision.header,
      graduates,
      lot: { lotId: lot.header.lotId, kind: lot.header.kind, templateVersion: lot.header.templateVersion, prefix: lot.header.prefix, width: lot.header.width },
      reserved,
      register: { year, first, diplomaIds: graduates.map((g) => originalDiplomaId(g.graduateId)) },
      ...(request.exemptFromPublicListing ? { exemptFromPublicListing: request.exemptFromPublicListing } : {}),
    },
  });
}
