import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { inkShare, pdfPageTexts, renderGray, runTool, withPdfFile, wordBoxes } from '../testing/poppler';
import { registerBookToPdf } from './register-book-pdf';
import { GENERATED_AT, LONG_GROUND, registerBookFixture, toNfd } from './testing/register-book-fixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The same file with every text object taken out of its pages (in qpdf's editable form): the rules alone. */
function withoutText(pdf: Uint8Array): Uint8Array {
  return withPdfFile(pdf, (path, dir) => {
    const [qdf, stripped] = [join(dir, 'qdf.pdf'), join(dir, 'stripped.pdf')];
    runTool('qpdf', ['--qdf', '--object-streams=disable', path, qdf], 'qpdf');
    writeFileSync(
      stripped,
      readFileSync(qdf)
        .toString('latin1')
        .replace(/^BT .* ET$/gm, ''),
      'latin1',
    );
    return new Uint8Array(runTool('fix-qdf', [stripped], 'qpdf'));
  });
}

const A4_LANDSCAPE = [842, 595];
const RIGHT_MARGIN = 24;
// Headings that fit on one line, so pdftotext -layout gives them whole.
const ONE_LINE_HEADINGS = ['STT', 'Họ và tên', 'Nơi sinh', 'Số hiệu', 'Ghi chú'];

describe('registerBookToPdf', () => {
  const input = registerBookFixture(40);
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    pdf = await registerBookToPdf(input);
    pages = pdfPageTexts(pdf);
  });

  it('carries every holder name exactly, as composed (NFC) characters', () => {
    const text = pages.join('\n');
    const names = input.sections.flatMap((s) => s.rows.map((r) => r.fullName));
    expect(names).toEqual(expect.arrayContaining(['Nguyễn Thị Thuỷ', 'Đặng Hoàng Yến', 'Lê Quốc Hưng', 'Hoàng Thị Ngọc Ánh']));
    for (const name of names) expect({ name, found: text.includes(name.normalize('NFC')) }).toEqual({ name, found: true });
    for (const r of input.sections.flatMap((s) => s.rows)) expect(text).toContain(r.registerNumber.split('/')[0]);
  });

  it('opens with the book heading and heads each section with its decision', () => {
    for (const expected of [
      'ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG',
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG',
      'SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG',
      'Loại văn bằng: Bằng tốt nghiệp THPT',
      'Năm: 2024',
      'Quyết định công nhận tốt nghiệp số 125/QĐ-SGDĐT ngày 20/07/2024',
      'Kỳ thi: Kỳ thi tốt nghiệp THPT năm 2024',
      'Người ký văn bằng: Nguyễn Văn An (Giám đốc)',
      'Ngày cấp: 10/08/2024 – Nơi cấp: Hải Phòng',
      '18/09/2006',
      '09/2006',
    ]) {
      expect(pages[0]).toContain(expected);
    }
    expect(pages.join('\n')).toContain('Quyết định công nhận tốt nghiệp số 140/QĐ-SGDĐT ngày 05/09/2024');
  });

  it('is A4 landscape on every page, dated from generatedAt', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPages().map((p) => Object.values(p.getSize()).map(Math.round))).toEqual(pages.map(() => A4_LANDSCAPE));
    expect(doc.getCreationDate()).toEqual(new Date(GENERATED_AT));
    expect(doc.getPageCount()).toBe(pages.length);
  });

  it('numbers every page "Trang x/N", repeats the column headings over register lines and, after page 1, a running head', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
      if (page.includes('THPT-2024')) for (const heading of ONE_LINE_HEADINGS) expect(page).toContain(heading);
      if (i > 0)
        expect(page).toContain(
          'Sở Giáo dục và Đào tạo Hải Phòng – SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG năm 2024 – QĐ công nhận tốt nghiệp số',
        );
    });
  });

  it('closes with the total, the dateline and the two signature places', () => {
    const last = pages.at(-1) ?? '';
    for (const expected of [
      'Tổng số văn bằng vào sổ: 40, theo 2 quyết định công nhận tốt nghiệp.',
      'Hải Phòng, ngày 05 tháng 01 năm 2025',
      'NGƯỜI LẬP SỔ',
      'THỦ TRƯỞNG ĐƠN VỊ',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ]) {
      expect(last).toContain(expected);
    }
  });

  it('puts ink on the page: text, not just the table rules', () => {
    const withText = inkShare(renderGray(pdf, { page: 1, dpi: 50 }));
    const rulesOnly = inkShare(renderGray(withoutText(pdf), { page: 1, dpi: 50 }));
    expect(withText).toBeGreaterThan(0.04);
    expect(withText).toBeGreaterThan(rulesOnly * 1.3);
  });

  it('draws the glyphs of words with Vietnamese diacritics (subsetting must not blank them)', () => {
    const boxes = wordBoxes(pdf, 1);
    for (const word of ['Thuỷ', 'Đặng', 'Hưng', 'Ánh', 'GỐC', 'NGHIỆP']) {
      const box = boxes.find((b) => b.text === word);
      if (!box) throw new Error(`"${word}" not found on page 1`);
      const crop = { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin };
      expect({ word, ink: inkShare(renderGray(pdf, { page: 1, dpi: 150, crop })) > 0.08 }).toEqual({ word, ink: true });
    }
  });

  it('wraps a long note inside its column instead of running off the page', () => {
    const page = pages.findIndex((p) => p.includes('230/')) + 1;
    expect(page).toBeGreaterThan(0);
    const boxes = wordBoxes(pdf, page);
    for (const box of boxes)
      expect({ word: box.text, inside: box.xMin >= 0 && box.xMax <= A4_LANDSCAPE[0]! - RIGHT_MARGIN + 0.5 }).toEqual({
        word: box.text,
        inside: true,
      });
    const distinctive = new Set(['Gian', 'lận', 'tẩy', 'xoá,', 'chữa', 'điểm', 'khoản', 'Thông']);
    const noteWords = boxes.filter((b) => distinctive.has(b.text));
    expect(noteWords.map((b) => b.text).sort()).toEqual([...distinctive].sort());
    expect(new Set(noteWords.map((b) => Math.round(b.yMin))).size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...noteWords.map((b) => b.xMax)) - Math.min(...noteWords.map((b) => b.xMin))).toBeLessThan(120);
    expect(LONG_GROUND.length).toBeGreaterThan(150);
  });

  it('is byte-identical for the same input, including decomposed (NFD) input', async () => {
    const nfd = toNfd(registerBookFixture(40));
    expect(nfd.sections[0]?.rows[0]?.fullName).not.toBe('Nguyễn Thị Thuỷ');
    expect(sha256(await registerBookToPdf(registerBookFixture(40)))).toBe(sha256(pdf));
    expect(sha256(await registerBookToPdf(nfd))).toBe(sha256(pdf));
  });
});
