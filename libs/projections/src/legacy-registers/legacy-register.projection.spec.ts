import Database from 'better-sqlite3';
import type { LegacyBookEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { hashTables } from '../table-hash';
import { legacyRegisterProjection } from './legacy-register.projection';
import { legacyBookProgress, legacyDisputes } from './legacy-register.queries';

const book = {
  bookId: 'SGD-HP-THPT-1998-v1',
  authorityCode: 'SGD-HP',
  kind: 'THPT' as const,
  titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp THPT',
  year: 1998,
  volume: 1,
  pageCount: 40,
};
const fields = {
  registerNumber: '101/THPT',
  serial: 'A 045001',
  fullName: 'Nguyễn Thị Hoà',
  birthDate: '1980',
  birthPlace: 'Thuỷ Nguyên',
  sex: 'female' as const,
  ethnicity: 'Kinh',
  school: 'PTTH Thuỷ Sơn',
  classification: 'Khá',
  issueDate: '1998-08-20',
  signerName: 'Trần Văn Bình',
  signerTitle: 'Giám đốc',
  remarks: null,
};
const line = (n: number) => ({
  entryId: `p3-l${n}`,
  page: 3,
  line: n,
  fields: { ...fields, serial: `A 04500${n}`, registerNumber: `10${n}/THPT` },
  marks: { remarks: 'blank' as const },
});

const history: LegacyBookEvent[] = [
  { type: 'LegacyBookRegistered', data: { ...book, registeredBy: 'typist', custodianCode: 'SGD-HP' } },
  {
    type: 'LegacyPageScanAttached',
    data: { bookId: book.bookId, page: 3, sha256: 'a'.repeat(64), mediaType: 'image/jpeg', byteSize: 1000, attachedBy: 'typist' },
  },
  { type: 'LegacyEntriesTranscribed', data: { bookId: book.bookId, entries: [line(1), line(2)], transcribedBy: 'typist', source: 'form' } },
  {
    type: 'LegacyEntryDisputed',
    data: {
      bookId: book.bookId,
      entryId: 'p3-l2',
      disagreements: [{ field: 'fullName', readingOnScan: 'Nguyễn Thị Hoa' }],
      disputedBy: 'checker',
    },
  },
  {
    type: 'LegacyEntryChecked',
    data: {
      bookId: book.bookId,
      diplomaId: 'legacy-sgd-hp-thpt-1998-v1-p3-l1',
      book,
      entry: line(1),
      scanSha256: 'a'.repeat(64),
      transcribedBy: 'typist',
      checkedBy: 'checker',
    },
  },
];

const recorded = (events: LegacyBookEvent[]): RecordedEvent[] =>
  events.map((event, i) => ({
    id: `e${i}`,
    stream: `legacy-book-${book.bookId}`,
    type: event.type,
    revision: BigInt(i),
    position: { commit: BigInt(i), prepare: BigInt(i) },
    data: event.data,
    metadata: {},
    recordedAt: new Date(0),
  }));

describe('legacy-register projection (issue 14)', () => {
  it('given a book, a scan, two lines, a dispute and a check: progress per page and officer, the dispute listed', () => {
    const db = new Database(':memory:');
    legacyRegisterProjection.createTables(db);
    for (const event of recorded(history)) legacyRegisterProjection.apply(db, event);
    expect(legacyBookProgress(db, book.bookId)).toEqual({
      pages: [{ page: 3, scans: 1, unchecked: 0, disputed: 1, checked: 1 }],
      typists: [{ officer: 'typist', typed: 2 }],
      checkers: [{ officer: 'checker', checked: 1 }],
    });
    expect(legacyDisputes(db, book.bookId)).toEqual([
      { entryId: 'p3-l2', field: 'fullName', typed: 'Nguyễn Thị Hoà', readingOnScan: 'Nguyễn Thị Hoa', disputedBy: 'checker' },
    ]);
  });

  it('applying the same batch twice changes nothing', () => {
    const db = new Database(':memory:');
    legacyRegisterProjection.createTables(db);
    for (const event of recorded(history)) legacyRegisterProjection.apply(db, event);
    const once = hashTables(db, legacyRegisterProjection.tables);
    for (const event of recorded(history)) legacyRegisterProjection.apply(db, event);
    expect(hashTables(db, legacyRegisterProjection.tables)).toBe(once);
  });

  it('an amendment settles the dispute: the line waits for a check again and leaves the list', () => {
    const db = new Database(':memory:');
    legacyRegisterProjection.createTables(db);
    const amended: LegacyBookEvent = {
      type: 'LegacyEntryAmended',
      data: { bookId: book.bookId, entry: { ...line(2), fields: { ...line(2).fields, fullName: 'Nguyễn Thị Hoa' } }, amendedBy: 'third' },
    };
    for (const event of recorded([...history, amended])) legacyRegisterProjection.apply(db, event);
    expect(legacyDisputes(db, book.bookId)).toEqual([]);
    expect(legacyBookProgress(db, book.bookId).pages).toEqual([{ page: 3, scans: 1, unchecked: 1, disputed: 0, checked: 1 }]);
  });
});
