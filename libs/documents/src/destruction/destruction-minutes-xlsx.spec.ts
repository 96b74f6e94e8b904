import { ValueType, type Row, type Worksheet } from 'exceljs';
import { readSheet } from '../testing/read-xlsx';
import { GENERATED_AT, minutesFixture } from '../testing/fixtures';
import { destructionMinutesToXlsx } from './destruction-minutes-xlsx';

function rowStartingWith(sheet: Worksheet, text: string): Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === text) return sheet.getRow(r);
  throw new Error(`no row starts with "${text}"`);
}

describe('destructionMinutesToXlsx', () => {
  it('opens with the national motto, the title and the council decision, place, method and dates', async () => {
    const { sheet } = await readSheet(await destructionMinutesToXlsx(minutesFixture()));
    expect(sheet.getCell('A1').value).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(sheet.getCell('A2').value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(sheet.getCell('A3').value).toBe('Sở Giáo dục và Đào tạo Hải Phòng');
    expect(sheet.getCell('A4').value).toBe('BIÊN BẢN HUỶ PHÔI VĂN BẰNG');
    expect(sheet.getCell('A5').value).toBe('Số: 07/BB-HĐHP');
    expect(rowStartingWith(sheet, 'Quyết định thành lập Hội đồng').getCell(3).value).toBe('45/QĐ-SGDĐT');
    const destroyedOn = rowStartingWith(sheet, 'Ngày huỷ').getCell(3);
    expect(destroyedOn.type).toBe(ValueType.Date);
    expect(destroyedOn.value).toEqual(new Date('2024-12-10T00:00:00.000Z'));
    expect(destroyedOn.numFmt).toBe('dd/mm/yyyy');
    expect(rowStartingWith(sheet, 'Phương thức huỷ').getCell(3).value).toBe('Nghiền bằng máy huỷ tài liệu');
  });

  it('lists the items under a frozen Vietnamese header, with number cells and a total', async () => {
    const { sheet } = await readSheet(await destructionMinutesToXlsx(minutesFixture()));
    const header = rowStartingWith(sheet, 'STT');
    expect((header.values as unknown[]).slice(1)).toEqual([
      'STT',
      'Loại phôi',
      'Lô phôi',
      'Số hiệu phôi (từ – đến)',
      'Số lượng',
      'Tình trạng trước khi huỷ',
      'Lý do huỷ',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header.number });
    const first = sheet.getRow(header.number + 1);
    expect((first.values as unknown[]).slice(1)).toEqual([
      1,
      'Bằng tốt nghiệp THPT',
      'LO-2024-01',
      'HP 0200010–HP 0200014',
      5,
      'Hỏng, chờ huỷ',
      'Hỏng khi nhận phôi',
    ]);
    expect(first.getCell(5).type).toBe(ValueType.Number);
    const total = rowStartingWith(sheet, 'Tổng cộng').getCell(5);
    expect(total.type).toBe(ValueType.Number);
    expect(total.value).toBe(1210);
  });

  it('totals the quantities by reason', async () => {
    const { sheet } = await readSheet(await destructionMinutesToXlsx(minutesFixture()));
    expect(rowStartingWith(sheet, 'In sai').getCell(5).value).toBe(2);
    expect(rowStartingWith(sheet, 'Mẫu phôi hết hiệu lực').getCell(5).value).toBe(1200);
    expect(rowStartingWith(sheet, 'Văn bằng đã ký nhưng ghi sai').getCell(5).value).toBe(3);
  });

  it('lists every council member with an empty signature column', async () => {
    const { sheet } = await readSheet(await destructionMinutesToXlsx(minutesFixture()));
    const rows = sheet.getRows(1, sheet.rowCount) ?? [];
    const header = rows.find((r) => r.getCell(2).value === 'Họ và tên');
    if (!header) throw new Error('no member header');
    expect((header.values as unknown[]).slice(1, 6)).toEqual(['STT', 'Họ và tên', 'Chức vụ', 'Vai trò trong Hội đồng', 'Chữ ký']);
    const members = minutesFixture().members;
    members.forEach((m, i) => {
      const row = sheet.getRow(header.number + 1 + i);
      expect([row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]).toEqual([m.fullName, m.title, m.role]);
      expect(row.getCell(5).value ?? '').toBe('');
    });
  });

  it('stores NFD input as NFC and dates the workbook from generatedAt', async () => {
    const input = minutesFixture();
    const nfd = {
      ...input,
      place: input.place.normalize('NFD'),
      members: input.members.map((m) => ({ ...m, fullName: m.fullName.normalize('NFD') })),
    };
    const { workbook, sheet } = await readSheet(await destructionMinutesToXlsx(nfd));
    expect(rowStartingWith(sheet, 'Địa điểm').getCell(3).value).toBe(input.place.normalize('NFC'));
    expect(sheet.getRows(1, sheet.rowCount)?.some((r) => r.getCell(2).value === 'Hoàng Đức Thuỷ'.normalize('NFC'))).toBe(true);
    expect(workbook.created).toEqual(new Date(GENERATED_AT));
    expect(Buffer.compare(await destructionMinutesToXlsx(nfd), await destructionMinutesToXlsx(input))).toBe(0);
  });
});
