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
 * with too many rows is refused before its rows take any memory or time. Quotes are followed as parseCsv
 * follows them, so a line break inside a quoted cell does not count. It jumps from one quote or line break
 * to the next with the regex engine and indexOf rather than visiting every character (a 29 MB list is
 * counted in a few tens of milliseconds).
 */
export function countCsvRows(text: string, stopAfter: number): number {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const delimiter = detectDelimiter(text.slice(start, start + 4096)).charCodeAt(0);
  const special = /["\r\n]/g;
  let rows = 0;
  let at = start;
  let lineStart = start;
  while (at < text.length) {
    special.lastIndex = at;
    const found = special.exec(text);
    if (!found) return rows + 1;
    const i = found.index;
    if (text.charCodeAt(i) === QUOTE) {
      at = i === lineStart || text.charCodeAt(i - 1) === delimiter ? afterQuotedField(text, i) : i + 1;
      continue;
    }
    if (++rows > stopAfter) return rows;
    at = text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    lineStart = at;
  }
  // A final line break ends the last row; it does not start an empty one (as in parseCsv).
  return rows;
}

/** Index after the quote that closes the quoted field opening at `open`; the text's end when none does. */
function afterQuotedField(text: string, open: number): number {
  for (let from = open + 1; ;) {
    const close = text.indexOf('"', from);
    if (close < 0) return text.length;
    if (text.charCodeAt(close + 1) !== QUOTE) return close + 1;
    from = close + 2;
  }
}
