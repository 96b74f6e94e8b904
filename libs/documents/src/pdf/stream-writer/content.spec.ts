import * as QRCode from 'qrcode';
import { qrCode } from './content';

const PAYLOAD = 'https://tracuu.example.vn/v/abcDEF123_-xyz';

/** Paints the rectangles of the QR path back into a grid of modules. */
function paint(ops: string, size: number): Uint8Array {
  const grid = new Uint8Array(size * size);
  for (const [, x, y, w, h] of ops.matchAll(/(\d+) (\d+) (\d+) (\d+) re/g)) {
    for (let row = Number(y); row < Number(y) + Number(h); row++)
      for (let col = Number(x); col < Number(x) + Number(w); col++) grid[row * size + col] = (grid[row * size + col] ?? 0) + 1;
  }
  return grid;
}

describe('qrCode', () => {
  it('covers exactly the dark modules of the symbol, once each, inside a 4-module quiet zone', () => {
    const { modules } = QRCode.create([{ data: Buffer.from(PAYLOAD, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
    const n = modules.size;
    const grid = paint(qrCode(PAYLOAD, 10, 20, 100), n + 8);
    for (let row = 0; row < n + 8; row++) {
      for (let col = 0; col < n + 8; col++) {
        const inside = row >= 4 && row < n + 4 && col >= 4 && col < n + 4;
        const dark = inside ? modules.data[(row - 4) * n + (col - 4)] : 0;
        expect(grid[row * (n + 8) + col]).toBe(dark);
      }
    }
  });

  it('merges each row run into one rectangle and fills the whole symbol as one path', () => {
    const ops = qrCode(PAYLOAD, 0, 0, 100);
    expect(ops.match(/\bf\b/g)).toHaveLength(1);
    const rects = [...ops.matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map(([, x, y, w]) => ({ x: Number(x), y: Number(y), w: Number(w) }));
    rects.forEach((rect, i) => {
      const next = rects[i + 1];
      // Within a row, a run ends at a light module: the next run never starts right where this one ends.
      if (next && next.y === rect.y) expect(next.x).toBeGreaterThan(rect.x + rect.w);
    });
  });

  it('scales the symbol, quiet zone included, to the requested square', () => {
    const { modules } = QRCode.create([{ data: Buffer.from(PAYLOAD, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
    const m = 100 / (modules.size + 8);
    expect(qrCode(PAYLOAD, 10, 20, 100)).toMatch(
      new RegExp(`^q 0 g ${m.toFixed(3).replace(/0+$/, '')} 0 0 -${m.toFixed(3).replace(/0+$/, '')} 10 120 cm\n`),
    );
  });
});
