import type { Decider } from '../shared/decider';
import { DomainError, type FieldProblem } from '../shared/errors';
import type { IsoDate } from '../shared/dates';
import { actedOnIfKnown, actedOnOf, pastDateProblems, requireActDate } from '../shared/plausible-dates';
import {
  collectProblems,
  throwIfInvalid,
  requireIsoDate,
  requireOneOf,
  requirePattern,
  requirePersonText,
  requireText,
} from '../shared/validation';
import {
  BLANK_KINDS,
  SPOILAGE_REASONS,
  TERMINAL_STATUSES,
  type BlankLotCommand,
  type BlankLotEvent,
  type BlankStatus,
  type DocumentRef,
  type LotHeader,
} from './blank';
import { assign, offending, outsideLot, segmentsWithin, type Segment } from './blank-segments';
import { formatRange, normalizeRanges, rangeContains, rangesOverlap, totalSize, type SerialRange } from './serial-range';

export type BlankLotState =
  | { readonly status: 'none' }
  | {
      readonly status: 'received';
      readonly header: LotHeader;
      readonly segments: readonly Segment[];
      readonly diplomaBySerial: ReadonlyMap<number, string>;
    };

const MAX_LOT_SIZE = 1_000_000;
/** Bindings per BlanksBound event: ~300 KiB at most, under one append's bound (issue 20). */
export const BINDINGS_PER_EVENT = 5_000;
const LOT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;
const CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export function evolveBlankLot(state: BlankLotState, event: BlankLotEvent): BlankLotState {
  if (event.type === 'BlankLotReceived') {
    const { lotId, kind, templateVersion, prefix, width, range, receivingAuthority } = event.data;
    let segments: Segment[] = [{ from: range.from, to: range.to, status: 'in_stock', holder: receivingAuthority }];
    segments = assign(segments, event.data.missing, (s) => ({ status: 'missing', holder: s.holder }));
    segments = assign(segments, event.data.damaged, (s) => ({ status: 'spoiled', holder: s.holder, reason: 'damaged_at_receipt' }));
    return {
      status: 'received',
      header: { lotId, kind, templateVersion, prefix, width, range, receivingAuthority },
      segments,
      diplomaBySerial: new Map(),
    };
  }
  if (state.status !== 'received') return state;
  const update = (ranges: readonly SerialRange[], change: (segment: Segment) => Omit<Segment, 'from' | 'to'>): BlankLotState => ({
    ...state,
    segments: assign(state.segments, ranges, change),
  });
  switch (event.type) {
    case 'BlanksAllocated':
      return update(event.data.ranges, () => ({ status: 'in_stock', holder: event.data.toAuthority }));
    case 'BlanksReserved':
      return update(event.data.ranges, (s) => ({ status: 'reserved', holder: s.holder, printRunId: event.data.printRunId }));
    case 'BlanksReleased':
      return update(event.data.ranges, (s) => ({ status: 'in_stock', holder: s.holder }));
    case 'BlanksBound': {
      const ranges = event.data.bindings.map((b) => ({ from: b.serial, to: b.serial }));
      const diplomaBySerial = new Map(state.diplomaBySerial);
      for (const binding of event.data.bindings) diplomaBySerial.set(binding.serial, binding.diplomaId);
      return {
        ...update(ranges, (s) => ({ status: 'bound', holder: s.holder, printRunId: event.data.printRunId })),
        diplomaBySerial,
      } as BlankLotState;
    }
    case 'BlanksSpoiled':
      return update(event.data.ranges, (s) => ({
        status: 'spoiled',
        holder: s.holder,
        reason: event.data.reason,
        ...(s.printRunId ? { printRunId: s.printRunId } : {}),
      }));
    case 'BlanksDestroyed':
      return update(event.data.ranges, (s) => ({ status: 'destroyed', holder: s.holder }));
    case 'BlanksLost':
      return update(event.data.ranges, (s) => ({ status: 'lost', holder: s.holder }));
    case 'BlanksReturned':
      return update(event.data.ranges, (s) => ({ status: 'returned', holder: s.holder }));
    case 'BlankReuseAttempted':
      return state;
  }
}

/**
 * One lot of blanks: every serial from receipt to a terminal state. All stock operations are stated as
 * ranges and checked against the segments they cover, so a single append records a whole handover and
 * two print runs can never take the same serial (the lot stream's revision decides who was first).
 */
export const blankLotDecider: Decider<BlankLotCommand, BlankLotState, BlankLotEvent> = {
  initialState: { status: 'none' },
  evolve: evolveBlankLot,

  decide(command, state, context) {
    // Every date of a blank's act has happened by the day it is recorded (issue 16).
    const actedOn = actedOnIfKnown(context);
    if (command.type === 'ReceiveBlankLot') {
      if (state.status !== 'none') {
        throw new DomainError({
          code: 'LOT_ALREADY_RECEIVED',
          kind: 'conflict',
          messageVi: `Lô ${command.lotId} đã được nhận.`,
          messageEn: `Lot ${command.lotId} was already received.`,
          field: 'lotId',
        });
      }
      validateReceipt(command, actedOnOf(context));
      const lot = { from: command.from, to: command.to };
      return [
        {
          type: 'BlankLotReceived',
          data: {
            lotId: command.lotId,
            kind: command.kind,
            templateVersion: command.templateVersion.trim(),
            prefix: command.prefix,
            width: command.width,
            range: lot,
            receivingAuthority: command.authorityCode,
            supplier: command.supplier.trim(),
            deliveryNote: command.deliveryNote,
            receivedBy: command.receivedBy.trim(),
            receivedOn: command.receivedOn,
            missing: normalizeRanges(command.missing ?? []),
            damaged: normalizeRanges(command.damaged ?? []),
          },
        },
      ];
    }
    if (state.status !== 'received') {
      throw new DomainError({
        code: 'LOT_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có lô phôi này.',
        messageEn: 'No such lot of blanks.',
        field: 'lotId',
      });
    }
    const { header, segments } = state;
    // A lot is the business of the authority that received it and of the units it handed blanks to;
    // to anyone else it does not exist (issue 12: authorization by the record, not the path).
    if (header.receivingAuthority !== command.authorityCode && !segments.some((s) => s.holder === command.authorityCode)) {
      throw new DomainError({
        code: 'LOT_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có lô phôi này.',
        messageEn: 'No such lot of blanks.',
        field: 'lotId',
      });
    }
    const held =
      (status: BlankStatus, extra: (segment: Segment) => boolean = () => true) =>
      (segment: Segment) =>
        segment.status === status && segment.holder === command.authorityCode && extra(segment);

    switch (command.type) {
      case 'AllocateBlanks': {
        throwIfInvalid(
          rangesProblem(command.ranges),
          requirePattern('toAuthority', command.toAuthority, CODE, 'không phải mã đơn vị hợp lệ', 'is not an authority code'),
          ...documentProblems('handover', command.handover, actedOn),
          requireActDate('allocatedOn', command.allocatedOn, actedOn),
        );
        const ranges = inLot(header, segments, command.ranges);
        if (command.toAuthority === command.authorityCode)
          throw new DomainError({
            code: 'ALLOCATION_TO_SELF',
            kind: 'invalid_input',
            messageVi: 'Không thể giao phôi cho chính đơn vị mình.',
            messageEn: 'Cannot allocate blanks to oneself.',
            field: 'toAuthority',
          });
        requireAll(header, segments, ranges, held('in_stock'), command.authorityCode, 'ALLOCATION_EXCEEDS_STOCK', 'giao', 'allocate');
        return [
          {
            type: 'BlanksAllocated',
            data: {
              ranges,
              fromAuthority: command.authorityCode,
              toAuthority: command.toAuthority,
              handover: command.handover,
              allocatedOn: command.allocatedOn,
              quantity: totalSize(ranges),
            },
          },
        ];
      }
      case 'ReserveBlanks': {
        const byCount = command.ranges === undefined;
        throwIfInvalid(
          byCount ? countProblem(command.count) : rangesProblem(command.ranges),
          printRunProblem(command.printRunId),
          requireActDate('reservedOn', command.reservedOn, actedOn),
        );
        const ranges = byCount
          ? lowestInStock(header, segments, command.authorityCode, command.count as number)
          : inLot(header, segments, command.ranges ?? []);
        requireAll(header, segments, ranges, held('in_stock'), command.authorityCode, 'BLANKS_NOT_AVAILABLE', 'giữ cho đợt in', 'reserve');
        return [
          {
            type: 'BlanksReserved',
            data: {
              ranges,
              authorityCode: command.authorityCode,
              printRunId: command.printRunId,
              reservedOn: command.reservedOn,
              quantity: totalSize(ranges),
            },
          },
        ];
      }
      case 'ReleaseBlanks': {
        throwIfInvalid(
          rangesProblem(command.ranges),
          printRunProblem(command.printRunId),
          requireActDate('releasedOn', command.releasedOn, actedOn),
        );
        const ranges = inLot(header, segments, command.ranges);
        requireAll(
          header,
          segments,
          ranges,
          held('reserved', (s) => s.printRunId === command.printRunId),
          command.authorityCode,
          'BLANKS_NOT_RESERVED_BY_RUN',
          'trả lại kho',
          'release',
        );
        return [
          {
            type: 'BlanksReleased',
            data: {
              ranges,
              authorityCode: command.authorityCode,
              printRunId: command.printRunId,
              releasedOn: command.releasedOn,
              quantity: totalSize(ranges),
            },
          },
        ];
      }
      case 'BindBlanks': {
        throwIfInvalid(
          printRunProblem(command.printRunId),
          requireActDate('boundOn', command.boundOn, actedOn),
          bindingsProblem(command.bindings),
        );
        const ranges = inLot(
          header,
          segments,
          command.bindings.map((b) => ({ from: b.serial, to: b.serial })),
        );
        const terminal = offending(segments, ranges, (s) => !TERMINAL_STATUSES.includes(s.status));
        if (terminal.length > 0) {
          // Rule 18: recorded, not just refused: decideRecordPrinting appends this and refuses the act.
          return [
            {
              type: 'BlankReuseAttempted',
              data: {
                serials: terminal.flatMap((s) => expand(s).map((serial) => ({ serial, status: s.status }))),
                authorityCode: command.authorityCode,
                printRunId: command.printRunId,
                attemptedOn: command.boundOn,
              },
            },
          ];
        }
        requireAll(
          header,
          segments,
          ranges,
          held('reserved', (s) => s.printRunId === command.printRunId),
          command.authorityCode,
          'BLANKS_NOT_RESERVED_BY_RUN',
          'in văn bằng lên',
          'bind',
        );
        // Issue 20: a large run's binding is several events of bounded size, so it can go in bounded appends.
        const bound: BlankLotEvent[] = [];
        for (let start = 0; start < command.bindings.length; start += BINDINGS_PER_EVENT) {
          bound.push({
            type: 'BlanksBound',
            data: {
              authorityCode: command.authorityCode,
              printRunId: command.printRunId,
              boundOn: command.boundOn,
              bindings: command.bindings.slice(start, start + BINDINGS_PER_EVENT),
            },
          });
        }
        return bound;
      }
      case 'SpoilBlanks': {
        throwIfInvalid(
          rangesProblem(command.ranges),
          requireOneOf('reason', command.reason, SPOILAGE_REASONS),
          requireText('note', command.note, 500),
          requireActDate('spoiledOn', command.spoiledOn, actedOn),
        );
        const ranges = inLot(header, segments, command.ranges);
        // A printed blank comes back into custody only as a misprint, a signed diploma written wrongly, or
        // a revoked diploma the holder returned (rules 12, 44); all await the destruction council.
        const printedOn =
          command.reason === 'misprint' || command.reason === 'signed_but_wrong' || command.reason === 'revoked_and_recovered';
        const accept = (s: Segment) =>
          s.holder === command.authorityCode && (s.status === 'in_stock' || s.status === 'reserved' || (s.status === 'bound' && printedOn));
        requireAll(header, segments, ranges, accept, command.authorityCode, 'BLANKS_CANNOT_BE_SPOILED', 'ghi hỏng', 'spoil');
        return [
          {
            type: 'BlanksSpoiled',
            data: {
              ranges,
              authorityCode: command.authorityCode,
              reason: command.reason,
              note: command.note.trim(),
              spoiledOn: command.spoiledOn,
              quantity: totalSize(ranges),
            },
          },
        ];
      }
      case 'ReplaceMisprintedBlank':
        return replaceMisprintedBlank(command, state, actedOn);
      case 'BindNextBlanks': {
        const ids = command.diplomaIds;
        throwIfInvalid(
          printRunProblem(command.printRunId),
          requireActDate('boundOn', command.boundOn, actedOn),
          Array.isArray(ids) &&
            ids.length > 0 &&
            ids.length <= 1000 &&
            ids.every((id) => typeof id === 'string' && id.length > 0) &&
            new Set(ids).size === ids.length
            ? undefined
            : {
                field: 'diplomaIds',
                code: 'BAD_BINDINGS',
                messageVi: 'Danh sách văn bằng cần in không hợp lệ.',
                messageEn: 'The list of papers to print is not valid.',
              },
        );
        const ranges = lowestInStock(header, segments, command.authorityCode, ids.length);
        const serials = ranges.flatMap((r) => expand(r));
        return [
          {
            type: 'BlanksReserved',
            data: {
              ranges,
              authorityCode: command.authorityCode,
              printRunId: command.printRunId,
              reservedOn: command.boundOn,
              quantity: ids.length,
            },
          },
          {
            type: 'BlanksBound',
            data: {
              authorityCode: command.authorityCode,
              printRunId: command.printRunId,
              boundOn: command.boundOn,
              bindings: ids.map((diplomaId, i) => ({ serial: serials[i]!, diplomaId })),
            },
          },
        ];
      }
      case 'DestroyBlanks': {
        throwIfInvalid(
          rangesProblem(command.ranges),
          ...documentProblems('councilDecision', command.councilDecision, actedOn),
          membersProblem(command.members),
          requireText('method', command.method, 200),
          requirePersonText('place', command.place, 200),
          requireText('minutesRef', command.minutesRef, 100),
          requireActDate('destroyedOn', command.destroyedOn, actedOn),
        );
        const ranges = inLot(header, segments, command.ranges);
        requireAll(header, segments, ranges, held('spoiled'), command.authorityCode, 'BLANKS_NOT_SPOILED', 'huỷ', 'destroy');
        return [
          {
            type: 'BlanksDestroyed',
            data: {
              ranges,
              authorityCode: command.authorityCode,
              councilDecision: command.councilDecision,
              members: command.members,
              method: command.method.trim(),
              place: command.place.trim(),
              minutesRef: command.minutesRef.trim(),
              destroyedOn: command.destroyedOn,
              quantity: totalSize(ranges),
            },
          },
        ];
      }
      case 'ReportBlanksLost': {
        throwIfInvalid(
          rangesProblem(command.ranges),
          requireText('minutesRef', command.minutesRef, 100),
          requirePersonText('policeUnit', command.policeUnit, 200),
          requirePattern(
            'policeNotifiedAt',
            command.policeNotifiedAt,
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
            'phải là thời điểm ISO 8601',
            'must be an ISO 8601 instant',
          ),
          requireText('circumstances', command.circumstances, 2000),
          requireActDate('lostOn', command.lostOn, actedOn),
        );
        const ranges = inLot(header, segments, command.ranges);
        // A blank a print run holds is the run's: it is printed on, spoiled as a misprint or released when
        // the run closes. Reporting it lost behind the run's back would leave the run planning a diploma
        // on paper that is gone (issue 12's defect).
        const heldByRun = offending(segments, ranges, (s) => s.status !== 'reserved');
        if (heldByRun.length > 0) {
          throw new DomainError({
            code: 'BLANKS_HELD_BY_PRINT_RUN',
            kind: 'rule_violation',
            messageVi: `Phôi ${formatRange(header.prefix, header.width, heldByRun[0]!)} đang được đợt in ${heldByRun[0]!.printRunId ?? ''} giữ; hãy đóng hoặc ghi in hỏng trong đợt in trước.`,
            messageEn: `Blanks ${formatRange(header.prefix, header.width, heldByRun[0]!)} are held by print run ${heldByRun[0]!.printRunId ?? ''}; close it or record the misprint in the run first.`,
            field: 'ranges',
          });
        }
        requireAll(header, segments, ranges, held('in_stock'), command.authorityCode, 'BLANKS_CANNOT_BE_LOST', 'báo mất', 'report lost');
        return [
          {
            type: 'BlanksLost',
            data: {
              ranges,
              authorityCode: command.authorityCode,
              minutesRef: command.minutesRef.trim(),
              policeUnit: command.policeUnit.trim(),
              policeNotifiedAt: command.policeNotifiedAt,
              circumstances: command.circumstances.trim(),
              lostOn: command.lostOn,
              quantity: totalSize(ranges),
            },
          },
        ];
      }
      case 'ReturnBlanks': {
        throwIfInvalid(
          rangesProblem(command.ranges),
          ...documentProblems('document', command.document, actedOn),
          requireActDate('returnedOn', command.returnedOn, actedOn),
        );
        const ranges = inLot(header, segments, command.ranges);
        requireAll(header, segments, ranges, held('in_stock'), command.authorityCode, 'BLANKS_NOT_IN_STOCK', 'trả nhà cung cấp', 'return');
        return [
          {
            type: 'BlanksReturned',
            data: {
              ranges,
              authorityCode: command.authorityCode,
              document: command.document,
              returnedOn: command.returnedOn,
              quantity: totalSize(ranges),
            },
          },
        ];
      }
    }
  },
};

/** `actedOn`: the day the receipt is recorded, for the plausibility of its dates (given by every caller that has it). */
export function validateReceipt(command: Extract<BlankLotCommand, { type: 'ReceiveBlankLot' }>, actedOn?: IsoDate): void {
  const widthOk = Number.isInteger(command.width) && command.width >= 1 && command.width <= 12;
  const problems = collectProblems(
    requirePattern('lotId', command.lotId, LOT_ID, 'gồm chữ, số, gạch ngang (2–64 ký tự)', 'must be letters, digits, hyphens (2–64)'),
    requireOneOf('kind', command.kind, command.knownKinds ?? BLANK_KINDS),
    requireText('templateVersion', command.templateVersion, 50),
    requirePattern('prefix', command.prefix, /^[A-Z]{1,6}$/, 'phải gồm 1–6 chữ cái in hoa', 'must be 1–6 capital letters'),
    widthOk
      ? undefined
      : {
          field: 'width',
          code: 'OUT_OF_RANGE',
          messageVi: 'Số chữ số của số hiệu phải từ 1 đến 12.',
          messageEn: 'Serial width must be 1 to 12 digits.',
        },
    integerProblem('from', command.from),
    integerProblem('to', command.to),
    requirePersonText('supplier', command.supplier, 200),
    ...documentProblems('deliveryNote', command.deliveryNote),
    requirePersonText('receivedBy', command.receivedBy, 120),
    requireIsoDate('receivedOn', command.receivedOn),
    ...(actedOn === undefined ? [] : pastDateProblems(command, actedOn)),
  );
  if (problems.length === 0) {
    if (command.from > command.to)
      problems.push({
        field: 'to',
        code: 'RANGE_REVERSED',
        messageVi: 'Số hiệu cuối nhỏ hơn số hiệu đầu.',
        messageEn: 'The last serial is below the first.',
      });
    else if (widthOk && command.to >= 10 ** command.width) {
      problems.push({
        field: 'to',
        code: 'WIDTH_OVERFLOW',
        messageVi: `Số hiệu ${command.to} dài hơn ${command.width} chữ số.`,
        messageEn: `Serial ${command.to} has more than ${command.width} digits.`,
      });
    } else if (command.to - command.from + 1 > MAX_LOT_SIZE) {
      problems.push({
        field: 'to',
        code: 'LOT_TOO_LARGE',
        messageVi: `Một lô không quá ${MAX_LOT_SIZE} phôi.`,
        messageEn: `A lot holds at most ${MAX_LOT_SIZE} blanks.`,
      });
    }
  }
  for (const field of ['missing', 'damaged'] as const) {
    const ranges = command[field] ?? [];
    const problem = rangesProblem(ranges, field, true);
    if (problem) problems.push(problem);
    else if (problems.length === 0 && ranges.some((r) => !rangeContains({ from: command.from, to: command.to }, r))) {
      problems.push({
        field,
        code: 'SERIAL_OUTSIDE_LOT',
        messageVi: 'Số hiệu ghi thiếu/hỏng nằm ngoài lô.',
        messageEn: 'A missing or damaged serial lies outside the lot.',
      });
    }
  }
  const missing = command.missing ?? [];
  if (problems.length === 0 && (command.damaged ?? []).some((d) => missing.some((m) => rangesOverlap(d, m)))) {
    problems.push({
      field: 'damaged',
      code: 'MISSING_AND_DAMAGED',
      messageVi: 'Một phôi không thể vừa thiếu vừa hỏng.',
      messageEn: 'A blank cannot be both missing and damaged.',
    });
  }
  throwIfInvalid(...problems);
}

function replaceMisprintedBlank(
  command: Extract<BlankLotCommand, { type: 'ReplaceMisprintedBlank' }>,
  state: Extract<BlankLotState, { status: 'received' }>,
  actedOn: IsoDate | undefined,
): BlankLotEvent[] {
  throwIfInvalid(
    printRunProblem(command.printRunId),
    integerProblem('oldSerial', command.oldSerial),
    requireText('note', command.note, 500),
    requireActDate('replacedOn', command.replacedOn, actedOn),
  );
  const { header, segments } = state;
  inLot(header, segments, [{ from: command.oldSerial, to: command.oldSerial }]);
  if (state.diplomaBySerial.get(command.oldSerial) !== command.diplomaId) {
    throw new DomainError({
      code: 'BLANK_NOT_BOUND_TO_DIPLOMA',
      kind: 'rule_violation',
      messageVi: `Phôi ${formatRange(header.prefix, header.width, { from: command.oldSerial, to: command.oldSerial })} không mang văn bằng ${command.diplomaId}.`,
      messageEn: `Blank ${formatRange(header.prefix, header.width, { from: command.oldSerial, to: command.oldSerial })} does not carry diploma ${command.diplomaId}.`,
      field: 'oldSerial',
      rule: 16,
    });
  }
  const old = { from: command.oldSerial, to: command.oldSerial };
  requireAll(
    header,
    segments,
    [old],
    (s) => s.status === 'bound' && s.holder === command.authorityCode && s.printRunId === command.printRunId,
    command.authorityCode,
    'BLANK_NOT_IN_RUN',
    'ghi hỏng',
    'spoil',
  );
  const spare = segments.find((s) => s.status === 'reserved' && s.holder === command.authorityCode && s.printRunId === command.printRunId);
  const events: BlankLotEvent[] = [];
  let serial: number;
  if (spare) serial = spare.from;
  else {
    const [next] = lowestInStock(header, segments, command.authorityCode, 1);
    serial = next!.from;
    events.push({
      type: 'BlanksReserved',
      data: {
        ranges: [{ from: serial, to: serial }],
        authorityCode: command.authorityCode,
        printRunId: command.printRunId,
        reservedOn: command.replacedOn,
        quantity: 1,
      },
    });
  }
  events.push(
    {
      type: 'BlanksSpoiled',
      data: {
        ranges: [old],
        authorityCode: command.authorityCode,
        reason: 'misprint',
        note: command.note.trim(),
        spoiledOn: command.replacedOn,
        quantity: 1,
      },
    },
    {
      type: 'BlanksBound',
      data: {
        authorityCode: command.authorityCode,
        printRunId: command.printRunId,
        boundOn: command.replacedOn,
        bindings: [{ serial, diplomaId: command.diplomaId }],
      },
    },
  );
  return events;
}

/** The lowest `count` serials this authority has in stock, as ranges; refused whole when there are fewer. */
function lowestInStock(header: LotHeader, segments: readonly Segment[], authorityCode: string, count: number): SerialRange[] {
  const ranges: SerialRange[] = [];
  let needed = count;
  for (const segment of segments) {
    if (needed === 0) break;
    if (segment.status !== 'in_stock' || segment.holder !== authorityCode) continue;
    const take = Math.min(needed, segment.to - segment.from + 1);
    ranges.push({ from: segment.from, to: segment.from + take - 1 });
    needed -= take;
  }
  if (needed > 0) {
    throw new DomainError({
      code: 'NOT_ENOUGH_BLANKS',
      kind: 'rule_violation',
      messageVi: `Lô ${header.lotId} chỉ còn ${count - needed} phôi trong kho của đơn vị, cần ${count}.`,
      messageEn: `Lot ${header.lotId} has only ${count - needed} blanks in this authority's stock; ${count} needed.`,
      field: 'count',
      rule: 17,
    });
  }
  return ranges;
}

function countProblem(count: unknown): FieldProblem | undefined {
  return Number.isSafeInteger(count) && (count as number) >= 1 && (count as number) <= MAX_LOT_SIZE
    ? undefined
    : {
        field: 'count',
        code: 'OUT_OF_RANGE',
        messageVi: `Số phôi phải từ 1 đến ${MAX_LOT_SIZE}.`,
        messageEn: `The number of blanks must be 1 to ${MAX_LOT_SIZE}.`,
      };
}

function integerProblem(field: string, value: unknown): FieldProblem | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? undefined
    : {
        field,
        code: 'NOT_A_SERIAL_NUMBER',
        messageVi: `"${field}" phải là số nguyên không âm.`,
        messageEn: `"${field}" must be a non-negative integer.`,
      };
}

function rangesProblem(ranges: unknown, field = 'ranges', allowEmpty = false): FieldProblem | undefined {
  const valid =
    Array.isArray(ranges) &&
    (allowEmpty || ranges.length > 0) &&
    ranges.every(
      (r: { from?: unknown; to?: unknown }) => Number.isSafeInteger(r?.from) && Number.isSafeInteger(r?.to) && (r.from as number) >= 0,
    );
  if (!valid)
    return {
      field,
      code: 'BAD_RANGES',
      messageVi: `"${field}" phải là danh sách dải số hiệu {from, to}.`,
      messageEn: `"${field}" must be a list of serial ranges {from, to}.`,
    };
  if ((ranges as SerialRange[]).some((r) => r.from > r.to))
    return {
      field,
      code: 'RANGE_REVERSED',
      messageVi: 'Có dải số hiệu với số đầu lớn hơn số cuối.',
      messageEn: 'A range starts after it ends.',
    };
  const sorted = [...(ranges as SerialRange[])].sort((a, b) => a.from - b.from);
  if (sorted.some((r, i) => i > 0 && r.from <= sorted[i - 1]!.to))
    return { field, code: 'RANGES_OVERLAP', messageVi: 'Các dải số hiệu chồng lên nhau.', messageEn: 'The ranges overlap each other.' };
  return undefined;
}

/** `actedOn` given: the document's date is an act's (requireActDate); a receipt checks its dates all at once (pastDateProblems). */
function documentProblems(field: string, document: DocumentRef | undefined, actedOn?: IsoDate): (FieldProblem | undefined)[] {
  return [requireText(`${field}.number`, document?.number, 100), requireActDate(`${field}.date`, document?.date, actedOn)];
}

function printRunProblem(printRunId: unknown): FieldProblem | undefined {
  return requirePattern('printRunId', printRunId, LOT_ID, 'không phải mã đợt in hợp lệ', 'is not a print run id');
}

function bindingsProblem(bindings: unknown): FieldProblem | undefined {
  const valid =
    Array.isArray(bindings) &&
    bindings.length > 0 &&
    bindings.every(
      (b: { serial?: unknown; diplomaId?: unknown }) =>
        Number.isSafeInteger(b?.serial) && typeof b?.diplomaId === 'string' && b.diplomaId.length > 0,
    );
  if (!valid)
    return {
      field: 'bindings',
      code: 'BAD_BINDINGS',
      messageVi: 'Danh sách gắn phôi–văn bằng không hợp lệ.',
      messageEn: 'The serial–diploma bindings are not valid.',
    };
  const serials = (bindings as { serial: number }[]).map((b) => b.serial);
  if (new Set(serials).size !== serials.length)
    return {
      field: 'bindings',
      code: 'SERIAL_BOUND_TWICE',
      messageVi: 'Một phôi chỉ in một văn bằng.',
      messageEn: 'A blank carries one diploma.',
    };
  return undefined;
}

function membersProblem(members: unknown): FieldProblem | undefined {
  const valid =
    Array.isArray(members) &&
    members.length >= 3 &&
    members.every((m: { fullName?: unknown; title?: unknown; role?: unknown }) =>
      [m?.fullName, m?.title, m?.role].every((v) => typeof v === 'string' && v.trim().length > 0),
    );
  return valid
    ? undefined
    : {
        field: 'members',
        code: 'COUNCIL_INCOMPLETE',
        messageVi: 'Hội đồng huỷ phôi cần ít nhất 3 thành viên, mỗi người có họ tên, chức vụ, vai trò.',
        messageEn: 'A destruction council needs at least 3 members, each with name, title and role.',
      };
}

function inLot(header: LotHeader, segments: readonly Segment[], ranges: readonly SerialRange[]): SerialRange[] {
  const outside = outsideLot(segments, ranges);
  if (outside.length > 0) {
    throw new DomainError({
      code: 'SERIAL_OUTSIDE_LOT',
      kind: 'invalid_input',
      messageVi: `Số hiệu ${outside.map((r) => formatRange(header.prefix, header.width, r)).join(', ')} không thuộc lô ${header.lotId}.`,
      messageEn: `Serials ${outside.map((r) => formatRange(header.prefix, header.width, r)).join(', ')} are not in lot ${header.lotId}.`,
      field: 'ranges',
    });
  }
  return normalizeRanges(ranges);
}

/** Every serial must pass `accept`; otherwise the refusal lists each offending range and its state. */
function requireAll(
  header: LotHeader,
  segments: readonly Segment[],
  ranges: readonly SerialRange[],
  accept: (segment: Segment) => boolean,
  actingAuthority: string,
  code: string,
  verbVi: string,
  verbEn: string,
): void {
  const bad = offending(segments, ranges, accept);
  if (bad.length === 0) return;
  // Acting wholly on another authority's stock is a matter of access (403), not of stock levels.
  const notHeld = ranges.flatMap((range) => segmentsWithin(segments, range)).every((s) => s.holder !== actingAuthority);
  const list = bad
    .slice(0, 10)
    .map((s) => `${formatRange(header.prefix, header.width, s)} (${s.status}${s.holder !== actingAuthority ? `, ${s.holder}` : ''})`);
  const more = bad.length > 10 ? ` … +${bad.length - 10}` : '';
  throw new DomainError({
    code: notHeld ? 'BLANKS_NOT_HELD' : code,
    kind: notHeld ? 'forbidden' : 'rule_violation',
    messageVi: notHeld
      ? `Đơn vị không giữ các phôi: ${list.join(', ')}${more}.`
      : `Không thể ${verbVi} các phôi: ${list.join(', ')}${more}.`,
    messageEn: notHeld
      ? `These blanks are not held by this authority: ${list.join(', ')}${more}.`
      : `Cannot ${verbEn} these blanks: ${list.join(', ')}${more}.`,
    field: 'ranges',
    rule: 17,
  });
}

function expand(range: SerialRange): number[] {
  return Array.from({ length: Math.min(range.to - range.from + 1, 1000) }, (_, i) => range.from + i);
}
