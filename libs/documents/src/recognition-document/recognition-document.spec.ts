import { generateKeyPairSync } from 'node:crypto';
import { holderDigest } from '../verification/holder-digest';
import { keyIdOf, publishedKeyOf, verificationKeySetOf } from '../verification/key-set';
import { signVerificationToken, verifyVerificationToken } from '../verification/verification-token';
import { decodeQrCodes, qpdfCheck } from '../testing/pdf-checks';
import { inkShare, pdfPageTexts, renderGray, wordBoxes } from '../testing/poppler';
import { recognitionDocumentToPdf, type RecognitionDocumentInput } from './recognition-document-pdf';
import { signRecognitionToken, verifyRecognitionToken } from './recognition-token';

const VERIFY_URL = 'https://tracuu.example.gov.vn/cong-nhan/abc.def';
const input: RecognitionDocumentInput = {
  superiorName: 'Ủy ban nhân dân thành phố Hải Phòng',
  authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
  place: 'Hải Phòng',
  documentNumber: '000012/CNVB-2026',
  decidedOn: '2026-10-26',
  // Decomposed on purpose: what is printed is composed (NFC).
  applicant: { fullName: 'Trần Minh Khôi'.normalize('NFD'), birthDate: '2008-02-14', birthPlace: 'Hải Phòng' },
  foreignDiploma: {
    title: 'High School Diploma',
    issuer: 'Lincoln High School, Portland, Oregon',
    country: 'Hoa Kỳ',
    issuedOn: '2026-06-12',
    number: 'LHS-2026-0419',
  },
  equivalentTo: 'THPT',
  receivedOn: '2026-09-07',
  legalBasis: 'TT 13/2021/TT-BGDĐT, sửa đổi bởi TT 07/2024/TT-BGDĐT',
  signerTitle: 'Giám đốc',
  signerName: 'Nguyễn Văn An',
  verifyUrl: VERIFY_URL,
  generatedAt: '2026-10-26T00:00:00.000Z',
};

describe('The recognition document (§8)', () => {
  it('prints the recognition in composed Vietnamese, with ink on the page, a QR to the portal, the same bytes every time', async () => {
    const { bytes, sha256 } = await recognitionDocumentToPdf(input);
    qpdfCheck(bytes);
    const text = pdfPageTexts(bytes)[0]!.replace(/\s+/g, ' ');
    for (const expected of [
      'ỦY BAN NHÂN DÂN THÀNH',
      'PHỐ HẢI PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'GIẤY CÔNG NHẬN VĂN BẰNG',
      'Số: 000012/CNVB-2026',
      'Hải Phòng, ngày 26 tháng 10 năm 2026',
      'Trần Minh Khôi',
      'Bằng tốt nghiệp trung học phổ thông của Việt Nam',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Trần Minh Khôi'.normalize('NFD'));
    // The national name on one line: its first and last words share a baseline.
    const boxes = wordBoxes(bytes, 1);
    const first = boxes.find((b) => b.text === 'CỘNG')!;
    const last = boxes.find((b) => b.text === 'NAM' && Math.abs(b.yMin - first.yMin) < 2);
    expect(last).toBeDefined();
    // Glyphs really drawn (subsetting can blank them while text extraction still works).
    expect(inkShare(renderGray(bytes, { dpi: 50, png: process.env['RECOGNITION_PNG'] }))).toBeGreaterThan(0.01);
    expect(decodeQrCodes(bytes)).toEqual([VERIFY_URL]);
    expect((await recognitionDocumentToPdf(input)).sha256).toBe(sha256);
  });
});

describe('Recognition QR tokens', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const kid = keyIdOf(publicKey);
  const keys = verificationKeySetOf({
    keys: [publishedKeyOf({ publicKey, authorityCode: 'SGD-HP', createdAt: '2026-01-01T00:00:00Z', retiredAt: null })],
  });
  const payload = {
    v: 1 as const,
    kid,
    recognitionId: 'cn-2026-0001',
    documentNumber: '000012/CNVB-2026',
    authorityCode: 'SGD-HP',
    decidedOn: '2026-10-26',
    holderDigest: holderDigest('Trần Minh Khôi', '2008-02-14'),
  };

  it('verifies with the authority’s published key, and an altered token is forged', () => {
    const token = signRecognitionToken(payload, privateKey);
    expect(verifyRecognitionToken(token, keys)).toEqual({ status: 'valid', payload });
    const [body, signature] = token.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify([1, kid, 'cn-2026-0001', '000013/CNVB-2026', 'SGD-HP', '2026-10-26', payload.holderDigest]));
    expect(verifyRecognitionToken(`${other.toString('base64url')}.${signature}`, keys)).toEqual({
      status: 'forged',
      reason: 'bad_signature',
    });
    expect(verifyRecognitionToken(`${body}.${signature.slice(1)}`, keys).status).toBe('forged');
    expect(verifyRecognitionToken('nonsense', keys)).toEqual({ status: 'forged', reason: 'malformed' });
  });

  it('a recognition signature never passes for a diploma token, nor the reverse (separate signing domains)', () => {
    const recognition = signRecognitionToken(payload, privateKey);
    expect(verifyVerificationToken(recognition, keys).status).toBe('forged');
    const diploma = signVerificationToken(
      {
        v: 1,
        kid,
        kind: 'diploma',
        diplomaId: 'sgd-hp-1234-2024-00417',
        serial: 'HP 0203418',
        registerNumber: '000417/THPT-2024',
        authorityCode: 'SGD-HP',
        issueDate: '2024-08-14',
        holderDigest: payload.holderDigest,
      },
      privateKey,
    );
    expect(verifyRecognitionToken(diploma, keys).status).toBe('forged');
  });
});
