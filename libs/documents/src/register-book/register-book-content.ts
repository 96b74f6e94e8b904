import { formatDateVi, formatInstantVi, formatLongDateVi, formatNumberVi } from '../vietnamese/format';
import { kindLabel } from '../vietnamese/labels';
import { registerBookTitle, type RegisterBookExportInput, type RegisterBookRow, type RegisterBookSection } from './register-book-export';
import { formatRegisterBirthDate, registerNotesText, sexLabel, trainingModeLabel } from './register-book-labels';

// The wording shared by the spreadsheet and the printed book, so both carry the same facts in the same words.

export const PREPARER_ROLE = 'Người lập sổ';
export const HEAD_ROLE = 'Thủ trưởng đơn vị';
export const PREPARER_HINT = '(Ký, ghi rõ họ tên)';
export const HEAD_HINT = '(Ký, ghi rõ họ tên, đóng dấu)';

export interface BookHeading {
  readonly superior: string | null;
  readonly authority: string;
  readonly title: string;
  readonly kind: string;
  readonly year: string;
  readonly generated: string;
}

/** Which book a document belongs to: what its heading and file metadata are made of; the register appendix shares it. */
export type BookHeader = Pick<
  RegisterBookExportInput,
  'superiorName' | 'authorityName' | 'authorityCode' | 'kind' | 'year' | 'generatedAt'
>;

/** What closes a book above its signature places. */
export interface BookClosing {
  readonly total: string;
  readonly dateline: string;
}

export function bookHeading(input: BookHeader, title = registerBookTitle(input.kind)): BookHeading {
  return {
    superior: input.superiorName,
    authority: input.authorityName,
    title,
    kind: `Loại văn bằng: ${kindLabel(input.kind)}`,
    year: `Năm: ${input.year}`,
    generated: `Lập lúc ${formatInstantVi(input.generatedAt)}`,
  };
}

export const sectionTitle = (section: RegisterBookSection): string =>
  `Quyết định công nhận tốt nghiệp số ${section.decisionNumber} ngày ${formatDateVi(section.decisionDate)}`;

/** The lines under a section's title; a fact the section does not have is left out, not printed empty. */
export function sectionDetails(section: RegisterBookSection): string[] {
  const details: string[] = [];
  if (section.examSession) details.push(`Kỳ thi: ${section.examSession}`);
  const signer = [section.signerName, section.signerTitle && (section.signerName ? `(${section.signerTitle})` : section.signerTitle)]
    .filter(Boolean)
    .join(' ');
  if (signer) details.push(`Người ký văn bằng: ${signer}`);
  const issue = [
    section.issueDate && `Ngày cấp: ${formatDateVi(section.issueDate)}`,
    section.issuePlace && `Nơi cấp: ${section.issuePlace}`,
  ]
    .filter(Boolean)
    .join(' – ');
  if (issue) details.push(issue);
  return details;
}

/** The fifteen cells of a register line, as text; `lineNumber` runs through the whole book. */
export function rowTexts(row: RegisterBookRow, lineNumber: number): string[] {
  return [
    String(lineNumber),
    row.fullName,
    formatRegisterBirthDate(row.birthDate),
    row.birthPlace,
    sexLabel(row.sex),
    row.ethnicity,
    row.className ? `${row.school}, lớp ${row.className}` : row.school,
    row.graduationYear,
    row.classification ?? '',
    trainingModeLabel(row.trainingMode),
    row.serial ?? '',
    row.registerNumber,
    row.recipientName ?? '',
    row.receivedOn ? formatDateVi(row.receivedOn) : '',
    registerNotesText(row.notes),
  ];
}

export const rowCount = (input: RegisterBookExportInput): number => input.sections.reduce((sum, s) => sum + s.rows.length, 0);

export const totalLine = (input: RegisterBookExportInput): string =>
  `Tổng số văn bằng vào sổ: ${formatNumberVi(rowCount(input))}, theo ${formatNumberVi(input.sections.length)} quyết định công nhận tốt nghiệp.`;

/** "Hải Phòng, ngày 05 tháng 01 năm 2025": a register is closed on the day it is generated; an unknown place is left to be written in. */
export const datelineOf = (place: string | null | undefined, generatedAt: string): string =>
  `${place ?? '……………'}, ${formatLongDateVi(generatedAt)}`;

export const closingDateline = (input: RegisterBookExportInput): string =>
  datelineOf(input.place ?? input.sections.findLast((s) => s.issuePlace)?.issuePlace, input.generatedAt);
