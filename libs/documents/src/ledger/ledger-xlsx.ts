import { normalizeNfcDeep } from '@so-goc/domain';
import { formatInstantVi, periodLabelVi, toSpreadsheetDate } from '../vietnamese/format';
import { kindLabel, ledgerNoteLabel, movementLabel } from '../vietnamese/labels';
import {
  DATE_FORMAT,
  QUANTITY_FORMAT,
  newWorkbook,
  printSetup,
  styleBodyRow,
  styleHeaderRow,
  titleLine,
  writeWorkbook,
} from '../xlsx/workbook';
import { LEDGER_COLUMNS, LEDGER_TITLE, type LedgerExportInput } from './ledger-export';

const WIDTHS = [6, 12, 18, 18, 28, 12, 26, 11, 24, 12, 28];

export async function ledgerToXlsx(raw: LedgerExportInput): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const workbook = newWorkbook(input.generatedAt, `${LEDGER_TITLE} – ${input.authorityName}`);
  const sheet = workbook.addWorksheet('Sổ quản lý phôi');
  const width = LEDGER_COLUMNS.length;
  sheet.columns = WIDTHS.map((w) => ({ width: w }));

  if (input.superiorName) titleLine(sheet, width, input.superiorName.toUpperCase(), { align: 'left' });
  titleLine(sheet, width, input.authorityName, { bold: true, align: 'left' });
  titleLine(sheet, width, LEDGER_TITLE, { bold: true, size: 14 }).height = 24;
  titleLine(sheet, width, `Loại phôi: ${input.kind ? kindLabel(input.kind) : 'Tất cả các loại phôi'}`);
  titleLine(sheet, width, periodLabelVi(input.from, input.to, input.generatedAt));
  titleLine(sheet, width, `Lập lúc ${formatInstantVi(input.generatedAt)}`, { align: 'right', size: 11 });

  const header = sheet.addRow([...LEDGER_COLUMNS]);
  styleHeaderRow(header, width);
  input.rows.forEach((r, i) => {
    const row = sheet.addRow([
      i + 1,
      toSpreadsheetDate(r.date),
      movementLabel(r.movement),
      r.document ?? '',
      kindLabel(r.kind),
      r.lotId,
      r.range,
      r.quantity,
      r.counterpart ?? '',
      r.balanceAfter,
      ledgerNoteLabel(r.note),
    ]);
    row.getCell(1).alignment = { horizontal: 'center' };
    row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(8).numFmt = QUANTITY_FORMAT;
    row.getCell(10).numFmt = QUANTITY_FORMAT;
    styleBodyRow(row, width);
  });
  printSetup(sheet, 'landscape', header.number);
  return writeWorkbook(workbook, input.generatedAt);
}
