import { createHash } from 'node:crypto';
import { PageSizes } from 'pdf-lib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { embedSerifFonts, type SerifFonts } from '../pdf/fonts';
import { textWidth } from '../pdf/measure';
import { BLACK, PageFlow, drawLine, lineHeightOf, type TextStyle } from '../pdf/page-flow';
import { createPdf, savePdf } from '../pdf/pdf-file';
import { drawQrCode } from '../pdf/qr';
import { wrapText } from '../pdf/text-wrap';
import { NATIONAL_MOTTO, NATIONAL_NAME, letterDateline } from '../verification-letter/verification-letter-content';
import { formatDateVi } from '../vietnamese/format';

/** What the recognition document (giấy công nhận văn bằng, §8) states. */
export interface RecognitionDocumentInput {
  readonly superiorName: string | null;
  readonly authorityName: string;
  readonly place: string;
  readonly documentNumber: string;
  readonly decidedOn: string;
  readonly applicant: { readonly fullName: string; readonly birthDate: string; readonly birthPlace: string | null };
  readonly foreignDiploma: {
    readonly title: string;
    readonly issuer: string;
    readonly country: string;
    readonly issuedOn: string;
    readonly number: string | null;
  };
  readonly equivalentTo: 'THCS' | 'THPT';
  readonly receivedOn: string;
  readonly legalBasis: string;
  readonly signerTitle: string;
  readonly signerName: string;
  /** The portal address with the signed token, encoded in the QR as given. */
  readonly verifyUrl: string;
  /** ISO instant used for the file's own dates, so the same decision always gives the same bytes. */
  readonly generatedAt: string;
}

export interface RecognitionDocumentPdf {
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

export const RECOGNITION_TITLE = 'GIẤY CÔNG NHẬN VĂN BẰNG';
export const RECOGNITION_SUBTITLE = 'do cơ sở giáo dục nước ngoài cấp';
export const RECOGNITION_QR_CAPTION = 'Quét mã để kiểm tra giấy công nhận';
export const EQUIVALENT_VI = {
  THCS: 'Bằng tốt nghiệp trung học cơ sở của Việt Nam',
  THPT: 'Bằng tốt nghiệp trung học phổ thông của Việt Nam',
} as const;

// Nghị định 30/2020, Phụ lục I: A4 portrait; margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
const MARGINS = { top: 57, right: 50, bottom: 57, left: 88 };
const HEAD = 11;
const BODY = 12.5;
const QR_SIZE = 90;

function centred(flow: PageFlow, lines: readonly string[], column: { x: number; width: number }, style: TextStyle, top: number): number {
  let cursor = top;
  for (const line of lines) {
    for (const part of wrapText(line, column.width, (t) => textWidth(style.font, t, style.size))) {
      cursor -= lineHeightOf(style.size);
      drawLine(flow.page, part, column.x, column.width, cursor + lineHeightOf(style.size) - style.size, { ...style, align: 'center' });
    }
  }
  return cursor;
}

interface HeadInput {
  readonly superiorName: string | null;
  readonly authorityName: string;
  readonly place: string;
  readonly number: string;
  readonly date: string;
  /** The "V/v …" line under the number, on a letter. */
  readonly subject?: string;
}

function head(flow: PageFlow, input: HeadInput, fonts: SerifFonts): void {
  const left = { x: flow.left, width: flow.width * 0.36 };
  const right = { x: flow.left + left.width, width: flow.width - left.width };
  const top = flow.cursor;
  let l = top;
  if (input.superiorName) l = centred(flow, [input.superiorName.toUpperCase()], left, { font: fonts.regular, size: HEAD }, l);
  l = centred(flow, [input.authorityName.toUpperCase()], left, { font: fonts.bold, size: HEAD }, l);
  const ruleAt = (column: { x: number; width: number }, length: number, y: number) =>
    flow.page.drawLine({
      start: { x: column.x + (column.width - length) / 2, y },
      end: { x: column.x + (column.width + length) / 2, y },
      thickness: 0.6,
      color: BLACK,
    });
  ruleAt(left, 60, l - 4);
  l = centred(flow, [`Số: ${input.number}`], left, { font: fonts.regular, size: BODY }, l - 12);
  if (input.subject) l = centred(flow, [input.subject], left, { font: fonts.regular, size: HEAD }, l);
  let r = centred(flow, [NATIONAL_NAME], right, { font: fonts.bold, size: HEAD }, top);
  r = centred(flow, [NATIONAL_MOTTO], right, { font: fonts.bold, size: HEAD + 1 }, r);
  ruleAt(right, textWidth(fonts.bold, NATIONAL_MOTTO, HEAD + 1), r - 4);
  r = centred(flow, [letterDateline(input.place, input.date)], right, { font: fonts.regular, size: BODY }, r - 12);
  flow.cursor = Math.min(l, r);
}

function labelled(flow: PageFlow, label: string, value: string, fonts: SerifFonts): void {
  const labelWidth = 150;
  const lines = wrapText(value, flow.width - labelWidth, (t) => textWidth(fonts.bold, t, BODY));
  lines.forEach((line, i) => {
    flow.ensureRoom(lineHeightOf(BODY));
    flow.cursor -= lineHeightOf(BODY);
    const baseline = flow.cursor + lineHeightOf(BODY) - BODY;
    if (i === 0) drawLine(flow.page, label, flow.left + 20, labelWidth - 20, baseline, { font: fonts.regular, size: BODY });
    drawLine(flow.page, line, flow.left + labelWidth, flow.width - labelWidth, baseline, { font: fonts.bold, size: BODY });
  });
  flow.space(3);
}

/** The recognition document: A4 portrait, a QR to the portal, identical bytes for identical input. */
export async function recognitionDocumentToPdf(raw: RecognitionDocumentInput): Promise<RecognitionDocumentPdf> {
  const input = { ...normalizeNfcDeep(raw), verifyUrl: raw.verifyUrl };
  const doc = await createPdf({
    title: `${RECOGNITION_TITLE} số ${input.documentNumber}`,
    author: input.authorityName,
    subject: `Công nhận văn bằng ${input.foreignDiploma.title} cấp cho ${input.applicant.fullName}`,
    generatedAt: input.generatedAt,
  });
  const fonts = await embedSerifFonts(doc);
  const flow = new PageFlow(doc, [PageSizes.A4[0], PageSizes.A4[1]], MARGINS);
  flow.newPage();
  head(flow, { ...input, number: input.documentNumber, date: input.decidedOn }, fonts);
  flow.space(30);
  const whole = { x: flow.left, width: flow.width };
  flow.cursor = centred(flow, [RECOGNITION_TITLE], whole, { font: fonts.bold, size: 15 }, flow.cursor);
  flow.cursor = centred(flow, [RECOGNITION_SUBTITLE], whole, { font: fonts.bold, size: BODY + 0.5 }, flow.cursor);
  flow.space(14);
  flow.cursor = centred(flow, [`GIÁM ĐỐC ${input.authorityName.toUpperCase()}`], whole, { font: fonts.bold, size: BODY }, flow.cursor);
  flow.space(8);
  const body = { font: fonts.regular, size: BODY };
  flow.paragraph(
    `Căn cứ ${input.legalBasis.replace(/^TT /, 'Thông tư ').replace(/bởi TT /, 'bởi Thông tư ')} của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về công nhận văn bằng do cơ sở giáo dục nước ngoài cấp;`,
    body,
  );
  flow.paragraph(
    `Xét hồ sơ đề nghị công nhận văn bằng của ${input.applicant.fullName}, tiếp nhận ngày ${formatDateVi(input.receivedOn)},`,
    body,
  );
  flow.space(10);
  flow.cursor = centred(flow, ['CÔNG NHẬN:'], whole, { font: fonts.bold, size: BODY + 0.5 }, flow.cursor);
  flow.space(8);
  labelled(flow, 'Văn bằng:', input.foreignDiploma.title, fonts);
  if (input.foreignDiploma.number) labelled(flow, 'Số hiệu văn bằng:', input.foreignDiploma.number, fonts);
  labelled(flow, 'Cơ sở cấp:', `${input.foreignDiploma.issuer} (${input.foreignDiploma.country})`, fonts);
  labelled(flow, 'Ngày cấp:', formatDateVi(input.foreignDiploma.issuedOn), fonts);
  labelled(flow, 'Cấp cho:', input.applicant.fullName, fonts);
  labelled(
    flow,
    'Ngày sinh:',
    `${formatDateVi(input.applicant.birthDate)}${input.applicant.birthPlace ? `, nơi sinh: ${input.applicant.birthPlace}` : ''}`,
    fonts,
  );
  labelled(flow, 'Tương đương:', EQUIVALENT_VI[input.equivalentTo], fonts);
  flow.space(8);
  flow.paragraph(
    'Giấy công nhận này được sử dụng kèm theo văn bằng được công nhận và có giá trị như văn bằng tương đương do cơ sở giáo dục Việt Nam cấp.',
    body,
  );
  flow.space(16);

  // Signer on the right; the QR at the foot on the left, as on the verification letter.
  signature(flow, input, fonts);
  const qrBottom = flow.margins.bottom + lineHeightOf(9) + 2;
  drawQrCode(doc, flow.page, input.verifyUrl, { x: flow.left - QR_SIZE * 0.08, y: qrBottom, size: QR_SIZE });
  drawLine(flow.page, RECOGNITION_QR_CAPTION, flow.left, flow.width * 0.45, flow.margins.bottom, { font: fonts.regular, size: 9 });

  const bytes = await savePdf(doc);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function signature(flow: PageFlow, input: { signerTitle: string; signerName: string }, fonts: SerifFonts): void {
  const titleLines = input.signerTitle
    .split('\n')
    .map((l) => l.trim().toUpperCase())
    .filter((l) => l !== '');
  const right = { x: flow.left + flow.width * 0.45, width: flow.width * 0.55 };
  if (!flow.fits((titleLines.length + 1) * lineHeightOf(BODY) + 80)) flow.newPage();
  const afterTitle = centred(flow, titleLines, right, { font: fonts.bold, size: BODY }, flow.cursor);
  flow.cursor = centred(flow, [input.signerName], right, { font: fonts.bold, size: BODY }, afterTitle - 72);
}

/** The written refusal (§8): to the applicant, what was asked, the reasons, signed. No QR: a refusal is never verified as a document. */
export interface RecognitionRefusalInput {
  readonly superiorName: string | null;
  readonly authorityName: string;
  readonly place: string;
  readonly letterNumber: string;
  readonly refusedOn: string;
  readonly applicant: { readonly fullName: string; readonly birthDate: string };
  readonly foreignDiploma: { readonly title: string; readonly issuer: string; readonly country: string; readonly issuedOn: string };
  readonly receivedOn: string;
  /** The verification letter and the foreign issuer's answer, when there was one. */
  readonly verification: { readonly letterNumber: string; readonly outcome: 'confirmed' | 'not_confirmed' | null } | null;
  readonly reasons: string;
  readonly signerTitle: string;
  readonly signerName: string;
  readonly generatedAt: string;
}

export const REFUSAL_SUBJECT = 'V/v từ chối công nhận văn bằng';

export async function recognitionRefusalToPdf(raw: RecognitionRefusalInput): Promise<RecognitionDocumentPdf> {
  const input = normalizeNfcDeep(raw);
  const doc = await createPdf({
    title: `Công văn số ${input.letterNumber} – ${REFUSAL_SUBJECT}`,
    author: input.authorityName,
    subject: `Từ chối công nhận văn bằng ${input.foreignDiploma.title} của ${input.applicant.fullName}`,
    generatedAt: input.generatedAt,
  });
  const fonts = await embedSerifFonts(doc);
  const flow = new PageFlow(doc, [PageSizes.A4[0], PageSizes.A4[1]], MARGINS);
  flow.newPage();
  head(flow, { ...input, number: input.letterNumber, date: input.refusedOn, subject: REFUSAL_SUBJECT }, fonts);
  flow.space(24);
  const whole = { x: flow.left, width: flow.width };
  flow.cursor = centred(
    flow,
    [`Kính gửi: ${input.applicant.fullName} (sinh ngày ${formatDateVi(input.applicant.birthDate)})`],
    whole,
    { font: fonts.regular, size: BODY + 0.5 },
    flow.cursor,
  );
  flow.space(12);
  const body = { font: fonts.regular, size: BODY };
  flow.paragraph(
    `${input.authorityName} nhận được hồ sơ đề nghị công nhận văn bằng ${input.foreignDiploma.title} do ${input.foreignDiploma.issuer} (${input.foreignDiploma.country}) cấp ngày ${formatDateVi(input.foreignDiploma.issuedOn)}, tiếp nhận ngày ${formatDateVi(input.receivedOn)}.`,
    body,
  );
  if (input.verification)
    flow.paragraph(
      `Sở đã đề nghị cơ sở cấp văn bằng xác minh (Công văn số ${input.verification.letterNumber}); kết quả: ${
        input.verification.outcome === 'confirmed'
          ? 'cơ sở cấp xác nhận văn bằng'
          : input.verification.outcome === 'not_confirmed'
            ? 'cơ sở cấp không xác nhận văn bằng'
            : 'chưa có trả lời'
      }.`,
      body,
    );
  flow.space(6);
  flow.paragraph(
    'Căn cứ quy định về công nhận văn bằng do cơ sở giáo dục nước ngoài cấp, Sở không công nhận văn bằng nêu trên vì lý do sau:',
    body,
  );
  flow.space(4);
  flow.paragraph(input.reasons, { font: fonts.bold, size: BODY }, { x: flow.left + 20, width: flow.width - 20 });
  flow.space(6);
  flow.paragraph('Nếu không đồng ý, người đề nghị có quyền khiếu nại theo quy định của pháp luật.', body);
  flow.space(16);
  signature(flow, input, fonts);
  const bytes = await savePdf(doc);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
