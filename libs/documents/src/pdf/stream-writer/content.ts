import type { ShapedText } from './font-face';
import { num } from './pdf-syntax';
import { qrMatrix } from './qr-matrix';

// Content-stream snippets in PDF user space (origin bottom-left, points).

export function showText(fontResource: string, size: number, x: number, y: number, text: ShapedText): string {
  return `BT /${fontResource} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm [${text.tj}] TJ ET\n`;
}

const QUIET_ZONE = 4; // modules of white around the symbol, as ISO/IEC 18004 requires

/**
 * A QR code as filled rectangles, one per run of dark modules in a row, all in one path filled once: a
 * single fill has no hairline seams between neighbouring rectangles when rasterised with anti-aliasing.
 * The coordinates are whole module numbers under one scaling matrix, which keeps the stream short.
 * `x`, `y` are the bottom-left corner of the square including the quiet zone.
 */
export function qrCode(payload: string, x: number, y: number, size: number): string {
  const modules = qrMatrix(payload);
  const n = modules.size;
  const module = size / (n + 2 * QUIET_ZONE);
  const rects: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.data[row * n + col]) col++;
      rects.push(`${start + QUIET_ZONE} ${row + QUIET_ZONE} ${col - start} 1 re`);
    }
  }
  // Rows count downwards from the top edge, as the matrix does: the y axis is flipped by the matrix.
  return `q 0 g ${num(module)} 0 0 ${num(-module)} ${num(x)} ${num(y + size)} cm\n${rects.join('\n')}\nf Q\n`;
}
