import { Workbook, type Alignment, type Borders, type Font, type Row, type Worksheet } from 'exceljs';
import { parseInstant } from '../vietnamese/format';
import { stampZipEntries } from './zip-timestamps';

// Times New Roman is the font of Vietnamese administrative documents; every office machine has it.
export const BASE_FONT: Partial<Font> = { name: 'Times New Roman', size: 12 };
export const DATE_FORMAT = 'dd/mm/yyyy';
// '#,##0' is locale-aware: Excel and LibreOffice show "12.000" on a Vietnamese system, and the cell stays a number.
export const QUANTITY_FORMAT = '#,##0';

const THIN: Partial<Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

export function newWorkbook(generatedAt: string, title: string): Workbook {
  const workbook = new Workbook();
  const at = parseInstant(generatedAt);
  workbook.creator = 'Sổ Gốc';
  workbook.lastModifiedBy = 'Sổ Gốc';
  workbook.title = title;
  workbook.created = at;
  workbook.modified = at;
  return workbook;
}

export async function writeWorkbook(workbook: Workbook, generatedAt: string): Promise<Buffer> {
  textCellsAsText(workbook);
  const bytes = Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return stampZipEntries(bytes, parseInstant(generatedAt));
}

/**
 * Every text cell is written as a string in Text format ('@'), never as a formula: a name such as
 * `=HYPERLINK(…)` or `+cmd|…` that reached a register stays inert text when the export is opened, and
 * stays text when an officer edits the cell (issue 16, CSV/formula injection). Only data can be text here;
 * no export of ours writes a formula, so any formula object found is written as its text too.
 */
function textCellsAsText(workbook: Workbook): void {
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value as unknown;
        if (value !== null && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
          cell.value = String(
            (value as { formula?: unknown; sharedFormula?: unknown }).formula ?? (value as { sharedFormula?: unknown }).sharedFormula ?? '',
          );
        }
        if (typeof cell.value === 'string') cell.numFmt = '@';
      });
    });
  });
}

/** A line of the title block, spanning the table's width. */
export function titleLine(
  sheet: Worksheet,
  width: number,
  text: string,
  style: { bold?: boolean; size?: number; align?: Alignment['horizontal'] } = {},
): Row {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, width);
  const cell = row.getCell(1);
  cell.font = { ...BASE_FONT, bold: style.bold ?? false, size: style.size ?? BASE_FONT.size };
  cell.alignment = { horizontal: style.align ?? 'center', vertical: 'middle', wrapText: true };
  return row;
}

export function styleHeaderRow(row: Row, width: number): void {
  row.height = 32;
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.font = { ...BASE_FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  }
}

export function styleBodyRow(row: Row, width: number, bold = false): void {
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.font = { ...BASE_FONT, bold };
    cell.alignment = { vertical: 'top', wrapText: true, horizontal: cell.alignment?.horizontal };
    cell.border = THIN;
  }
}

/** Print on A4, as wide as the page, with the header row repeated on every printed page. */
export function printSetup(sheet: Worksheet, orientation: 'portrait' | 'landscape', headerRow: number): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    horizontalCentered: true,
  };
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
}
