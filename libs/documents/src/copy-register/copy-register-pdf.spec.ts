import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { qpdfCheck } from '../testing/pdf-checks';
import { inkShare, pdfPageTexts, renderGray, wordBoxes } from '../testing/poppler';
import { copyRegisterToPdf } from './copy-register-pdf';
import { GENERATED_AT, copyRegisterFixture, toNfd } from './testing/copy-register-fixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const A4_LANDSCAPE = [842, 595];
// Headings that fit on one line, so pdftotext -layout gives them whole.
const ONE_LINE_HEADINGS = ['STT', 'QĐ công nhận', 'Ghi chú'];

describe('copyRegisterToPdf', () => {
  const input = copyRegisterFixture(40);
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    pdf = await copyRegisterToPdf(input);
    pages = pdfPageTexts(pdf);
  });

  it('carries every holder name exactly, as composed (NFC) characters, and every copy number and serial', () => {
    const text = pages.join('\n');
    expect(input.rows.map((r) => r.fullName)).toEqual(expect.arrayContaining(['Nguyễn Thị Thuỷ', 'Đặng Hoàng Yến', 'Lê Quốc Hưng']));
    for (const r of input.rows) {
      expect({ name: r.fullName, found: text.includes(r.fullName.normalize('NFC')) }).toEqual({ name: r.fullName, found: true });
      expect(text).toContain(r.copyNumber);
      expect(text).toContain(r.copySerial);
      expect(text).toContain(r.originalSerial);
    }
  });

  it('opens with the book heading: superior, issuing body, title, kind and year', () => {
    for (const expected of [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG',
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG',
      'SỔ CẤP BẢN SAO TỪ SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
      'Loại văn bằng: Bằng tốt nghiệp THPT',
      'Năm: 2026',
      'Lập lúc 16:15 ngày 06/03/2026',
    ]) {
      expect(pages[0]).toContain(expected);
    }
  });

  it('prints who asked, how and when, in words and Vietnam time', () => {
    const text = pages.join('\n');
    for (const expected of [
      'Tại bộ phận một cửa',
      '02/03/2026 14:20',
      'Qua bưu chính',
      '03/03/2026 16:05',
      'Trực tuyến',
      'CCCD 031206000123',
      'Đặng Văn Hùng (Người',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is A4 landscape on every page, dated from generatedAt, and passes qpdf --check', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPages().map((p) => Object.values(p.getSize()).map(Math.round))).toEqual(pages.map(() => A4_LANDSCAPE));
    expect(doc.getCreationDate()).toEqual(new Date(GENERATED_AT));
    expect(doc.getTitle()).toBe(
      'SỔ CẤP BẢN SAO TỪ SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG năm 2026 – Sở Giáo dục và Đào tạo Hải Phòng',
    );
    expect(() => qpdfCheck(pdf)).not.toThrow();
  });

  it('numbers every page "Trang x/N", repeats the column headings and, after page 1, a running head', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
      if (page.includes('BS-THPT-2026')) for (const heading of ONE_LINE_HEADINGS) expect(page).toContain(heading);
      if (i > 0)
        expect(page).toContain(
          'Sở Giáo dục và Đào tạo Hải Phòng – SỔ CẤP BẢN SAO TỪ SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG năm 2026',
        );
    });
  });

  it('closes with the total, the dateline and the two signature places', () => {
    const last = (pages.at(-1) ?? '').replace(/\s+/g, ' ');
    for (const expected of [
      'Tổng số bản sao vào sổ: 40, từ số 000001/BS-THPT-2026 đến số 000040/BS-THPT-2026, cấp từ sổ gốc của 20 văn bằng.',
      'Hải Phòng, ngày 06 tháng 03 năm 2026',
      'NGƯỜI LẬP SỔ',
      'THỦ TRƯỞNG ĐƠN VỊ',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ]) {
      expect(last).toContain(expected);
    }
  });

  it('draws the glyphs of words with Vietnamese diacritics (subsetting must not blank them)', () => {
    const boxes = wordBoxes(pdf, 1);
    for (const word of ['Thuỷ', 'Đặng', 'Yến', 'BẢN', 'NGHIỆP']) {
      const box = boxes.find((b) => b.text === word);
      if (!box) throw new Error(`"${word}" not found on page 1`);
      const crop = { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin };
      expect({ word, ink: inkShare(renderGray(pdf, { page: 1, dpi: 150, crop })) > 0.08 }).toEqual({ word, ink: true });
    }
  });

  it('is byte-identical for the same input, including decomposed (NFD) input', async () => {
    const nfd = toNfd(copyRegisterFixture(40));
    expect(nfd.rows[0]?.fullName).not.toBe('Nguyễn Thị Thuỷ');
    expect(sha256(await copyRegisterToPdf(copyRegisterFixture(40)))).toBe(sha256(pdf));
    expect(sha256(await copyRegisterToPdf(nfd))).toBe(sha256(pdf));
  });
});
