import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePrintRunPdf } from './diploma-pdf/diploma-pdf';
import { readGraduateList, type GraduateListProgress } from './graduate-lists/read-graduate-list';
import { fixture, THPT_2024 } from './graduate-lists/testing/fixture-files';
import { registerBookPdfStream } from './register-book/register-book-pdf';
import { registerBookToXlsx } from './register-book/register-book-xlsx';
import { registerBookFixture } from './register-book/testing/register-book-fixture';
import { diplomaFace } from './testing/diploma-fixtures';

const increasing = (values: readonly number[]) => values.every((v, i) => i === 0 || v >= values[i - 1]!);

/**
 * The counts a console job shows (issue 13 item 4) come from the readers and writers as they work: rows
 * read, pages added to the file, lines of the book laid out. Telling them changes nothing of the output.
 */
describe('Progress reported by the documents’ readers and writers', () => {
  it('counts every row of a graduate list as it is checked, up to the rows under the header', async () => {
    const seen: GraduateListProgress[] = [];
    const list = await readGraduateList(fixture('graduates-thpt-2024.csv'), 'graduates-thpt-2024.csv', THPT_2024, (p) => seen.push(p));
    expect(seen[0]).toEqual({ rowsRead: 0, rowsTotal: 2000 });
    expect(seen.at(-1)).toEqual({ rowsRead: 2000, rowsTotal: 2000 });
    expect(increasing(seen.map((p) => p.rowsRead))).toBe(true);
    expect(list.records).toHaveLength(2000);
  });

  it('counts the pages of a print run as they are added to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-goc-progress-'));
    try {
      const pages: number[] = [];
      const faces = Array.from({ length: 70 }, (_, i) => diplomaFace({ registerNumber: `${String(i + 1).padStart(6, '0')}/THPT-2024` }));
      const file = await writePrintRunPdf(faces, join(dir, 'run.pdf'), { mode: 'preview', workers: 0, onPage: (n) => pages.push(n) });
      expect(file.pageCount).toBe(70);
      // One report per batch of 32 pages written, the last one at the whole run.
      expect(pages).toEqual([32, 64, 70]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('counts the lines of the sổ gốc as they are written, to XLSX and to PDF, and writes the same file either way', async () => {
    const input = registerBookFixture(1500, 3);
    const xlsxLines: number[] = [];
    const counted = await registerBookToXlsx(input, (n) => xlsxLines.push(n));
    expect(xlsxLines).toHaveLength(1500);
    expect(xlsxLines.at(-1)).toBe(1500);
    expect(Buffer.compare(counted, await registerBookToXlsx(input))).toBe(0);

    const pdfLines: number[] = [];
    let bytes = 0;
    await pipeline(
      registerBookPdfStream(input, (n) => pdfLines.push(n)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done();
        },
      }),
    );
    expect(bytes).toBeGreaterThan(10_000);
    expect(pdfLines.at(-1)).toBe(1500);
    expect(increasing(pdfLines)).toBe(true);
  }, 120_000);
});
