import type { IsoDate } from '../shared/dates';
import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { actedOnIfKnown, requireActDate } from '../shared/plausible-dates';
import { requirePattern, requirePersonText, requireText, throwIfInvalid } from '../shared/validation';
import { formatSerial, type SerialRange } from '../blanks/serial-range';
import { requireBalanced, requireNotBefore, requireReplacementSpare, runSpares } from '../print-runs/print-run-core';

/**
 * A print run on certificate blanks (issue 18 item 3; docs/domain.md §2.3 and §8): the certificates of one
 * register book (issuer, kind, year) printed onto one lot's blanks, then signed. It follows the diploma run's
 * life — open (serials reserved), printed, misprints (the blank spoiled, the certificate on a spare, the register
 * number kept, Q4), signed, closed balanced — and the blanks move through the same lot decider, so every serial
 * is conserved as for diplomas (rule 16). Its own stream and event names keep certificates out of the diploma
 * register, the diploma lookup and the diploma audits, which read the diploma run's events.
 */
export function certificatePrintRunStream(printRunId: string): string {
  return `certificate-print-run-${printRunId}`;
}

export const CERTIFICATE_PRINT_ENTRIES_PER_EVENT = 500;
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

export interface CertificatePrintEntry {
  readonly certificateId: string;
  /** "000007/CC-NN-2026" */
  readonly registerNumber: string;
  readonly serial: number;
  /** "NN 000007", pre-printed on the blank. */
  readonly serialLabel: string;
}

export interface CertificatePrintRunHeader {
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly kindCode: string;
  readonly blankKind: string;
  readonly registerYear: number;
  readonly lotId: string;
  readonly prefix: string;
  readonly width: number;
  readonly templateVersion: string;
  readonly openedOn: IsoDate;
  readonly reserved: SerialRange[];
  readonly count: number;
}

export interface CertificatePrintRunSignature {
  readonly signerName: string;
  readonly signerTitle: string;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
  readonly licence: { readonly licenceId: string; readonly decisionRef: string } | null;
  readonly legalBasis: string;
}

export type CertificatePrintRunEvent =
  | DomainEvent<'CertificatePrintRunOpened', CertificatePrintRunHeader>
  | DomainEvent<'CertificatePrintRunEntriesPlanned', { printRunId: string; entries: CertificatePrintEntry[] }>
  | DomainEvent<'CertificatePrintRunPrinted', { printRunId: string; printedOn: IsoDate; count: number }>
  | DomainEvent<
      'CertificatePrintRunItemReprinted',
      {
        printRunId: string;
        certificateId: string;
        registerNumber: string;
        oldSerial: number;
        newSerial: number;
        newSerialLabel: string;
        note: string;
        reprintedOn: IsoDate;
        newlyReserved: boolean;
      }
    >
  | DomainEvent<
      'CertificatePrintRunDocumentRendered',
      { printRunId: string; mode: 'overlay' | 'preview'; sha256: string; pageCount: number; renderedAt: string }
    >
  | DomainEvent<'CertificatePrintRunSigned', { printRunId: string } & CertificatePrintRunSignature>
  | DomainEvent<
      'CertificatePrintRunClosed',
      {
        printRunId: string;
        closedOn: IsoDate;
        reserved: number;
        bound: number;
        spoiled: number;
        released: number;
        releasedRanges: SerialRange[];
      }
    >;

export type CertificatePrintRunCommand =
  | {
      readonly type: 'OpenCertificatePrintRun';
      readonly header: Omit<CertificatePrintRunHeader, 'count'>;
      /** In register order; the register already gave the run these certificates. */
      readonly certificates: readonly { readonly certificateId: string; readonly registerNumber: string }[];
    }
  | { readonly type: 'RecordCertificatePrinting'; readonly printedOn: IsoDate }
  /** The lot already spoiled the old blank and bound the new one (ReplaceMisprintedBlank). */
  | {
      readonly type: 'RecordCertificateMisprint';
      readonly certificateId: string;
      readonly newSerial: number;
      readonly newlyReserved: boolean;
      readonly note: string;
      readonly reprintedOn: IsoDate;
    }
  | ({ readonly type: 'SignCertificatePrintRun'; readonly notBefore: IsoDate } & CertificatePrintRunSignature)
  | {
      readonly type: 'RecordCertificatePrintRunDocument';
      readonly mode: 'overlay' | 'preview';
      readonly sha256: string;
      readonly pageCount: number;
      readonly renderedAt: string;
    }
  /** The lot already released the run's unused blanks. */
  | { readonly type: 'CloseCertificatePrintRun'; readonly closedOn: IsoDate; readonly releasedRanges: readonly SerialRange[] };

export type CertificatePrintRunStatus = 'open' | 'printed' | 'signed' | 'closed';

export type CertificatePrintRunState =
  | { readonly status: 'none' }
  | {
      readonly status: CertificatePrintRunStatus;
      readonly header: CertificatePrintRunHeader;
      readonly entries: readonly CertificatePrintEntry[];
      readonly indexOf: ReadonlyMap<string, number>;
      readonly reservedSerials: ReadonlySet<number>;
      readonly spoiledSerials: ReadonlySet<number>;
      readonly printedOn: IsoDate | null;
      readonly signature: CertificatePrintRunSignature | null;
    };

export type OpenedCertificatePrintRun = Exclude<CertificatePrintRunState, { status: 'none' }>;

function expand(ranges: readonly SerialRange[]): number[] {
  return ranges.flatMap((range) => Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i));
}

function evolve(state: CertificatePrintRunState, event: CertificatePrintRunEvent): CertificatePrintRunState {
  if (event.type === 'CertificatePrintRunOpened') {
    return {
      status: 'open',
      header: event.data,
      entries: [],
      indexOf: new Map(),
      reservedSerials: new Set(expand(event.data.reserved)),
      spoiledSerials: new Set(),
      printedOn: null,
      signature: null,
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'CertificatePrintRunEntriesPlanned': {
      // Arrays owned by this fold (each fold starts from 'none'): a long run folds in linear time.
      const entries = state.entries as CertificatePrintEntry[];
      const indexOf = state.indexOf as Map<string, number>;
      for (const entry of event.data.entries) {
        indexOf.set(entry.certificateId, entries.length);
        entries.push(entry);
      }
      return state;
    }
    case 'CertificatePrintRunPrinted':
      return { ...state, status: 'printed', printedOn: event.data.printedOn };
    case 'CertificatePrintRunItemReprinted': {
      const index = state.indexOf.get(event.data.certificateId)!;
      const entries = [...state.entries];
      entries[index] = { ...entries[index]!, serial: event.data.newSerial, serialLabel: event.data.newSerialLabel };
      const reservedSerials = event.data.newlyReserved ? new Set(state.reservedSerials).add(event.data.newSerial) : state.reservedSerials;
      return { ...state, entries, reservedSerials, spoiledSerials: new Set(state.spoiledSerials).add(event.data.oldSerial) };
    }
    case 'CertificatePrintRunSigned': {
      const { printRunId: _id, ...signature } = event.data;
      return { ...state, status: 'signed', signature };
    }
    case 'CertificatePrintRunClosed':
      return { ...state, status: 'closed' };
    case 'CertificatePrintRunDocumentRendered':
      return state;
  }
}

/** Reserved for the run and carrying no certificate: what a misprint takes first, released on close. */
export const certificateRunSpares: (run: OpenedCertificatePrintRun) => number[] = runSpares;

const STATUS_VI: Record<CertificatePrintRunStatus, string> = {
  open: 'mới mở (chưa in)',
  printed: 'đã in, chưa ký',
  signed: 'đã ký',
  closed: 'đã đóng',
};

export function requireCertificateRunStatus(
  run: OpenedCertificatePrintRun,
  allowed: readonly CertificatePrintRunStatus[],
  act: string,
  rule?: number,
): void {
  if (allowed.includes(run.status)) return;
  throw new DomainError({
    code: 'PRINT_RUN_WRONG_STATE',
    kind: 'rule_violation',
    messageVi: `Đợt in chứng chỉ ${run.header.printRunId} đang ở trạng thái "${STATUS_VI[run.status]}"; không thực hiện được thao tác này.`,
    messageEn: `Certificate print run ${run.header.printRunId} is ${run.status}; ${act} needs it to be ${allowed.join(' or ')}.`,
    field: 'printRunId',
    ...(rule !== undefined ? { rule } : {}),
  });
}

const notBefore = requireNotBefore;

export function certificatePrintRunNotFound(): DomainError {
  return new DomainError({
    code: 'PRINT_RUN_NOT_FOUND',
    kind: 'not_found',
    messageVi: 'Không có đợt in chứng chỉ này.',
    messageEn: 'No such certificate print run.',
    field: 'printRunId',
  });
}

export const certificatePrintRunDecider: Decider<CertificatePrintRunCommand, CertificatePrintRunState, CertificatePrintRunEvent> = {
  initialState: { status: 'none' },
  evolve,
  decide(command, state, context) {
    const actedOn = actedOnIfKnown(context);
    if (command.type === 'OpenCertificatePrintRun') {
      const { header, certificates } = command;
      throwIfInvalid(
        requirePattern(
          'printRunId',
          header.printRunId,
          RUN_ID,
          'gồm chữ, số, gạch ngang (2–64 ký tự)',
          'must be letters, digits, hyphens (2–64)',
        ),
        requireActDate('openedOn', header.openedOn, actedOn),
        requireText('templateVersion', header.templateVersion, 50),
      );
      if (state.status !== 'none') {
        throw new DomainError({
          code: 'PRINT_RUN_EXISTS',
          kind: 'conflict',
          messageVi: `Đợt in ${header.printRunId} đã có.`,
          messageEn: `Print run ${header.printRunId} already exists.`,
          field: 'printRunId',
        });
      }
      const serials = expand([...header.reserved].sort((a, b) => a.from - b.from));
      if (certificates.length === 0 || serials.length < certificates.length) {
        throw new DomainError({
          code: 'NOT_ENOUGH_BLANKS',
          kind: 'rule_violation',
          messageVi: `Đã giữ ${serials.length} phôi cho ${certificates.length} chứng chỉ.`,
          messageEn: `${serials.length} blanks reserved for ${certificates.length} certificates.`,
          field: 'count',
          rule: 16,
        });
      }
      const entries = certificates.map((certificate, i) => ({
        certificateId: certificate.certificateId,
        registerNumber: certificate.registerNumber,
        serial: serials[i]!,
        serialLabel: formatSerial(header.prefix, header.width, serials[i]!),
      }));
      const events: CertificatePrintRunEvent[] = [
        { type: 'CertificatePrintRunOpened', data: { ...header, reserved: [...header.reserved], count: entries.length } },
      ];
      for (let start = 0; start < entries.length; start += CERTIFICATE_PRINT_ENTRIES_PER_EVENT) {
        events.push({
          type: 'CertificatePrintRunEntriesPlanned',
          data: { printRunId: header.printRunId, entries: entries.slice(start, start + CERTIFICATE_PRINT_ENTRIES_PER_EVENT) },
        });
      }
      return events;
    }
    if (state.status === 'none') throw certificatePrintRunNotFound();
    const run = state;
    const printRunId = run.header.printRunId;
    switch (command.type) {
      case 'RecordCertificatePrinting':
        throwIfInvalid(requireActDate('printedOn', command.printedOn, actedOn));
        requireCertificateRunStatus(run, ['open'], 'printing');
        notBefore('printedOn', command.printedOn, run.header.openedOn, 'ngày mở đợt in', 'the day the run was opened');
        return [{ type: 'CertificatePrintRunPrinted', data: { printRunId, printedOn: command.printedOn, count: run.entries.length } }];

      case 'RecordCertificateMisprint': {
        throwIfInvalid(requireText('note', command.note, 500), requireActDate('reprintedOn', command.reprintedOn, actedOn));
        // Found at the quality check, before the signature (as for diplomas).
        requireCertificateRunStatus(run, ['printed'], 'a misprint');
        const index = run.indexOf.get(command.certificateId);
        if (index === undefined) {
          throw new DomainError({
            code: 'CERTIFICATE_NOT_IN_RUN',
            kind: 'not_found',
            messageVi: `Chứng chỉ ${command.certificateId} không thuộc đợt in này.`,
            messageEn: `Certificate ${command.certificateId} is not in this print run.`,
            field: 'certificateId',
          });
        }
        const entry = run.entries[index]!;
        requireReplacementSpare(run, entry.serial, command.newSerial, command.newlyReserved);
        notBefore('reprintedOn', command.reprintedOn, run.printedOn!, 'ngày in', 'the printing date');
        return [
          {
            type: 'CertificatePrintRunItemReprinted',
            data: {
              printRunId,
              certificateId: entry.certificateId,
              // Q4: the register number stays; only the paper changes.
              registerNumber: entry.registerNumber,
              oldSerial: entry.serial,
              newSerial: command.newSerial,
              newSerialLabel: formatSerial(run.header.prefix, run.header.width, command.newSerial),
              note: command.note.normalize('NFC').trim(),
              reprintedOn: command.reprintedOn,
              newlyReserved: command.newlyReserved,
            },
          },
        ];
      }

      case 'SignCertificatePrintRun': {
        throwIfInvalid(
          requireActDate('issueDate', command.issueDate, actedOn),
          requireText('issuePlace', command.issuePlace, 120),
          requirePersonText('signerName', command.signerName, 120),
          requireText('signerTitle', command.signerTitle, 120),
        );
        // Rule 5: handed over only when printed, signed and sealed; the signature comes after the quality check.
        requireCertificateRunStatus(run, ['printed'], 'signing', 5);
        notBefore('issueDate', command.issueDate, command.notBefore, 'ngày quyết định cấp chứng chỉ', 'the issuance decision date', 25);
        notBefore('issueDate', command.issueDate, run.printedOn!, 'ngày in', 'the printing date');
        return [
          {
            type: 'CertificatePrintRunSigned',
            data: {
              printRunId,
              signerName: command.signerName.normalize('NFC').trim(),
              signerTitle: command.signerTitle.normalize('NFC').trim(),
              issueDate: command.issueDate,
              issuePlace: command.issuePlace.normalize('NFC').trim(),
              licence: command.licence,
              legalBasis: command.legalBasis,
            },
          },
        ];
      }

      case 'RecordCertificatePrintRunDocument':
        throwIfInvalid(
          requirePattern('sha256', command.sha256, /^[0-9a-f]{64}$/, 'không hợp lệ', 'is not valid'),
          command.pageCount === run.entries.length
            ? undefined
            : {
                field: 'pageCount',
                code: 'PAGE_COUNT_MISMATCH',
                messageVi: 'Số trang khác số chứng chỉ của đợt in.',
                messageEn: "The page count differs from the run's certificates.",
              },
        );
        return [
          {
            type: 'CertificatePrintRunDocumentRendered',
            data: { printRunId, mode: command.mode, sha256: command.sha256, pageCount: command.pageCount, renderedAt: command.renderedAt },
          },
        ];

      case 'CloseCertificatePrintRun': {
        throwIfInvalid(requireActDate('closedOn', command.closedOn, actedOn));
        requireCertificateRunStatus(run, ['signed'], 'closing');
        // §2.3: reserved = bound + spoiled + released, serial by serial (rule 16).
        const { reserved, bound, spoiled, released } = requireBalanced(run, command.releasedRanges);
        return [
          {
            type: 'CertificatePrintRunClosed',
            data: {
              printRunId,
              closedOn: command.closedOn,
              reserved,
              bound,
              spoiled,
              released,
              releasedRanges: [...command.releasedRanges],
            },
          },
        ];
      }
    }
  },
};
