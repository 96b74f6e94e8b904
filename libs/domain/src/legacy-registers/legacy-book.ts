import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { DiplomaKind } from '../regimes/legal-regimes';
import type { AuthorityDirectory } from '../authorities/authority';
import type { LegacyEntryFields, LegacyFieldMark, LegacyEntryField } from './legacy-entry';
import type { ScanMediaType } from './page-scan';

/**
 * One paper register book (sổ gốc) as it sits on the shelf: one authority, one kind, one year, one
 * volume. The book is the consistency boundary for everything typed from it: a second book with the
 * same identity, a line typed twice and a register number used twice in the book are all refused by
 * this one stream's revision (architecture §3), never by a read model.
 */
export function legacyBookId(authorityCode: string, kind: DiplomaKind, year: number, volume: number): string {
  return `${authorityCode}-${kind}-${year}-v${volume}`;
}

export function legacyBookStream(bookId: string): string {
  return `legacy-book-${bookId}`;
}

/** The id the entry carries as a diploma once checked; it never ends in five digits (see decisionIdOfGraduate). */
export function legacyDiplomaId(bookId: string, page: number, line: number): string {
  return `legacy-${bookId.toLowerCase()}-p${page}-l${line}`;
}

const LEGACY_DIPLOMA_ID = /^legacy-([a-z0-9-]+-(?:thcs|thpt)-\d{4}-v\d+)-p(\d+)-l(\d+)$/;

/** The book and line a digitised diploma came from, or undefined for any other diploma id. */
export function parseLegacyDiplomaId(diplomaId: string): { bookId: string; page: number; line: number } | undefined {
  const match = LEGACY_DIPLOMA_ID.exec(diplomaId);
  if (!match) return undefined;
  const [authorityAndKind, year, volume] = /^(.+)-(\d{4})-v(\d+)$/.exec(match[1]!)!.slice(1) as [string, string, string];
  const kindAt = authorityAndKind.lastIndexOf('-');
  const bookId = `${authorityAndKind.slice(0, kindAt).toUpperCase()}-${authorityAndKind.slice(kindAt + 1).toUpperCase()}-${year}-v${volume}`;
  return { bookId, page: Number(match[2]), line: Number(match[3]) };
}

export interface LegacyBookHeader {
  readonly bookId: string;
  readonly authorityCode: string;
  readonly kind: DiplomaKind;
  /** The name printed on the cover, e.g. "Sổ gốc cấp bằng tốt nghiệp phổ thông cơ sở". */
  readonly titleAsWritten: string;
  readonly year: number;
  readonly volume: number;
  readonly pageCount: number;
}

export interface PageScan {
  readonly page: number;
  /** Lower-case hex SHA-256 of the bytes; also the stored file's name. */
  readonly sha256: string;
  readonly mediaType: ScanMediaType;
  readonly byteSize: number;
}

/** One line of the book as the typist read it, with where it sits in the book. */
export interface LegacyEntry {
  readonly entryId: string;
  readonly page: number;
  readonly line: number;
  readonly fields: LegacyEntryFields;
  readonly marks: Partial<Record<LegacyEntryField, LegacyFieldMark>>;
}

export interface FieldDisagreement {
  readonly field: LegacyEntryField;
  /** What the checker reads on the scan. */
  readonly readingOnScan: string;
}

export type LegacyBookEvent =
  | DomainEvent<'LegacyBookRegistered', LegacyBookHeader & { registeredBy: string; custodianCode: string }>
  | DomainEvent<'LegacyPageScanAttached', PageScan & { bookId: string; attachedBy: string }>
  | DomainEvent<
      'LegacyEntriesTranscribed',
      { bookId: string; entries: LegacyEntry[]; transcribedBy: string; source: 'form' | 'spreadsheet' }
    >
  | DomainEvent<'LegacyEntryAmended', { bookId: string; entry: LegacyEntry; amendedBy: string }>
  | DomainEvent<'LegacyEntryDisputed', { bookId: string; entryId: string; disagreements: FieldDisagreement[]; disputedBy: string }>
  | DomainEvent<
      'LegacyEntryChecked',
      {
        bookId: string;
        diplomaId: string;
        book: LegacyBookHeader;
        entry: LegacyEntry;
        scanSha256: string;
        transcribedBy: string;
        checkedBy: string;
      }
    >;

export type LegacyBookCommand =
  | {
      type: 'RegisterLegacyBook';
      authorityCode: string;
      kind: DiplomaKind;
      titleAsWritten: string;
      year: number;
      volume: number;
      pageCount: number;
      actingAuthorityCode: string;
      directory: AuthorityDirectory;
    }
  | { type: 'AttachLegacyPageScan'; page: number; sha256: string; mediaType: string; byteSize: number; directory: AuthorityDirectory }
  | { type: 'TranscribeLegacyEntries'; entries: readonly LegacyEntryInput[]; source: 'form' | 'spreadsheet'; directory: AuthorityDirectory }
  | { type: 'AmendLegacyEntry'; entry: LegacyEntryInput; directory: AuthorityDirectory }
  | {
      type: 'CheckLegacyEntries';
      confirmed: readonly string[];
      disputed: readonly { entryId: string; disagreements: readonly FieldDisagreement[] }[];
      directory: AuthorityDirectory;
    };

/** What a typist sends for one line: values as written, null where the mark says why there is none. */
export interface LegacyEntryInput {
  readonly page: number;
  readonly line: number;
  readonly fields: Partial<Record<LegacyEntryField, string | null>>;
  readonly marks?: Partial<Record<LegacyEntryField, LegacyFieldMark>>;
}

export interface LegacyBookState {
  readonly header: LegacyBookHeader | null;
  readonly custodianCode: string | null;
  readonly scans: ReadonlyMap<number, readonly PageScan[]>;
  readonly entries: ReadonlyMap<
    string,
    { readonly entry: LegacyEntry; readonly typedBy: string; readonly status: 'unchecked' | 'disputed' | 'checked' }
  >;
  /** Register number as written (trimmed, case-folded) → entry id: rule 21, one number per diploma. */
  readonly registerNumbers: ReadonlyMap<string, string>;
}

export type IssueDateBound = { readonly from: IsoDate; readonly until: IsoDate | null };
