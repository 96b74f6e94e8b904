import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { SerialRange } from './serial-range';

/**
 * THCS/THPT diplomas and copies, and the certificate blanks of the default catalogue. A certificate blank is
 * named after its catalogue entry's `blankKind` (issue 18, domain §8): a kind added as data brings its blank kind
 * with it, so a receipt is checked against the catalogue's list (`blankKindsOf`), this list being the default.
 */
export const BLANK_KINDS = ['THCS', 'THPT', 'THCS_COPY', 'THPT_COPY', 'CC-NN', 'CC-UDCNTT'] as const;
export type BuiltInBlankKind = (typeof BLANK_KINDS)[number];
/** A built-in kind, or the blank kind of a catalogue entry added as data. */
export type BlankKind = string;

export const SPOILAGE_REASONS = [
  'damaged_at_receipt',
  'damaged',
  'misprint',
  'poor_quality',
  'obsolete_template',
  'signed_but_wrong',
  'revoked_and_recovered',
] as const;
export type SpoilageReason = (typeof SPOILAGE_REASONS)[number];

/**
 * The life of one blank (docs/domain.md §2.2). Terminal: destroyed, lost, returned; bound belongs to
 * an issued diploma. `missing` marks serials that never arrived (a shortfall recorded at receipt).
 */
export type BlankStatus = 'missing' | 'in_stock' | 'reserved' | 'bound' | 'spoiled' | 'destroyed' | 'lost' | 'returned';

export const TERMINAL_STATUSES: readonly BlankStatus[] = ['destroyed', 'lost', 'returned', 'missing'];

export function blankLotStream(lotId: string): string {
  return `blank-lot-${lotId}`;
}

/** One stream lists every range ever received, so that no serial can be received twice (rule 9, F5). */
export const BLANK_RANGE_REGISTRY_STREAM = 'blank-range-registry';

export interface DocumentRef {
  readonly number: string;
  readonly date: IsoDate;
}

export interface CouncilMember {
  readonly fullName: string;
  readonly title: string;
  readonly role: string;
}

export interface LotHeader {
  readonly lotId: string;
  readonly kind: BlankKind;
  readonly templateVersion: string;
  readonly prefix: string;
  readonly width: number;
  readonly range: SerialRange;
  readonly receivingAuthority: string;
}

export type BlankRangeRegistryEvent = DomainEvent<
  'BlankRangeClaimed',
  { lotId: string; kind: BlankKind; prefix: string; width: number; from: number; to: number; authorityCode: string }
>;

export type BlankLotEvent =
  | DomainEvent<
      'BlankLotReceived',
      LotHeader & {
        supplier: string;
        deliveryNote: DocumentRef;
        receivedBy: string;
        receivedOn: IsoDate;
        missing: SerialRange[];
        damaged: SerialRange[];
      }
    >
  | DomainEvent<
      'BlanksAllocated',
      { ranges: SerialRange[]; fromAuthority: string; toAuthority: string; handover: DocumentRef; allocatedOn: IsoDate; quantity: number }
    >
  | DomainEvent<
      'BlanksReserved',
      { ranges: SerialRange[]; authorityCode: string; printRunId: string; reservedOn: IsoDate; quantity: number }
    >
  | DomainEvent<
      'BlanksReleased',
      { ranges: SerialRange[]; authorityCode: string; printRunId: string; releasedOn: IsoDate; quantity: number }
    >
  | DomainEvent<
      'BlanksBound',
      { authorityCode: string; printRunId: string; boundOn: IsoDate; bindings: { serial: number; diplomaId: string }[] }
    >
  | DomainEvent<
      'BlanksSpoiled',
      { ranges: SerialRange[]; authorityCode: string; reason: SpoilageReason; note: string; spoiledOn: IsoDate; quantity: number }
    >
  | DomainEvent<
      'BlanksDestroyed',
      {
        ranges: SerialRange[];
        authorityCode: string;
        councilDecision: DocumentRef;
        members: CouncilMember[];
        method: string;
        place: string;
        minutesRef: string;
        destroyedOn: IsoDate;
        quantity: number;
      }
    >
  | DomainEvent<
      'BlanksLost',
      {
        ranges: SerialRange[];
        authorityCode: string;
        minutesRef: string;
        policeUnit: string;
        policeNotifiedAt: string;
        circumstances: string;
        lostOn: IsoDate;
        quantity: number;
      }
    >
  | DomainEvent<
      'BlanksReturned',
      { ranges: SerialRange[]; authorityCode: string; document: DocumentRef; returnedOn: IsoDate; quantity: number }
    >
  /** Fraud signal (rule 18, F4/F14): someone tried to use a blank that may never be used again. */
  | DomainEvent<
      'BlankReuseAttempted',
      { serials: { serial: number; status: BlankStatus }[]; authorityCode: string; printRunId: string; attemptedOn: IsoDate }
    >;

export type BlankLotCommand =
  | {
      type: 'ReceiveBlankLot';
      /** The blank kinds the deployment's catalogue knows (issue 18); BLANK_KINDS when absent. Not recorded. */
      knownKinds?: readonly string[];
      lotId: string;
      authorityCode: string;
      kind: BlankKind;
      templateVersion: string;
      prefix: string;
      width: number;
      from: number;
      to: number;
      supplier: string;
      deliveryNote: DocumentRef;
      receivedBy: string;
      receivedOn: IsoDate;
      missing?: SerialRange[];
      damaged?: SerialRange[];
    }
  | {
      type: 'AllocateBlanks';
      authorityCode: string;
      toAuthority: string;
      ranges: SerialRange[];
      handover: DocumentRef;
      allocatedOn: IsoDate;
    }
  /** Either the ranges the officer chose, or a count: then the lowest serials in stock are taken. */
  | { type: 'ReserveBlanks'; authorityCode: string; printRunId: string; ranges?: SerialRange[]; count?: number; reservedOn: IsoDate }
  | { type: 'ReleaseBlanks'; authorityCode: string; printRunId: string; ranges: SerialRange[]; releasedOn: IsoDate }
  | { type: 'BindBlanks'; authorityCode: string; printRunId: string; bindings: { serial: number; diplomaId: string }[]; boundOn: IsoDate }
  | { type: 'SpoilBlanks'; authorityCode: string; ranges: SerialRange[]; reason: SpoilageReason; note: string; spoiledOn: IsoDate }
  /**
   * A printed blank came out wrong: it is spoiled and the diploma goes onto the run's next reserved
   * blank (or, with none left, the next one in stock) in one append, so the diploma is never without
   * its paper and the spoiled serial can never carry it again.
   */
  /**
   * Papers printed outside a print run (a reissue, copies from the register): the next blanks in stock
   * are reserved and printed, in order, in one append.
   */
  | { type: 'BindNextBlanks'; authorityCode: string; printRunId: string; diplomaIds: string[]; boundOn: IsoDate }
  | {
      type: 'ReplaceMisprintedBlank';
      authorityCode: string;
      printRunId: string;
      diplomaId: string;
      oldSerial: number;
      note: string;
      replacedOn: IsoDate;
    }
  | {
      type: 'DestroyBlanks';
      authorityCode: string;
      ranges: SerialRange[];
      councilDecision: DocumentRef;
      members: CouncilMember[];
      method: string;
      place: string;
      minutesRef: string;
      destroyedOn: IsoDate;
    }
  | {
      type: 'ReportBlanksLost';
      authorityCode: string;
      ranges: SerialRange[];
      minutesRef: string;
      policeUnit: string;
      policeNotifiedAt: string;
      circumstances: string;
      lostOn: IsoDate;
    }
  | { type: 'ReturnBlanks'; authorityCode: string; ranges: SerialRange[]; document: DocumentRef; returnedOn: IsoDate };
