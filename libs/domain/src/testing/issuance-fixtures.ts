import { foldEvents } from '../shared/decider';
import type { AuthorityDirectoryEvent } from '../authorities/authority';
import { authorityDirectoryDecider } from '../authorities/authority-directory.decider';
import type { DecisionHeader, ListedGraduate } from '../decisions/graduation-decision';
import type { OpenPrintRun, PrintRunEvent } from '../issuance/print-run';
import { printRunDecider } from '../issuance/print-run.decider';

/** A Sở issuing THPT diplomas in 2024 under TT21, with a director and a deputy in charge. Test data only. */
export const SO_HAI_PHONG: AuthorityDirectoryEvent[] = [
  {
    type: 'AuthorityRegistered',
    data: { code: 'BGDDT', name: 'Bộ Giáo dục và Đào tạo', kind: 'ministry', parentCode: null, registeredOn: '2000-01-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'SGD-HP',
      name: 'Sở Giáo dục và Đào tạo Hải Phòng',
      kind: 'province_department',
      parentCode: 'BGDDT',
      registeredOn: '2000-01-01',
    },
  },
  {
    type: 'SignerRegistered',
    data: {
      signerId: 'gd-hp',
      authorityCode: 'SGD-HP',
      fullName: 'Nguyễn Văn An',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-01',
      validTo: '2024-08-14',
      delegationRef: null,
    },
  },
  {
    type: 'SignerRegistered',
    data: {
      signerId: 'pgd-hp',
      authorityCode: 'SGD-HP',
      fullName: 'Trần Thị Bích',
      title: 'Phó Giám đốc phụ trách',
      role: 'deputy_in_charge',
      validFrom: '2024-08-15',
      validTo: '2024-08-31',
      delegationRef: '512/QĐ-UBND',
    },
  },
];
export const DIRECTORY = foldEvents(authorityDirectoryDecider, SO_HAI_PHONG);

export const DECISION: DecisionHeader = {
  decisionId: 'qd-1234-2024',
  authorityCode: 'SGD-HP',
  number: '1234/QĐ-SGDĐT',
  date: '2024-07-20',
  kind: 'THPT',
  schoolYear: '2023-2024',
  examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
  graduateCount: 3,
  sourceFile: { name: 'ds.xlsx', sha256: '0'.repeat(64) },
};

export function graduate(n: number, fullName: string): ListedGraduate {
  return {
    graduateId: `qd-1234-2024-${String(n).padStart(5, '0')}`,
    sourceRow: n + 1,
    fullName,
    birthDate: '2006-09-18',
    birthPlace: 'Hải Phòng',
    sex: 'female',
    ethnicity: 'Kinh',
    nationalId: `03120600000${n}`,
    school: 'Trường THPT Ngô Quyền',
    className: '12A1',
    classification: null,
    trainingMode: 'regular',
  };
}

export const GRADUATES = [graduate(1, 'Nguyễn Thị Thuỷ'), graduate(2, 'Đặng Hoàng Yến'), graduate(3, 'Lê Quốc Hưng')];

export const OPEN: OpenPrintRun = {
  type: 'OpenPrintRun',
  printRunId: 'run-ngo-quyen',
  authorityCode: 'SGD-HP',
  openedOn: '2024-08-10',
  templateVersion: 'TT21-2019',
  decision: DECISION,
  graduates: GRADUATES,
  lot: { lotId: 'lot-a', kind: 'THPT', templateVersion: 'TT21-2019', prefix: 'HP', width: 7 },
  // Four blanks for three diplomas: one spare for a misprint.
  reserved: [{ from: 203416, to: 203419 }],
  register: { year: 2024, first: 417, diplomaIds: GRADUATES.map((g) => g.graduateId) },
};

export function opened(): PrintRunEvent[] {
  return [...printRunDecider.decide(OPEN, printRunDecider.initialState, undefined as never)];
}

export const PRINTED: PrintRunEvent = { type: 'PrintRunPrinted', data: { printRunId: 'run-ngo-quyen', printedOn: '2024-08-12', count: 3 } };
