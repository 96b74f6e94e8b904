/**
 * Page scans are evidence: a checker compares each typed line with the scan, and a court may ask for it
 * decades later. Only formats that every viewer opens are accepted, recognised by their first bytes, never
 * by the file name or the declared type, which a browser or a user may get wrong.
 */
export const SCAN_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ScanMediaType = (typeof SCAN_MEDIA_TYPES)[number];

/** A 600-dpi colour A3 page as JPEG is ~10 MB; a PDF of one page with a lossless image can reach ~20 MB. */
export const MAX_SCAN_BYTES = 25 * 1024 * 1024;

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sniffScanType(head: Uint8Array): ScanMediaType | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}
