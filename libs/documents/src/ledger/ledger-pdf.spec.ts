import { createHash } from 'node:crypto';
import { PDFDocument, PDFPage } from 'pdf-lib';
import { GENERATED_AT, ledgerFixture } from '../testing/fixtures';
import { inkShare, pdfPageTexts, renderGray, wordBoxes } from '../testing/poppler';
import { ledgerToPdf } from './ledger-pdf';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const HEADER_TITLES = [
  'STT',
  'Ngày',
  'Nghiệp vụ',
  'Số chứng từ',
  'Loại phôi',
  'Lô phôi',
  'Số hiệu phôi (từ – đến)',
  'Đơn vị giao/nhận',
  'Ghi chú',
];

describe('ledgerToPdf', () => {
  const input = ledgerFixture(120);
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    pdf = await ledgerToPdf(input);
    pages = pdfPageTexts(pdf);
  });

  it('heads a Sở’s ledger with its People’s Committee above its own name (issue 17)', async () => {
    const headed = pdfPageTexts(await ledgerToPdf({ ...input, superiorName: 'Ủy ban nhân dân thành phố Hải Phòng' }))[0]!;
    expect(headed).toMatch(/ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\s+\S/);
    expect(headed.indexOf('ỦY BAN NHÂN DÂN')).toBeLessThan(headed.indexOf(input.authorityName));
  });

  it('carries the Vietnamese text exactly as composed characters', () => {
    const text = pages.join('\n');
    for (const expected of [
      'Sở Giáo dục và Đào tạo Hải Phòng',
      'SỔ QUẢN LÝ PHÔI VĂN BẰNG',
      'Loại phôi: Bằng tốt nghiệp THPT',
      'Từ ngày 01/01/2024 đến ngày 31/12/2024',
      'Nhận phôi',
      'Giao cho đơn vị',
      'Thu về để huỷ',
      'Trả nhà cung cấp',
      'Thuỷ Nguyên',
      'HP 0200001–HP 0212000',
      '05/01/2024',
      '12.000',
      'In sai',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('is A4 landscape, dated from generatedAt', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
    expect(doc.getCreationDate()).toEqual(new Date(GENERATED_AT));
    expect(doc.getModificationDate()).toEqual(new Date(GENERATED_AT));
    expect(doc.getPageCount()).toBe(pages.length);
  });

  it('spans several pages, each with the table header and its page number, and loses no row at a break', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      for (const title of HEADER_TITLES) expect(page).toContain(title);
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    const text = pages.join('\n');
    for (const row of input.rows) expect(text).toContain(row.range);
  });

  it('puts ink on the page: text, not just the table rules', async () => {
    const withText = inkShare(renderGray(pdf, { page: 1, dpi: 50 }));
    const spy = jest.spyOn(PDFPage.prototype, 'drawText').mockImplementation(() => undefined);
    let rulesOnly: number;
    try {
      rulesOnly = inkShare(renderGray(await ledgerToPdf(input), { page: 1, dpi: 50 }));
    } finally {
      spy.mockRestore();
    }
    expect(withText).toBeGreaterThan(0.05);
    expect(withText).toBeGreaterThan(rulesOnly * 1.3);
  });

  it('draws the glyphs of words with Vietnamese diacritics (subsetting must not blank them)', () => {
    const boxes = wordBoxes(pdf, 1);
    for (const word of ['QUẢN', 'Nhận', 'Thuỷ', 'Hỏng']) {
      const box = boxes.find((b) => b.text === word);
      if (!box) throw new Error(`"${word}" not found on page 1`);
      const crop = { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin };
      expect({ word, ink: inkShare(renderGray(pdf, { page: 1, dpi: 150, crop })) > 0.08 }).toEqual({ word, ink: true });
    }
  });

  it('is byte-identical for the same input, including decomposed (NFD) input', async () => {
    const nfd = {
      ...input,
      authorityName: input.authorityName.normalize('NFD'),
      rows: input.rows.map((r) => ({ ...r, counterpart: r.counterpart?.normalize('NFD') ?? null })),
    };
    expect(nfd.authorityName).not.toBe(input.authorityName);
    const again = await ledgerToPdf(ledgerFixture(120));
    expect(sha256(again)).toBe(sha256(pdf));
    expect(sha256(await ledgerToPdf(nfd))).toBe(sha256(pdf));
  });
});
