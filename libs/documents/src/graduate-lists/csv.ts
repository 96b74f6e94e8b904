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
