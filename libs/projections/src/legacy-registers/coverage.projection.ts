import type { Database } from 'better-sqlite3';
import type { AuthorityDirectoryEvent, LegacyBookEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

type PrintRunEvent =
  | { type: 'PrintRunOpened'; data: { printRunId: string; authorityCode: string; kind: string; registerYear: number } }
  | { type: 'PrintRunEntriesPlanned'; data: { printRunId: string; entries: readonly unknown[] } }
  | { type: 'PrintRunSigned'; data: { printRunId: string } };

/**
 * What the registry holds, per issuing authority, kind of diploma and year (issue 14 §7), folded from
 * events only: the paper books registered for digitising with their progress (lines typed, lines
 * checked, pages with a checked line) and who holds the paper book (the custodian recorded on the book,
 * then whoever received that authority's books of that kind by a recorded hand-over, rule 46); and the
 * diplomas the registry issued itself (signed print runs). Nothing here is about a person: it is what
 * the portal's "not found" may say about an issuer and a year.
 */
export const coverageProjection: Projection = {
  name: 'coverage',
  version: 1,
  handles: [
    'LegacyBookRegistered',
    'LegacyEntriesTranscribed',
    'LegacyEntryChecked',
    'RegistersHandedOver',
    'PrintRunOpened',
    'PrintRunEntriesPlanned',
    'PrintRunSigned',
  ],
  tables: ['coverage_books', 'coverage_pages', 'coverage_hand_overs', 'coverage_print_runs', 'coverage_issued'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS coverage_books (
        book_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL, volume INTEGER NOT NULL,
        title TEXT NOT NULL, page_count INTEGER NOT NULL, custodian_code TEXT NOT NULL,
        lines_typed INTEGER NOT NULL DEFAULT 0, lines_checked INTEGER NOT NULL DEFAULT 0, pages_checked INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS coverage_books_by_year ON coverage_books (authority_code, year, kind);
      CREATE TABLE IF NOT EXISTS coverage_pages (book_id TEXT NOT NULL, page INTEGER NOT NULL, PRIMARY KEY (book_id, page));
      CREATE TABLE IF NOT EXISTS coverage_hand_overs (
        position TEXT PRIMARY KEY, from_code TEXT NOT NULL, to_code TEXT NOT NULL, kind TEXT NOT NULL, effective_on TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS coverage_print_runs (
        print_run_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL, planned INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE IF NOT EXISTS coverage_issued (
        authority_code TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL, issued INTEGER NOT NULL, PRIMARY KEY (authority_code, kind, year)
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as LegacyBookEvent | AuthorityDirectoryEvent | PrintRunEvent;
    switch (event.type) {
      case 'LegacyBookRegistered': {
        const d = event.data;
        prepared(
          db,
          'INSERT OR IGNORE INTO coverage_books (book_id, authority_code, kind, year, volume, title, page_count, custodian_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(d.bookId, d.authorityCode, d.kind, d.year, d.volume, d.titleAsWritten, d.pageCount, d.custodianCode);
        return;
      }
      case 'LegacyEntriesTranscribed':
        prepared(db, 'UPDATE coverage_books SET lines_typed = lines_typed + ? WHERE book_id = ?').run(
          event.data.entries.length,
          event.data.bookId,
        );
        return;
      case 'LegacyEntryChecked': {
        const d = event.data;
        const page = prepared(db, 'INSERT OR IGNORE INTO coverage_pages VALUES (?, ?)').run(d.bookId, d.entry.page);
        prepared(
          db,
          'UPDATE coverage_books SET lines_checked = lines_checked + 1, pages_checked = pages_checked + ? WHERE book_id = ?',
        ).run(page.changes, d.bookId);
        return;
      }
      case 'RegistersHandedOver': {
        const d = event.data;
        prepared(db, 'INSERT OR IGNORE INTO coverage_hand_overs VALUES (?, ?, ?, ?, ?)').run(
          String(recorded.position.commit),
          d.fromCode,
          d.toCode,
          d.kind,
          d.effectiveOn,
        );
        return;
      }
      case 'PrintRunOpened': {
        const d = event.data;
        prepared(db, 'INSERT OR IGNORE INTO coverage_print_runs (print_run_id, authority_code, kind, year) VALUES (?, ?, ?, ?)').run(
          d.printRunId,
          d.authorityCode,
          d.kind,
          d.registerYear,
        );
        return;
      }
      case 'PrintRunEntriesPlanned':
        prepared(db, 'UPDATE coverage_print_runs SET planned = planned + ? WHERE print_run_id = ?').run(
          event.data.entries.length,
          event.data.printRunId,
        );
        return;
      case 'PrintRunSigned':
        prepared(
          db,
          `INSERT INTO coverage_issued (authority_code, kind, year, issued)
             SELECT authority_code, kind, year, planned FROM coverage_print_runs WHERE print_run_id = ?
           ON CONFLICT (authority_code, kind, year) DO UPDATE SET issued = issued + excluded.issued`,
        ).run(event.data.printRunId);
        return;
    }
  },
};
