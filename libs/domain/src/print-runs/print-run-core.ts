import type { CommandContext } from '../shared/command-context';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import type { StreamAppend, WorkflowDecision } from '../shared/workflow';
import { blankLotStream, type BlankLotEvent } from '../blanks/blank';
import { blankLotDecider, type BlankLotState } from '../blanks/blank-lot.decider';
import { formatSerial, normalizeRanges, type SerialRange } from '../blanks/serial-range';

/**
 * What every print run shares, whatever it prints (diplomas, docs/domain.md §2.3; certificates, §8): the
 * conservation of each serial it took (rule 16), a misprint's replacement blank, the spares released on
 * closing, the blank that may never be printed on (rule 18). The diploma run (issuance/) and the certificate
 * run (certificates/) differ only in their credential, their register and their stream and event names; the
 * blanks move through the same lot acts, decided here once.
 */
export interface RunOnLot {
  readonly authorityCode: string;
  readonly printRunId: string;
  readonly lotId: string;
  readonly prefix: string;
  readonly width: number;
}

/** The serials a run holds, as its own stream folded them. */
export interface RunSerials {
  readonly entries: readonly { readonly serial: number }[];
  readonly reservedSerials: ReadonlySet<number>;
  readonly spoiledSerials: ReadonlySet<number>;
}

/** Reserved for the run and carrying nothing: the spares a misprint takes first, released on close. */
export function runSpares(run: RunSerials): number[] {
  const used = new Set(run.entries.map((e) => e.serial));
  return [...run.reservedSerials].filter((s) => !used.has(s) && !run.spoiledSerials.has(s)).sort((a, b) => a - b);
}

/** §2.3, rule 16: the run closes only when reserved = bound + spoiled + released, serial by serial. */
export function requireBalanced(
  run: RunSerials,
  releasedRanges: readonly SerialRange[],
): { reserved: number; bound: number; spoiled: number; released: number } {
  const spares = runSpares(run);
  const released = releasedRanges.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => r.from + i));
  const reserved = run.reservedSerials.size;
  const bound = run.entries.length;
  const spoiled = run.spoiledSerials.size;
  if (reserved !== bound + spoiled + released.length || released.length !== spares.length || released.some((s) => !spares.includes(s))) {
    throw new DomainError({
      code: 'PRINT_RUN_UNBALANCED',
      kind: 'rule_violation',
      messageVi: `Đợt in chưa cân đối: giữ ${reserved} phôi, đã in ${bound}, hỏng ${spoiled}, trả lại ${released.length}.`,
      messageEn: `The run does not balance: ${reserved} reserved, ${bound} bound, ${spoiled} spoiled, ${released.length} released.`,
      field: 'releasedRanges',
      rule: 16,
    });
  }
  return { reserved, bound, spoiled, released: released.length };
}

/** Rule 16: the replacement of a misprinted blank is a spare of the run (or newly reserved), never a spoiled or the same one. */
export function requireReplacementSpare(run: RunSerials, oldSerial: number, newSerial: number, newlyReserved: boolean): void {
  const isSpare = runSpares(run).includes(newSerial);
  if (newlyReserved === isSpare || run.spoiledSerials.has(newSerial) || newSerial === oldSerial) {
    throw new DomainError({
      code: 'REPLACEMENT_BLANK_INVALID',
      kind: 'conflict',
      messageVi: 'Phôi thay thế không phải phôi dự phòng của đợt in.',
      messageEn: "The replacement blank is not one of the run's spares.",
      field: 'newSerial',
      rule: 16,
    });
  }
}

/** The run's dates follow one another (opening, printing, signing). */
export function requireNotBefore(
  field: string,
  date: string,
  earliest: string,
  earliestVi: string,
  earliestEn: string,
  rule?: number,
): void {
  if (date >= earliest) return;
  throw new DomainError({
    code: 'DATE_TOO_EARLY',
    kind: 'rule_violation',
    messageVi: `Ngày ${date} trước ${earliestVi} (${earliest}).`,
    messageEn: `${date} is before ${earliestEn} (${earliest}).`,
    field,
    ...(rule !== undefined ? { rule } : {}),
  });
}

/** Rule 18, F4: the refusal of a printing onto blanks that may never be used again; the attempt is recorded on the lot first. */
export function blankReuseRefusal(run: RunOnLot, lotEvents: readonly BlankLotEvent[]): DomainError | undefined {
  const attempt = lotEvents.find((e) => e.type === 'BlankReuseAttempted');
  if (!attempt) return undefined;
  const serials = attempt.data.serials.map((s) => `${formatSerial(run.prefix, run.width, s.serial)} (${s.status})`);
  return new DomainError({
    code: 'BLANK_NOT_USABLE',
    kind: 'rule_violation',
    messageVi: `Không được in lên phôi đã mất, đã huỷ, đã trả hoặc thiếu: ${serials.slice(0, 10).join(', ')}. Lần thử đã được ghi lại.`,
    messageEn: `Blanks that are lost, destroyed, returned or missing may never be printed on: ${serials.slice(0, 10).join(', ')}. The attempt was recorded.`,
    field: 'printRunId',
    rule: 18,
  });
}

/** Domain Q4 on the lot: the misprinted blank is spoiled and the credential bound to the next spare (or the next in stock). */
export function replaceMisprintedBlank(
  lot: BlankLotState,
  run: RunOnLot,
  input: { credentialId: string; oldSerial: number; note: string; reprintedOn: IsoDate },
  context: CommandContext,
): { lotEvents: readonly BlankLotEvent[]; newSerial: number; newlyReserved: boolean } {
  const lotEvents = blankLotDecider.decide(
    {
      type: 'ReplaceMisprintedBlank',
      authorityCode: run.authorityCode,
      printRunId: run.printRunId,
      diplomaId: input.credentialId,
      oldSerial: input.oldSerial,
      note: input.note,
      replacedOn: input.reprintedOn,
    },
    lot,
    context,
  );
  const bound = lotEvents.find((e) => e.type === 'BlanksBound');
  if (!bound) throw new Error('unreachable: a replaced blank is always bound');
  return { lotEvents, newSerial: bound.data.bindings[0]!.serial, newlyReserved: lotEvents.some((e) => e.type === 'BlanksReserved') };
}

/**
 * Closing on the lot: the run's spares still reserved there go back to stock (a resend after a crash finds
 * them released already), and the run records every spare as released.
 */
export function releaseSpares(
  lot: BlankLotState,
  run: RunOnLot,
  spares: readonly number[],
  closedOn: IsoDate,
  context: CommandContext,
): { lotEvents: readonly BlankLotEvent[]; releasedRanges: SerialRange[] } {
  const stillReserved = new Set<number>();
  if (lot.status === 'received') {
    for (const s of lot.segments)
      if (s.status === 'reserved' && s.printRunId === run.printRunId) for (let v = s.from; v <= s.to; v += 1) stillReserved.add(v);
  }
  const toRelease = normalizeRanges(spares.filter((s) => stillReserved.has(s)).map((s) => ({ from: s, to: s })));
  const lotEvents =
    toRelease.length > 0
      ? blankLotDecider.decide(
          {
            type: 'ReleaseBlanks',
            authorityCode: run.authorityCode,
            printRunId: run.printRunId,
            ranges: toRelease,
            releasedOn: closedOn,
          },
          lot,
          context,
        )
      : [];
  return { lotEvents, releasedRanges: normalizeRanges(spares.map((s) => ({ from: s, to: s }))) };
}

/**
 * The lot's side of printing a run (diploma or certificate, the same lot acts): every planned serial bound
 * to its credential, in bounded appends; the run's own "printed" event, appended after them, is the act's
 * seal (issue 20), so no run reads as printed on a binding cut short. A resend binds only the serials an
 * earlier, cut-short attempt did not.
 */
export function bindRun(
  lot: BlankLotState,
  run: { authorityCode: string; printRunId: string },
  bindings: readonly { serial: number; diplomaId: string }[],
  boundOn: IsoDate,
  context: CommandContext,
): { events: readonly BlankLotEvent[]; resumes: boolean } {
  const boundBefore = lot.status === 'received' ? bindings.filter((b) => lot.diplomaBySerial.get(b.serial) === b.diplomaId).length : 0;
  if (boundBefore === bindings.length && bindings.length > 0) return { events: [], resumes: true };
  const rest =
    boundBefore > 0 && lot.status === 'received' ? bindings.filter((b) => lot.diplomaBySerial.get(b.serial) !== b.diplomaId) : bindings;
  return {
    events: blankLotDecider.decide(
      { type: 'BindBlanks', authorityCode: run.authorityCode, printRunId: run.printRunId, boundOn, bindings: [...rest] },
      lot,
      context,
    ),
    resumes: boundBefore > 0,
  };
}

/** A run's blanks, the ones an earlier cut-short attempt already reserved on the lot (then nothing more is reserved). */
export function reservedForRun(lot: Extract<BlankLotState, { status: 'received' }>, printRunId: string): SerialRange[] {
  return normalizeRanges(
    lot.segments.filter((s) => s.status === 'reserved' && s.printRunId === printRunId).map((s) => ({ from: s.from, to: s.to })),
  );
}

/**
 * The lot reserves a blank for each credential the run claimed and its spares, after the claim (opening, rule 16).
 * If the lot cannot, and an earlier attempt cut short after its claim already holds the credentials, the claim
 * goes back (the events `giveBack` decides, on the claim's stream) and the refusal is recorded with it, so the
 * credentials are printed by another run instead of waiting on one that never opens.
 */
export function reserveAfterClaim(
  lot: BlankLotState,
  reservation: { authorityCode: string; printRunId: string; count: number; reservedOn: IsoDate },
  claimedBefore: boolean,
  giveBack: () => StreamAppend,
  context: CommandContext,
): { reserveEvents: readonly BlankLotEvent[]; refused?: { append: StreamAppend; refusal: DomainError } } {
  try {
    return { reserveEvents: blankLotDecider.decide({ type: 'ReserveBlanks', ...reservation }, lot, context) };
  } catch (error) {
    if (claimedBefore && error instanceof DomainError) return { reserveEvents: [], refused: { append: giveBack(), refusal: error } };
    throw error;
  }
}

/**
 * Printing a run (diplomas or certificates): the lot binds every planned blank to its credential, in bounded
 * appends, then the run's own "printed" event seals the act (issue 20). A blank that may never be used again
 * refuses the whole act and the attempt is recorded on the lot (rule 18, F4).
 */
export function decidePrintingOnLot(
  lot: BlankLotState,
  run: RunOnLot,
  bindings: readonly { serial: number; diplomaId: string }[],
  boundOn: IsoDate,
  printed: StreamAppend,
  context: CommandContext,
): WorkflowDecision {
  const lotStream = blankLotStream(run.lotId);
  const { events, resumes } = bindRun(lot, run, bindings, boundOn, context);
  const refusal = blankReuseRefusal(run, events);
  if (refusal) return { appends: [{ stream: lotStream, events }], primaryStream: printed.stream, refusal };
  return { appends: [{ stream: lotStream, events, sealed: true, resumes }, printed], primaryStream: printed.stream };
}
