import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { minutesFixture } from '../testing/fixtures';
import { inkShare, pdfPageTexts, renderGray, wordBoxes } from '../testing/poppler';
import { destructionMinutesToPdf } from './destruction-minutes-pdf';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('destructionMinutesToPdf', () => {
  const input = minutesFixture();
  let pdf: Uint8Array;
  let text: string;

  beforeAll(async () => {
    pdf = await destructionMinutesToPdf(input);
    text = pdfPageTexts(pdf).join('\n');
  });

  it('heads a Sở’s minutes with its People’s Committee above its own name (Nghị định 30/2020; issue 17)', async () => {
    const headed = pdfPageTexts(await destructionMinutesToPdf({ ...input, superiorName: 'Ủy ban nhân dân thành phố Hải Phòng' }))[0]!;
    const lines = headed.split('\n').map((l) => l.trim());
    const superior = lines.findIndex((l) => l.startsWith('ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG'));
    expect(superior).toBeGreaterThanOrEqual(0);
    expect(lines.slice(superior + 1, superior + 3).join(' ')).toContain(input.authorityName.toUpperCase());
    expect(text).not.toContain('ỦY BAN NHÂN DÂN');
  });

  it('carries the motto, the decision, date, place, method, items and totals by reason', () => {
    for (const expected of [
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN HUỶ PHÔI VĂN BẰNG',
      'Số: 07/BB-HĐHP',
      'Căn cứ Quyết định số 45/QĐ-SGDĐT ngày 01/12/2024',
      'Hôm nay, ngày 10/12/2024',
      'Thuỷ Nguyên',
      'Phương thức huỷ: Nghiền bằng máy huỷ tài liệu.',
      'HP 0200010–HP 0200014',
      'Hỏng khi nhận phôi',
      'Mẫu phôi hết hiệu lực',
      'Tổng cộng',
      '1.210',
      'Tổng hợp theo lý do huỷ',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('has a signature block naming every council member', () => {
    const signatures = text.slice(text.lastIndexOf('cùng ký tên'));
    for (const member of input.members) {
      expect(signatures).toContain(member.fullName);
      expect(signatures).toContain(member.role.toUpperCase());
    }
  });

  it('is A4 portrait with numbered pages', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    pdfPageTexts(pdf).forEach((page, i, all) => expect(page).toContain(`Trang ${i + 1}/${all.length}`));
  });

  it('renders its text, diacritics included', () => {
    expect(inkShare(renderGray(pdf, { page: 1, dpi: 50 }))).toBeGreaterThan(0.04);
    const boxes = wordBoxes(pdf, 1);
    for (const word of ['HUỶ', 'CỘNG', 'Quyết']) {
      const box = boxes.find((b) => b.text === word);
      if (!box) throw new Error(`"${word}" not found on page 1`);
      const crop = { x: box.xMin, y: box.yMin, width: box.xMax - box.xMin, height: box.yMax - box.yMin };
      expect({ word, ink: inkShare(renderGray(pdf, { page: 1, dpi: 150, crop })) > 0.08 }).toEqual({ word, ink: true });
    }
  });

  it('continues a long item list and many signatures over several pages', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ ...input.items[1]!, range: `HP ${String(203700 + i).padStart(7, '0')}` }));
    const members = Array.from({ length: 9 }, (_, i) => ({ fullName: `Thành viên Số ${i + 1}`, title: 'Chuyên viên', role: 'Thành viên' }));
    const pages = pdfPageTexts(await destructionMinutesToPdf({ ...input, items, members }));
    expect(pages.length).toBeGreaterThan(1);
    const all = pages.join('\n');
    for (const item of items) expect(all).toContain(item.range);
    for (const member of members) expect(all).toContain(member.fullName);
    expect(all).toContain('Tổng cộng');
  });

  it('is byte-identical for the same input, including decomposed (NFD) input', async () => {
    const nfd = {
      ...input,
      place: input.place.normalize('NFD'),
      members: input.members.map((m) => ({ ...m, fullName: m.fullName.normalize('NFD') })),
    };
    expect(sha256(await destructionMinutesToPdf(minutesFixture()))).toBe(sha256(pdf));
    expect(sha256(await destructionMinutesToPdf(nfd))).toBe(sha256(pdf));
  });
});
