import type { BookHeader } from '../register-book/register-book-content';
import { registerBookTitle } from '../register-book/register-book-export';

/** One line of the copy register: one copy, with its own copy-register number (rule 52, docs/domain.md §4.3). */
export interface CopyRegisterExportRow {
  /** "000412/BS-THPT-2026": written on exactly one copy. */
  copyNumber: string;
  /** The copy blank's serial, "BS 0000012" (rule 53). */
  copySerial: string;
  /** ISO date */
  issuedOn: string;
  /** The holder's national ID (số định danh): the copy register is an internal register. */
  holderId: string | null;
  /** As in the sổ gốc with corrections in force (rule 57). */
  fullName: string;
  /** ISO or partial ("2006-09", "2006"), printed as the sổ gốc prints it. */
  birthDate: string;
  birthPlace: string;
  originalSerial: string;
  originalRegisterNumber: string;
  /** ISO date */
  originalIssueDate: string;
  /** The graduation-recognition decision. */
  decisionNumber: string | null;
  requesterName: string;
  /** A RequesterKind ('holder', 'authorised_representative', 'parent', …); printed in words. */
  requesterRelation: string;
  /** "CCCD 031206000123" */
  requesterIdDocument: string;
  /** Power of attorney, guardianship paper or proof of kinship. */
  entitlementDocument: string | null;
  channel: 'counter' | 'post' | 'online';
  /** ISO instant; printed in Vietnam time. */
  receivedAt: string;
  /** Who signed for the copy. */
  recipientName: string | null;
  /** ISO date */
  receivedOn: string | null;
  /** Correction decision numbers in force when the copy was issued. */
  corrections: string[];
  note: string | null;
}

/** One copy register: per issuing body, kind and calendar year, as its numbers run (rule 52). */
export interface CopyRegisterExportInput extends Omit<BookHeader, 'kind'> {
  /** A diploma kind, or a certificate kind of the catalogue when `credential` says which (issue 18). */
  kind: BookHeader['kind'] | string;
  /** For the copy register of a certificate kind: the catalogue entry's register title and name. */
  credential?: { readonly registerTitleVi: string; readonly nameVi: string };
  /** Place on the closing dateline ("Hải Phòng, ngày …"); left to be written in when absent. */
  place?: string;
  /** In copy-number order. */
  rows: CopyRegisterExportRow[];
}

/** "SỔ CẤP BẢN SAO TỪ SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG": the copies of the book of that level. */
export const copyRegisterTitle = (kind: BookHeader['kind']): string => `SỔ CẤP BẢN SAO TỪ ${registerBookTitle(kind)}`;

/**
 * The spreadsheet's columns (docs/domain.md §4.3): one fact a column, so each can be sorted, filtered
 * and searched. The printed book groups them (COPY_REGISTER_PDF_COLUMNS) to fit A4 landscape.
 */
export const COPY_REGISTER_COLUMNS = [
  'STT',
  'Số vào sổ cấp bản sao',
  'Số hiệu phôi bản sao',
  'Ngày cấp bản sao',
  'Số định danh cá nhân',
  'Họ và tên',
  'Ngày sinh',
  'Nơi sinh',
  'Số hiệu văn bằng',
  'Số vào sổ gốc',
  'Ngày cấp văn bằng',
  'Quyết định công nhận tốt nghiệp',
  'Người yêu cầu',
  'Quan hệ với người được cấp',
  'Giấy tờ tùy thân của người yêu cầu',
  'Giấy tờ chứng minh quyền yêu cầu',
  'Hình thức tiếp nhận',
  'Thời điểm tiếp nhận',
  'Người nhận ký, ghi rõ họ tên',
  'Ngày nhận',
  'Ghi chú',
] as const;

/** The printed book's columns: the same facts, grouped in the order of §4.3 so that they fit A4 landscape. */
export const COPY_REGISTER_PDF_COLUMNS = [
  'STT',
  'Số vào sổ cấp bản sao / Số hiệu phôi / Ngày cấp',
  'Họ và tên / Số định danh',
  'Ngày sinh, nơi sinh',
  'Số hiệu / Số vào sổ / Ngày cấp văn bằng',
  'QĐ công nhận tốt nghiệp',
  'Người yêu cầu, quan hệ, giấy tờ',
  'Hình thức, thời điểm tiếp nhận',
  'Người nhận ký, ghi rõ họ tên',
  'Ngày nhận',
  'Ghi chú',
] as const;

/** Zero-based index of "Người nhận ký, ghi rõ họ tên" in the printed book, which gives room to sign in. */
export const COPY_RECIPIENT_COLUMN = 8;
