import { QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@so-goc/domain';
import {
  coverageRows,
  digitisedSerialsInReceivedLots,
  legacyBook,
  legacyBookProgress,
  legacyBooksHeldBy,
  legacyDisputes,
  legacyPageEntries,
  legacyPageScans,
  type CoverageRow,
  type LegacyBookRow,
  type LegacyPageEntry,
} from '@so-goc/projections';
import type { Database } from 'better-sqlite3';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

function legacyBookNotFound(): DomainError {
  return new DomainError({
    code: 'LEGACY_BOOK_NOT_FOUND',
    kind: 'not_found',
    messageVi: 'Không có quyển sổ này.',
    messageEn: 'No such book.',
    field: 'bookId',
  });
}

/** Who sees a paper register (issue 14): the authority that issued from it or the one holding it today; to any other it is not found. */
function visibleBook(db: Database, authorityCode: string, bookId: string): LegacyBookRow {
  const book = legacyBook(db, bookId);
  if (!book || (book.custodianCode !== authorityCode && book.authorityCode !== authorityCode)) throw legacyBookNotFound();
  return book;
}

export type LegacyBookProgressView = { book: LegacyBookRow; disputes: ReturnType<typeof legacyDisputes> } & ReturnType<
  typeof legacyBookProgress
>;

/** One paper register's digitisation: progress by page and by officer, and the entries waiting for a second look. */
export class LegacyBookQuery extends OfficerQuery<{ authorityCode: string; bookId: string }, LegacyBookProgressView> {}
@QueryHandler(LegacyBookQuery)
export class LegacyBookHandler extends OfficerQueryHandler<LegacyBookQuery> {
  protected answer({ input }: LegacyBookQuery): LegacyBookProgressView {
    const db = this.deps.readModels;
    const book = visibleBook(db, input.authorityCode, input.bookId);
    return { book, ...legacyBookProgress(db, input.bookId), disputes: legacyDisputes(db, input.bookId) };
  }
}

/** The paper registers an authority holds, with the coverage of its data (issued here, digitised and checked, not checked). */
export class LegacyBooksQuery extends OfficerQuery<
  { authorityCode: string },
  { books: ReturnType<typeof legacyBooksHeldBy>; coverage: CoverageRow[] }
> {}
@QueryHandler(LegacyBooksQuery)
export class LegacyBooksHandler extends OfficerQueryHandler<LegacyBooksQuery> {
  protected answer({ input }: LegacyBooksQuery) {
    const db = this.deps.readModels;
    return { books: legacyBooksHeldBy(db, input.authorityCode), coverage: coverageRows(db, [input.authorityCode]) };
  }
}

/** The coverage of one authority's data by kind and year. */
export class CoverageQuery extends OfficerQuery<{ authorityCode: string }, { coverage: CoverageRow[] }> {}
@QueryHandler(CoverageQuery)
export class CoverageHandler extends OfficerQueryHandler<CoverageQuery> {
  protected answer({ input }: CoverageQuery): { coverage: CoverageRow[] } {
    return { coverage: coverageRows(this.deps.readModels, [input.authorityCode]) };
  }
}

/** Serials digitised from old books that fall in blank lots the system received (a fraud signal): the authority's own. */
export class LegacyFraudSignalsQuery extends OfficerQuery<
  { authorityCode: string },
  { signals: ReturnType<typeof digitisedSerialsInReceivedLots> }
> {}
@QueryHandler(LegacyFraudSignalsQuery)
export class LegacyFraudSignalsHandler extends OfficerQueryHandler<LegacyFraudSignalsQuery> {
  protected answer({ input }: LegacyFraudSignalsQuery) {
    const code = input.authorityCode;
    return {
      signals: digitisedSerialsInReceivedLots(this.deps.readModels).filter(
        (s) => s.receivingAuthority === code || s.bookId.startsWith(`${code}-`),
      ),
    };
  }
}

/** One page of a paper register: its scans and the entries transcribed from it, for the authority that sees the book. */
export class LegacyPageQuery extends OfficerQuery<
  { authorityCode: string; bookId: string; page: number },
  { book: LegacyBookRow; scans: ReturnType<typeof legacyPageScans>; entries: LegacyPageEntry[] }
> {}
@QueryHandler(LegacyPageQuery)
export class LegacyPageHandler extends OfficerQueryHandler<LegacyPageQuery> {
  protected answer({ input }: LegacyPageQuery) {
    const db = this.deps.readModels;
    const book = visibleBook(db, input.authorityCode, input.bookId);
    return { book, scans: legacyPageScans(db, input.bookId, input.page), entries: legacyPageEntries(db, input.bookId, input.page) };
  }
}

/** The media type of one page scan of a book the authority sees; an unknown scan (or book) is not found. */
export class LegacyScanQuery extends OfficerQuery<{ authorityCode: string; bookId: string; sha256: string }, { mediaType: string }> {}
@QueryHandler(LegacyScanQuery)
export class LegacyScanHandler extends OfficerQueryHandler<LegacyScanQuery> {
  protected answer({ input }: LegacyScanQuery): { mediaType: string } {
    const db = this.deps.readModels;
    visibleBook(db, input.authorityCode, input.bookId);
    const mediaType = /^[0-9a-f]{64}$/.test(input.sha256)
      ? (db.prepare('SELECT media_type FROM legacy_scans WHERE book_id = ? AND sha256 = ?').pluck().get(input.bookId, input.sha256) as
          string | undefined)
      : undefined;
    if (!mediaType)
      throw new DomainError({
        code: 'SCAN_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có bản quét này.',
        messageEn: 'No such scan.',
        field: 'sha256',
      });
    return { mediaType };
  }
}

export const LEGACY_REGISTER_QUERY_HANDLERS = [
  LegacyBookHandler,
  LegacyBooksHandler,
  CoverageHandler,
  LegacyFraudSignalsHandler,
  LegacyPageHandler,
  LegacyScanHandler,
];
