import { normalizeNfcDeep } from '@so-goc/domain';
import type { TableColumn } from '../pdf/table';
import { bookPdf, SIGNATURE_LINES } from '../register-book/register-book-pdf';
import { drawBookTable } from '../pdf/book-table';
import { addRegisterLine, closeBookSheet, openBookSheet } from '../register-book/register-book-xlsx';
import { datelineOf, type BookHeading } from '../register-book/register-book-content';
import { formatRegisterBirthDate } from '../register-book/register-book-labels';
import { formatDateVi, formatInstantVi, formatNumberVi } from '../vietnamese/format';

/**
 * The register of one kind of certificate (sổ gốc cấp chứng chỉ) kept by one issuer for one year, as Excel
 * and as a printable PDF with the same columns and words (issue 18 item 3). The kind's own fields come as
 * ready words from the catalogue entry, so a new kind needs no change here.
 */
export interface CertificateRegisterRow {
  readonly registerNumber: string;
  /** The serial of the blank it was printed on (issue 18); null or absent while not printed, or for a kind without blanks. */
  readonly serial?: string | null;
  readonly fullName: string;
  readonly birthDate: string;
  readonly birthPlace: string | null;
  /** The kind's own fields in words, e.g. "Ngoại ngữ: tiếng Anh; Bậc: Bậc 3; Ngày thi: 20/06/2026". */
  readonly details: string;
  readonly decision: string;
  readonly status: 'ISSUED' | 'HANDED_OVER' | 'REVOKED';
  readonly handedOver: string | null;
  readonly revocation: string | null;
}

export interface CertificateRegisterExportInput {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly superiorName: string | null;
  /** Catalogue code and names. */
  readonly kind: string;
  readonly kindName: string;
  readonly registerTitle: string;
  readonly year: number;
  readonly generatedAt: string;
  readonly place?: string;
  readonly rows: readonly CertificateRegisterRow[];
}

export const CERTIFICATE_REGISTER_COLUMNS = [
  'STT',
  'Số vào sổ',
  'Số hiệu',
  'Họ và tên',
  'Ngày sinh',
  'Nơi sinh',
  'Kết quả, nội dung chứng chỉ',
  'Quyết định cấp',
  'Người nhận (ký, ghi rõ họ tên), ngày nhận',
  'Ghi chú',
] as const;

function headingOf(input: CertificateRegisterExportInput): BookHeading {
  return {
    superior: input.superiorName,
    authority: input.authorityName,
    title: input.registerTitle.toUpperCase(),
    kind: `Loại chứng chỉ: ${input.kindName}`,
    year: `Năm: ${input.year}`,
    generated: `Lập lúc ${formatInstantVi(input.generatedAt)}`,
  };
}

function texts(row: CertificateRegisterRow): string[] {
  return [
    row.registerNumber,
    row.serial ?? '',
    row.fullName,
    formatRegisterBirthDate(row.birthDate),
    row.birthPlace ?? '',
    row.details,
    row.decision,
    row.handedOver ?? '',
    row.status === 'REVOKED' ? `Đã thu hồi: ${row.revocation ?? ''}` : '',
  ];
}

function closing(input: CertificateRegisterExportInput): { total: string; dateline: string } {
  const revoked = input.rows.filter((row) => row.status === 'REVOKED').length;
  return {
    total: `Tổng số chứng chỉ đã cấp: ${formatNumberVi(input.rows.length)}, trong đó ${formatNumberVi(revoked)} đã thu hồi.`,
    dateline: datelineOf(input.place, input.generatedAt),
  };
}

export async function certificateRegisterToXlsx(raw: CertificateRegisterExportInput): Promise<Buffer> {
  const input = normalizeNfcDeep(raw);
  const book = openBookSheet(
    input,
    headingOf(input),
    `Sổ ${input.kind} ${input.year}`,
    CERTIFICATE_REGISTER_COLUMNS,
    [7, 20, 14, 26, 12, 18, 48, 26, 30, 30],
  );
  input.rows.forEach((row, index) => addRegisterLine(book.sheet, index + 1, texts(row), [1, 2, 3, 5]));
  return closeBookSheet(book, { width: 10, left: [1, 5], right: [7, 10] }, closing(input), input.generatedAt);
}

const WIDTHS = [22, 88, 58, 88, 48, 56, 0, 78, 86, 72];

export async function certificateRegisterToPdf(raw: CertificateRegisterExportInput): Promise<Uint8Array> {
  const input = normalizeNfcDeep(raw);
  const heading = headingOf(input);
  const fixed = WIDTHS.reduce((sum, w) => sum + w, 0);
  const columnsFor = (width: number): TableColumn[] =>
    CERTIFICATE_REGISTER_COLUMNS.map((title, i) => ({
      title,
      width: i === 6 ? width - fixed : (WIDTHS[i] ?? 0),
      ...(i === 0 || i === 4 ? { align: 'center' as const } : {}),
    }));
  const rows = input.rows.map((row, index) => {
    const cells = [String(index + 1), ...texts(row)];
    cells[8] = SIGNATURE_LINES + (cells[8] ?? '');
    return { cells };
  });
  return bookPdf({
    header: input,
    heading,
    documentName: input.registerTitle,
    runningHead: () => `${input.authorityName} – ${heading.title} năm ${input.year}`,
    body: (book) => drawBookTable(book, columnsFor(book.width), rows, 7),
    closing: closing(input),
  });
}

export const formatCertificateDecision = (number: string, date: string): string => `${number} ngày ${formatDateVi(date)}`;
