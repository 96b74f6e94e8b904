import type { BookHeader } from '../register-book/register-book-content';
import { registerBookTitle } from '../register-book/register-book-export';

/** One field of the holder's data as the decision changed it (docs/domain.md §3.4 rule 35). */
export interface RegisterAppendixChange {
  field: 'fullName' | 'birthDate' | 'birthPlace' | 'sex' | 'ethnicity';
  /** A birth date is ISO or partial ("2006-09", "2006"); a sex is 'male' | 'female'. */
  before: string;
  after: string;
}

/** One line of the appendix to the original register: a correction or a reissue (docs/domain.md §4.2). */
export interface RegisterAppendixRow {
  /** STT of the appendix, which the book's note points to ("xem phụ lục dòng 3"). */
  rowNumber: number;
  action: 'correction' | 'reissue';
  /** The holder's national ID (số định danh): the appendix is an internal register. */
  holderId: string;
  /** As in the sổ gốc. */
  fullName: string;
  /** ISO or partial, as in the sổ gốc. */
  birthDate: string;
  /** The serial already issued, "HP 0203418". */
  serial: string;
  /** The book line the act concerns, "000417/THPT-2024". */
  registerNumber: string;
  /** Reissue only. */
  newSerial: string | null;
  /** Reissue only, e.g. "000417/THPT-2024/1". */
  newRegisterNumber: string | null;
  changes: RegisterAppendixChange[];
  /** The correction decision, or the revocation-and-reissue decision. */
  decisionNumber: string;
  /** ISO date */
  decisionDate: string;
  /** Who signed for the new diploma or the correction decision. */
  recipientName: string | null;
  /** ISO date */
  receivedOn: string | null;
  /** e.g. the issuer's error a reissue corrects. */
  note: string | null;
}

/** The appendix of one book: the same issuing body, kind and year as the sổ gốc it belongs to. */
export interface RegisterAppendixExportInput extends BookHeader {
  /** Place on the closing dateline ("Hải Phòng, ngày …"); left to be written in when absent. */
  place?: string;
  /** In row-number order. */
  rows: RegisterAppendixRow[];
}

export const REGISTER_APPENDIX_TITLE = 'PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP';

/** "PHỤ LỤC SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG": the appendix of the book of that level. */
export const registerAppendixTitle = (kind: RegisterAppendixExportInput['kind']): string => `PHỤ LỤC ${registerBookTitle(kind)}`;

/** The columns of the register appendix, in the order of docs/domain.md §4.2. */
export const REGISTER_APPENDIX_COLUMNS = [
  'STT',
  'Số định danh',
  'Họ và tên',
  'Ngày sinh',
  'Số hiệu văn bằng đã cấp',
  'Số hiệu văn bằng mới',
  'Số vào sổ mới',
  'Nội dung chỉnh sửa/thay đổi',
  'Quyết định số, ngày',
  'Người nhận ký, ghi rõ họ tên',
  'Ngày nhận',
  'Ghi chú',
] as const;

/** Zero-based index of "Nội dung chỉnh sửa/thay đổi", which the PDF gives what the other columns leave. */
export const CHANGES_COLUMN = 7;
/** Zero-based index of "Người nhận ký, ghi rõ họ tên", which the PDF gives room to sign in. */
export const APPENDIX_RECIPIENT_COLUMN = 9;
