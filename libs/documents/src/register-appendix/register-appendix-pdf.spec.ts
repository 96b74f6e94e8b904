import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { inkShare, pdfPageTexts, renderGray, wordBoxes, type WordBox } from '../testing/poppler';
import { registerAppendixToPdf } from './register-appendix-pdf';
import { GENERATED_AT, LONG_ISSUER_ERROR, registerAppendixFixture, toNfd } from './testing/register-appendix-fixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const A4_LANDSCAPE = [842, 595];
const RIGHT_MARGIN = 24;
// Headings that fit on one line, so pdftotext -layout gives them whole.
const ONE_LINE_HEADINGS = ['STT', 'Số định danh', 'Họ và tên', 'Ngày sinh', 'Ghi chú'];

/** Share of dark pixels inside a word's box, rendered at 150 dpi: a blank glyph has next to none. */
const inkIn = (pdf: Uint8Array, page: number, box: WordBox): number =>
  inkShare(
    renderGray(pdf, { page, dpi: 150, crop: { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin } }),
  );

describe('registerAppendixToPdf', () => {
  const input = registerAppendixFixture(4);
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    pdf = await registerAppendixToPdf(input);
    pages = pdfPageTexts(pdf);
  });

  it('fits a short appendix on one page: book heading, title, lines, closing, "Trang 1/1"', () => {
    expect(pages).toHaveLength(1);
    for (const expected of [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG',
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG',
      'PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
      'Loại văn bằng: Bằng tốt nghiệp THPT',
      'Năm: 2024',
      ...ONE_LINE_HEADINGS,
      'Tổng số dòng phụ lục: 4, gồm 3 chỉnh sửa và 1 cấp lại.',
      'Hải Phòng, ngày 05 tháng 01 năm 2025',
      'NGƯỜI LẬP SỔ',
      'THỦ TRƯỞNG ĐƠN VỊ',
      'Trang 1/1',
    ]) {
      expect(pages[0]).toContain(expected);
    }
  });

  it('carries every holder name exactly, as composed (NFC) characters, with the changes in words', () => {
    const text = pages.join('\n');
    const names = input.rows.map((r) => r.fullName);
    expect(names).toEqual(expect.arrayContaining(['Nguyễn Thị Thuỷ', 'Đặng Hoàng Yến', 'Lê Quốc Hưng', 'Hoàng Thị Ngọc Ánh']));
    for (const name of names) expect({ name, found: text.includes(name.normalize('NFC')) }).toEqual({ name, found: true });
    for (const expected of [
      'Ngày sinh: 18/09/2006 → 19/09/2006',
      'Giới tính: Nữ → Nam;',
      'Họ và tên: Đặng Hoàng Yên →',
      'HP 0210001',
      '215/QĐ-SGDĐT',
      'ngày 15/10/2024',
      'Chỉnh sửa',
      'Cấp lại',
      '031206001000',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is A4 landscape, dated from generatedAt', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPages().map((p) => Object.values(p.getSize()).map(Math.round))).toEqual([A4_LANDSCAPE]);
    expect(doc.getCreationDate()).toEqual(new Date(GENERATED_AT));
    expect(doc.getTitle()).toBe('PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG năm 2024 – Sở Giáo dục và Đào tạo Hải Phòng');
  });

  it('draws the glyphs of words with Vietnamese diacritics and the arrow (subsetting must not blank them)', () => {
    const boxes = wordBoxes(pdf, 1);
    // The arrow is one thin stroke across a full-height box: about 6 % ink where a blank glyph has none.
    for (const [word, least] of [
      ['Thuỷ', 0.08],
      ['Đặng', 0.08],
      ['Yến', 0.08],
      ['Hưng', 0.08],
      ['Ánh', 0.08],
      ['PHỤ', 0.08],
      ['LỤC', 0.08],
      ['NGHIỆP', 0.08],
      ['→', 0.03],
    ] as const) {
      const box = boxes.find((b) => b.text === word);
      if (!box) throw new Error(`"${word}" not found on page 1`);
      expect({ word, ink: inkIn(pdf, 1, box) > least }).toEqual({ word, ink: true });
    }
  });

  it('is byte-identical for the same input, including decomposed (NFD) input', async () => {
    const nfd = toNfd(registerAppendixFixture(4));
    expect(nfd.rows[1]?.fullName).not.toBe('Đặng Hoàng Yến');
    expect(sha256(await registerAppendixToPdf(registerAppendixFixture(4)))).toBe(sha256(pdf));
    expect(sha256(await registerAppendixToPdf(nfd))).toBe(sha256(pdf));
  });

  describe('a longer appendix', () => {
    let long: Uint8Array;
    let longPages: string[];

    beforeAll(async () => {
      long = await registerAppendixToPdf(registerAppendixFixture(40));
      longPages = pdfPageTexts(long);
    });

    it('numbers every page "Trang x/N" and repeats the column headings and, after page 1, a running head', () => {
      expect(longPages.length).toBeGreaterThanOrEqual(3);
      longPages.forEach((page, i) => {
        expect(page).toContain(`Trang ${i + 1}/${longPages.length}`);
        if (page.includes('/QĐ-SGDĐT')) for (const heading of ONE_LINE_HEADINGS) expect(page).toContain(heading);
        if (i > 0)
          expect(page).toContain('Sở Giáo dục và Đào tạo Hải Phòng – PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG năm 2024');
      });
      expect(longPages.at(-1)).toContain('Tổng số dòng phụ lục: 40, gồm 29 chỉnh sửa và 11 cấp lại.');
    });

    it('wraps a long issuer error inside the notes column instead of running off the page', () => {
      expect(LONG_ISSUER_ERROR.length).toBeGreaterThan(150);
      const boxes = wordBoxes(long, 1);
      for (const box of boxes)
        expect({ word: box.text, inside: box.xMin >= 0 && box.xMax <= A4_LANDSCAPE[0]! - RIGHT_MARGIN + 0.5 }).toEqual({
          word: box.text,
          inside: true,
        });
      const distinctive = new Set(['văn', 'người', 'học', 'không', '(Điều', 'Thông']);
      const noteWords = boxes.filter((b) => distinctive.has(b.text) && b.xMin > A4_LANDSCAPE[0]! - RIGHT_MARGIN - 80);
      expect(new Set(noteWords.map((b) => b.text))).toEqual(distinctive);
      expect(new Set(noteWords.map((b) => Math.round(b.yMin))).size).toBeGreaterThanOrEqual(3);
    });
  });
});
