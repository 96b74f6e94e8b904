import type { PDFFont } from 'pdf-lib';

// Every width is a full fontkit shaping pass, and line breaking asks for the same strings again and
// again (a repeated kind label, each growing candidate line). Widths scale linearly with the size, so
// one cache at size 1 per font serves every size; the WeakMap lets it go with the document.
const widthsAtUnitSize = new WeakMap<PDFFont, Map<string, number>>();

export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = widthsAtUnitSize.get(font);
  if (!widths) widthsAtUnitSize.set(font, (widths = new Map()));
  let width = widths.get(text);
  if (width === undefined) widths.set(text, (width = font.widthOfTextAtSize(text, 1)));
  return width * size;
}
