// Scoring of a masked QR symbol exactly as qrcode 1.5 scores it in getBestMask (mask-pattern.js):
// ISO/IEC 18004 penalties N1–N4 over the whole symbol, function patterns and format bits included.
// qr-matrix.ts uses it to choose the mask qrcode would choose, in a fraction of the time.

export type MaskPattern = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Format information for level M (indicator 00) and a mask: BCH(15,5), then XOR 101010000010010. */
export function formatBits(mask: MaskPattern): number {
  const data = mask;
  let remainder = data << 10;
  for (let bit = 14; bit >= 10; bit--) if (remainder & (1 << bit)) remainder ^= 0x537 << (bit - 10);
  return ((data << 10) | remainder) ^ 0x5412;
}

/** The two copies of the format information and the dark module, where qrcode's setupFormatInfo puts them. */
export function placeFormat(grid: Uint8Array, n: number, bits: number, transposed: boolean): void {
  const set = (row: number, col: number, bit: number) => {
    grid[transposed ? col * n + row : row * n + col] = bit;
  };
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    set(i < 6 ? i : i < 8 ? i + 1 : n - 15 + i, 8, bit);
    set(8, i < 8 ? n - i - 1 : i < 9 ? 15 - i : 15 - i - 1, bit);
  }
  set(n - 8, 8, 1);
}

// The scoring loops are written without data-dependent branches: modules are close to random, so a
// branch per module would be mispredicted about half the time and cost more than the arithmetic.

/** N1 (runs of five or more) and N3 (finder-like 1011101 with four light) along every row of `grid`. */
function rowPenalty(grid: Uint8Array, n: number): number {
  let runs = 0;
  let finders = 0;
  for (let base = 0; base < n * n; base += n) {
    let last = grid[base] as number;
    let run = 1;
    let bits = last;
    for (let c = 1; c < n; c++) {
      const module = grid[base + c] as number;
      // A run of length L >= 5 scores 3 + (L - 5): 3 when it reaches 5, then 1 per further module.
      run = (1 ^ module ^ last) * run + 1;
      runs += 3 * +(run === 5) + +(run > 5);
      last = module;
      bits = ((bits << 1) & 0x7ff) | module;
      finders += +(c >= 10) & (+(bits === 0x5d0) | +(bits === 0x05d));
    }
  }
  return runs + 40 * finders;
}

/** N2 (2×2 blocks of one colour) and N4 (distance of the dark share from 50 %, in 5 % steps). */
function areaPenalty(grid: Uint8Array, n: number): number {
  let blocks = 0;
  let dark = 0;
  for (let top = 0; top < (n - 1) * n; top += n) {
    for (let c = 0; c < n - 1; c++) {
      const a = grid[top + c] as number;
      const b = grid[top + c + 1] as number;
      const d = grid[top + n + c] as number;
      const e = grid[top + n + c + 1] as number;
      blocks += (a & b & d & e) | ((a | b | d | e) ^ 1);
      dark += a;
    }
    dark += grid[top + n - 1] as number;
  }
  for (let i = (n - 1) * n; i < n * n; i++) dark += grid[i] as number;
  return blocks * 3 + Math.abs(Math.ceil((dark * 100) / (n * n) / 5) - 10) * 10;
}

// Columns are scored as the rows of a transposed copy, so every pass reads memory in order.
export function penalty(grid: Uint8Array, transposed: Uint8Array, n: number): number {
  return rowPenalty(grid, n) + rowPenalty(transposed, n) + areaPenalty(grid, n);
}
