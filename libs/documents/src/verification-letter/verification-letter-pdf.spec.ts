import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { decodeQrCodes, qpdfCheck } from '../testing/pdf-checks';
import { pdfPageTexts, wordBoxes, type WordBox } from '../testing/poppler';
import { resultText } from './verification-letter-content';
import type { VerificationLetterInput } from './verification-letter-input';
import { verificationLetterToPdf } from './verification-letter-pdf';
import { VERIFY_URL, toNfd, verificationLetterFixture } from './testing/verification-letter-fixture';

const A4_PORTRAIT = [595, 842];
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function box(boxes: readonly WordBox[], text: string): WordBox {
  const found = boxes.find((b) => b.text === text);
  if (!found) throw new Error(`"${text}" not found`);
  return found;
}

/** A letter about `count` people, to run the table over pages. */
function longLetter(count: number): VerificationLetterInput {
  const base = verificationLetterFixture();
  const subjects = Array.from({ length: count }, (_, i) => ({
    ...(base.subjects[i % base.subjects.length] as VerificationLetterInput['subjects'][number]),
  }));
  const answers = Array.from(
    { length: count },
    (_, i) => base.answers[i % base.answers.length] as VerificationLetterInput['answers'][number],
  );
  return { ...base, subjects, answers };
}

describe('verificationLetterToPdf', () => {
  const input = verificationLetterFixture();
  let pdf: Uint8Array;
  let sha: string;
  let text: string;

  beforeAll(async () => {
    ({ bytes: pdf, sha256: sha } = await verificationLetterToPdf(input));
    const pages = pdfPageTexts(pdf);
    expect(pages).toHaveLength(1);
    text = pages[0] ?? '';
  });

  it('is headed as Nghị định 30 lays out an official letter', () => {
    for (const expected of [
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ HẢI PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 388/SGDĐT-QLCL',
      'Hải Phòng, ngày 05 tháng 3 năm 2026',
      'V/v trả lời xác minh văn bằng',
      'Kính gửi: Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(flat(text)).toContain('SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG');
    // The bodies at the top left, the national name at the top right, the number above the addressee.
    const boxes = wordBoxes(pdf, 1);
    expect(box(boxes, 'SỞ').xMin).toBeLessThan(box(boxes, 'CỘNG').xMin);
    expect(Math.abs(box(boxes, 'SỞ').yMin - box(boxes, 'CỘNG').yMin)).toBeLessThan(40);
    expect(box(boxes, 'Số:').yMin).toBeLessThan(box(boxes, 'Kính').yMin);
  });

  it('cites their letter, then closes and lists the recipients and the signer', () => {
    expect(flat(text)).toContain(
      'Sở Giáo dục và Đào tạo Hải Phòng nhận được Công văn số 217/PC02 ngày 01/03/2026 của Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng về việc đề nghị xác minh văn bằng tốt nghiệp của 6 người.',
    );
    expect(flat(text)).toContain('Sở Giáo dục và Đào tạo Hải Phòng trả lời để Quý cơ quan biết./.');
    for (const expected of [
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, QLCL.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Trần Thị Bình',
      'Quét mã để kiểm tra công văn này',
    ])
      expect(text).toContain(expected);
  });

  it('answers every person with the name, date and numbers as asked', () => {
    for (const expected of [
      'Nguyễn Thị Thuỷ',
      'Đặng Hoàng Yến',
      'Hoàng Thị Ngọc Ánh',
      'Vũ Thị Thanh Phượng',
      '18/09/2006',
      'HP 0203418',
      '000001/THPT-2024',
      '000999/THPT-2024',
      '(không ghi)',
    ]) {
      expect({ expected, found: text.includes(expected.normalize('NFC')) }).toEqual({ expected, found: true });
    }
  });

  it('words each result in its column, in the order of the people', () => {
    const boxes = wordBoxes(pdf, 1);
    const heading = box(boxes, 'Kết');
    const note = box(boxes, '217/PC02;');
    // In reading order: line by line down the column, left to right along a line.
    const column = boxes
      .filter((b) => b.xMin >= heading.xMin - 30 && b.yMin > heading.yMax + 2 && b.yMax < note.yMin)
      .sort((a, b) => Math.round(a.yMin) - Math.round(b.yMin) || a.xMin - b.xMin);
    expect(flat(column.map((b) => b.text).join(' '))).toBe(flat(input.answers.map(resultText).join(' ')));
    for (const expected of [
      'Khớp với sổ gốc',
      'Không khớp: họ tên,',
      'Không có trong sổ gốc',
      'Đã bị thu hồi theo Quyết',
      '230/QĐ-SGDĐT',
      'ngày 02/11/2024',
      'Đã chỉnh sửa theo Quyết',
      'ngày 01/10/2024',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('carries a QR code at the bottom left that a scanner reads back as exactly verifyUrl', () => {
    expect(decodeQrCodes(pdf, 1, 200)).toEqual([VERIFY_URL]);
    const caption = box(wordBoxes(pdf, 1), 'Quét');
    expect(caption.xMin).toBeLessThan(A4_PORTRAIT[0]! / 3);
    expect(caption.yMin).toBeGreaterThan(A4_PORTRAIT[1]! * 0.85);
  });

  it('is one A4 portrait page that passes qpdf --check, dated from generatedAt', async () => {
    expect(() => qpdfCheck(pdf)).not.toThrow();
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPages().map((p) => Object.values(p.getSize()).map(Math.round))).toEqual([A4_PORTRAIT]);
    expect(doc.getCreationDate()).toEqual(new Date(input.generatedAt));
    expect(doc.getTitle()).toBe('Công văn số 388/SGDĐT-QLCL – V/v trả lời xác minh văn bằng');
  });

  it('is byte-identical for the same input, NFD included, and reports the SHA-256 of its bytes', async () => {
    expect(sha).toBe(sha256(pdf));
    const again = await verificationLetterToPdf(verificationLetterFixture());
    expect(again.sha256).toBe(sha);
    const nfd = toNfd(verificationLetterFixture());
    expect(nfd.subjects[0]?.fullName).not.toBe('Nguyễn Thị Thuỷ');
    expect((await verificationLetterToPdf(nfd)).sha256).toBe(sha);
  });

  it('runs a long table over pages: headings repeated, pages numbered from the second, the QR code on the last page', async () => {
    const { bytes } = await verificationLetterToPdf(longLetter(40));
    const pages = pdfPageTexts(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      if (i > 0) expect(page.trimStart().split('\n')[0]?.trim()).toBe(String(i + 1));
      if (page.includes('THPT-2024')) expect(page).toContain('Kết quả xác minh');
    });
    expect(pages.join('\n')).toContain('của 40 người');
    expect(decodeQrCodes(bytes, pages.length, 200)).toEqual([VERIFY_URL]);
    expect(decodeQrCodes(bytes, 1, 200)).toEqual([]);
    expect(() => qpdfCheck(bytes)).not.toThrow();
  });

  it('refuses a letter whose answers do not line up with its people', async () => {
    await expect(verificationLetterToPdf({ ...input, answers: input.answers.slice(1) })).rejects.toThrow(RangeError);
  });
});
