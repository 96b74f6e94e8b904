import { parseCsv, countCsvRows } from './csv';
import { GRADUATE_LIST_LIMITS } from './limits';
import { readGraduateList } from './read-graduate-list';
import { fixture, THPT_2024 } from './testing/fixture-files';
import { bigCsv, xlsxZipBomb } from './testing/hostile-files';
import { inspectXlsxArchive } from './zip-guard';

const GIB = 1024 * 1024 * 1024;
const fileCodes = async (bytes: Uint8Array, name: string, limits = GRADUATE_LIST_LIMITS) => {
  const started = performance.now();
  const list = await readGraduateList(bytes, name, { ...THPT_2024, limits });
  return {
    codes: list.problems.map((p) => `${p.row} ${p.field}: ${p.code}`),
    records: list.records.length,
    ms: performance.now() - started,
    list,
  };
};

describe('graduate lists past every bound are refused before they cost memory or time (issue 16)', () => {
  it('a 250,000-row CSV (29 MB) is refused as too many rows, without overflowing the stack', async () => {
    const csv = bigCsv(250_000);
    expect(csv.length).toBeGreaterThan(25 * 1024 * 1024);
    const { codes, records, ms, list } = await fileCodes(csv, 'big.csv');
    expect(codes).toEqual(['0 file: TOO_MANY_ROWS']);
    expect(records).toBe(0);
    expect(list.problems[0]?.messageVi).toContain('150.000');
    expect(ms).toBeLessThan(2000);
  });

  it('a list just inside the row bound is read in full: the bound is on rows, not on a guess', async () => {
    const { codes, records } = await fileCodes(fixture('graduates-thpt-2024.csv'), 'ok.csv', { ...GRADUATE_LIST_LIMITS, maxRows: 2001 });
    expect(codes).toEqual([]);
    expect(records).toBe(2000);
    const over = await fileCodes(fixture('graduates-thpt-2024.csv'), 'ok.csv', { ...GRADUATE_LIST_LIMITS, maxRows: 2000 });
    expect(over.codes).toEqual(['0 file: TOO_MANY_ROWS']);
  });

  it('a file over the byte bound is refused unread', async () => {
    const { codes } = await fileCodes(fixture('graduates-thpt-2024.csv'), 'big.csv', { ...GRADUATE_LIST_LIMITS, maxBytes: 100_000 });
    expect(codes).toEqual(['0 file: FILE_TOO_LARGE']);
  });

  it('counts CSV rows as the parser makes them: a line break inside quotes is one row, CRLF is one break', () => {
    const text = 'Họ và tên,Nơi sinh\r\n"Lê\r\nA",x\r\n"B ""q""",y\n\n"C",z';
    expect(countCsvRows(text, 100)).toBe(parseCsv(text).rows.length);
    expect(countCsvRows(text, 100)).toBe(5);
    const fixtureText = Buffer.from(fixture('graduates-thpt-2024.csv')).toString('utf8');
    expect(countCsvRows(fixtureText, 1e9)).toBe(parseCsv(fixtureText).rows.length);
    expect(countCsvRows(fixtureText, 10)).toBe(11);
  });

  describe('an .xlsx zip bomb (one worksheet inflating to 1 GiB of whitespace)', () => {
    let honest: Buffer;
    let lying: Buffer;
    beforeAll(async () => {
      honest = await xlsxZipBomb(GIB);
      lying = await xlsxZipBomb(GIB, 900_000);
    }, 60_000);

    it('is refused from its central directory, before anything is inflated', async () => {
      expect(honest.length).toBeLessThan(4 * 1024 * 1024);
      const before = process.memoryUsage().rss;
      const { codes, ms, list } = await fileCodes(honest, 'bomb.xlsx');
      expect(codes).toEqual(['0 file: SUSPICIOUS_ARCHIVE']);
      expect(list.problems[0]?.messageEn).toMatch(/compressed \d+ to 1 \(at most 100\)/);
      expect(ms).toBeLessThan(200);
      expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
    });

    it('lying about its size, is stopped as soon as it inflates past what it declared', async () => {
      const { codes, ms, list } = await fileCodes(lying, 'bomb.xlsx');
      expect(codes).toEqual(['0 file: SUSPICIOUS_ARCHIVE']);
      expect(list.problems[0]?.messageEn).toContain('inflates to more than it declares');
      expect(ms).toBeLessThan(500);
    });

    it('the declared totals and ratios are also bounded on their own', async () => {
      const verdict = await inspectXlsxArchive(honest, { ...GRADUATE_LIST_LIMITS, maxCompressionRatio: 10_000 });
      expect(verdict).toMatchObject({ ok: false, reasonEn: 'it declares 1024 MB unpacked (at most 200 MB)' });
    });
  });

  it('a genuine workbook passes the archive check with its rows counted', async () => {
    expect(await inspectXlsxArchive(fixture('graduates-thpt-2024.xlsx'), GRADUATE_LIST_LIMITS)).toEqual({
      ok: true,
      largestSheetRows: 2001,
    });
    const { codes } = await fileCodes(fixture('graduates-thpt-2024.xlsx'), 'list.xlsx', { ...GRADUATE_LIST_LIMITS, maxRows: 1500 });
    expect(codes).toEqual(['0 file: TOO_MANY_ROWS']);
  });
});
