import type { Database } from 'better-sqlite3';
import type { LegacyEntryFields } from '@so-goc/domain';
import { prepared } from '../prepared-statements';

export interface LegacyBookRow {
  readonly bookId: string;
  readonly authorityCode: string;
  readonly kind: string;
  readonly titleAsWritten: string;
  readonly year: number;
  readonly volume: number;
  readonly pageCount: number;
  readonly custodianCode: string;
}

interface BookRow {
  book_id: string;
  authority_code: string;
  kind: string;
  title: string;
  year: number;
  volume: number;
  page_count: number;
  custodian_code: string;
}
const toBook = (r: BookRow): LegacyBookRow => ({
  bookId: r.book_id,
  authorityCode: r.authority_code,
  kind: r.kind,
  titleAsWritten: r.title,
  year: r.year,
  volume: r.volume,
  pageCount: r.page_count,
  custodianCode: r.custodian_code,
});

export function legacyBook(db: Database, bookId: string): LegacyBookRow | undefined {
  const row = prepared<[string], BookRow>(db, 'SELECT * FROM legacy_books WHERE book_id = ?').get(bookId);
  return row && toBook(row);
}

/** Digitisation progress of one book: per page and per officer (issue 14 §7). */
export function legacyBookProgress(db: Database, bookId: string) {
  const pages = prepared<[string, string], { page: number; scans: number; unchecked: number; disputed: number; checked: number }>(
    db,
    `SELECT p.page, (SELECT COUNT(*) FROM legacy_scans s WHERE s.book_id = ? AND s.page = p.page) AS scans,
       SUM(status = 'unchecked') AS unchecked, SUM(status = 'disputed') AS disputed, SUM(status = 'checked') AS checked
     FROM legacy_entries p WHERE p.book_id = ? GROUP BY p.page ORDER BY p.page`,
  ).all(bookId, bookId);
  const typists = prepared<[string], { officer: string; typed: number }>(
    db,
    'SELECT typed_by AS officer, COUNT(*) AS typed FROM legacy_entries WHERE book_id = ? GROUP BY typed_by ORDER BY typed_by',
  ).all(bookId);
  const checkers = prepared<[string], { officer: string; checked: number }>(
    db,
    'SELECT checked_by AS officer, COUNT(*) AS checked FROM legacy_entries WHERE book_id = ? AND checked_by IS NOT NULL GROUP BY checked_by ORDER BY checked_by',
  ).all(bookId);
  return { pages, typists, checkers };
}

/** Lines a checker read otherwise than the typist: listed for a third look. */
export function legacyDisputes(db: Database, bookId: string) {
  return prepared<[string], { entryId: string; field: string; readingOnScan: string; disputedBy: string; typed: string }>(
    db,
    `SELECT d.entry_id AS entryId, d.field, d.reading_on_scan AS readingOnScan, d.disputed_by AS disputedBy, e.fields AS typed
     FROM legacy_disputes d JOIN legacy_entries e ON e.book_id = d.book_id AND e.entry_id = d.entry_id
     WHERE d.book_id = ? AND e.status = 'disputed' ORDER BY e.page, e.line, d.field`,
  )
    .all(bookId)
    .map((row) => ({
      entryId: row.entryId,
      field: row.field,
      typed: (JSON.parse(row.typed) as Record<string, unknown>)[row.field] ?? null,
      readingOnScan: row.readingOnScan,
      disputedBy: row.disputedBy,
    }));
}

export interface DigitisedRegisterRow {
  readonly diplomaId: string;
  readonly fields: LegacyEntryFields;
  readonly marks: Record<string, string>;
  /** "số hóa từ sổ … tập … trang …": where the line stands on paper. */
  readonly source: string;
}

/** The checked lines of an authority's books of one kind and year, for the sổ gốc view. */
export function digitisedRegisterRows(db: Database, authorityCodes: readonly string[], kind: string, year: number): DigitisedRegisterRow[] {
  if (authorityCodes.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT e.diploma_id, e.fields, e.marks, e.page, e.line, b.title, b.volume FROM legacy_entries e JOIN legacy_books b ON b.book_id = e.book_id
       WHERE e.status = 'checked' AND b.kind = ? AND b.year = ? AND b.authority_code IN (${authorityCodes.map(() => '?').join(',')})
       ORDER BY b.volume, e.page, e.line`,
    )
    .all(kind, year, ...authorityCodes) as {
    diploma_id: string;
    fields: string;
    marks: string;
    page: number;
    line: number;
    title: string;
    volume: number;
  }[];
  return rows.map((r) => ({
    diplomaId: r.diploma_id,
    fields: JSON.parse(r.fields) as LegacyEntryFields,
    marks: JSON.parse(r.marks) as Record<string, string>,
    source: digitisedFrom(r.title, r.volume, r.page, r.line),
  }));
}

export function digitisedFrom(title: string, volume: number, page: number, line: number): string {
  return `Số hóa từ ${title.charAt(0).toLowerCase()}${title.slice(1)}, tập ${volume}, trang ${page}, dòng ${line}`;
}

/**
 * Fraud signal (issue 14 §5): a line digitised from an old book carries a serial that belongs to a lot of
 * blanks the registry itself received. Either the old book is not what it seems or the blank left the
 * lot; an officer looks at both.
 */
export function digitisedSerialsInReceivedLots(db: Database) {
  return prepared<[], { diplomaId: string; bookId: string; entryId: string; serial: string; lotId: string; receivingAuthority: string }>(
    db,
    `SELECT e.diploma_id AS diplomaId, e.book_id AS bookId, e.entry_id AS entryId, json_extract(e.fields, '$.serial') AS serial, l.lot_id AS lotId, l.receiving_authority AS receivingAuthority
     FROM legacy_entries e JOIN blank_lots l ON l.prefix = e.serial_prefix AND e.serial_number BETWEEN l.first AND l.last
     WHERE e.status = 'checked' ORDER BY e.book_id, e.page, e.line`,
  ).all();
}

/** What a copy of a digitised diploma prints beyond the register's holder data: the book's school, year and mode. */
export function digitisedLine(
  db: Database,
  diplomaId: string,
): { school: string; classification: string | null; year: number; continuingEducation: boolean } | undefined {
  const row = prepared<[string], { fields: string; year: number; title: string }>(
    db,
    `SELECT e.fields, b.year, b.title FROM legacy_entries e JOIN legacy_books b ON b.book_id = e.book_id WHERE e.diploma_id = ? AND e.status = 'checked'`,
  ).get(diplomaId);
  if (!row) return undefined;
  const fields = JSON.parse(row.fields) as LegacyEntryFields;
  // Bổ túc books are continuing education (GDTX); the cover says so.
  return {
    school: fields.school ?? '',
    classification: fields.classification,
    year: row.year,
    continuingEducation: /bổ túc/iu.test(row.title),
  };
}

/** The paper books an authority keeps: its own and those handed to it (custody), newest year first. */
export function legacyBooksHeldBy(db: Database, code: string): (LegacyBookRow & { entries: number; checked: number })[] {
  return prepared<[string, string], BookRow & { entries: number; checked: number }>(
    db,
    `SELECT b.*, (SELECT COUNT(*) FROM legacy_entries e WHERE e.book_id = b.book_id) AS entries,
       (SELECT COUNT(*) FROM legacy_entries e WHERE e.book_id = b.book_id AND e.status = 'checked') AS checked
     FROM legacy_books b WHERE b.custodian_code = ? OR b.authority_code = ? ORDER BY b.year DESC, b.kind, b.volume`,
  )
    .all(code, code)
    .map((r) => ({ ...toBook(r), entries: r.entries, checked: r.checked }));
}

export interface LegacyPageEntry {
  readonly entryId: string;
  readonly line: number;
  readonly status: 'unchecked' | 'disputed' | 'checked';
  readonly typedBy: string;
  readonly checkedBy: string | null;
  readonly fields: Partial<LegacyEntryFields>;
  readonly marks: Record<string, string>;
}

/** The lines typed from one page of a book, in line order: the typist's and the checker's view. */
export function legacyPageEntries(db: Database, bookId: string, page: number): LegacyPageEntry[] {
  return prepared<
    [string, number],
    {
      entry_id: string;
      line: number;
      status: LegacyPageEntry['status'];
      typed_by: string;
      checked_by: string | null;
      fields: string;
      marks: string;
    }
  >(
    db,
    'SELECT entry_id, line, status, typed_by, checked_by, fields, marks FROM legacy_entries WHERE book_id = ? AND page = ? ORDER BY line',
  )
    .all(bookId, page)
    .map((r) => ({
      entryId: r.entry_id,
      line: r.line,
      status: r.status,
      typedBy: r.typed_by,
      checkedBy: r.checked_by,
      fields: JSON.parse(r.fields) as Partial<LegacyEntryFields>,
      marks: JSON.parse(r.marks) as Record<string, string>,
    }));
}

/** The scans of one page (content-addressed: the name is the SHA-256). */
export function legacyPageScans(db: Database, bookId: string, page: number): { sha256: string; mediaType: string; byteSize: number }[] {
  return prepared<[string, number], { sha256: string; mediaType: string; byteSize: number }>(
    db,
    'SELECT sha256, media_type AS mediaType, byte_size AS byteSize FROM legacy_scans WHERE book_id = ? AND page = ? ORDER BY sha256',
  ).all(bookId, page);
}
