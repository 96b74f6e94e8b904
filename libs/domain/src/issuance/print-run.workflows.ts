import type { CommandContext } from '../shared/command-context';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { requireIsoDate, throwIfInvalid } from '../shared/validation';
import type { StreamAppend, WorkflowDecision } from '../shared/workflow';
import type { BlankLotState } from '../blanks/blank-lot.decider';
import { blankLotStream } from '../blanks/blank';
import { graduationDecisionDecider, graduationDecisionStream, type GraduationDecisionState } from '../decisions/graduation-decision';
import { registerNumbersDecider, registerStream, unfilledOfBlock, type RegisterState } from '../registers/register-numbers';
import {
  decidePrintingOnLot,
  releaseSpares,
  replaceMisprintedBlank,
  reserveAfterClaim,
  reservedForRun,
} from '../print-runs/print-run-core';
import { originalDiplomaId, PRINT_RUN_ENTRIES_PER_EVENT, printOrder, printRunStream } from './print-run';
import { printRunDecider } from './print-run.decider';
import { spareSerials, type OpenedPrintRun, type PrintRunState } from './print-run-state';

/** Numbers run per calendar year of the day the run is opened (rule 21). */
export function registerYearOf(date: IsoDate): number {
  throwIfInvalid(requireIsoDate('openedOn', date));
  return Number(date.slice(0, 4));
}

export interface OpenPrintRunInput {
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly decisionId: string;
  readonly lotId: string;
  readonly templateVersion: string;
  readonly openedOn: IsoDate;
  /** Without it, every graduate of the decision not yet printed. */
  readonly graduateIds?: string[];
  /** Extra blanks reserved for misprints; released when the run closes. */
  readonly spareBlanks?: number;
  readonly exemptFromPublicListing?: { graduateIds: string[]; basis: string };
}

export interface OpenPrintRunRead {
  readonly run: PrintRunState;
  readonly decision: GraduationDecisionState;
  readonly lot: BlankLotState;
  /** The register book of the decision's kind for registerYearOf(openedOn). */
  readonly register: RegisterState;
}

/**
 * Opening a run touches four streams, each the guard of one invariant: the decision (a graduate is
 * printed once), the lot (a blank goes to one run), the register book (numbers without gap or reuse,
 * each with its diploma) and the run itself. Everything is decided before anything is appended. Each
 * step recognises what an earlier, cut-short attempt for the same print run already recorded, so a
 * resend of the same body completes the opening whatever its Idempotency-Key; a shortage of blanks after
 * an earlier attempt claimed graduates gives the claim back.
 */
export function decideOpenPrintRun(input: OpenPrintRunInput, read: OpenPrintRunRead, context: CommandContext): WorkflowDecision {
  const runStream = printRunStream(input.printRunId);
  const decisionStream = graduationDecisionStream(input.decisionId);
  if (read.run.status !== 'none') {
    if (
      read.run.header.decisionId === input.decisionId &&
      read.run.header.lotId === input.lotId &&
      read.run.header.authorityCode === input.authorityCode
    ) {
      // An opening in bounded appends cut short before its seal is completed below (issue 20).
      if (read.run.status !== 'opening') return { appends: [], primaryStream: runStream };
    } else
      throw new DomainError({
        code: 'PRINT_RUN_EXISTS',
        kind: 'conflict',
        messageVi: `Đợt in ${input.printRunId} đã có.`,
        messageEn: `Print run ${input.printRunId} already exists.`,
        field: 'printRunId',
      });
  }
  const lot = read.lot;
  if (lot.status !== 'received')
    throw new DomainError({
      code: 'LOT_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có lô phôi này.',
      messageEn: 'No such lot of blanks.',
      field: 'lotId',
    });
  const year = registerYearOf(input.openedOn);

  const claimedBefore =
    read.decision.status === 'recorded'
      ? [...read.decision.printRunOf].filter(([, run]) => run === input.printRunId).map(([id]) => id)
      : [];
  const reservedBefore = reservedForRun(lot, input.printRunId);
  const claimEvents =
    claimedBefore.length === 0
      ? graduationDecisionDecider.decide(
          {
            type: 'ClaimGraduatesForPrintRun',
            printRunId: input.printRunId,
            authorityCode: input.authorityCode,
            ...(input.graduateIds ? { graduateIds: input.graduateIds } : {}),
          },
          read.decision,
          context,
        )
      : reservedBefore.length > 0 || read.run.status !== 'none'
        ? [] // the claim was whole before the lot was asked for blanks
        : claimRemainder(input, read.decision, context);
  const decision = read.decision;
  if (decision.status !== 'recorded') throw new Error('unreachable: the claim decider refuses a decision that does not exist');
  const claimedIds = [
    ...claimedBefore,
    ...claimEvents.flatMap((e) => (e.type === 'GraduatesClaimedForPrintRun' ? e.data.graduateIds : [])),
  ];
  const graduates = printOrder(claimedIds.map((id) => decision.graduates.get(id)!));
  const diplomaIds = graduates.map((g) => originalDiplomaId(g.graduateId));

  // The graduates an earlier attempt claimed go back if the lot can no longer give their blanks.
  const { reserveEvents, refused } =
    reservedBefore.length > 0
      ? { reserveEvents: [], refused: undefined }
      : reserveAfterClaim(
          lot,
          {
            authorityCode: input.authorityCode,
            printRunId: input.printRunId,
            count: graduates.length + (input.spareBlanks ?? 0),
            reservedOn: input.openedOn,
          },
          claimedBefore.length > 0,
          () => ({
            stream: decisionStream,
            events: graduationDecisionDecider.decide(
              { type: 'ReleaseGraduateClaims', printRunId: input.printRunId },
              read.decision,
              context,
            ),
          }),
          context,
        );
  if (refused) return { appends: [refused.append], primaryStream: runStream, refusal: refused.refusal };
  const reserved =
    reservedBefore.length > 0 ? reservedBefore : reserveEvents.flatMap((e) => (e.type === 'BlanksReserved' ? e.data.ranges : []));

  const numberedBefore = read.register.byPrintRun.get(input.printRunId);
  // A block cut short between its parts gets the rest of its numbers, in order (issue 20).
  const unnumbered = numberedBefore ? diplomaIds.filter((id) => !read.register.numberByDiploma.has(id)) : diplomaIds;
  const numberEvents =
    numberedBefore && (unnumbered.length === 0 || unfilledOfBlock(read.register, input.printRunId) === 0)
      ? []
      : registerNumbersDecider.decide(
          { type: 'AssignRegisterNumbers', printRunId: input.printRunId, diplomaIds: unnumbered },
          read.register,
          context,
        );
  const first = numberedBefore?.first ?? numberEvents[0]!.data.first;

  const runEvents = printRunDecider.decide(
    {
      type: 'OpenPrintRun',
      printRunId: input.printRunId,
      authorityCode: input.authorityCode,
      openedOn: input.openedOn,
      templateVersion: input.templateVersion,
      decision: decision.header,
      graduates,
      lot: {
        lotId: lot.header.lotId,
        kind: lot.header.kind,
        templateVersion: lot.header.templateVersion,
        prefix: lot.header.prefix,
        width: lot.header.width,
      },
      reserved,
      register: { year, first, diplomaIds },
      ...(input.exemptFromPublicListing ? { exemptFromPublicListing: input.exemptFromPublicListing } : {}),
    },
    printRunDecider.initialState,
    context,
  );
  // Issue 20: each stream's part of a large opening goes in bounded appends, the run's seal last; a resend
  // appends only what an attempt cut short did not (the events already in the run stream are its first ones).
  const runPresent = read.run.status === 'opening' ? 1 + Math.ceil(read.run.entries.length / PRINT_RUN_ENTRIES_PER_EVENT) : 0;
  return {
    appends: [
      { stream: decisionStream, events: claimEvents, sealed: true, resumes: claimedBefore.length > 0 },
      { stream: blankLotStream(input.lotId), events: reserveEvents },
      {
        stream: registerStream(input.authorityCode, decision.header.kind, year),
        events: numberEvents,
        sealed: true,
        resumes: numberedBefore !== undefined,
      },
      { stream: runStream, events: runEvents.slice(runPresent), sealed: true, resumes: runPresent > 0 },
    ],
    primaryStream: runStream,
  };
}

/** The rest of a claim cut short between its bounded appends: the same selection, less what is already this run's. */
function claimRemainder(input: OpenPrintRunInput, decision: GraduationDecisionState, context: CommandContext) {
  if (decision.status !== 'recorded') return [];
  const rest = (input.graduateIds ?? [...decision.graduates.keys()]).filter((id) => !decision.printRunOf.has(id));
  if (rest.length === 0) return [];
  return graduationDecisionDecider.decide(
    { type: 'ClaimGraduatesForPrintRun', printRunId: input.printRunId, authorityCode: input.authorityCode, graduateIds: rest },
    decision,
    context,
  );
}

/** A run is acted on only by the authority that opened it; to anyone else it does not exist. */
export function openedRunOf(state: PrintRunState, authorityCode: string): OpenedPrintRun {
  if (state.status === 'none' || state.header.authorityCode !== authorityCode) {
    throw new DomainError({
      code: 'PRINT_RUN_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có đợt in này.',
      messageEn: 'No such print run.',
      field: 'printRunId',
    });
  }
  return state;
}

export interface PrintRunAndLot {
  readonly run: PrintRunState;
  readonly lot: BlankLotState;
}

/**
 * The run came off the printer: every planned blank now carries its diploma, then the run moves on. A
 * blank that may never be used again (lost, destroyed, returned, missing) refuses the whole act; the
 * attempt itself is recorded on the lot as evidence (rule 18, fraud pattern F4) and the caller gets
 * the refusal. The run's own state is checked first, so a wrong-state call records nothing.
 */
export function decideRecordPrinting(
  input: { printRunId: string; authorityCode: string; printedOn: IsoDate },
  read: PrintRunAndLot,
  context: CommandContext,
): WorkflowDecision {
  const run = openedRunOf(read.run, input.authorityCode);
  const runEvents = printRunDecider.decide(
    { type: 'RecordPrinting', printRunId: input.printRunId, printedOn: input.printedOn },
    run,
    context,
  );
  return decidePrintingOnLot(
    read.lot,
    run.header,
    run.entries.map((e) => ({ serial: e.serial, diplomaId: e.diplomaId })),
    input.printedOn,
    { stream: printRunStream(input.printRunId), events: runEvents },
    context,
  );
}

/** Domain Q4: the blank is spoiled, the diploma goes onto the next blank, the register number stays. */
export function decideRecordMisprint(
  input: { printRunId: string; authorityCode: string; diplomaId: string; note: string; reprintedOn: IsoDate },
  read: PrintRunAndLot,
  context: CommandContext,
): WorkflowDecision {
  const run = openedRunOf(read.run, input.authorityCode);
  const index = run.indexOf.get(input.diplomaId);
  if (index === undefined)
    throw new DomainError({
      code: 'DIPLOMA_NOT_IN_RUN',
      kind: 'not_found',
      messageVi: `Văn bằng ${input.diplomaId} không thuộc đợt in này.`,
      messageEn: `Diploma ${input.diplomaId} is not in this print run.`,
      field: 'diplomaId',
    });
  const { lotEvents, newSerial, newlyReserved } = replaceMisprintedBlank(
    read.lot,
    run.header,
    { credentialId: input.diplomaId, oldSerial: run.entries[index]!.serial, note: input.note, reprintedOn: input.reprintedOn },
    context,
  );
  // The run decides its own state (printed, not yet signed: a signed wrong diploma is a reissue) on the
  // serial the lot chose; a refusal here comes before anything is appended.
  const runEvents = printRunDecider.decide(
    {
      type: 'RecordMisprint',
      printRunId: input.printRunId,
      diplomaId: input.diplomaId,
      newSerial,
      newlyReserved,
      note: input.note,
      reprintedOn: input.reprintedOn,
    },
    run,
    context,
  );
  return {
    appends: [
      { stream: blankLotStream(run.header.lotId), events: lotEvents },
      { stream: printRunStream(input.printRunId), events: runEvents },
    ],
    primaryStream: printRunStream(input.printRunId),
  };
}

/** The unused spares go back to stock, then the run closes balanced (docs/domain.md §2.3). */
export function decideClosePrintRun(
  input: { printRunId: string; authorityCode: string; closedOn: IsoDate },
  read: PrintRunAndLot,
  context: CommandContext,
): WorkflowDecision {
  const run = openedRunOf(read.run, input.authorityCode);
  const spares = run.status === 'signed' ? spareSerials(run) : [];
  const { lotEvents, releasedRanges } = releaseSpares(read.lot, run.header, spares, input.closedOn, context);
  const runEvents = printRunDecider.decide(
    { type: 'ClosePrintRun', printRunId: input.printRunId, closedOn: input.closedOn, releasedRanges },
    run,
    context,
  );
  const appends: StreamAppend[] = [
    { stream: blankLotStream(run.header.lotId), events: lotEvents },
    { stream: printRunStream(input.printRunId), events: runEvents },
  ];
  return { appends, primaryStream: printRunStream(input.printRunId) };
}
