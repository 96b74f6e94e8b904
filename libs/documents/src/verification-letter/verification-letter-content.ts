import { formatBirthDateVi, parseBirthDate } from '@so-goc/domain';
import { formatDateVi, formatNumberVi, toIsoDate } from '../vietnamese/format';
import type { VerificationLetterAnswer, VerificationLetterInput, VerificationLetterSubject } from './verification-letter-input';

// The wording of the response letter, apart from its layout.

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const LETTER_SUBJECT = 'V/v trả lời xác minh văn bằng';
export const ADDRESSEE_LABEL = 'Kính gửi';
export const RECIPIENTS_LABEL = 'Nơi nhận:';
export const QR_CAPTION = 'Quét mã để kiểm tra công văn này';
export const LETTER_COLUMNS = ['STT', 'Họ và tên', 'Ngày sinh', 'Số hiệu / Số vào sổ', 'Kết quả xác minh'] as const;

/**
 * "Hải Phòng, ngày 05 tháng 3 năm 2026": Nghị định 30/2020 writes a 0 before days below 10 and before
 * months 1 and 2 only (so "tháng 01", "tháng 02", but "tháng 3").
 */
export function letterDateline(place: string, date: string): string {
  const [year, month, day] = toIsoDate(date).split('-').map(Number) as [number, number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${place}, ngày ${pad(day)} tháng ${month <= 2 ? pad(month) : String(month)} năm ${year}`;
}

/** The letter's number line: "Số: 388/SGDĐT-QLCL". */
export const letterNumberLine = (letterNumber: string): string => `Số: ${letterNumber}`;

export const openingParagraph = (input: VerificationLetterInput): string =>
  `${input.authorityName} nhận được Công văn số ${input.theirLetterNumber} ngày ${formatDateVi(input.theirLetterDate)} của ${input.organisation} ` +
  `về việc đề nghị xác minh văn bằng tốt nghiệp của ${formatNumberVi(input.subjects.length)} người. ` +
  `Sau khi đối chiếu với sổ gốc cấp văn bằng đang lưu giữ, ${input.authorityName} trả lời như sau:`;

/** Under the table: what the table's columns are, and what they were checked against. */
export const tableNote = (input: VerificationLetterInput): string =>
  `Họ và tên, ngày sinh, số hiệu và số vào sổ ghi theo Công văn số ${input.theirLetterNumber}; kết quả xác minh đối chiếu với sổ gốc cấp văn bằng và phụ lục sổ gốc tại ngày ${formatDateVi(input.respondedOn)}.`;

export const closingParagraph = (input: VerificationLetterInput): string =>
  'Kết quả trên chỉ xác nhận nội dung ghi trong sổ gốc cấp văn bằng, không thay thế văn bằng hoặc bản sao văn bằng cấp từ sổ gốc. ' +
  `${input.authorityName} trả lời để Quý cơ quan biết./.`;

/** "- Như trên;", "- Lưu: VT, QLCL.": the archive copy goes to the clerical office and the drafting unit. */
export function recipientLines(letterNumber: string): string[] {
  const symbol = letterNumber.split('/').slice(1).join('/');
  const parts = symbol.split('-');
  const unit = parts.length > 1 ? parts.at(-1)?.trim() : undefined;
  return ['- Như trên;', unit ? `- Lưu: VT, ${unit}.` : '- Lưu: VT.'];
}

const NOT_GIVEN = '(không ghi)';

// Unknown field codes print as they are: a raw code on paper is better than a silently dropped fact.
const FIELD_LABELS: Readonly<Record<string, string>> = {
  fullName: 'họ tên',
  birthDate: 'ngày sinh',
  birthPlace: 'nơi sinh',
  serial: 'số hiệu',
  registerNumber: 'số vào sổ',
};
export const mismatchFieldLabel = (field: string): string => (Object.hasOwn(FIELD_LABELS, field) ? (FIELD_LABELS[field] as string) : field);

/** A birth date as the letter gave it: 18/09/2006, 09/2006 or 2006; anything else exactly as written. */
function askedBirthDate(value: string | null): string {
  if (value === null || value.trim() === '') return NOT_GIVEN;
  const parsed = parseBirthDate(value);
  return parsed.ok ? formatBirthDateVi(parsed.value) : value;
}

// "ngày dd/mm/yyyy" starts a line of its own: in a narrow column the date is then never cut at a slash.
const decisionsText = (decisions: VerificationLetterAnswer['decisions']): string =>
  decisions.map((d) => `Quyết định số ${d.decisionNumber}\nngày ${formatDateVi(d.decisionDate)}`).join(';\n');

/** The wording of one result, as the office answers it; a decision's date on a line of its own. */
export function resultText(answer: VerificationLetterAnswer): string {
  switch (answer.result) {
    case 'MATCH':
      return 'Khớp với sổ gốc';
    case 'MISMATCH':
      return answer.mismatchedFields.length > 0
        ? `Không khớp: ${answer.mismatchedFields.map(mismatchFieldLabel).join(', ')}`
        : 'Không khớp với sổ gốc';
    case 'NOT_FOUND':
      return 'Không có trong sổ gốc';
    case 'REVOKED':
      return answer.decisions.length > 0 ? `Đã bị thu hồi theo ${decisionsText(answer.decisions)}` : 'Đã bị thu hồi';
    case 'CORRECTED':
      return answer.decisions.length > 0 ? `Đã chỉnh sửa theo ${decisionsText(answer.decisions)}` : 'Đã chỉnh sửa';
    default:
      return String(answer.result satisfies never);
  }
}

/** The five cells of a person's row, the first four as the letter asked. */
export function subjectCells(subject: VerificationLetterSubject, answer: VerificationLetterAnswer, index: number): string[] {
  return [
    String(index + 1),
    subject.fullName,
    askedBirthDate(subject.birthDate),
    `${subject.serial ?? NOT_GIVEN}\n${subject.registerNumber ?? NOT_GIVEN}`,
    resultText(answer),
  ];
}

/** Each person answered once: a letter whose answers do not line up with its people must not be printed. */
export function checkAnswers(input: VerificationLetterInput): void {
  if (input.answers.length !== input.subjects.length) {
    throw new RangeError(`The letter asks about ${input.subjects.length} people but has ${input.answers.length} answers`);
  }
}
