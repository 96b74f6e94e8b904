import { createHash } from 'node:crypto';
import { ValueType } from 'exceljs';
import { readSheet } from '../testing/read-xlsx';
import { GENERATED_AT, ledgerFixture } from '../testing/fixtures';
import { ledgerToXlsx } from './ledger-xlsx';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const HEADER_ROW = 6;

describe('ledgerToXlsx', () => {
  it('opens with a Vietnamese title block and a Vietnamese header row', async () => {
    const { sheet } = await readSheet(await ledgerToXlsx(ledgerFixture(10)));
    expect(sheet.getCell('A1').value).toBe('Sở Giáo dục và Đào tạo Hải Phòng');
    expect(sheet.getCell('A2').value).toBe('SỔ QUẢN LÝ PHÔI VĂN BẰNG');
    expect(sheet.getCell('A3').value).toBe('Loại phôi: Bằng tốt nghiệp THPT');
    expect(sheet.getCell('A4').value).toBe('Từ ngày 01/01/2024 đến ngày 31/12/2024');
    expect((sheet.getRow(HEADER_ROW).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Ngày',
      'Nghiệp vụ',
      'Số chứng từ',
      'Loại phôi',
      'Lô phôi',
      'Số hiệu phôi (từ – đến)',
      'Số lượng',
      'Đơn vị giao/nhận',
      'Tồn sau nghiệp vụ',
      'Ghi chú',
    ]);
  });

  it('writes quantities and balances as numbers and dates as dates, with Vietnamese display formats', async () => {
    const { sheet } = await readSheet(await ledgerToXlsx(ledgerFixture(10)));
    const first = sheet.getRow(HEADER_ROW + 1);
    expect(first.getCell(2).type).toBe(ValueType.Date);
    expect(first.getCell(2).value).toEqual(new Date('2024-01-05T00:00:00.000Z'));
    expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(3).value).toBe('Nhận phôi');
    expect(first.getCell(5).value).toBe('Bằng tốt nghiệp THPT');
    expect(first.getCell(7).value).toBe('HP 0200001–HP 0212000');
    expect(first.getCell(8).type).toBe(ValueType.Number);
    expect(first.getCell(8).value).toBe(12000);
    expect(first.getCell(8).numFmt).toBe('#,##0');
    expect(first.getCell(10).type).toBe(ValueType.Number);
    expect(sheet.getRow(HEADER_ROW + 4).getCell(11).value).toBe('In sai');
    expect(sheet.rowCount).toBe(HEADER_ROW + 10);
  });

  it('freezes the header row, repeats it on printed pages and sizes the columns', async () => {
    const { sheet } = await readSheet(await ledgerToXlsx(ledgerFixture(3)));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(11);
    expect(sheet.getColumn(7).width).toBeGreaterThanOrEqual(24);
  });

  it('stores decomposed (NFD) input as composed (NFC) text', async () => {
    const nfc = ledgerFixture(3);
    const nfd = {
      ...nfc,
      authorityName: nfc.authorityName.normalize('NFD'),
      rows: nfc.rows.map((r) => ({ ...r, counterpart: r.counterpart?.normalize('NFD') ?? null })),
    };
    expect(nfd.authorityName).not.toBe(nfc.authorityName);
    const { sheet } = await readSheet(await ledgerToXlsx(nfd));
    expect(sheet.getCell('A1').value).toBe('Sở Giáo dục và Đào tạo Hải Phòng'.normalize('NFC'));
    expect(sheet.getRow(HEADER_ROW + 2).getCell(9).value).toBe('Phòng GDĐT Kiến Thuỵ'.normalize('NFC'));
    expect(sha256(await ledgerToXlsx(nfd))).toBe(sha256(await ledgerToXlsx(nfc)));
  });

  it('is deterministic: dated from generatedAt, byte-identical across runs and server time zones', async () => {
    const { workbook } = await readSheet(await ledgerToXlsx(ledgerFixture(5)));
    expect(workbook.created).toEqual(new Date(GENERATED_AT));
    expect(workbook.modified).toEqual(new Date(GENERATED_AT));

    const first = sha256(await ledgerToXlsx(ledgerFixture(5)));
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(sha256(await ledgerToXlsx(ledgerFixture(5)))).toBe(first);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
