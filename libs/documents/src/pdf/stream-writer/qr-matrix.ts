import * as QRCode from 'qrcode';
import { formatBits, penalty, placeFormat, type MaskPattern } from './qr-score';

// One byte-mode segment rather than the bare string: given a string, qrcode searches for the cheapest
// mix of numeric, alphanumeric and byte segments, and for a base64url token that search (a Dijkstra over
// every digit and capital run) took as long as the rest of the encoding while giving the same version
// (10) for every payload measured.
//
// qrcode picks the mask by applying each of the eight to its BitMatrix module by module through method
// calls, scoring it and undoing it: about three quarters of QRCode.create's time, and so most of a
// page's. Here the symbol is encoded once by QRCode.create with mask 0, the mask is taken off, and the
// eight candidates are scored on flat arrays with the very rules qrcode applies (ISO/IEC 18004 N1–N4 as
// qrcode implements them, ties to the lower mask). The chosen mask and its format bits then give the
// symbol QRCode.create would have returned; the first call in a process checks that against the library
// and falls back to it for good if a future qrcode chose differently.

export interface QrMatrix {
  size: number;
  /** Row-major, 1 = dark. */
  data: Uint8Array;
}

const MASKS: readonly MaskPattern[] = [0, 1, 2, 3, 4, 5, 6, 7];

const MASK_AT: ReadonlyArray<(i: number, j: number) => boolean> = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
];

function encode(payload: string, maskPattern?: MaskPattern): QRCode.QRCode {
  const segments = [{ data: Buffer.from(payload, 'utf8'), mode: 'byte' as const }];
  return maskPattern === undefined
    ? QRCode.create(segments, { errorCorrectionLevel: 'M' })
    : QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern });
}

// Grids are padded to whole 32-bit words so that applying a mask XORs four modules at a time.
const grid32 = (n: number): Uint8Array => new Uint8Array((n * n + 3) & ~3);

function transpose(grid: Uint8Array, n: number): Uint8Array {
  const out = grid32(n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out[c * n + r] = grid[r * n + c] as number;
  return out;
}

// Per symbol size: each mask as a grid that is 0 on function patterns, so applying it is a plain XOR;
// with the transposed grids alongside, for scoring columns.
const maskGrids = new Map<number, { masks: Uint8Array[]; transposed: Uint8Array[] }>();

function masksFor(n: number, reserved: Uint8Array): { masks: Uint8Array[]; transposed: Uint8Array[] } {
  let grids = maskGrids.get(n);
  if (!grids) {
    const masks = MASK_AT.map((at) => {
      const grid = grid32(n);
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) grid[r * n + c] = !reserved[r * n + c] && at(r, c) ? 1 : 0;
      return grid;
    });
    maskGrids.set(n, (grids = { masks, transposed: masks.map((mask) => transpose(mask, n)) }));
  }
  return grids;
}

/** target = source XOR mask, on padded grids of equal size. */
function xor(target: Uint8Array, source: Uint8Array, mask: Uint8Array): void {
  const [t, s, m] = [target, source, mask].map((grid) => new Uint32Array(grid.buffer, grid.byteOffset, grid.length >> 2)) as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  for (let i = 0; i < t.length; i++) t[i] = (s[i] as number) ^ (m[i] as number);
}

function fastMatrix(payload: string): QrMatrix {
  const { modules } = encode(payload, 0);
  const n = modules.size;
  const { masks, transposed } = masksFor(n, modules.reservedBit);
  const unmasked = grid32(n);
  unmasked.set(modules.data);
  xor(unmasked, unmasked, masks[0] as Uint8Array);
  const unmaskedT = transpose(unmasked, n);
  const grid = grid32(n);
  const gridT = grid32(n);
  let best: MaskPattern = 0;
  let lowest = Infinity;
  for (const mask of MASKS) {
    const bits = formatBits(mask);
    xor(grid, unmasked, masks[mask] as Uint8Array);
    placeFormat(grid, n, bits, false);
    xor(gridT, unmaskedT, transposed[mask] as Uint8Array);
    placeFormat(gridT, n, bits, true);
    const score = penalty(grid, gridT, n);
    if (score < lowest) [lowest, best] = [score, mask];
  }
  xor(grid, unmasked, masks[best] as Uint8Array);
  placeFormat(grid, n, formatBits(best), false);
  return { size: n, data: grid.subarray(0, n * n) };
}

/** The library's own path, for reference and as the fallback. */
export function libraryMatrix(payload: string): QrMatrix {
  const { modules } = encode(payload);
  return { size: modules.size, data: Uint8Array.from(modules.data) };
}

let verified: boolean | undefined;

// Payloads whose best masks are 0, 1, 2, 3, 4 and 6 under qrcode 1.5.4, and a version-10 one like the
// real verification URLs, so a change in any scoring rule or in the layout shows up.
const CHECKS = [
  'https://tracuu.example.vn/v/x',
  'Nguyễn Thị Thuỷ',
  'HP 0203418',
  'https://tracuu.example.vn/v/self-check',
  'https://tracuu.example.vn/v/eyJ2IjoxLCJrIjoiU0dELUhQIiwicyI6IkhQIDAyMDM0MTgiLCJyIjoiMDAwNDE3L1RIUFQtMjAyNCJ9',
  '000417/THPT-2024',
  `https://tracuu.example.vn/v/${'A1b2'.repeat(43)}`,
];

function fastPathAgrees(): boolean {
  return CHECKS.every((payload) => {
    const [fast, reference] = [fastMatrix(payload), libraryMatrix(payload)];
    return fast.size === reference.size && Buffer.from(fast.data).equals(Buffer.from(reference.data));
  });
}

/** The QR symbol of `payload` (one byte segment, level M), exactly as QRCode.create would give it. */
export function qrMatrix(payload: string): QrMatrix {
  verified ??= fastPathAgrees();
  return verified ? fastMatrix(payload) : libraryMatrix(payload);
}
