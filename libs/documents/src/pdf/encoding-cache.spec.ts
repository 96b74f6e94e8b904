import { PageSizes } from 'pdf-lib';
import { cacheTextEncoding } from './encoding-cache';
import { embedSerifFonts } from './fonts';
import { createPdf, savePdf } from './pdf-file';

const LINES = ['Chính quy', 'Hoàng Thị Ngọc Ánh', 'Chính quy', 'THPT-2024', 'Chính quy', 'Đặng Hoàng Yến', 'THPT-2024'];

async function document(cached: boolean): Promise<Uint8Array> {
  const doc = await createPdf({ title: 'Thử', author: 'Sổ Gốc', subject: 'Thử', generatedAt: '2025-01-05T03:30:00.000Z' });
  const embedded = await embedSerifFonts(doc);
  const fonts = cached ? cacheTextEncoding(embedded) : embedded;
  const page = doc.addPage(PageSizes.A4);
  LINES.forEach((text, i) => page.drawText(text, { x: 40, y: 780 - 20 * i, font: i % 2 ? fonts.bold : fonts.regular, size: 12 }));
  return savePdf(doc);
}

describe('cacheTextEncoding', () => {
  it('reuses the encoding of a text already drawn', async () => {
    const doc = await createPdf({ title: 'Thử', author: 'Sổ Gốc', subject: 'Thử', generatedAt: '2025-01-05T03:30:00.000Z' });
    const fonts = cacheTextEncoding(cacheTextEncoding(await embedSerifFonts(doc)));
    expect(fonts.regular.encodeText('Chính quy')).toBe(fonts.regular.encodeText('Chính quy'));
    expect(fonts.regular.encodeText('Chính quy').asString()).not.toBe(fonts.regular.encodeText('Kinh').asString());
  });

  it('changes no byte of the output', async () => {
    expect(Buffer.compare(await document(true), await document(false))).toBe(0);
  });
});
