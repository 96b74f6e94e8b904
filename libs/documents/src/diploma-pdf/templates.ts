import { DIPLOMA_TEMPLATES, diplomaTemplateVersion, printsField, type DiplomaTemplate } from '@so-goc/domain';
import type { BlankTemplateLayout, DiplomaKind, FieldName, FieldPlacement, PreviewArt, StaticText } from './diploma-face';

// One layout per template version of the domain's table (rule 37): the THCS/THPT blank, one 19 × 13 cm
// face laid landscape. The ministry's artwork was not available (domain.md §4.7: wording confidence M), so
// these positions are this system's own and the versions differ only in what they print (Q12); a Sở that
// prints on real blanks measures them and supplies its own layout, and per-printer drift is the
// Calibration's job, not the layout's.

export const DEFAULT_TEMPLATE_VERSION = 'TT21-2019';

const mm = (value: number) => (value * 72) / 25.4;
const [WIDTH, HEIGHT] = [mm(190), mm(130)];
const CENTER = WIDTH / 2;
const LEFT = 44;
const ROWS = [150, 169, 188, 207, 226, 245] as const;
const [NAME_ROW, BIRTH_ROW, PLACE_ROW, SCHOOL_ROW, YEAR_ROW, MODE_ROW] = ROWS;
const SIGNER_CENTER = 322;
const DARK_RED: [number, number, number] = [0.62, 0.08, 0.08];

const FIELDS: Record<FieldName, FieldPlacement> = {
  issuerLine: { x: CENTER, y: 110, size: 11, maxWidth: 460, align: 'center', bold: true },
  fullName: { x: 106, y: NAME_ROW, size: 13, maxWidth: 270, bold: true },
  sex: { x: 442, y: NAME_ROW, size: 10.5, maxWidth: 76 },
  birthDate: { x: 106, y: BIRTH_ROW, size: 10.5, maxWidth: 270 },
  ethnicity: { x: 442, y: BIRTH_ROW, size: 10.5, maxWidth: 76 },
  birthPlace: { x: 106, y: PLACE_ROW, size: 10.5, maxWidth: 412 },
  school: { x: 140, y: SCHOOL_ROW, size: 10.5, maxWidth: 378 },
  graduationYear: { x: 140, y: YEAR_ROW, size: 10.5, maxWidth: 110 },
  classification: { x: 371, y: YEAR_ROW, size: 10.5, maxWidth: 147 },
  trainingMode: { x: 148, y: MODE_ROW, size: 10.5, maxWidth: 250 },
  issueDateLine: { x: SIGNER_CENTER, y: 270, size: 10, maxWidth: 220, align: 'center' },
  signerTitle: { x: SIGNER_CENTER, y: 286, size: 10.5, maxWidth: 220, align: 'center', bold: true },
  signerName: { x: SIGNER_CENTER, y: 344, size: 11, maxWidth: 210, align: 'center', bold: true },
  serial: { x: 88, y: 312, size: 9.5, maxWidth: 120 },
  registerNumber: { x: 145, y: 328, size: 9.5, maxWidth: 100 },
  copyNumber: { x: 62, y: 56, size: 9, maxWidth: 90 },
  // Left of the signature block, above the serial: a copy's trace to its original (§4.8).
  originalIssueLine: { x: LEFT, y: 272, size: 9.5, maxWidth: 160 },
  originalSerialLine: { x: LEFT, y: 288, size: 9.5, maxWidth: 160 },
};

const label = (text: string, x: number, y: number, size = 10.5): StaticText => ({ text, x, y, size });

function art(kind: DiplomaKind, template: DiplomaTemplate): PreviewArt {
  const level = kind === 'THPT' ? 'trung học phổ thông' : 'trung học cơ sở';
  return {
    color: DARK_RED,
    frames: [
      [10, 10, WIDTH - 20, HEIGHT - 20, 1.5],
      [15, 15, WIDTH - 30, HEIGHT - 30, 0.5],
    ],
    lines: [[CENTER - 83, 58, CENTER + 83, 58, 0.6]],
    texts: [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', x: CENTER, y: 38, size: 10.5, align: 'center', bold: true },
      { text: 'Độc lập - Tự do - Hạnh phúc', x: CENTER, y: 53, size: 10.5, align: 'center', bold: true },
      { text: `BẰNG TỐT NGHIỆP ${level.toUpperCase()}`, x: CENTER, y: 88, size: 15, align: 'center', bold: true, color: DARK_RED },
      { text: `công nhận tốt nghiệp ${level} cho:`, x: CENTER, y: 126, size: 10.5, align: 'center' },
      label('Họ và tên:', LEFT, NAME_ROW),
      label('Giới tính:', 388, NAME_ROW),
      label('Ngày sinh:', LEFT, BIRTH_ROW),
      label('Dân tộc:', 388, BIRTH_ROW),
      label('Nơi sinh:', LEFT, PLACE_ROW),
      label('Học sinh trường:', LEFT, SCHOOL_ROW),
      label('Năm tốt nghiệp:', LEFT, YEAR_ROW),
      ...(printsField(template, 'classification') ? [label('Xếp loại tốt nghiệp:', 260, YEAR_ROW)] : []),
      label('Hình thức đào tạo:', LEFT, MODE_ROW),
      label('Số hiệu:', LEFT, 312, 9.5),
      label('Số vào sổ cấp bằng:', LEFT, 328, 9.5),
    ],
    copyTexts: [{ text: 'BẢN SAO', x: LEFT, y: 42, size: 13, bold: true, color: DARK_RED }, label('Số:', LEFT, 56, 9)],
  };
}

function layout(template: DiplomaTemplate): BlankTemplateLayout {
  return {
    templateVersion: template.version,
    pageSize: [WIDTH, HEIGHT],
    fields: FIELDS,
    qr: { x: 436, y: 262, size: 82 },
    preview: art(template.kind, template),
    omitted: printsField(template, 'classification') ? [] : ['classification'],
  };
}

const LAYOUTS = new Map(DIPLOMA_TEMPLATES.map((t) => [`${t.version}|${t.kind}`, layout(t)]));

/** The shared built-in layout: for the renderer, which never changes it. */
export function builtInLayout(kind: DiplomaKind, templateVersion = DEFAULT_TEMPLATE_VERSION): Readonly<BlankTemplateLayout> {
  const found = diplomaTemplateVersion(templateVersion, kind) && LAYOUTS.get(`${templateVersion}|${kind}`);
  if (!found) throw new RangeError(`No built-in layout for template ${JSON.stringify(templateVersion)} (${kind})`);
  return found;
}

/** A fresh copy, so a caller adjusting a field for one office cannot move it for everyone else. */
export function defaultDiplomaLayout(kind: DiplomaKind, templateVersion = DEFAULT_TEMPLATE_VERSION): BlankTemplateLayout {
  return structuredClone(builtInLayout(kind, templateVersion));
}

/** True when the template table has `templateVersion` for `kind` (TT10-2026 has no THCS blank). */
export const hasBuiltInLayout = (kind: DiplomaKind, templateVersion: string): boolean => LAYOUTS.has(`${templateVersion}|${kind}`);
