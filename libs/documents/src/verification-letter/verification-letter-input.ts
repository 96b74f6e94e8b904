import type { VerificationResult } from '@so-goc/domain';

/** One person as the agency's letter gives them (docs/domain.md §2.9). */
export interface VerificationLetterSubject {
  fullName: string;
  /** ISO or partial ("2006-09", "2006"), as asked; null when the letter does not give it. */
  birthDate: string | null;
  serial: string | null;
  registerNumber: string | null;
}

/** The answer for the subject at the same index, from the registers held. */
export interface VerificationLetterAnswer {
  result: VerificationResult;
  /** MISMATCH: the letter's fields that differ from the register ('fullName', 'birthDate', 'registerNumber', …). */
  mismatchedFields: string[];
  /** REVOKED / CORRECTED: the decisions; dates ISO. */
  decisions: { decisionNumber: string; decisionDate: string }[];
}

/** The response letter (công văn trả lời xác minh văn bằng), laid out as Nghị định 30/2020 prescribes. */
export interface VerificationLetterInput {
  /** "Ủy ban nhân dân thành phố Hải Phòng"; null for a body without one printed. */
  superiorName: string | null;
  /** "Sở Giáo dục và Đào tạo Hải Phòng" */
  authorityName: string;
  /** On the dateline: "Hải Phòng" */
  place: string;
  /** "388/SGDĐT-QLCL"; the part after the last hyphen names the drafting unit on "Lưu:". */
  letterNumber: string;
  /** ISO date */
  respondedOn: string;
  /** The requesting agency: "Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng" */
  organisation: string;
  theirLetterNumber: string;
  /** ISO date */
  theirLetterDate: string;
  subjects: VerificationLetterSubject[];
  /** One per subject, in the same order. */
  answers: VerificationLetterAnswer[];
  /** "GIÁM ĐỐC", or "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC": one line per "\n". */
  signerTitle: string;
  signerName: string;
  /** Encoded as it is, unnormalised, in the QR code at the bottom left. */
  verifyUrl: string;
  /** ISO instant: the file's own dates, so the same letter is always the same bytes. */
  generatedAt: string;
}

export interface VerificationLetterPdf {
  bytes: Uint8Array;
  /** Hex SHA-256 of `bytes`, to record beside the answers and check an archived copy by. */
  sha256: string;
}
