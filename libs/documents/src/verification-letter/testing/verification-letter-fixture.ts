import type { VerificationLetterInput } from '../verification-letter-input';

export { toNfd } from '../../register-book/testing/register-book-fixture';

export const VERIFY_URL = 'https://xacminh.haiphong.edu.vn/cong-van/SGD-HP/2026/388?k=Q2tR8vLmZx3Nf7Hb0aWp';

/** A police unit's letter about five people, one of each answer but MATCH, which two get. */
export function verificationLetterFixture(): VerificationLetterInput {
  return {
    superiorName: 'Ủy ban nhân dân thành phố Hải Phòng',
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    place: 'Hải Phòng',
    letterNumber: '388/SGDĐT-QLCL',
    respondedOn: '2026-03-05',
    organisation: 'Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng',
    theirLetterNumber: '217/PC02',
    theirLetterDate: '2026-03-01',
    subjects: [
      { fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18', serial: 'HP 0203418', registerNumber: '000001/THPT-2024' },
      { fullName: 'Đặng Hoàng Yến', birthDate: '2006-09-12', serial: 'HP 0203419', registerNumber: null },
      { fullName: 'Lê Quốc Hưng', birthDate: null, serial: null, registerNumber: '000999/THPT-2024' },
      { fullName: 'Hoàng Thị Ngọc Ánh', birthDate: '2006-01-02', serial: 'HP 0203421', registerNumber: '000004/THPT-2024' },
      { fullName: 'Phạm Văn Khoa', birthDate: '2006', serial: 'HP 0203422', registerNumber: '000005/THPT-2024' },
      { fullName: 'Vũ Thị Thanh Phượng', birthDate: '2006-04-04', serial: 'HP 0203423', registerNumber: '000006/THPT-2024' },
    ],
    answers: [
      { result: 'MATCH', mismatchedFields: [], decisions: [] },
      { result: 'MISMATCH', mismatchedFields: ['fullName', 'birthDate'], decisions: [] },
      { result: 'NOT_FOUND', mismatchedFields: [], decisions: [] },
      { result: 'REVOKED', mismatchedFields: [], decisions: [{ decisionNumber: '230/QĐ-SGDĐT', decisionDate: '2024-11-02' }] },
      { result: 'CORRECTED', mismatchedFields: [], decisions: [{ decisionNumber: '201/QĐ-SGDĐT', decisionDate: '2024-10-01' }] },
      { result: 'MATCH', mismatchedFields: [], decisions: [] },
    ],
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: 'Trần Thị Bình',
    verifyUrl: VERIFY_URL,
    generatedAt: '2026-03-05T02:40:00.000Z',
  };
}
