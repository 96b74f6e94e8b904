/**
 * Spreadsheets save text as UTF-8 (with a BOM from Excel's "CSV UTF-8", without one from LibreOffice
 * and most scripts) or as UTF-16LE ("Unicode text"). Anything else, typically Windows-1258 or the old
 * TCVN3/VNI encodings of a plain Excel "CSV" on a Vietnamese Windows, is refused rather than guessed:
 * a wrong guess would put garbled names into a permanent register (rule 19).
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return undefined;
  }
}
