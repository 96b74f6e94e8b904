// The data printed on one THCS/THPT diploma (domain.md §4.7) and the geometry of the blank it goes on.

export type DiplomaKind = 'THCS' | 'THPT';

export interface DiplomaFace {
  kind: DiplomaKind;
  /** "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG" */
  issuerLine: string;
  fullName: string;
  /** ISO date, or a partial one ("2006-03", "2006") when the register only knows that much. */
  birthDate: string;
  birthPlace: string;
  sex: 'male' | 'female';
  ethnicity: string;
  school: string;
  graduationYear: string;
  classification: string | null;
  trainingMode: 'regular' | 'continuing';
  issuePlace: string;
  /** ISO date (an instant is read as its Vietnam calendar day). */
  issueDate: string;
  /** A line break ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC") prints as two lines. */
  signerTitle: string;
  signerName: string;
  /** "HP 0203418": pre-printed on the blank, so printed only in preview mode. */
  serial: string;
  /** "000417/THPT-2024" */
  registerNumber: string;
  /** The verification URL, e.g. "https://tracuu.example.vn/v/<token>". */
  qrPayload: string;
  /** Set for a copy from the register: preview prints "BẢN SAO" and this number. */
  copyNumber?: string;
  /**
   * A copy only (§4.8): the original's issue date and serial, so the paper does not read as a diploma issued
   * on the copy's date; `issueDate`, `issuePlace` and the signer are then the copy's own.
   */
  original?: { issueDate: string; serial: string };
}

export type FieldName =
  | 'issuerLine'
  | 'fullName'
  | 'birthDate'
  | 'birthPlace'
  | 'sex'
  | 'ethnicity'
  | 'school'
  | 'graduationYear'
  | 'classification'
  | 'trainingMode'
  /** "Hải Phòng, ngày 05 tháng 06 năm 2024": place and date of issue on one line. */
  | 'issueDateLine'
  | 'signerTitle'
  | 'signerName'
  | 'serial'
  | 'registerNumber'
  | 'copyNumber'
  /** A copy's "Bản chính cấp ngày 14/08/2024" and "Số hiệu bản chính: HP 0203418". */
  | 'originalIssueLine'
  | 'originalSerialLine';

/**
 * Where one field goes. Points from the top-left corner of the face (as a ruler on the paper blank
 * reads), `y` to the text baseline; `x` is the left edge, the centre or the right edge by `align`.
 * Text wider than `maxWidth` is set smaller until it fits, so a long name never runs into printed art.
 */
export interface FieldPlacement {
  x: number;
  y: number;
  size: number;
  maxWidth?: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

export interface StaticText extends FieldPlacement {
  text: string;
  /** RGB, 0–1; black when absent. */
  color?: [number, number, number];
}

/** What is pre-printed on the blank, drawn only in preview mode. Same coordinates as the fields. */
export interface PreviewArt {
  texts: StaticText[];
  /** Straight lines: [x1, y1, x2, y2, width]. */
  lines: Array<[number, number, number, number, number]>;
  /** Rectangles (frames): [x, y, width, height, line width]. */
  frames: Array<[number, number, number, number, number]>;
  color: [number, number, number];
  /** Drawn only on a copy from the register ("BẢN SAO"). */
  copyTexts: StaticText[];
}

export interface BlankTemplateLayout {
  templateVersion: string;
  /** Points, [width, height]; the 13×19 cm blank face. */
  pageSize: [number, number];
  fields: Record<FieldName, FieldPlacement>;
  /** `x`, `y`: top-left corner of the QR square, quiet zone included; `size` its side. */
  qr: { x: number; y: number; size: number };
  /** The pre-printed art for preview mode; a layout without it previews as the default template's art. */
  preview?: PreviewArt;
  /** Fields this template does not print (Q12: no "Xếp loại tốt nghiệp" on a THPT blank under the exam regime). */
  omitted?: FieldName[];
}

/** Printer offset in millimetres, per office and printer: +dx moves the print right, +dy moves it down. */
export interface Calibration {
  dx: number;
  dy: number;
}

export type DiplomaPrintMode = 'overlay' | 'preview';
