import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { AuthorityDirectory } from '../authorities/authority';
import type { BlankKind } from '../blanks/blank';
import type { SerialRange } from '../blanks/serial-range';
import type { DecisionHeader, ListedGraduate } from '../decisions/graduation-decision';
import { vietnameseNameSortKey, vietnameseSortKey } from '../graduates/vietnamese-names';
import type { DiplomaKind } from '../regimes/legal-regimes';

/**
 * A print run (đợt in, docs/domain.md §2.3): the diplomas of one graduation decision printed onto one
 * lot's blanks, signed by one signer on one issue date. The run is the consistency boundary of those
 * diplomas until they are issued; what happens to each one afterwards lives in its own diploma stream.
 */
export function printRunStream(printRunId: string): string {
  return `print-run-${printRunId}`;
}

export const PRINT_RUN_ENTRIES_PER_EVENT = 500;

/**
 * A run of more entries than one planned event is opened in bounded appends with a seal (issue 20): its
 * opening may be larger than one append may carry.
 */
export function openingIsSealed(count: number): boolean {
  return count > PRINT_RUN_ENTRIES_PER_EVENT;
}

/** What goes on one blank: the order of entries is the register order. */
export interface PrintRunEntry {
  readonly diplomaId: string;
  readonly graduateId: string;
  readonly registerNumber: number;
  /** "000417/THPT-2024", as printed. */
  readonly registerLabel: string;
  readonly serial: number;
  /** "HP 0203418", as pre-printed on the blank. */
  readonly serialLabel: string;
  /** §5.1: police and army holders are issued normally but never listed publicly. */
  readonly exemptFromPublicListing: boolean;
}

export interface PrintRunHeader {
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly decisionId: string;
  readonly decisionNumber: string;
  readonly decisionDate: IsoDate;
  readonly kind: DiplomaKind;
  readonly registerYear: number;
  readonly lotId: string;
  readonly prefix: string;
  readonly width: number;
  readonly templateVersion: string;
  readonly openedOn: IsoDate;
  readonly reserved: SerialRange[];
  readonly count: number;
  readonly exemptionBasis: string | null;
  /**
   * Issue 20: set on a run whose opening is written in several bounded appends; such a run is open only
   * once its `PrintRunOpeningSealed` is there. Absent on a run opened in one append (every run of the
   * previous release), which is open at once, as before.
   */
  readonly openingSealed?: true;
}

export interface PrintRunSignature {
  readonly signerId: string;
  readonly signerName: string;
  readonly signerTitle: string;
  readonly signerRole: string;
  readonly delegationRef: string | null;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
  readonly regime: string;
  readonly legalBasis: string;
}

export type PrintRunEvent =
  | DomainEvent<'PrintRunOpened', PrintRunHeader>
  | DomainEvent<'PrintRunEntriesPlanned', { printRunId: string; entries: PrintRunEntry[] }>
  /** The seal of an opening written in several bounded appends (issue 20): the run is open from here on. */
  | DomainEvent<'PrintRunOpeningSealed', { printRunId: string; count: number }>
  | DomainEvent<'PrintRunPrinted', { printRunId: string; printedOn: IsoDate; count: number }>
  | DomainEvent<
      'PrintRunItemReprinted',
      {
        printRunId: string;
        diplomaId: string;
        registerLabel: string;
        oldSerial: number;
        newSerial: number;
        newSerialLabel: string;
        reason: 'misprint';
        note: string;
        reprintedOn: IsoDate;
        newlyReserved: boolean;
      }
    >
  | DomainEvent<'PrintRunSigned', { printRunId: string } & PrintRunSignature>
  /** A rendering of the print job, by its SHA-256: the same data always gives the same bytes (architecture §6). */
  | DomainEvent<
      'PrintRunDocumentRendered',
      { printRunId: string; mode: 'overlay' | 'preview'; sha256: string; pageCount: number; renderedAt: string }
    >
  | DomainEvent<
      'PrintRunClosed',
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

/** Facts the command handler gathered from the other streams the opening touched, in this order. */
export interface OpenPrintRun {
  readonly type: 'OpenPrintRun';
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly openedOn: IsoDate;
  readonly templateVersion: string;
  readonly decision: DecisionHeader;
  /** The graduates the decision stream gave this run, in print order (see printOrder). */
  readonly graduates: readonly ListedGraduate[];
  readonly lot: { lotId: string; kind: BlankKind; templateVersion: string; prefix: string; width: number };
  /** What the lot stream reserved for this run. */
  readonly reserved: readonly SerialRange[];
  /** What the register stream recorded: number `first` went to diplomaIds[0], and so on. */
  readonly register: { year: number; first: number; diplomaIds: readonly string[] };
  readonly exemptFromPublicListing?: { graduateIds: readonly string[]; basis: string };
}

export type PrintRunCommand =
  | OpenPrintRun
  | { type: 'RecordPrinting'; printRunId: string; printedOn: IsoDate }
  /** The lot already spoiled the old blank and bound the new one (ReplaceMisprintedBlank). */
  | {
      type: 'RecordMisprint';
      printRunId: string;
      diplomaId: string;
      newSerial: number;
      newlyReserved: boolean;
      note: string;
      reprintedOn: IsoDate;
    }
  | { type: 'SignPrintRun'; printRunId: string; signerId: string; issueDate: IsoDate; issuePlace: string; directory: AuthorityDirectory }
  | {
      type: 'RecordPrintRunDocument';
      printRunId: string;
      mode: 'overlay' | 'preview';
      sha256: string;
      pageCount: number;
      renderedAt: string;
    }
  /** The lot already released the run's unused blanks (releasedRanges). */
  | { type: 'ClosePrintRun'; printRunId: string; closedOn: IsoDate; releasedRanges: SerialRange[] };

/** Diplomas are entered in the register school by school, each school's graduates the Vietnamese way. */
export function printOrder(graduates: readonly ListedGraduate[]): ListedGraduate[] {
  const keyed = graduates.map((graduate) => ({
    graduate,
    key: `${vietnameseSortKey(graduate.school)}\u0002${vietnameseNameSortKey(graduate.fullName)}\u0002${graduate.birthDate}\u0002${graduate.graduateId}`,
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.graduate);
}

/** The original diploma of a graduate keeps the graduate's id: one graduate, one original (rule 1). */
export function originalDiplomaId(graduateId: string): string {
  return graduateId;
}
