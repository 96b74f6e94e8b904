export type CsvDelimiter = ',' | ';' | '\t';

export interface CsvParse {
  readonly rows: readonly (readonly string[])[];
  readonly delimiter: CsvDelimiter;
  /** Set when a quoted field never closes: the row (1-based) where it opened. */
  readonly unterminatedQuoteRow?: number;
}

/**
 * Excel writes ";" instead of "," where the decimal separator is a comma, and tabs when it saves
 * "Unicode text"; the header row tells which one a file uses, since headers hold none of them.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const [commas, semicolons, tabs] = [count(','), count(';'), count('\t')];
  if (tabs > commas && tabs > semicolons) return '\t';
  return semicolons > commas ? ';' : ',';
}

/**
 * RFC 4180 as spreadsheets write it: quoted fields may hold delimiters, doubled quotes and line breaks;
 * lines end in CRLF, LF or a lone CR. One record is one spreadsheet row, so a line break inside quotes
 * does not shift the row numbers an officer sees. Blank lines are kept as rows for the same reason.
 * Lenient where Excel is: a quote inside an unquoted field is a character, and text after a closing
 * quote is kept.
 */
export function parseCsv(input: string): CsvParse {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let quoteRow = 0;
  let i = 0;

  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };

  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteRow = rows.length + 1;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (quoted) return { rows, delimiter, unterminatedQuoteRow: quoteRow };
  // A final line break ends the last row; it does not start an empty one.
  if (field !== '' || row.length > 0) endRow();
  return { rows, delimiter };
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * How many rows parseCsv would return, counted without building them, and only up to `stopAfter`: a list
 * with too many rows is refused before its rows take any memory. Quotes are followed as parseCsv follows
 * them, so a line break inside a quoted cell does not count.
 */
export function countCsvRows(text: string, stopAfter: number): number {
  let rows = 0;
  let quoted = false;
  let fieldStart = true;
  let pendingRow = false;
  const delimiter = detectDelimiter(text.startsWith('\uFEFF') ? text.slice(1, 4096) : text.slice(0, 4096)).charCodeAt(0);
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i++;
        else quoted = false;
      }
      continue;
    }
    if (ch === QUOTE && fieldStart) {
      quoted = true;
      fieldStart = false;
      pendingRow = true;
    } else if (ch === CR || ch === LF) {
      if (ch === CR && text.charCodeAt(i + 1) === LF) i++;
      if (++rows > stopAfter) return rows;
      fieldStart = true;
      pendingRow = false;
    } else {
      fieldStart = ch === delimiter;
      pendingRow = true;
    }
  }
  return pendingRow ? rows + 1 : rows;
}
