import type { DestructionMinutesInput } from '../destruction/destruction-minutes';
import type { LedgerExportInput, LedgerExportRow } from '../ledger/ledger-export';

export const GENERATED_AT = '2025-01-05T03:30:00.000Z';

const COUNTERPARTS = ['Phòng GDĐT Thuỷ Nguyên', 'Phòng GDĐT Kiến Thuỵ', 'Trường THPT Lê Quý Đôn', null];
const CYCLE = [
  'allocation_out',
  'bound',
  'spoiled',
  'bound',
  'recovered_for_destruction',
  'destroyed',
  'bound',
  'lost',
  'returned',
  'allocation_in',
] as const;
const SIGN: Record<(typeof CYCLE)[number], number> = {
  allocation_out: -1,
  bound: -1,
  spoiled: 0,
  recovered_for_destruction: 1,
  destroyed: -1,
  lost: -1,
  returned: -1,
  allocation_in: 1,
};

const serial = (n: number) => `HP ${String(n).padStart(7, '0')}`;
const day = (offset: number) => new Date(Date.UTC(2024, 0, 5 + offset)).toISOString().slice(0, 10);

/** A plausible ledger: one receipt of 12.000 THPT blanks, then a repeating mix of every other movement. */
export function ledgerFixture(rowCount: number): LedgerExportInput {
  const rows: LedgerExportRow[] = [
    {
      date: day(0),
      movement: 'receipt',
      document: 'PGH-2024/015',
      kind: 'THPT',
      lotId: 'LO-2024-01',
      range: `${serial(200001)}–${serial(212000)}`,
      quantity: 12000,
      counterpart: 'Nhà xuất bản Giáo dục Việt Nam',
      balanceAfter: 12000,
      note: null,
    },
  ];
  let next = 200001;
  let balance = 12000;
  for (let i = 1; i < rowCount; i++) {
    const movement = CYCLE[(i - 1) % CYCLE.length] as (typeof CYCLE)[number];
    const quantity = movement === 'allocation_out' ? 500 : 1 + (i % 7);
    balance += SIGN[movement] * quantity;
    rows.push({
      date: day(i),
      movement,
      document: movement === 'bound' ? null : `${i}/QĐ-SGDĐT`,
      kind: 'THPT',
      lotId: 'LO-2024-01',
      range: quantity === 1 ? serial(next) : `${serial(next)}–${serial(next + quantity - 1)}`,
      quantity,
      counterpart: COUNTERPARTS[i % COUNTERPARTS.length] ?? null,
      balanceAfter: balance,
      note:
        movement === 'spoiled'
          ? 'misprint'
          : i % 9 === 0
            ? 'Bàn giao trực tiếp, người nhận xuất trình căn cước công dân và giấy giới thiệu của đơn vị'
            : null,
    });
    next += quantity;
  }
  return {
    authorityCode: 'SGD-HP',
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    kind: 'THPT',
    from: '2024-01-01',
    to: '2024-12-31',
    generatedAt: GENERATED_AT,
    rows,
  };
}

export function minutesFixture(): DestructionMinutesInput {
  return {
    authorityCode: 'SGD-HP',
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    minutesRef: '07/BB-HĐHP',
    councilDecision: { number: '45/QĐ-SGDĐT', date: '2024-12-01' },
    members: [
      { fullName: 'Nguyễn Văn An', title: 'Phó Giám đốc', role: 'Chủ tịch Hội đồng' },
      { fullName: 'Trần Thị Bình', title: 'Trưởng phòng Kế hoạch – Tài chính', role: 'Thành viên' },
      { fullName: 'Lê Văn Cường', title: 'Chánh Thanh tra', role: 'Thành viên' },
      { fullName: 'Phạm Thị Dung', title: 'Chuyên viên phòng Quản lý chất lượng', role: 'Thư ký' },
      { fullName: 'Hoàng Đức Thuỷ', title: 'Chuyên viên pháp chế', role: 'Thành viên' },
    ],
    method: 'Nghiền bằng máy huỷ tài liệu',
    place: 'Trụ sở Sở Giáo dục và Đào tạo Hải Phòng, huyện Thuỷ Nguyên',
    destroyedOn: '2024-12-10',
    items: [
      {
        kind: 'THPT',
        lotId: 'LO-2024-01',
        range: 'HP 0200010–HP 0200014',
        quantity: 5,
        stateBefore: 'spoiled',
        reason: 'damaged_at_receipt',
      },
      { kind: 'THPT', lotId: 'LO-2024-01', range: 'HP 0203417', quantity: 1, stateBefore: 'spoiled', reason: 'misprint' },
      { kind: 'THPT', lotId: 'LO-2024-01', range: 'HP 0203500–HP 0203502', quantity: 3, stateBefore: 'bound', reason: 'signed_but_wrong' },
      {
        kind: 'THCS',
        lotId: 'LO-2023-07',
        range: 'HC 0100001–HC 0101200',
        quantity: 1200,
        stateBefore: 'in_stock',
        reason: 'obsolete_template',
      },
      { kind: 'THPT', lotId: 'LO-2024-01', range: 'HP 0203600', quantity: 1, stateBefore: 'spoiled', reason: 'misprint' },
    ],
    generatedAt: GENERATED_AT,
  };
}
