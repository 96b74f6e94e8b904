import { PDFArray, PDFDocument, PageSizes, type PDFPage } from 'pdf-lib';
import { pdfPageTexts, renderGray } from '../testing/poppler';
import { embedSerifFonts } from './fonts';
import { createPdf, savePdf } from './pdf-file';
import { sealPage } from './seal-page';

async function twoPages(seal: boolean): Promise<Uint8Array> {
  const doc = await createPdf({ title: 'Thử', author: 'Sổ Gốc', subject: 'Thử', generatedAt: '2025-01-05T03:30:00.000Z' });
  const fonts = await embedSerifFonts(doc);
  const draw = (page: PDFPage, text: string, y: number) => page.drawText(text, { x: 40, y, font: fonts.regular, size: 14 });
  const pages = [doc.addPage(PageSizes.A4), doc.addPage(PageSizes.A4)];
  pages.forEach((page, i) => {
    draw(page, `Nguyễn Thị Thuỷ, dòng ${i + 1}`, 700);
    page.drawRectangle({ x: 40, y: 600, width: 200, height: 60, borderWidth: 1 });
    if (seal) sealPage(doc, page);
  });
  // Drawn after sealing, as "Trang x/y" is.
  pages.forEach((page, i) => draw(page, `Trang ${i + 1}/2`, 40));
  return savePdf(doc);
}

describe('sealPage', () => {
  it('turns a finished page into bytes, and what is drawn later goes into a second content stream', async () => {
    const sealed = await twoPages(true);
    const doc = await PDFDocument.load(sealed);
    const contents = doc.getPage(0).node.Contents();
    expect(contents).toBeInstanceOf(PDFArray);
    expect((contents as PDFArray).size()).toBe(2);
    expect(pdfPageTexts(sealed).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Nguyễn Thị Thuỷ, dòng 1 Trang 1/2',
      'Nguyễn Thị Thuỷ, dòng 2 Trang 2/2',
    ]);
  });

  it('renders exactly like the unsealed page', async () => {
    const [sealed, plain] = [await twoPages(true), await twoPages(false)];
    for (const page of [1, 2])
      expect(Buffer.compare(renderGray(sealed, { page, dpi: 60 }).pixels, renderGray(plain, { page, dpi: 60 }).pixels)).toBe(0);
  });
});
