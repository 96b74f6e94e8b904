import type { RegisterBookExportInput, RegisterBookRow, RegisterBookSection } from '../register-book-export';

export const GENERATED_AT = '2025-01-05T03:30:00.000Z';

/** Long enough to need several lines in the notes column. */
export const LONG_GROUND =
  'Gian lận trong quá trình học tập và thi cử: sử dụng học bạ bị tẩy xoá, sửa chữa để được dự thi và được công nhận tốt nghiệp (Điều 25 khoản 1 điểm a Thông tư 21/2019/TT-BGDĐT)';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Đức', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Hữu', 'Thị Thanh', 'Gia'];
const GIVEN = ['Thuỷ', 'Yến', 'Hưng', 'Ánh', 'Dũng', 'Hằng', 'Khoa', 'Phượng', 'Quỳnh', 'Trường', 'Nghĩa', 'Tuấn', 'Xuân'];
const PLACES = ['Hải Phòng', 'Xã Tiên Lãng, huyện Tiên Lãng, Hải Phòng', 'Thái Bình', 'Quảng Ninh', 'Phường Lê Chân, Hải Phòng'];
const SCHOOLS = ['Trường THPT Ngô Quyền', 'Trường THPT Lê Quý Đôn', 'Trường THPT Tiên Lãng', 'Trung tâm GDTX Hải Phòng'];
const ETHNICITIES = ['Kinh', 'Kinh', 'Kinh', 'Tày', 'Sán Dìu', 'Mường'];
const CLASSIFICATIONS = ['Giỏi', 'Khá', 'Trung bình', null];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const serial = (n: number) => `HP ${pad(203418 + n, 7)}`;
const registerNumber = (n: number) => `${pad(n + 1, 6)}/THPT-2024`;

/** The first lines hold the hard names and every kind of note; the rest are plausible generated lines. */
function specialRows(): Partial<RegisterBookRow>[] {
  return [
    {
      fullName: 'Nguyễn Thị Thuỷ',
      birthDate: '2006-09-18',
      sex: 'female',
      className: '12A1',
      classification: 'Giỏi',
      recipientName: 'Nguyễn Thị Thuỷ',
      receivedOn: '2024-08-20',
      notes: [{ type: 'serial_replaced', oldSerial: 'HP 0203417', newSerial: 'HP 0203418', reason: 'misprint', on: '2024-08-12' }],
    },
    {
      fullName: 'Đặng Hoàng Yến',
      birthDate: '2006-09',
      sex: 'female',
      ethnicity: 'Sán Dìu',
      className: null,
      classification: null,
      trainingMode: 'continuing',
      recipientName: 'Đặng Văn Hùng',
      receivedOn: '2024-08-22',
      notes: [{ type: 'received_by_proxy', proxyName: 'Đặng Văn Hùng', authorisationRef: '15/UQ-2024' }],
    },
    { fullName: 'Lê Quốc Hưng', birthDate: '2006', sex: 'male', serial: null, recipientName: null, receivedOn: null, notes: [] },
    {
      fullName: 'Hoàng Thị Ngọc Ánh',
      birthDate: '2006-01-02',
      sex: 'female',
      ethnicity: 'Tày',
      recipientName: null,
      receivedOn: null,
      notes: [{ type: 'lost_before_delivery', minutesRef: '03/BB-SGDĐT', policeUnit: 'phường Lê Chân', on: '2024-08-25' }],
    },
    { notes: [{ type: 'corrected', decisionNumber: '201/QĐ-SGDĐT', decisionDate: '2024-10-01', appendixRow: 3 }] },
    {
      notes: [
        {
          type: 'reissued',
          decisionNumber: '215/QĐ-SGDĐT',
          decisionDate: '2024-10-15',
          newSerial: 'HP 0210001',
          newRegisterNumber: '000005/THPT-2024/1',
        },
      ],
    },
    { notes: [{ type: 'revoked', decisionNumber: '230/QĐ-SGDĐT', decisionDate: '2024-11-02', ground: LONG_GROUND }] },
  ];
}

function generatedRow(n: number): RegisterBookRow {
  const received = n % 5 !== 4;
  return {
    registerNumber: registerNumber(n),
    fullName: `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n * 7) % MIDDLE.length]} ${GIVEN[(n * 5) % GIVEN.length]}`,
    birthDate: `2006-${pad(1 + (n % 12), 2)}-${pad(1 + (n % 28), 2)}`,
    birthPlace: PLACES[n % PLACES.length] as string,
    sex: n % 2 === 0 ? 'female' : 'male',
    ethnicity: ETHNICITIES[n % ETHNICITIES.length] as string,
    school: SCHOOLS[n % SCHOOLS.length] as string,
    className: `12A${1 + (n % 9)}`,
    graduationYear: '2024',
    classification: CLASSIFICATIONS[n % CLASSIFICATIONS.length] ?? null,
    trainingMode: n % 11 === 10 ? 'continuing' : 'regular',
    serial: serial(n),
    recipientName: received ? `${FAMILY[(n + 3) % FAMILY.length]} Văn ${GIVEN[n % GIVEN.length]}` : null,
    receivedOn: received ? `2024-08-${pad(15 + (n % 14), 2)}` : null,
    notes: [],
  };
}

const SECTION_HEADS: Omit<RegisterBookSection, 'rows'>[] = [
  {
    decisionNumber: '125/QĐ-SGDĐT',
    decisionDate: '2024-07-20',
    examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    issueDate: '2024-08-10',
    issuePlace: 'Hải Phòng',
  },
  {
    decisionNumber: '140/QĐ-SGDĐT',
    decisionDate: '2024-09-05',
    examSession: null,
    signerName: 'Trần Thị Bình',
    signerTitle: 'Phó Giám đốc',
    issueDate: '2024-09-20',
    issuePlace: 'Hải Phòng',
  },
  {
    decisionNumber: '152/QĐ-SGDĐT',
    decisionDate: '2024-10-10',
    examSession: 'Kỳ thi tốt nghiệp THPT năm 2024 (đợt 2)',
    signerName: null,
    signerTitle: null,
    issueDate: null,
    issuePlace: null,
  },
  {
    decisionNumber: '168/QĐ-SGDĐT',
    decisionDate: '2024-11-18',
    examSession: null,
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    issueDate: '2024-12-01',
    issuePlace: 'Hải Phòng',
  },
];

/** A THPT book of `rowCount` lines split over `sectionCount` decisions, register numbers running through. */
export function registerBookFixture(rowCount = 40, sectionCount = 2): RegisterBookExportInput {
  const special = specialRows();
  const rows = Array.from({ length: rowCount }, (_, n) => ({ ...generatedRow(n), ...special[n] }));
  const perSection = Math.ceil(rowCount / sectionCount);
  const sections = SECTION_HEADS.slice(0, sectionCount).map((head, i) => ({
    ...head,
    rows: rows.slice(i * perSection, (i + 1) * perSection),
  }));
  return {
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    superiorName: 'Ủy ban nhân dân thành phố Hải Phòng',
    authorityCode: 'SGD-HP',
    kind: 'THPT',
    year: 2024,
    generatedAt: GENERATED_AT,
    sections,
  };
}

/** The same book with every string decomposed, as some upstream systems send Vietnamese text. */
export function toNfd<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.normalize('NFD') : v))) as T;
}
