import { foldEvents } from '../shared/decider';
import type { AuthorityDirectoryEvent } from '../authorities/authority';
import { authorityDirectoryDecider } from '../authorities/authority-directory.decider';
import { BASELINE_CALENDAR_STATE, calendarFromState } from '../calendar/holiday-calendar';
import type { IssuedDiploma } from '../diplomas/diploma';

/** Hải Phòng: the Sở, a district office abolished on 01/07/2025 with the Sở as successor. Test data only. */
const PROVINCE_EVENTS: AuthorityDirectoryEvent[] = [
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
    type: 'AuthorityRegistered',
    data: {
      code: 'SGD-QN',
      name: 'Sở Giáo dục và Đào tạo Quảng Ninh',
      kind: 'province_department',
      parentCode: 'BGDDT',
      registeredOn: '2000-01-01',
    },
  },
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'PGD-TN',
      name: 'Phòng GDĐT huyện Thuỷ Nguyên',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    },
  },
  {
    type: 'AuthorityAbolished',
    data: { code: 'PGD-TN', successorCode: 'SGD-HP', effectiveOn: '2025-07-01', decisionRef: 'QĐ kế thừa hồ sơ' },
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
      validTo: null,
      delegationRef: null,
    },
  },
];
export const PROVINCE = foldEvents(authorityDirectoryDecider, PROVINCE_EVENTS);
export const CALENDAR = calendarFromState(BASELINE_CALENDAR_STATE);

export const THPT_2024: IssuedDiploma = {
  diplomaId: 'sgd-hp-1234-2024-00417',
  graduateId: 'sgd-hp-1234-2024-00417',
  printRunId: 'thpt-2024-dot-1',
  authorityCode: 'SGD-HP',
  kind: 'THPT',
  serialLabel: 'HP 0203418',
  registerLabel: '000417/THPT-2024',
  issueDate: '2024-08-14',
  holder: { fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18', birthPlace: 'Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
};

/** Printed and signed by the Phòng in 2024; its register passed to the Sở on 01/07/2025. */
export const THCS_PHONG_2024: IssuedDiploma = {
  diplomaId: 'pgd-tn-88-2024-00012',
  graduateId: 'pgd-tn-88-2024-00012',
  printRunId: 'thcs-tn-2024',
  authorityCode: 'PGD-TN',
  kind: 'THCS',
  serialLabel: 'HP 0300012',
  registerLabel: '000012/THCS-2024',
  issueDate: '2024-06-20',
  holder: { fullName: 'Đặng Hoàng Yến', birthDate: '2009-03-02', birthPlace: 'Thuỷ Nguyên, Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
};
