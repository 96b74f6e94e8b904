import { closingDateline, sectionDetails } from './register-book-content';
import { registerBookTitle, type RegisterNote } from './register-book-export';
import { formatRegisterBirthDate, registerNoteLabel, registerNotesText, sexLabel, trainingModeLabel } from './register-book-labels';

describe('register book wording', () => {
  it('words every kind of note in Vietnamese, with dates as dd/mm/yyyy', () => {
    const notes: RegisterNote[] = [
      { type: 'serial_replaced', oldSerial: 'HP 0203417', newSerial: 'HP 0203418', reason: 'misprint', on: '2024-08-12' },
      { type: 'received_by_proxy', proxyName: 'Đặng Văn Hùng', authorisationRef: '15/UQ-2024' },
      { type: 'lost_before_delivery', minutesRef: '03/BB-SGDĐT', policeUnit: 'phường Lê Chân', on: '2024-08-25' },
      { type: 'corrected', decisionNumber: '201/QĐ-SGDĐT', decisionDate: '2024-10-01', appendixRow: 3 },
      {
        type: 'reissued',
        decisionNumber: '215/QĐ-SGDĐT',
        decisionDate: '2024-10-15',
        newSerial: 'HP 0210001',
        newRegisterNumber: '000005/THPT-2024/1',
      },
      { type: 'revoked', decisionNumber: '230/QĐ-SGDĐT', decisionDate: '2024-11-02', ground: 'Gian lận trong thi cử' },
    ];
    expect(notes.map(registerNoteLabel)).toEqual([
      'Phôi HP 0203417 in hỏng (In sai) ngày 12/08/2024, thay bằng phôi HP 0203418',
      'Người nhận thay: Đặng Văn Hùng (giấy ủy quyền 15/UQ-2024)',
      'Mất trước khi phát, biên bản 03/BB-SGDĐT ngày 25/08/2024, đã báo Công an phường Lê Chân',
      'Đã chỉnh sửa theo QĐ 201/QĐ-SGDĐT ngày 01/10/2024, xem phụ lục dòng 3',
      'Cấp lại theo QĐ 215/QĐ-SGDĐT ngày 15/10/2024: số hiệu mới HP 0210001, số vào sổ mới 000005/THPT-2024/1',
      'Đã thu hồi, hủy bỏ theo QĐ 230/QĐ-SGDĐT ngày 02/11/2024 (lý do: Gian lận trong thi cử)',
    ]);
    expect(registerNotesText(notes.slice(0, 2))).toBe(
      `${registerNoteLabel(notes[0] as RegisterNote)}\n${registerNoteLabel(notes[1] as RegisterNote)}`,
    );
  });

  it('leaves out what a note does not have, and never writes "Công an Công an"', () => {
    expect(registerNoteLabel({ type: 'received_by_proxy', proxyName: 'Trần Văn Nam', authorisationRef: null })).toBe(
      'Người nhận thay: Trần Văn Nam',
    );
    expect(registerNoteLabel({ type: 'corrected', decisionNumber: '201/QĐ-SGDĐT', decisionDate: '2024-10-01', appendixRow: null })).toBe(
      'Đã chỉnh sửa theo QĐ 201/QĐ-SGDĐT ngày 01/10/2024, xem phụ lục sổ gốc',
    );
    expect(registerNoteLabel({ type: 'revoked', decisionNumber: '230/QĐ-SGDĐT', decisionDate: '2024-11-02', ground: ' ' })).toBe(
      'Đã thu hồi, hủy bỏ theo QĐ 230/QĐ-SGDĐT ngày 02/11/2024',
    );
    expect(
      registerNoteLabel({ type: 'lost_before_delivery', minutesRef: '03/BB', policeUnit: 'Công an quận Ngô Quyền', on: '2024-08-25' }),
    ).toContain('đã báo Công an quận Ngô Quyền');
  });

  it('prints an unknown reason code or note type as it is rather than dropping it', () => {
    expect(
      registerNoteLabel({ type: 'serial_replaced', oldSerial: 'HP 1', newSerial: 'HP 2', reason: 'ink_smudge', on: '2024-08-12' }),
    ).toContain('(ink_smudge)');
    expect(registerNoteLabel({ type: 'found_again', serial: 'HP 1' } as unknown as RegisterNote)).toBe(
      '{"type":"found_again","serial":"HP 1"}',
    );
  });

  it('prints a birth date as precisely as it is known, and refuses a malformed one', () => {
    expect(['2006-09-18', '2006-09', '2006'].map(formatRegisterBirthDate)).toEqual(['18/09/2006', '09/2006', '2006']);
    expect(() => formatRegisterBirthDate('2006-13')).toThrow(RangeError);
    expect(() => formatRegisterBirthDate('18/09/06')).toThrow(RangeError);
  });

  it('heads a section with only the facts it has, and dates the closing even without a place', () => {
    const bare = {
      decisionNumber: '152/QĐ-SGDĐT',
      decisionDate: '2024-10-10',
      examSession: null,
      signerName: null,
      signerTitle: null,
      issueDate: null,
      issuePlace: null,
      rows: [],
    };
    expect(sectionDetails(bare)).toEqual([]);
    expect(sectionDetails({ ...bare, signerTitle: 'Giám đốc', issuePlace: 'Hải Phòng' })).toEqual([
      'Người ký văn bằng: Giám đốc',
      'Nơi cấp: Hải Phòng',
    ]);
    const book = {
      authorityName: 'Sở GDĐT',
      superiorName: null,
      authorityCode: 'SGD',
      kind: 'THPT' as const,
      year: 2024,
      generatedAt: '2024-12-31T18:00:00.000Z',
      sections: [bare],
    };
    expect(closingDateline(book)).toBe('……………, ngày 01 tháng 01 năm 2025');
    expect(closingDateline({ ...book, place: 'Thuỷ Nguyên' })).toBe('Thuỷ Nguyên, ngày 01 tháng 01 năm 2025');
  });

  it('names sex, training mode and the book in Vietnamese', () => {
    expect([sexLabel('male'), sexLabel('female')]).toEqual(['Nam', 'Nữ']);
    expect([trainingModeLabel('regular'), trainingModeLabel('continuing')]).toEqual(['Chính quy', 'Giáo dục thường xuyên']);
    expect(registerBookTitle('THPT')).toBe('SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG');
    expect(registerBookTitle('THCS')).toBe('SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
  });
});
