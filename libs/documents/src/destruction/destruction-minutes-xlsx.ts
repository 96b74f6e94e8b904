import { normalizeNfcDeep } from '@so-goc/domain';
import type { Worksheet } from 'exceljs';
import { formatInstantVi, toSpreadsheetDate } from '../vietnamese/format';
import { kindLabel, reasonLabel, stateLabel } from '../vietnamese/labels';
import {
  BASE_FONT,
  DATE_FORMAT,
  QUANTITY_FORMAT,
  newWorkbook,
  printSetup,
  styleBodyRow,
  styleHeaderRow,
  titleLine,
  writeWorkbook,
} from '../xlsx/workbook';
import {
  ITEM_COLUMNS,
  MEMBER_COLUMNS,
  MINUTES_TITLE,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  totalQuantity,
  totalsByReason,
  type DestructionMinutesInput,
} from './destruction-minutes';

const WIDTHS = [6, 30, 16, 26, 12, 24, 30];
const WIDTH = ITEM_COLUMNS.length;

/** A row whose label spans columns 1..4 and whose quantity sits under "Số lượng" (column 5). */
function quantityLine(sheet: Worksheet, label: string, quantity: number, bold: boolean): void {
  const row = sheet.addRow([label, '', '', '', quantity]);
  sheet.mergeCells(row.number, 1, row.number, 4);
  row.getCell(5).numFmt = QUANTITY_FORMAT;
  styleBodyRow(row, 5, bold);
}

/** "Label: value" with the label over columns 1–2 and the value (a real date cell for dates) over the rest. */
function fieldLine(sheet: Worksheet, label: string, value: string | Date): void {
  const row = sheet.addRow([label, '', value]);
  sheet.mergeCells(row.number, 1, row.number, 2);
  sheet.mergeCells(row.number, 3, row.number, WIDTH);
  row.getCell(1).font = { ...BASE_FONT, bold: true };
  const cell = row.getCell(3);
  cell.font = BASE_FONT;
  cell.alignment = { horizontal: 'left', wrapText: true };
  if (value instanceof Date) cell.numFmt = DATE_FORMAT;
}

export async function destructionMinutesToXlsx(raw: DestructionMinutesInput): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const workbook = newWorkbook(input.generatedAt, `${MINUTES_TITLE} ${input.minutesRef}`);
  const sheet = workbook.addWorksheet('Biên bản huỷ phôi');
  sheet.columns = WIDTHS.map((w) => ({ width: w }));

  titleLine(sheet, WIDTH, NATIONAL_NAME, { bold: true });
  titleLine(sheet, WIDTH, NATIONAL_MOTTO, { bold: true });
  if (input.superiorName) titleLine(sheet, WIDTH, input.superiorName.toUpperCase(), { align: 'left' });
  titleLine(sheet, WIDTH, input.authorityName, { bold: true, align: 'left' });
  titleLine(sheet, WIDTH, MINUTES_TITLE, { bold: true, size: 14 }).height = 24;
  titleLine(sheet, WIDTH, `Số: ${input.minutesRef}`);
  fieldLine(sheet, 'Quyết định thành lập Hội đồng', input.councilDecision.number);
  fieldLine(sheet, 'Ngày quyết định', toSpreadsheetDate(input.councilDecision.date));
  fieldLine(sheet, 'Ngày huỷ', toSpreadsheetDate(input.destroyedOn));
  fieldLine(sheet, 'Địa điểm', input.place);
  fieldLine(sheet, 'Phương thức huỷ', input.method);

  const header = sheet.addRow([...ITEM_COLUMNS]);
  styleHeaderRow(header, WIDTH);
  input.items.forEach((item, i) => {
    const row = sheet.addRow([
      i + 1,
      kindLabel(item.kind),
      item.lotId,
      item.range,
      item.quantity,
      stateLabel(item.stateBefore),
      reasonLabel(item.reason),
    ]);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(5).numFmt = QUANTITY_FORMAT;
    styleBodyRow(row, WIDTH);
  });
  quantityLine(sheet, 'Tổng cộng', totalQuantity(input.items), true);

  sheet.addRow([]);
  titleLine(sheet, WIDTH, 'Tổng hợp theo lý do huỷ', { bold: true, align: 'left' });
  styleHeaderRow(sheet.addRow(['Lý do huỷ', '', '', '', 'Số lượng']), 5);
  sheet.mergeCells(sheet.rowCount, 1, sheet.rowCount, 4);
  for (const total of totalsByReason(input.items)) quantityLine(sheet, total.label, total.quantity, false);

  sheet.addRow([]);
  titleLine(sheet, WIDTH, 'Các thành viên Hội đồng ký tên', { bold: true, align: 'left' });
  styleHeaderRow(sheet.addRow([...MEMBER_COLUMNS]), WIDTH);
  sheet.mergeCells(sheet.rowCount, 5, sheet.rowCount, WIDTH);
  input.members.forEach((member, i) => {
    const row = sheet.addRow([i + 1, member.fullName, member.title, member.role, '']);
    row.height = 40;
    row.getCell(1).alignment = { horizontal: 'center' };
    styleBodyRow(row, WIDTH);
    sheet.mergeCells(row.number, 5, row.number, WIDTH);
  });
  titleLine(sheet, WIDTH, `Lập lúc ${formatInstantVi(input.generatedAt)}`, { align: 'right', size: 11 });

  printSetup(sheet, 'portrait', header.number);
  return writeWorkbook(workbook, input.generatedAt);
}
