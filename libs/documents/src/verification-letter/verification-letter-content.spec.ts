import { letterDateline, recipientLines, resultText } from './verification-letter-content';

describe('verification letter wording', () => {
  it('dates the letter as Nghị định 30 does: a 0 before days under 10 and before months 1 and 2 only', () => {
    expect(letterDateline('Hải Phòng', '2026-03-05')).toBe('Hải Phòng, ngày 05 tháng 3 năm 2026');
    expect(letterDateline('Hải Phòng', '2026-01-07')).toBe('Hải Phòng, ngày 07 tháng 01 năm 2026');
    expect(letterDateline('Hải Phòng', '2026-02-28')).toBe('Hải Phòng, ngày 28 tháng 02 năm 2026');
    expect(letterDateline('Thái Bình', '2026-12-15')).toBe('Thái Bình, ngày 15 tháng 12 năm 2026');
  });

  it('words every result, naming the differing fields and the decisions with their dates', () => {
    const none = { mismatchedFields: [], decisions: [] };
    expect(resultText({ result: 'MATCH', ...none })).toBe('Khớp với sổ gốc');
    expect(resultText({ result: 'MISMATCH', ...none, mismatchedFields: ['fullName', 'birthDate', 'registerNumber', 'schoolName'] })).toBe(
      'Không khớp: họ tên, ngày sinh, số vào sổ, schoolName',
    );
    expect(resultText({ result: 'MISMATCH', ...none })).toBe('Không khớp với sổ gốc');
    expect(resultText({ result: 'NOT_FOUND', ...none })).toBe('Không có trong sổ gốc');
    expect(resultText({ result: 'REVOKED', ...none, decisions: [{ decisionNumber: '230/QĐ-SGDĐT', decisionDate: '2024-11-02' }] })).toBe(
      'Đã bị thu hồi theo Quyết định số 230/QĐ-SGDĐT\nngày 02/11/2024',
    );
    expect(
      resultText({
        result: 'CORRECTED',
        ...none,
        decisions: [
          { decisionNumber: '201/QĐ-SGDĐT', decisionDate: '2024-10-01' },
          { decisionNumber: '15/QĐ-SGDĐT', decisionDate: '2025-01-20' },
        ],
      }),
    ).toBe('Đã chỉnh sửa theo Quyết định số 201/QĐ-SGDĐT\nngày 01/10/2024;\nQuyết định số 15/QĐ-SGDĐT\nngày 20/01/2025');
  });

  it('keeps the archive copy with the clerical office and the drafting unit named in the letter number', () => {
    expect(recipientLines('388/SGDĐT-QLCL')).toEqual(['- Như trên;', '- Lưu: VT, QLCL.']);
    expect(recipientLines('45/SGDĐT')).toEqual(['- Như trên;', '- Lưu: VT.']);
  });
});
