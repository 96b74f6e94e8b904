import { given } from '../testing/given-when-then';
import { legacyBookDecider } from './legacy-book.decider';
import { parseLegacyDiplomaId, legacyDiplomaId, type LegacyBookEvent, type LegacyEntry } from './legacy-book';
import { sniffScanType } from './page-scan';
import {
  BOOK_1998,
  BOOK_REGISTERED,
  CHECKER,
  LEGACY_DIRECTORY,
  line1998,
  PAGE_3_SCANNED,
  SCAN_SHA,
  TYPIST,
} from './testing/legacy-fixtures';

const directory = LEGACY_DIRECTORY;

const LINE_1: LegacyEntry = {
  entryId: 'p3-l1',
  page: 3,
  line: 1,
  fields: {
    registerNumber: '101/THPT',
    serial: 'A 045001',
    fullName: 'Nguyễn Thị Hoà',
    birthDate: '1980',
    birthPlace: 'Thuỷ Nguyên, Hải Phòng',
    sex: 'female',
    ethnicity: 'Kinh',
    school: 'Trường PTTH Thuỷ Sơn',
    classification: 'Khá',
    issueDate: '1998-08-20',
    signerName: 'Trần Văn Bình',
    signerTitle: 'KT. Giám đốc, Phó Giám đốc',
    remarks: null,
  },
  marks: { remarks: 'blank' },
};
const LINE_1_TYPED: LegacyBookEvent = {
  type: 'LegacyEntriesTranscribed',
  data: { bookId: BOOK_1998.bookId, entries: [LINE_1], transcribedBy: 'typist-1', source: 'form' },
};

describe('Legacy register book: registering the paper book (§4.1, rules 19–20, 46)', () => {
  const register = {
    type: 'RegisterLegacyBook',
    authorityCode: 'SGD-HP',
    kind: 'THPT',
    titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp THPT',
    year: 1998,
    volume: 1,
    pageCount: 40,
    actingAuthorityCode: 'SGD-HP',
    directory,
  } as const;

  it('records the book as it is on the shelf, held by the acting authority', () => {
    given(legacyBookDecider).when(register, TYPIST).then([BOOK_REGISTERED]);
  });

  it('refuses a second book with the same authority, kind, year and volume', () => {
    given(legacyBookDecider, [BOOK_REGISTERED])
      .when({ ...register, pageCount: 50 }, TYPIST)
      .thenRefusedWith('LEGACY_BOOK_EXISTS', { field: 'volume' });
  });

  it('lets the Sở register an abolished Phòng’s THCS book under its old name (rule 46: the successor holds it)', () => {
    const events = legacyBookDecider.decide(
      { ...register, authorityCode: 'PGD-TN', kind: 'THCS', titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp phổ thông cơ sở', year: 1992 },
      legacyBookDecider.initialState,
      TYPIST,
    );
    expect(events[0]?.data).toMatchObject({
      bookId: 'PGD-TN-THCS-1992-v1',
      custodianCode: 'SGD-HP',
      titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp phổ thông cơ sở',
    });
  });

  it('refuses an authority that does not hold the book’s registers', () => {
    const commune = { ...TYPIST, actor: { ...TYPIST.actor, authorityCode: 'PGD-TN' } };
    given(legacyBookDecider)
      .when({ ...register, authorityCode: 'PGD-TN', year: 1992 }, commune)
      .thenRefusedWith('NOT_BOOK_CUSTODIAN', { rule: 46 });
  });

  it('refuses a year before the authority existed', () => {
    given(legacyBookDecider)
      .when({ ...register, authorityCode: 'PGD-TN', year: 1979 }, TYPIST)
      .thenRefusedWith('BOOK_YEAR_BEFORE_AUTHORITY', { field: 'year' });
  });
});

describe('Legacy register book: page scans, content-addressed', () => {
  it('records a scan of a page the book has', () => {
    given(legacyBookDecider, [BOOK_REGISTERED])
      .when({ type: 'AttachLegacyPageScan', page: 3, sha256: SCAN_SHA, mediaType: 'image/jpeg', byteSize: 2_400_000, directory }, TYPIST)
      .then([PAGE_3_SCANNED]);
  });

  it('records the same bytes for the same page once', () => {
    given(legacyBookDecider, [BOOK_REGISTERED, PAGE_3_SCANNED])
      .when({ type: 'AttachLegacyPageScan', page: 3, sha256: SCAN_SHA, mediaType: 'image/jpeg', byteSize: 2_400_000, directory }, TYPIST)
      .then([]);
  });

  it.each([
    ['a page the book does not have', { page: 41 }, 'PAGE_NOT_IN_BOOK', 'page'],
    ['a file that is not an image or PDF', { mediaType: 'application/zip' }, 'SCAN_NOT_IMAGE', 'file'],
    ['a file over the size limit', { byteSize: 26 * 1024 * 1024 }, 'SCAN_TOO_LARGE', 'file'],
  ])('refuses %s', (_label, change, code, field) => {
    given(legacyBookDecider, [BOOK_REGISTERED])
      .when(
        { type: 'AttachLegacyPageScan', page: 3, sha256: SCAN_SHA, mediaType: 'image/jpeg', byteSize: 1000, directory, ...change },
        TYPIST,
      )
      .thenRefusedWith(code, { field });
  });

  it('tells JPEG, PNG and PDF by their first bytes and nothing else', () => {
    expect(sniffScanType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffScanType(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe('image/png');
    expect(sniffScanType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffScanType(Buffer.from('PK\x03\x04'))).toBeUndefined();
    expect(sniffScanType(Buffer.from('<html>'))).toBeUndefined();
  });
});

describe('Legacy register book: lines transcribed as written (rule 19)', () => {
  it('keeps the book’s formats and reads only dates and sex into a canonical form', () => {
    given(legacyBookDecider, [BOOK_REGISTERED])
      .when({ type: 'TranscribeLegacyEntries', entries: [line1998(1)], source: 'form', directory }, TYPIST)
      .then([LINE_1_TYPED]);
  });

  it('accepts a missing serial and an illegible birth place, each marked', () => {
    const [event] = legacyBookDecider.decide(
      {
        type: 'TranscribeLegacyEntries',
        entries: [
          line1998(
            2,
            { serial: null, birthPlace: null, birthDate: '5/1981' },
            { serial: 'blank', birthPlace: 'illegible', remarks: 'blank' },
          ),
        ],
        source: 'form',
        directory,
      },
      foldBook([BOOK_REGISTERED]),
      TYPIST,
    );
    expect(event?.type === 'LegacyEntriesTranscribed' && event.data.entries[0]).toMatchObject({
      fields: { serial: null, birthPlace: null, birthDate: '1981-05' },
      marks: { serial: 'blank', birthPlace: 'illegible' },
    });
  });

  it.each([
    ['a page the book does not have', line1998(1), { page: 41 }, 'PAGE_NOT_IN_BOOK', 'entries[0].page'],
    [
      'a register number already used in the book',
      line1998(2, { registerNumber: '101 / thpt' }),
      {},
      'REGISTER_NUMBER_USED',
      'entries[0].fields.registerNumber',
    ],
    ['a birth date after the issue date', line1998(2, { birthDate: '1999' }), {}, 'BIRTH_AFTER_ISSUE', 'entries[0].fields.birthDate'],
    [
      'an issue date before the authority existed',
      line1998(2, { issueDate: '12/06/1975', birthDate: '1958' }),
      {},
      'ISSUE_DATE_OUTSIDE_AUTHORITY',
      'entries[0].fields.issueDate',
    ],
    ['a line typed twice, differently', line1998(1, { fullName: 'Nguyễn Thị Hòa' }), {}, 'LINE_ALREADY_ENTERED', 'entries[0].line'],
    ['an empty field that does not say why', line1998(2, { serial: null }), {}, 'FIELD_UNACCOUNTED', 'entries[0].fields.serial'],
    [
      'a value in a field marked illegible',
      line1998(2, {}, { serial: 'illegible', remarks: 'blank' }),
      {},
      'MARKED_FIELD_HAS_VALUE',
      'entries[0].fields.serial',
    ],
  ])('refuses %s, naming the field', (_label, line, change, code, field) => {
    const error = given(legacyBookDecider, [BOOK_REGISTERED, LINE_1_TYPED])
      .when({ type: 'TranscribeLegacyEntries', entries: [{ ...line, ...change }], source: 'form', directory }, TYPIST)
      .thenRefusedWith(code, { field });
    expect(error.problem.messageVi).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđếềệểễôộồốổỗơớờợởỡưứừựửữíìịỉĩ]/);
  });

  it('records nothing when the same lines are sent again (a re-uploaded sheet)', () => {
    given(legacyBookDecider, [BOOK_REGISTERED, LINE_1_TYPED])
      .when({ type: 'TranscribeLegacyEntries', entries: [line1998(1)], source: 'spreadsheet', directory }, TYPIST)
      .then([]);
  });

  it('refuses a batch that uses one register number twice', () => {
    given(legacyBookDecider, [BOOK_REGISTERED])
      .when(
        { type: 'TranscribeLegacyEntries', entries: [line1998(1), line1998(2, { registerNumber: '101/THPT' })], source: 'form', directory },
        TYPIST,
      )
      .thenRefusedWith('REGISTER_NUMBER_USED', { field: 'entries[1].fields.registerNumber' });
  });
});

describe('Legacy register book: four eyes against the scan', () => {
  const checked: LegacyBookEvent = {
    type: 'LegacyEntryChecked',
    data: {
      bookId: BOOK_1998.bookId,
      diplomaId: 'legacy-sgd-hp-thpt-1998-v1-p3-l1',
      book: BOOK_1998,
      entry: LINE_1,
      scanSha256: SCAN_SHA,
      transcribedBy: 'typist-1',
      checkedBy: 'checker-1',
    },
  };

  it('a second officer confirms a line against the page scan: it becomes a diploma of the register', () => {
    given(legacyBookDecider, [BOOK_REGISTERED, PAGE_3_SCANNED, LINE_1_TYPED])
      .when({ type: 'CheckLegacyEntries', confirmed: ['p3-l1'], disputed: [], directory }, CHECKER)
      .then([checked]);
  });

  it('the typist cannot check their own line', () => {
    given(legacyBookDecider, [BOOK_REGISTERED, PAGE_3_SCANNED, LINE_1_TYPED])
      .when({ type: 'CheckLegacyEntries', confirmed: ['p3-l1'], disputed: [], directory }, TYPIST)
      .thenRefusedWith('CHECKER_IS_TYPIST');
  });

  it('a page without a scan cannot be checked', () => {
    given(legacyBookDecider, [BOOK_REGISTERED, LINE_1_TYPED])
      .when({ type: 'CheckLegacyEntries', confirmed: ['p3-l1'], disputed: [], directory }, CHECKER)
      .thenRefusedWith('PAGE_HAS_NO_SCAN');
  });

  it('a disagreement is recorded field by field for a third look; an amendment makes the line wait for a check again', () => {
    const disputed: LegacyBookEvent = {
      type: 'LegacyEntryDisputed',
      data: {
        bookId: BOOK_1998.bookId,
        entryId: 'p3-l1',
        disagreements: [{ field: 'fullName', readingOnScan: 'Nguyễn Thị Hoa' }],
        disputedBy: 'checker-1',
      },
    };
    given(legacyBookDecider, [BOOK_REGISTERED, PAGE_3_SCANNED, LINE_1_TYPED])
      .when(
        {
          type: 'CheckLegacyEntries',
          confirmed: [],
          disputed: [{ entryId: 'p3-l1', disagreements: [{ field: 'fullName', readingOnScan: 'Nguyễn Thị Hoa' }] }],
          directory,
        },
        CHECKER,
      )
      .then([disputed]);
    const state = foldBook([BOOK_REGISTERED, PAGE_3_SCANNED, LINE_1_TYPED, disputed]);
    expect(state.entries.get('p3-l1')?.status).toBe('disputed');
    const amended = legacyBookDecider.decide(
      { type: 'AmendLegacyEntry', entry: line1998(1, { fullName: 'Nguyễn Thị Hoa' }), directory },
      state,
      CHECKER,
    );
    expect(foldBook([BOOK_REGISTERED, PAGE_3_SCANNED, LINE_1_TYPED, disputed, ...amended]).entries.get('p3-l1')).toMatchObject({
      status: 'unchecked',
      typedBy: 'checker-1',
    });
  });

  it('a checked line is no longer amended: changes go through a correction decision', () => {
    given(legacyBookDecider, [BOOK_REGISTERED, PAGE_3_SCANNED, LINE_1_TYPED, checked])
      .when({ type: 'AmendLegacyEntry', entry: line1998(1, { fullName: 'X' }), directory }, TYPIST)
      .thenRefusedWith('LEGACY_ENTRY_CHECKED');
  });

  it('confirming again records nothing', () => {
    given(legacyBookDecider, [BOOK_REGISTERED, PAGE_3_SCANNED, LINE_1_TYPED, checked])
      .when({ type: 'CheckLegacyEntries', confirmed: ['p3-l1'], disputed: [], directory }, CHECKER)
      .then([]);
  });

  it('the diploma id leads back to the book, page and line', () => {
    expect(parseLegacyDiplomaId(legacyDiplomaId('PGD-TN-THCS-1992-v2', 14, 7))).toEqual({
      bookId: 'PGD-TN-THCS-1992-v2',
      page: 14,
      line: 7,
    });
    expect(parseLegacyDiplomaId('sgd-hp-1234-2024-00017')).toBeUndefined();
  });
});

function foldBook(events: LegacyBookEvent[]) {
  return events.reduce(legacyBookDecider.evolve, legacyBookDecider.initialState);
}
