import { foldEvents } from '../../shared/decider';
import type { AuthorityDirectoryEvent } from '../../authorities/authority';
import { authorityDirectoryDecider } from '../../authorities/authority-directory.decider';
import type { CommandContext } from '../../shared/command-context';
import { TEST_CONTEXT } from '../../testing/given-when-then';
import type { LegacyBookEvent, LegacyBookHeader, LegacyEntryInput } from '../legacy-book';

/** A province whose Sở has existed since 1976 and whose district Phòng was abolished on 01/07/2025. */
export const LEGACY_PROVINCE: AuthorityDirectoryEvent[] = [
  {
    type: 'AuthorityRegistered',
    data: { code: 'SGD-HP', name: 'Sở GDĐT Hải Phòng', kind: 'province_department', parentCode: null, registeredOn: '1976-01-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'PGD-TN',
      name: 'Phòng GDĐT huyện Thuỷ Nguyên',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '1980-01-01',
    },
  },
  { type: 'AuthorityAbolished', data: { code: 'PGD-TN', successorCode: 'SGD-HP', effectiveOn: '2025-07-01', decisionRef: '1234/QĐ-UBND' } },
];
export const LEGACY_DIRECTORY = foldEvents(authorityDirectoryDecider, LEGACY_PROVINCE);

export const TYPIST: CommandContext = { ...TEST_CONTEXT, actor: { officerId: 'typist-1', role: 'registrar', authorityCode: 'SGD-HP' } };
export const CHECKER: CommandContext = {
  ...TEST_CONTEXT,
  commandId: '00000000-0000-4000-8000-000000000002',
  actor: { officerId: 'checker-1', role: 'registrar', authorityCode: 'SGD-HP' },
};

export const BOOK_1998: LegacyBookHeader = {
  bookId: 'SGD-HP-THPT-1998-v1',
  authorityCode: 'SGD-HP',
  kind: 'THPT',
  titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp THPT',
  year: 1998,
  volume: 1,
  pageCount: 40,
};

export const BOOK_REGISTERED: LegacyBookEvent = {
  type: 'LegacyBookRegistered',
  data: { ...BOOK_1998, registeredBy: 'typist-1', custodianCode: 'SGD-HP' },
};
export const SCAN_SHA = 'a'.repeat(64);
export const PAGE_3_SCANNED: LegacyBookEvent = {
  type: 'LegacyPageScanAttached',
  data: { bookId: BOOK_1998.bookId, page: 3, sha256: SCAN_SHA, mediaType: 'image/jpeg', byteSize: 2_400_000, attachedBy: 'typist-1' },
};

/** A line of a 1998 book as typed: birth year only, the old district name, the classification as written. */
export function line1998(
  line: number,
  overrides: Partial<LegacyEntryInput['fields']> = {},
  marks: LegacyEntryInput['marks'] = { remarks: 'blank' },
): LegacyEntryInput {
  return {
    page: 3,
    line,
    fields: {
      registerNumber: `${100 + line}/THPT`,
      serial: `A ${String(45000 + line).padStart(6, '0')}`,
      fullName: 'Nguyễn Thị Hoà',
      birthDate: '1980',
      birthPlace: 'Thuỷ Nguyên, Hải Phòng',
      sex: 'Nữ',
      ethnicity: 'Kinh',
      school: 'Trường PTTH Thuỷ Sơn',
      classification: 'Khá',
      issueDate: '20/08/1998',
      signerName: 'Trần Văn Bình',
      signerTitle: 'KT. Giám đốc, Phó Giám đốc',
      remarks: null,
      ...overrides,
    },
    marks,
  };
}
