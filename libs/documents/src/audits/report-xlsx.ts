import { normalizeNfcDeep } from '@so-goc/domain';
import { formatInstantVi } from '../vietnamese/format';
import { QUANTITY_FORMAT, newWorkbook, printSetup, styleBodyRow, styleHeaderRow, titleLine, writeWorkbook } from '../xlsx/workbook';
import type { ReportDocumentInput } from './report-document';

/** One worksheet per section, each with the report's title block, so that a sheet printed alone still says what it is. */
export async function reportToXlsx(raw: ReportDocumentInput): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const workbook = newWorkbook(input.generatedAt, `${input.title} – ${input.authorityName}`);
  input.sections.forEach((section, index) => {
    const sheet = workbook.addWorksheet(sheetName(index, section.heading));
    const width = section.columns.length;
    sheet.columns = section.columns.map((c) => ({ width: c.xlsxWidth }));
    titleLine(sheet, width, `${input.authorityName} — Số: ${input.reference}`, { bold: true, align: 'left' });
    titleLine(sheet, width, input.title, { bold: true, size: 14 }).height = 24;
    for (const line of input.subtitles) titleLine(sheet, width, line);
    titleLine(sheet, width, section.heading, { bold: true, align: 'left' });
    titleLine(sheet, width, `Lập lúc ${formatInstantVi(input.generatedAt)}`, { align: 'right', size: 11 });
    const header = sheet.addRow(section.columns.map((c) => c.title));
    styleHeaderRow(header, width);
    const bold = new Set(section.boldRows ?? []);
    section.rows.forEach((cells, i) => {
      const row = sheet.addRow([...cells]);
      cells.forEach((cell, c) => {
        if (typeof cell === 'number') row.getCell(c + 1).numFmt = QUANTITY_FORMAT;
        const align = section.columns[c]?.align;
        if (align) row.getCell(c + 1).alignment = { horizontal: align };
      });
      styleBodyRow(row, width, bold.has(i));
    });
    if (section.note) titleLine(sheet, width, section.note, { align: 'left', size: 10 });
    printSetup(sheet, input.orientation, header.number);
  });
  return writeWorkbook(workbook, input.generatedAt);
}

function sheetName(index: number, heading: string): string {
  return `${index + 1}. ${heading.replace(/^[IVX]+\.\s*/, '')}`.replace(/[\\/?*[\]:]/g, '-').slice(0, 31);
}
