import type { Database } from 'better-sqlite3';
import { parseSerial, type LegacyBookEvent, type LegacyEntry } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * The paper books being digitised: each book, each typed line with its state (unchecked, disputed,
 * checked), who typed and who checked it, and the disagreements waiting for a third look. Officers'
 * side only: the public sees a line only once checked, through the public lookup.
 */
export const legacyRegisterProjection: Projection = {
  name: 'legacy-register',
  version: 1,
  handles: [
    'LegacyBookRegistered',
    'LegacyPageScanAttached',
    'LegacyEntriesTranscribed',
    'LegacyEntryAmended',
    'LegacyEntryDisputed',
    'LegacyEntryChecked',
  ],
  tables: ['legacy_books', 'legacy_scans', 'legacy_entries', 'legacy_disputes'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS legacy_books (
        book_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, year INTEGER NOT NULL,
        volume INTEGER NOT NULL, page_count INTEGER NOT NULL, custodian_code TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS legacy_books_by_authority ON legacy_books (authority_code, kind, year);
      CREATE TABLE IF NOT EXISTS legacy_scans (
        book_id TEXT NOT NULL, page INTEGER NOT NULL, sha256 TEXT NOT NULL, media_type TEXT NOT NULL, byte_size INTEGER NOT NULL, PRIMARY KEY (book_id, page, sha256)
      );
      CREATE TABLE IF NOT EXISTS legacy_entries (
        book_id TEXT NOT NULL, entry_id TEXT NOT NULL, page INTEGER NOT NULL, line INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('unchecked', 'disputed', 'checked')), typed_by TEXT NOT NULL, checked_by TEXT,
        diploma_id TEXT, fields TEXT NOT NULL CHECK (json_valid(fields)), marks TEXT NOT NULL CHECK (json_valid(marks)),
        serial_prefix TEXT, serial_number INTEGER, PRIMARY KEY (book_id, entry_id)
      );
      CREATE INDEX IF NOT EXISTS legacy_entries_by_serial ON legacy_entries (serial_prefix, serial_number);
      CREATE TABLE IF NOT EXISTS legacy_disputes (
        book_id TEXT NOT NULL, entry_id TEXT NOT NULL, position TEXT NOT NULL, field TEXT NOT NULL, reading_on_scan TEXT NOT NULL,
        disputed_by TEXT NOT NULL, PRIMARY KEY (book_id, entry_id, position, field)
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as LegacyBookEvent;
    switch (event.type) {
      case 'LegacyBookRegistered': {
        const d = event.data;
        prepared(db, 'INSERT OR REPLACE INTO legacy_books VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          d.bookId,
          d.authorityCode,
          d.kind,
          d.titleAsWritten,
          d.year,
          d.volume,
          d.pageCount,
          d.custodianCode,
        );
        return;
      }
      case 'LegacyPageScanAttached': {
        const d = event.data;
        prepared(db, 'INSERT OR IGNORE INTO legacy_scans VALUES (?, ?, ?, ?, ?)').run(d.bookId, d.page, d.sha256, d.mediaType, d.byteSize);
        return;
      }
      case 'LegacyEntriesTranscribed':
        for (const entry of event.data.entries)
          upsertEntry(db, event.data.bookId, entry, event.data.transcribedBy, 'unchecked', null, null);
        return;
      case 'LegacyEntryAmended':
        // The amendment is the third look: the line waits for a check again, and the old disagreement is settled.
        upsertEntry(db, event.data.bookId, event.data.entry, event.data.amendedBy, 'unchecked', null, null);
        prepared(db, 'DELETE FROM legacy_disputes WHERE book_id = ? AND entry_id = ?').run(event.data.bookId, event.data.entry.entryId);
        return;
      case 'LegacyEntryDisputed': {
        const d = event.data;
        prepared(db, `UPDATE legacy_entries SET status = 'disputed' WHERE book_id = ? AND entry_id = ?`).run(d.bookId, d.entryId);
        for (const disagreement of d.disagreements) {
          prepared(db, 'INSERT OR IGNORE INTO legacy_disputes VALUES (?, ?, ?, ?, ?, ?)').run(
            d.bookId,
            d.entryId,
            String(recorded.position.commit),
            disagreement.field,
            disagreement.readingOnScan,
            d.disputedBy,
          );
        }
        return;
      }
      case 'LegacyEntryChecked': {
        const d = event.data;
        upsertEntry(db, d.bookId, d.entry, d.transcribedBy, 'checked', d.checkedBy, d.diplomaId);
        prepared(db, 'DELETE FROM legacy_disputes WHERE book_id = ? AND entry_id = ?').run(d.bookId, d.entry.entryId);
        return;
      }
    }
  },
};

function upsertEntry(
  db: Database,
  bookId: string,
  entry: LegacyEntry,
  typedBy: string,
  status: string,
  checkedBy: string | null,
  diplomaId: string | null,
): void {
  const serial = entry.fields.serial === null ? undefined : parseSerial(entry.fields.serial);
  prepared(db, 'INSERT OR REPLACE INTO legacy_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    bookId,
    entry.entryId,
    entry.page,
    entry.line,
    status,
    typedBy,
    checkedBy,
    diplomaId,
    JSON.stringify(entry.fields),
    JSON.stringify(entry.marks),
    serial?.prefix ?? null,
    serial?.value ?? null,
  );
}
