import type { CopyRegisterExportInput, CopyRegisterExportRow } from '../copy-register-export';

export { toNfd } from '../../register-book/testing/register-book-fixture';

export const GENERATED_AT = '2026-03-06T09:15:00.000Z';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Thị', 'Văn', 'Đức', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Thị Thanh'];
const GIVEN = ['Thuỷ', 'Yến', 'Hưng', 'Ánh', 'Dũng', 'Hằng', 'Khoa', 'Phượng', 'Quỳnh'];
const PLACES = ['Hải Phòng', 'Xã Tiên Lãng, huyện Tiên Lãng, Hải Phòng', 'Thái Bình', 'Phường Lê Chân, Hải Phòng'];
const CHANNELS = ['counter', 'counter', 'post', 'online'] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Copy n (0-based) of a diploma from the 2024 book, issued in March 2026. */
function generatedRow(n: number): CopyRegisterExportRow {
  const diploma = Math.floor(n / 2);
  const fullName = `${FAMILY[diploma % FAMILY.length]} ${MIDDLE[(diploma * 3) % MIDDLE.length]} ${GIVEN[(diploma * 5) % GIVEN.length]}`;
  const received = n % 6 !== 5;
  return {
    copyNumber: `${pad(n + 1, 6)}/BS-THPT-2026`,
    copySerial: `BS ${pad(12 + n, 7)}`,
    issuedOn: `2026-03-${pad(2 + (n % 20), 2)}`,
    holderId: `0312060${pad(10000 + diploma, 5)}`,
    fullName,
    birthDate: `2006-${pad(1 + (diploma % 12), 2)}-${pad(1 + (diploma % 28), 2)}`,
    birthPlace: PLACES[diploma % PLACES.length] as string,
    originalSerial: `HP ${pad(203418 + diploma, 7)}`,
    originalRegisterNumber: `${pad(diploma + 1, 6)}/THPT-2024`,
    originalIssueDate: '2024-08-10',
    decisionNumber: '125/QĐ-SGDĐT',
    requesterName: fullName,
    requesterRelation: 'holder',
    requesterIdDocument: `CCCD 0312060${pad(10000 + diploma, 5)}`,
    entitlementDocument: null,
    channel: CHANNELS[n % CHANNELS.length] ?? 'counter',
    receivedAt: `2026-03-${pad(2 + (n % 20), 2)}T0${1 + (n % 8)}:${pad((n * 7) % 60, 2)}:00.000Z`,
    recipientName: received ? fullName : null,
    receivedOn: received ? `2026-03-${pad(2 + (n % 20), 2)}` : null,
    corrections: [],
    note: null,
  };
}

/** The first lines hold the hard names, a proxy, an heir, a corrected diploma and a copy sent by post. */
function specialRows(): Partial<CopyRegisterExportRow>[] {
  return [
    {
      fullName: 'Nguyễn Thị Thuỷ',
      requesterName: 'Nguyễn Thị Thuỷ',
      recipientName: 'Nguyễn Thị Thuỷ',
      birthDate: '2006-09-18',
      channel: 'counter',
      receivedAt: '2026-03-02T07:20:00.000Z',
    },
    {
      fullName: 'Nguyễn Thị Thuỷ',
      requesterName: 'Nguyễn Thị Thuỷ',
      recipientName: 'Nguyễn Thị Thuỷ',
      birthDate: '2006-09-18',
      channel: 'counter',
      receivedAt: '2026-03-02T07:20:00.000Z',
      note: 'Cấp 2 bản trong một yêu cầu',
    },
    {
      fullName: 'Đặng Hoàng Yến',
      birthDate: '2006-09',
      holderId: null,
      requesterName: 'Đặng Văn Hùng',
      requesterRelation: 'authorised_representative',
      requesterIdDocument: 'CCCD 031206000123',
      entitlementDocument: 'Giấy ủy quyền số 15/UQ-2026 ngày 01/03/2026',
      recipientName: 'Đặng Văn Hùng',
      corrections: ['201/QĐ-SGDĐT', '215/QĐ-SGDĐT'],
      decisionNumber: null,
    },
    {
      fullName: 'Đặng Hoàng Yến',
      birthDate: '2006-09',
      holderId: null,
      requesterName: 'Đặng Văn Hùng',
      requesterRelation: 'authorised_representative',
      requesterIdDocument: 'CCCD 031206000123',
      entitlementDocument: 'Giấy ủy quyền số 15/UQ-2026 ngày 01/03/2026',
      recipientName: 'Đặng Văn Hùng',
      corrections: ['201/QĐ-SGDĐT', '215/QĐ-SGDĐT'],
      decisionNumber: null,
    },
    {
      fullName: 'Lê Quốc Hưng',
      birthDate: '2006',
      requesterName: 'Lê Văn Nam',
      requesterRelation: 'parent',
      requesterIdDocument: 'CCCD 031178000456',
      entitlementDocument: 'Trích lục khai tử số 12/2025, giấy khai sinh',
      channel: 'post',
      receivedAt: '2026-03-03T16:05:00+07:00',
      recipientName: 'Lê Văn Nam',
    },
    {
      fullName: 'Lê Quốc Hưng',
      birthDate: '2006',
      requesterName: 'Lê Văn Nam',
      requesterRelation: 'guardian_ad_litem',
      requesterIdDocument: 'CCCD 031178000456',
      channel: 'online',
      recipientName: null,
      receivedOn: null,
      note: 'Gửi qua bưu chính, phiếu gửi EMS EB123456789VN',
    },
  ];
}

/** A THPT copy register of `rowCount` copies (two per diploma), numbers running through the year. */
export function copyRegisterFixture(rowCount = 40): CopyRegisterExportInput {
  const special = specialRows();
  const rows = Array.from({ length: rowCount }, (_, n) => ({ ...generatedRow(n), ...special[n] }));
  return {
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    superiorName: 'Ủy ban nhân dân thành phố Hải Phòng',
    authorityCode: 'SGD-HP',
    kind: 'THPT',
    year: 2026,
    generatedAt: GENERATED_AT,
    place: 'Hải Phòng',
    rows,
  };
}
