import { createHash } from 'node:crypto';
import * as QRCode from 'qrcode';
import { libraryMatrix, qrMatrix } from './qr-matrix';
import { formatBits } from './qr-score';

// Payloads of 1 to 400 bytes (versions 1 to 14 at level M), ASCII and Vietnamese.
const payloads = Array.from({ length: 160 }, (_, i) => {
  const token = createHash('sha512').update(`payload ${i}`).digest('base64url').repeat(4);
  const text = i % 5 === 0 ? `Sổ Gốc – Nguyễn Thị Thuỷ ${token}` : `https://tracuu.example.vn/v/${token}`;
  return text.slice(0, 1 + ((i * 37) % 400));
});

describe('qrMatrix', () => {
  it('gives exactly the symbol QRCode.create gives, mask choice included', () => {
    const masks = new Set<number | undefined>();
    for (const payload of payloads) {
      const reference = QRCode.create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
      masks.add(reference.maskPattern);
      const ours = qrMatrix(payload);
      expect(ours.size).toBe(reference.modules.size);
      expect(Buffer.from(ours.data).equals(Buffer.from(reference.modules.data))).toBe(true);
    }
    // The payloads exercise every mask, so no scoring rule goes untested.
    expect(masks.size).toBe(8);
  });

  it('agrees with the library path it falls back to', () => {
    const payload = payloads[7] ?? '';
    expect(Buffer.from(qrMatrix(payload).data).equals(Buffer.from(libraryMatrix(payload).data))).toBe(true);
  });

  it('encodes the format information of ISO/IEC 18004 Table C.1 for level M', () => {
    expect(([0, 1, 2, 3, 4, 5, 6, 7] as const).map((mask) => formatBits(mask).toString(2).padStart(15, '0'))).toEqual([
      '101010000010010',
      '101000100100101',
      '101111001111100',
      '101101101001011',
      '100010111111001',
      '100000011001110',
      '100111110010111',
      '100101010100000',
    ]);
  });
});
