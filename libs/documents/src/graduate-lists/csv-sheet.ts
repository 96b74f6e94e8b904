import type { RowProblem } from '@so-goc/domain';
import { countCsvRows, parseCsv } from './csv';
import { decodeText } from './decode-text';
import { badEncoding, tooManyRows, unterminatedQuote } from './file-problems';
import type { SheetRow } from './sheet';

export function readCsvSheet(bytes: Uint8Array, fileName: string, maxRows: number): { readonly rows: readonly SheetRow[] } | { readonly problem: RowProblem } {
  const text = decodeText(bytes);
  if (text === undefined) return { problem: badEncoding(fileName) };
  if (countCsvRows(text, maxRows) > maxRows) return { problem: tooManyRows(maxRows) };
  const parsed = parseCsv(text);
  if (parsed.unterminatedQuoteRow !== undefined) return { problem: unterminatedQuote(parsed.unterminatedQuoteRow) };
  return { rows: parsed.rows.map((cells, index) => ({ row: index + 1, cells })) };
}
