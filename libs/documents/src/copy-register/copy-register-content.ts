import { bookHeading, datelineOf, type BookClosing, type BookHeader, type BookHeading } from '../register-book/register-book-content';
import { formatRegisterBirthDate } from '../register-book/register-book-labels';
import { formatDateVi, formatInstantVi, formatNumberVi } from '../vietnamese/format';
import { copyRegisterTitle, type CopyRegisterExportInput, type CopyRegisterExportRow } from './copy-register-export';
import { channelLabel, copyNotesText, formatReceivedAt, requesterRelationLabel } from './copy-register-labels';

// The wording shared by the spreadsheet and the printed book, so both carry the same facts in the same words.

/** The book's heading under the copy register's title. */
export const copyRegisterHeading = (input: CopyRegisterExportInput): BookHeading => {
  if (!input.credential)
    return bookHeading({ ...input, kind: input.kind as BookHeader['kind'] }, copyRegisterTitle(input.kind as BookHeader['kind']));
  // A certificate kind's copy book (issue 18): titled from its catalogue entry.
  return {
    superior: input.superiorName,
    authority: input.authorityName,
    title: `SỔ CẤP BẢN SAO TỪ ${input.credential.registerTitleVi.toUpperCase()}`,
    kind: `Loại chứng chỉ: ${input.credential.nameVi}`,
    year: `Năm: ${input.year}`,
    generated: `Lập lúc ${formatInstantVi(input.generatedAt)}`,
  };
};

/** Every fact of a copy line, as printed; the spreadsheet gives each its column, the book groups them. */
export interface CopyLineTexts {
  readonly copyNumber: string;
  readonly copySerial: string;
  readonly issuedOn: string;
  readonly holderId: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly originalSerial: string;
  readonly originalRegisterNumber: string;
  readonly originalIssueDate: string;
  readonly decisionNumber: string;
  readonly requesterName: string;
  readonly relation: string;
  readonly idDocument: string;
  readonly entitlementDocument: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly recipientName: string;
  readonly receivedOn: string;
  readonly notes: string;
}

export function copyLineTexts(row: CopyRegisterExportRow): CopyLineTexts {
  return {
    copyNumber: row.copyNumber,
    copySerial: row.copySerial,
    issuedOn: formatDateVi(row.issuedOn),
    holderId: row.holderId ?? '',
    fullName: row.fullName,
    birthDate: formatRegisterBirthDate(row.birthDate),
    birthPlace: row.birthPlace,
    originalSerial: row.originalSerial,
    originalRegisterNumber: row.originalRegisterNumber,
    originalIssueDate: formatDateVi(row.originalIssueDate),
    decisionNumber: row.decisionNumber ?? '',
    requesterName: row.requesterName,
    relation: requesterRelationLabel(row.requesterRelation),
    idDocument: row.requesterIdDocument,
    entitlementDocument: row.entitlementDocument ?? '',
    channel: channelLabel(row.channel),
    receivedAt: formatReceivedAt(row.receivedAt),
    recipientName: row.recipientName ?? '',
    receivedOn: row.receivedOn ? formatDateVi(row.receivedOn) : '',
    notes: copyNotesText(row.corrections, row.note),
  };
}

/** The twenty cells after STT of a spreadsheet line, in the order of COPY_REGISTER_COLUMNS. */
export function spreadsheetCells(t: CopyLineTexts): string[] {
  return [
    t.copyNumber,
    t.copySerial,
    t.issuedOn,
    t.holderId,
    t.fullName,
    t.birthDate,
    t.birthPlace,
    t.originalSerial,
    t.originalRegisterNumber,
    t.originalIssueDate,
    t.decisionNumber,
    t.requesterName,
    t.relation,
    t.idDocument,
    t.entitlementDocument,
    t.channel,
    t.receivedAt,
    t.recipientName,
    t.receivedOn,
    t.notes,
  ];
}

const lines = (...texts: string[]): string => texts.filter((t) => t !== '').join('\n');

/** The eleven cells of a printed line, in the order of COPY_REGISTER_PDF_COLUMNS. */
export function bookCells(t: CopyLineTexts, lineNumber: number): string[] {
  return [
    String(lineNumber),
    lines(t.copyNumber, t.copySerial, t.issuedOn),
    lines(t.fullName, t.holderId),
    lines(t.birthDate, t.birthPlace),
    lines(t.originalSerial, t.originalRegisterNumber, t.originalIssueDate),
    t.decisionNumber,
    lines(`${t.requesterName} (${t.relation})`, t.idDocument, t.entitlementDocument),
    lines(t.channel, t.receivedAt),
    t.recipientName,
    t.receivedOn,
    t.notes,
  ];
}

export function totalLine(input: CopyRegisterExportInput): string {
  const first = input.rows[0];
  const last = input.rows.at(-1);
  if (!first || !last) return 'Tổng số bản sao vào sổ: 0.';
  const diplomas = new Set(input.rows.map((r) => r.originalRegisterNumber)).size;
  return `Tổng số bản sao vào sổ: ${formatNumberVi(input.rows.length)}, từ số ${first.copyNumber} đến số ${last.copyNumber}, cấp từ sổ gốc của ${formatNumberVi(diplomas)} văn bằng.`;
}

/** The total, then "Hải Phòng, ngày 05 tháng 01 năm 2026" over the signature places, as the sổ gốc closes. */
export const copyRegisterClosing = (input: CopyRegisterExportInput): BookClosing => ({
  total: totalLine(input),
  dateline: datelineOf(input.place, input.generatedAt),
});
