import type { AuthorityDirectoryEvent, LegacyBookEvent, LegacyEntry } from '@so-goc/domain';
import { publicLookupProjection } from '../public-lookup/public-lookup.projection';
import { issuance2024, RUN_STREAM } from '../testing/literal-province';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { coverageProjection } from './coverage.projection';
import { coverageForIssuerYear, coverageRows, isYearHeld } from './coverage.queries';

/** What the registry holds per issuer, kind and year (issue 14 §7), from literal events: what the portal may say under "not found". */
const book = {
  bookId: 'PGD-TN-THCS-2004-v1',
  authorityCode: 'PGD-TN',
  kind: 'THCS' as const,
  titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp THCS',
  year: 2004,
  volume: 1,
  pageCount: 2,
};
const BOOK_STREAM = `legacy-book-${book.bookId}`;
const line = (page: number, n: number): LegacyEntry => ({
  entryId: `p${page}-l${n}`,
  page,
  line: n,
  fields: {
    registerNumber: `${page}0${n}/THCS`,
    serial: `B 0100${page}${n}`,
    fullName: 'Vũ Thị Mai',
    birthDate: '1989',
    birthPlace: 'Thuỷ Nguyên',
    sex: 'female',
    ethnicity: 'Kinh',
    school: 'THCS Thuỷ Sơn',
    classification: 'Khá',
    issueDate: '2004-07-10',
    signerName: 'Trần Văn Bình',
    signerTitle: 'Trưởng phòng',
    remarks: null,
  },
  marks: {},
});
const bookEvents = (checked: LegacyEntry[]): LegacyBookEvent[] => [
  { type: 'LegacyBookRegistered', data: { ...book, registeredBy: 'typist', custodianCode: 'PGD-TN' } },
  {
    type: 'LegacyEntriesTranscribed',
    data: { bookId: book.bookId, entries: [line(1, 1), line(1, 2), line(2, 1)], transcribedBy: 'typist', source: 'form' },
  },
  ...checked.map((entry): LegacyBookEvent => ({
    type: 'LegacyEntryChecked',
    data: {
      bookId: book.bookId,
      diplomaId: `legacy-${book.bookId}-${entry.entryId}`,
      book,
      entry,
      scanSha256: 'a'.repeat(64),
      transcribedBy: 'typist',
      checkedBy: 'checker',
    },
  })),
];
const handOver: AuthorityDirectoryEvent = {
  type: 'RegistersHandedOver',
  data: {
    fromCode: 'PGD-TN',
    toCode: 'SGD-HP',
    kind: 'THCS',
    effectiveOn: '2025-07-01',
    minutesRef: 'BBBG-01',
    books: ['Sổ gốc THCS 2004, tập 1'],
  },
};
const withBook = (checked: LegacyEntry[]) => [
  ...issuance2024(),
  ...bookEvents(checked).map((e, i) => recordedEvent(BOOK_STREAM, e, { revision: BigInt(i) })),
  recordedEvent('authority-directory', handOver),
];
const given = (events: ReturnType<typeof withBook>) => {
  const spec = givenEvents(coverageProjection, events);
  // coverage.queries names authorities from the public lookup's table; without it they are named by code.
  publicLookupProjection.createTables(spec.db);
  return spec;
};

describe('coverage projection (issue 14 §7)', () => {
  it('given a signed print run, its issuer’s year is held: the diplomas were issued through the registry', () => {
    const rows = coverageRows(given(withBook([])).db);
    expect(rows.find((r) => r.authorityCode === 'SGD-HP')).toEqual({
      authorityCode: 'SGD-HP',
      kind: 'THPT',
      year: 2024,
      issued: 3,
      digitisedChecked: 0,
      digitisedUnchecked: 0,
      books: 0,
    });
    expect(isYearHeld(rows.find((r) => r.authorityCode === 'SGD-HP')!)).toBe(true);
  });

  it('a run opened but never signed issues nothing', () => {
    const unsigned = withBook([]).filter((e) => !(e.stream === RUN_STREAM && e.type === 'PrintRunSigned'));
    expect(coverageRows(given(unsigned).db).filter((r) => r.authorityCode === 'SGD-HP')).toEqual([]);
  });

  it('when a paper book is typed but only partly checked, its year is not held, and the portal names who holds the book after the hand-over (rule 46)', () => {
    const { db } = given(withBook([line(1, 1)]));
    const row = coverageRows(db, ['PGD-TN'])[0]!;
    expect(row).toMatchObject({ kind: 'THCS', year: 2004, digitisedChecked: 1, digitisedUnchecked: 2, books: 1 });
    expect(isYearHeld(row)).toBe(false);
    expect(coverageForIssuerYear(db, 'PGD-TN', 2004, '2026-01-10').kinds[0]?.books[0]).toMatchObject({
      pagesChecked: 1,
      digitisation: 'partial',
      holder: { code: 'SGD-HP' },
    });
    // Before the hand-over took effect, the Phòng held it.
    expect(coverageForIssuerYear(db, 'PGD-TN', 2004, '2025-06-30').kinds[0]?.books[0]?.holder.code).toBe('PGD-TN');
  });

  it('when every page has a checked line but a typed line still waits for its check, the book is only partly digitised', () => {
    const { db } = given(withBook([line(1, 1), line(2, 1)]));
    expect(coverageForIssuerYear(db, 'PGD-TN', 2004, '2026-01-10').kinds[0]?.books[0]).toMatchObject({
      pagesChecked: 2,
      digitisation: 'partial',
    });
  });

  it('when every typed line is checked and every page has one, the book is complete and its year held', () => {
    const { db } = given(withBook([line(1, 1), line(1, 2), line(2, 1)]));
    expect(coverageForIssuerYear(db, 'PGD-TN', 2004, '2026-01-10').kinds[0]?.books[0]).toMatchObject({
      pagesChecked: 2,
      digitisation: 'complete',
    });
    expect(isYearHeld(coverageRows(db, ['PGD-TN'])[0]!)).toBe(true);
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes (counts are not doubled)', () => {
    expect(givenEvents(coverageProjection, withBook([line(1, 1), line(2, 1)])).replayChangesNothing()).toBe(true);
  });
});
