/** What the register records beside a line (column 15, docs/domain.md §4.1); printed by registerNoteLabel. */
export type RegisterNote =
  | {
      type: 'serial_replaced';
      oldSerial: string;
      newSerial: string;
      /** SpoilageReason code, e.g. 'misprint' */ reason: string;
      /** ISO date */ on: string;
    }
  | { type: 'received_by_proxy'; proxyName: string; authorisationRef: string | null }
  | { type: 'lost_before_delivery'; minutesRef: string; policeUnit: string; on: string }
  | { type: 'corrected'; decisionNumber: string; decisionDate: string; appendixRow: number | null }
  | { type: 'reissued'; decisionNumber: string; decisionDate: string; newSerial: string; newRegisterNumber: string }
  | { type: 'revoked'; decisionNumber: string; decisionDate: string; ground: string };

export interface RegisterBookRow {
  /** "000417/THPT-2024" */
  registerNumber: string;
  fullName: string;
  /** "2006-09-18", or partial "2006-09" / "2006": printed 18/09/2006, 09/2006, 2006. */
  birthDate: string;
  birthPlace: string;
  sex: 'male' | 'female';
  /** Already Vietnamese, e.g. "Kinh". */
  ethnicity: string;
  school: string;
  className: string | null;
  /** "2024": the year, never the exam session's text (that heads the section). */
  graduationYear: string;
  /** "Giỏi" | "Khá" | "Trung bình" | null */
  classification: string | null;
  trainingMode: 'regular' | 'continuing';
  /** "HP 0203418"; null before printing. */
  serial: string | null;
  /** Who signed for the diploma. */
  recipientName: string | null;
  /** ISO date */
  receivedOn: string | null;
  notes: RegisterNote[];
}

export interface RegisterBookSection {
  /** The graduation-recognition decision the section's diplomas are issued on. */
  decisionNumber: string;
  decisionDate: string;
  examSession: string | null;
  signerName: string | null;
  signerTitle: string | null;
  issueDate: string | null;
  issuePlace: string | null;
  /** In register-number order. */
  rows: RegisterBookRow[];
}

export interface RegisterBookExportInput {
  /** "Sở Giáo dục và Đào tạo Hải Phòng" */
  authorityName: string;
  /** "Ủy ban nhân dân thành phố Hải Phòng" */
  superiorName: string | null;
  authorityCode: string;
  kind: 'THCS' | 'THPT';
  year: number;
  /** ISO instant: printed on the book and used as the file's own dates, so re-exports are byte-identical. */
  generatedAt: string;
  sections: RegisterBookSection[];
  /** Place on the closing dateline ("Hải Phòng, ngày …"); defaults to the last section's issue place. */
  place?: string | null;
}

export const REGISTER_BOOK_TITLE = 'SỔ GỐC CẤP BẰNG TỐT NGHIỆP';

const LEVEL_NAMES: Readonly<Record<RegisterBookExportInput['kind'], string>> = {
  THPT: 'TRUNG HỌC PHỔ THÔNG',
  THCS: 'TRUNG HỌC CƠ SỞ',
};

/** "SỔ GỐC CẤP BẰNG TỐT NGHIỆP TRUNG HỌC PHỔ THÔNG" */
export const registerBookTitle = (kind: RegisterBookExportInput['kind']): string => `${REGISTER_BOOK_TITLE} ${LEVEL_NAMES[kind]}`;

/** The fifteen columns of the original register, in the order of docs/domain.md §4.1. */
export const REGISTER_BOOK_COLUMNS = [
  'STT',
  'Họ và tên',
  'Ngày tháng năm sinh',
  'Nơi sinh',
  'Giới tính',
  'Dân tộc',
  'Học sinh trường / Lớp',
  'Năm tốt nghiệp',
  'Xếp loại',
  'Hình thức đào tạo',
  'Số hiệu văn bằng',
  'Số vào sổ gốc',
  'Người nhận ký, ghi rõ họ tên',
  'Ngày nhận',
  'Ghi chú',
] as const;

/** Zero-based index of "Người nhận ký, ghi rõ họ tên", which the PDF gives room to sign in. */
export const RECIPIENT_COLUMN = 12;
