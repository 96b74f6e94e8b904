import { detectDelimiter, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted delimiters, doubled quotes and line breaks inside quotes (RFC 4180)', () => {
    const text = 'a,b,c\r\n"Hải Phòng, Việt Nam","Lê ""Tí"" Văn","dòng 1\r\ndòng 2"\r\n"",x,\r\n';
    expect(parseCsv(text).rows).toEqual([
      ['a', 'b', 'c'],
      ['Hải Phòng, Việt Nam', 'Lê "Tí" Văn', 'dòng 1\r\ndòng 2'],
      ['', 'x', ''],
    ]);
  });

  it('counts a quoted line break as part of one row, so row numbers match the spreadsheet', () => {
    const { rows } = parseCsv('h1,h2\n"two\nlines",x\nlast,y');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual(['last', 'y']);
  });

  it('accepts CRLF, LF and lone CR line ends, with or without a final one', () => {
    const expected = [
      ['a', 'b'],
      ['1', '2'],
    ];
    for (const text of ['a,b\r\n1,2\r\n', 'a,b\n1,2\n', 'a,b\r1,2', 'a,b\n1,2']) expect(parseCsv(text).rows).toEqual(expected);
  });

  it('keeps blank lines as rows so later row numbers do not shift', () => {
    expect(parseCsv('a,b\n\n1,2\n').rows).toEqual([['a', 'b'], [''], ['1', '2']]);
  });

  it('drops a UTF-8 byte order mark', () => {
    expect(parseCsv('\uFEFFSTT,Họ và tên\n1,An').rows[0]).toEqual(['STT', 'Họ và tên']);
    expect(parseCsv('STT,Họ và tên\n1,An').rows[0]).toEqual(['STT', 'Họ và tên']);
  });

  it('is lenient where Excel is: a quote inside an unquoted field is text, text after a closing quote is kept', () => {
    expect(parseCsv('Trường "Chuyên" Trần Phú,"12"A1').rows).toEqual([['Trường "Chuyên" Trần Phú', '12A1']]);
  });

  it('uses ";" when the header row has more semicolons than commas (Excel in comma-decimal locales)', () => {
    const parsed = parseCsv('STT;Họ và tên;Nơi sinh\r\n1;"Lê Văn An";"Bà Rịa - Vũng Tàu, Việt Nam"\r\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.rows[1]).toEqual(['1', 'Lê Văn An', 'Bà Rịa - Vũng Tàu, Việt Nam']);
  });

  it('tells the delimiter from the header row only', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5;6')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2,3,4,5,6')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('Họ và tên')).toBe(',');
  });

  it('reports a quote that never closes, at the row where it opened', () => {
    expect(parseCsv('a,b\n1,2\n3,"never closed\n4,5\n').unterminatedQuoteRow).toBe(3);
  });
});
