import { formatDateVi, formatInstantVi, formatLongDateVi, formatNumberVi, periodLabelVi } from './format';
import { kindLabel, ledgerNoteLabel, movementLabel, reasonLabel, stateLabel } from './labels';

describe('Vietnamese formatting', () => {
  it('prints calendar dates as dd/mm/yyyy, and instants as their day in Vietnam', () => {
    expect(formatDateVi('2024-01-05')).toBe('05/01/2024');
    expect(formatDateVi('2024-12-31T18:00:00.000Z')).toBe('01/01/2025');
    expect(formatLongDateVi('2024-12-10')).toBe('ngày 10 tháng 12 năm 2024');
    expect(() => formatDateVi('31/12/2024')).toThrow(RangeError);
  });

  it('prints quantities with a dot as the thousands separator', () => {
    expect([0, 7, 999, 1000, 12000, 1234567, -1500].map(formatNumberVi)).toEqual([
      '0',
      '7',
      '999',
      '1.000',
      '12.000',
      '1.234.567',
      '-1.500',
    ]);
  });

  it('prints the generation time in Vietnam time whatever the server zone', () => {
    expect(formatInstantVi('2025-01-05T03:30:00.000Z')).toBe('10:30 ngày 05/01/2025');
  });

  it('describes open-ended periods', () => {
    expect(periodLabelVi('2024-01-01', '2024-12-31', '2025-01-05T03:30:00Z')).toBe('Từ ngày 01/01/2024 đến ngày 31/12/2024');
    expect(periodLabelVi(undefined, undefined, '2025-01-05T03:30:00Z')).toBe('Từ đầu sổ đến ngày 05/01/2025');
  });
});

describe('Vietnamese labels', () => {
  it('names every movement, kind, reason and state in Vietnamese', () => {
    expect(
      ['receipt', 'allocation_out', 'allocation_in', 'bound', 'spoiled', 'recovered_for_destruction', 'destroyed', 'lost', 'returned'].map(
        movementLabel,
      ),
    ).toEqual([
      'Nhận phôi',
      'Giao cho đơn vị',
      'Nhận từ cấp trên',
      'In văn bằng',
      'Hỏng',
      'Thu về để huỷ',
      'Huỷ',
      'Mất',
      'Trả nhà cung cấp',
    ]);
    expect(['THPT', 'THCS', 'THPT_COPY', 'THCS_COPY'].map(kindLabel)).toEqual([
      'Bằng tốt nghiệp THPT',
      'Bằng tốt nghiệp THCS',
      'Bản sao bằng tốt nghiệp THPT',
      'Bản sao bằng tốt nghiệp THCS',
    ]);
    expect(['damaged_at_receipt', 'damaged', 'misprint', 'poor_quality', 'obsolete_template', 'signed_but_wrong'].map(reasonLabel)).toEqual(
      ['Hỏng khi nhận phôi', 'Hư hỏng', 'In sai', 'Kém chất lượng', 'Mẫu phôi hết hiệu lực', 'Văn bằng đã ký nhưng ghi sai'],
    );
    expect(stateLabel('spoiled')).toBe('Hỏng, chờ huỷ');
  });

  it('prints an unknown code as it is rather than dropping it, and says when no reason was given', () => {
    expect(movementLabel('audit_adjustment')).toBe('audit_adjustment');
    expect(reasonLabel('')).toBe('Không ghi lý do');
    expect(movementLabel('toString')).toBe('toString');
  });

  it('translates a reason code stored as a ledger note, and leaves free text alone', () => {
    expect(ledgerNoteLabel('damaged_at_receipt')).toBe('Hỏng khi nhận phôi');
    expect(ledgerNoteLabel('Bàn giao trực tiếp')).toBe('Bàn giao trực tiếp');
    // Issue 17: a spoiled blank's note is "code: the officer's words"; the code must not reach the paper in English.
    expect(ledgerNoteLabel('misprint: lệch dòng họ tên')).toBe('In sai: lệch dòng họ tên');
    expect(ledgerNoteLabel('misprint: ')).toBe('In sai');
    expect(ledgerNoteLabel('Ghi chú: không phải mã')).toBe('Ghi chú: không phải mã');
    expect(ledgerNoteLabel(null)).toBe('');
  });
});
