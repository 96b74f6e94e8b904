import { formatDateVi, formatNumberVi } from '../vietnamese/format';
import { bookHeading, datelineOf, type BookClosing, type BookHeading } from '../register-book/register-book-content';
import { formatRegisterBirthDate } from '../register-book/register-book-labels';
import { registerAppendixTitle, type RegisterAppendixExportInput, type RegisterAppendixRow } from './register-appendix-export';
import { appendixActionLabel, changesText } from './register-appendix-labels';

// The wording shared by the spreadsheet and the printed appendix, so both carry the same facts in the same words.

/** The book's heading under the appendix's title. */
export const appendixHeading = (input: RegisterAppendixExportInput): BookHeading => bookHeading(input, registerAppendixTitle(input.kind));

export const decisionText = (row: RegisterAppendixRow): string => `${row.decisionNumber} ngày ${formatDateVi(row.decisionDate)}`;

/** The act, then the book line it concerns, then the note: "Cấp lại\nSố vào sổ gốc: 000417/THPT-2024\nLỗi …". */
export const noteText = (row: RegisterAppendixRow): string =>
  [appendixActionLabel(row.action), `Số vào sổ gốc: ${row.registerNumber}`, row.note?.trim()].filter(Boolean).join('\n');

/** The twelve cells of an appendix line, as text. */
export function rowTexts(row: RegisterAppendixRow): string[] {
  return [
    String(row.rowNumber),
    row.holderId,
    row.fullName,
    formatRegisterBirthDate(row.birthDate),
    row.serial,
    row.newSerial ?? '',
    row.newRegisterNumber ?? '',
    changesText(row.changes),
    decisionText(row),
    row.recipientName ?? '',
    row.receivedOn ? formatDateVi(row.receivedOn) : '',
    noteText(row),
  ];
}

export function totalLine(input: RegisterAppendixExportInput): string {
  const reissues = input.rows.filter((r) => r.action === 'reissue').length;
  const corrections = input.rows.filter((r) => r.action === 'correction').length;
  return `Tổng số dòng phụ lục: ${formatNumberVi(input.rows.length)}, gồm ${formatNumberVi(corrections)} chỉnh sửa và ${formatNumberVi(reissues)} cấp lại.`;
}

/** The total, then "Hải Phòng, ngày 05 tháng 01 năm 2025" over the signature places, as the book closes. */
export const appendixClosing = (input: RegisterAppendixExportInput): BookClosing => ({
  total: totalLine(input),
  dateline: datelineOf(input.place, input.generatedAt),
});
