import type { RowProblem } from '@so-goc/domain';
import { countCsvRows, parseCsv } from './csv';
import { decodeText } from './decode-text';
import { badEncoding, tooManyRows, unterminatedQuote } from './file-problems';
import type { SheetRow } from './sheet';

export function readCsvSheet(
  bytes: Uint8Array,
  fileName: string,
  maxRows: number,
): { readonly rows: readonly SheetRow[] } | { readonly problem: RowProblem } {
  if (countCsvRows(asciiView(bytes), maxRows) > maxRows) return { problem: tooManyRows(maxRows) };
  const text = decodeText(bytes);
  if (text === undefined) return { problem: badEncoding(fileName) };
  const parsed = parseCsv(text);
  if (parsed.unterminatedQuoteRow !== undefined) return { problem: unterminatedQuote(parsed.unterminatedQuoteRow) };
  return { rows: parsed.rows.map((cells, index) => ({ row: index + 1, cells })) };
}

/**
 * The bytes as a one-byte string, for counting rows before the (much slower) checked UTF-8 decoding:
 * quotes, delimiters and line breaks are ASCII, and no byte of a multi-byte UTF-8 character is. A UTF-16
 * file is decoded first, since its line breaks are two bytes.
 */
function asciiView(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeText(bytes) ?? '';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return Buffer.from(bytes.buffer, bytes.byteOffset + bom, bytes.byteLength - bom).toString('latin1');
}
