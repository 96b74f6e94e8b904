// The glyphs every document embeds: enough for any Vietnamese text in either case, digits and the
// punctuation of administrative documents. A fixed set means the embedded font is the same bytes in
// every document (built once per process); a character outside it is still printed, and only that
// document pays for a font subset of its own.

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export const BASE_CODE_POINTS: readonly number[] = [
  ...range(0x20, 0x7e), // ASCII
  ...range(0xa0, 0xff), // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý and their capitals, °, ×
  0x102,
  0x103,
  0x110,
  0x111,
  0x128,
  0x129,
  0x168,
  0x169,
  0x1a0,
  0x1a1,
  0x1af,
  0x1b0, // Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư
  ...range(0x1ea0, 0x1ef9), // Latin Extended Additional: ạ ả ấ … ỹ, the rest of Vietnamese
  0x2013,
  0x2014,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2026, // – — ‘ ’ “ ” …
];
