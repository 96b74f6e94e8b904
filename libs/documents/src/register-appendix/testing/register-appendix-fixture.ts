import { registerBookFixture } from '../../register-book/testing/register-book-fixture';
import type { RegisterAppendixExportInput, RegisterAppendixRow } from '../register-appendix-export';

export { GENERATED_AT, toNfd } from '../../register-book/testing/register-book-fixture';

/** Long enough to need several lines in the notes column. */
export const LONG_ISSUER_ERROR =
  'Lỗi của cơ quan cấp: văn bằng in sai họ tên và nơi sinh so với sổ gốc và quyết định công nhận tốt nghiệp, người học không có lỗi (Điều 18 Thông tư 21/2019/TT-BGDĐT)';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const GIVEN = ['Thuỷ', 'Yến', 'Hưng', 'Ánh', 'Dũng', 'Hằng', 'Khoa', 'Phượng', 'Quỳnh', 'Trường', 'Nghĩa', 'Tuấn', 'Xuân'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// Spread first into a special correction line, so nothing of a generated reissue is left on it.
const CORRECTION: Partial<RegisterAppendixRow> = { action: 'correction', newSerial: null, newRegisterNumber: null, note: null };

/** The first lines hold the hard names and every kind of change; the rest are plausible generated lines. */
function specialRows(): Partial<RegisterAppendixRow>[] {
  return [
    {
      ...CORRECTION,
      fullName: 'Nguyễn Thị Thuỷ',
      birthDate: '2006-09-18',
      changes: [{ field: 'birthDate', before: '2006-09-18', after: '2006-09-19' }],
      recipientName: 'Nguyễn Thị Thuỷ',
      receivedOn: '2024-10-03',
    },
    {
      action: 'reissue',
      fullName: 'Đặng Hoàng Yến',
      birthDate: '2006-09',
      serial: 'HP 0203422',
      registerNumber: '000005/THPT-2024',
      newSerial: 'HP 0210001',
      newRegisterNumber: '000005/THPT-2024/1',
      changes: [{ field: 'fullName', before: 'Đặng Hoàng Yên', after: 'Đặng Hoàng Yến' }],
      decisionNumber: '215/QĐ-SGDĐT',
      decisionDate: '2024-10-15',
      recipientName: 'Đặng Văn Hùng',
      receivedOn: '2024-10-21',
      note: 'Lỗi của cơ quan cấp: in sai tên',
    },
    {
      ...CORRECTION,
      fullName: 'Lê Quốc Hưng',
      birthDate: '2006',
      changes: [
        { field: 'sex', before: 'female', after: 'male' },
        { field: 'ethnicity', before: 'Kinh', after: 'Tày' },
      ],
      recipientName: null,
      receivedOn: null,
    },
    {
      ...CORRECTION,
      fullName: 'Hoàng Thị Ngọc Ánh',
      birthDate: '2006-09',
      changes: [
        { field: 'birthDate', before: '2006-09', after: '2006-09-12' },
        { field: 'birthPlace', before: '', after: 'Xã Tiên Lãng, huyện Tiên Lãng, Hải Phòng' },
      ],
    },
    {
      action: 'reissue',
      fullName: 'Vũ Văn Nghị',
      newSerial: 'HP 0210002',
      newRegisterNumber: '000069/THPT-2024/1',
      note: LONG_ISSUER_ERROR,
      changes: [
        { field: 'fullName', before: 'Vũ Văn Nghĩa', after: 'Vũ Văn Nghị' },
        { field: 'birthPlace', before: 'Thái Bình', after: 'Quảng Ninh' },
      ],
    },
  ];
}

function generatedRow(n: number): RegisterAppendixRow {
  const reissue = n % 4 === 3;
  const line = 17 + n * 13;
  const registerNumber = `${pad(line, 6)}/THPT-2024`;
  const fullName = `${FAMILY[n % FAMILY.length]} Văn ${GIVEN[(n * 5) % GIVEN.length]}`;
  return {
    rowNumber: n + 1,
    action: reissue ? 'reissue' : 'correction',
    holderId: `0312060${pad(1000 + n * 37, 5)}`,
    fullName,
    birthDate: `2006-${pad(1 + (n % 12), 2)}-${pad(1 + (n % 28), 2)}`,
    serial: `HP ${pad(203418 + line, 7)}`,
    registerNumber,
    newSerial: reissue ? `HP ${pad(210003 + n, 7)}` : null,
    newRegisterNumber: reissue ? `${registerNumber}/1` : null,
    changes: [
      {
        field: 'birthDate',
        before: `2006-${pad(1 + (n % 12), 2)}-${pad(1 + (n % 28), 2)}`,
        after: `2006-${pad(1 + (n % 12), 2)}-${pad(2 + (n % 27), 2)}`,
      },
    ],
    decisionNumber: `${201 + n}/QĐ-SGDĐT`,
    decisionDate: `2024-10-${pad(1 + (n % 28), 2)}`,
    recipientName: n % 5 === 4 ? null : fullName,
    receivedOn: n % 5 === 4 ? null : `2024-11-${pad(1 + (n % 28), 2)}`,
    note: reissue ? 'Lỗi của cơ quan cấp: in sai ngày sinh' : null,
  };
}

/** The appendix of the fixture book (same issuing body, THPT, 2024): `rowCount` lines numbered from 1. */
export function registerAppendixFixture(rowCount = 4): RegisterAppendixExportInput {
  const { authorityName, superiorName, authorityCode, kind, year, generatedAt } = registerBookFixture(0, 0);
  const special = specialRows();
  const rows = Array.from({ length: rowCount }, (_, n) => ({ ...generatedRow(n), ...special[n] }));
  return { authorityName, superiorName, authorityCode, kind, year, generatedAt, place: 'Hải Phòng', rows };
}
