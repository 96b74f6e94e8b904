import { deflateSync } from 'node:zlib';
import type { CredentialFieldValues, CredentialKindEntry } from '@so-goc/domain';
import { MemorySink } from '../pdf/stream-writer/byte-sink';
import { writeCidFont } from '../pdf/stream-writer/cid-font-objects';
import { qrCode } from '../pdf/stream-writer/content';
import type { FontStyle } from '../pdf/stream-writer/font-face';
import { fontFace } from '../pdf/stream-writer/font-face';
import { PdfStreamWriter } from '../pdf/stream-writer/pdf-stream-writer';
import { num, pdfDate, textString } from '../pdf/stream-writer/pdf-syntax';
import { formatBirthDate } from '../diploma-pdf/face-fields';
import type { FieldPlacement } from '../diploma-pdf/diploma-face';
import { FONT_RESOURCES, PageCanvas, type GlyphExtras } from '../diploma-pdf/placed-text';
import { formatDateVi, formatLongDateVi } from '../vietnamese/format';

/**
 * A certificate printed on its serial-numbered blank (issue 18; domain §8: MOET prescribes only the main
 * contents, so one template serves every kind of the catalogue): the holder, the kind's own fields in words as
 * the catalogue entry names them, the issuance decision, the dateline and signer, the serial, the register
 * number and a QR to the portal. Written with the diploma PDF's streaming writer pieces (the CID font, the
 * vector QR, the page canvas), deterministic: the same faces give the same bytes.
 */
export interface CertificateFace {
  /** "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG"; pre-printed, preview only. */
  readonly superiorName: string | null;
  /** "TRUNG TÂM NGOẠI NGỮ HẢI PHÒNG"; pre-printed, preview only. */
  readonly issuerName: string;
  /** "CHỨNG CHỈ NGOẠI NGỮ"; pre-printed, preview only. */
  readonly title: string;
  /** The certificate in words (the portal's words). */
  readonly inWords: string;
  readonly fullName: string;
  /** ISO date or a partial one. */
  readonly birthDate: string;
  readonly birthPlace: string | null;
  /** The kind's own fields, in the entry's order: label (pre-printed) and value (printed). */
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly issuePlace: string;
  readonly issueDate: string;
  /** A line break prints as two lines ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"). */
  readonly signerTitle: string;
  readonly signerName: string;
  /** "NN 000007": pre-printed on the blank, preview only. */
  readonly serial: string;
  readonly registerNumber: string;
  readonly qrPayload: string;
}

export type CertificatePrintMode = 'overlay' | 'preview';

/** The kind's fields of one certificate in words, in the entry's order (scores with a decimal comma). */
export function certificateFieldLines(entry: CredentialKindEntry, values: CredentialFieldValues): { label: string; value: string }[] {
  if (entry.fields === 'graduate-list') return [];
  return entry.fields
    .filter((field) => values[field.name] !== undefined)
    .map((field) => {
      const value = values[field.name]!;
      const words = (code: string) =>
        field.type === 'choice' || field.type === 'choices' ? (field.values.find((v) => v.code === code)?.vi ?? code) : code;
      if (Array.isArray(value)) return { label: field.labelVi, value: value.map(words).join(', ') };
      if (field.type === 'date' && typeof value === 'string') return { label: field.labelVi, value: formatDateVi(value) };
      if (typeof value === 'number') return { label: field.labelVi, value: String(value).replace('.', ',') };
      return { label: field.labelVi, value: words(String(value)) };
    });
}

// A5 landscape, the usual size of a certificate blank; points from the top-left corner, as on a ruler.
const PAGE: [number, number] = [595.28, 419.53];
const ART_COLOR: [number, number, number] = [0.55, 0.1, 0.1];
const MAX_FIELDS = 12;

const place = (x: number, y: number, size: number, extra: Partial<FieldPlacement> = {}): FieldPlacement => ({ x, y, size, ...extra });

function renderPage(face: CertificateFace, mode: CertificatePrintMode): { content: Uint8Array; extras: GlyphExtras } {
  const f = { ...face };
  const [width, height] = PAGE;
  const canvas = new PageCanvas(height);
  const preview = mode === 'preview';
  const art = (placement: FieldPlacement, text: string) => {
    if (preview) canvas.text(placement, text, ART_COLOR);
  };
  if (preview) {
    canvas.raw(`${ART_COLOR.map(num).join(' ')} RG 2 w 18 18 ${num(width - 36)} ${num(height - 36)} re S\n`);
    canvas.raw(`0.6 w 24 24 ${num(width - 48)} ${num(height - 48)} re S\n`);
  }
  // Heading: the issuer on the left, the national motto on the right (Nghị định 30/2020 layout).
  if (f.superiorName) art(place(150, 48, 9, { align: 'center', maxWidth: 230 }), f.superiorName.toUpperCase());
  art(place(150, 61, 9.5, { align: 'center', maxWidth: 230, bold: true }), f.issuerName.toUpperCase());
  art(place(430, 48, 9.5, { align: 'center', maxWidth: 260, bold: true }), 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  art(place(430, 61, 9.5, { align: 'center', maxWidth: 260, bold: true }), 'Độc lập - Tự do - Hạnh phúc');
  art(place(width / 2, 98, 20, { align: 'center', maxWidth: 480, bold: true }), f.title.toUpperCase());
  canvas.text(place(width / 2, 118, 10.5, { align: 'center', maxWidth: 500 }), f.inWords);

  const labelX = 70;
  const valueX = 185;
  let y = 146;
  const line = (label: string, value: string, bold = false) => {
    art(place(labelX, y, 10.5), `${label}:`);
    canvas.text(place(valueX, y, bold ? 12 : 10.5, { maxWidth: width - valueX - 60, bold }), value);
    y += bold ? 17 : 15;
  };
  line('Cấp cho', f.fullName, true);
  line('Ngày sinh', formatBirthDate(f.birthDate));
  if (f.birthPlace) line('Nơi sinh', f.birthPlace);
  const fields = f.fields.slice(0, MAX_FIELDS);
  if (fields.length <= 5) for (const field of fields) line(field.label, field.value);
  else {
    // Many fields (a language certificate's four skills): long values on their own line, the short ones in two
    // columns, so the page keeps room for the QR.
    for (const field of fields.filter((field) => field.value.length > 20)) line(field.label, field.value);
    const short = fields.filter((field) => field.value.length <= 20);
    for (let i = 0; i < short.length; i += 2) {
      const [left, right] = [short[i]!, short[i + 1]];
      art(place(labelX, y, 10.5), `${left.label}:`);
      canvas.text(place(valueX, y, 10.5, { maxWidth: 140 }), left.value);
      if (right) {
        art(place(340, y, 10.5), `${right.label}:`);
        canvas.text(place(430, y, 10.5, { maxWidth: 120 }), right.value);
      }
      y += 15;
    }
  }
  line('Quyết định cấp', `số ${f.decisionNumber} ngày ${formatDateVi(f.decisionDate)}`);

  // Dateline and signer on the right; QR, serial and register number on the left.
  canvas.text(place(430, 318, 10, { align: 'center', maxWidth: 260 }), `${f.issuePlace}, ${formatLongDateVi(f.issueDate)}`);
  canvas.text(place(430, 333, 10, { align: 'center', maxWidth: 260, bold: true }), f.signerTitle.toUpperCase());
  canvas.text(place(430, 388, 11, { align: 'center', maxWidth: 260, bold: true }), f.signerName);
  const qrSize = 78;
  canvas.raw(qrCode(face.qrPayload, 40, height - 300 - qrSize, qrSize));
  art(place(128, 340, 9.5), 'Số hiệu:');
  if (preview) canvas.text(place(175, 340, 9.5, { bold: true }), f.serial, [0.7, 0, 0]);
  art(place(128, 356, 9.5), 'Số vào sổ:');
  canvas.text(place(182, 356, 9.5), f.registerNumber);
  return { content: new Uint8Array(deflateSync(Buffer.from(canvas.content(), 'latin1'), { level: 3 })), extras: canvas.extras };
}

export interface CertificatePdfOptions {
  readonly mode: CertificatePrintMode;
  readonly title?: string;
  /** "Mẫu CC-NN-TT21": the template version, readable in any PDF viewer. */
  readonly templateVersion?: string;
  /** ISO instant written as the creation date; without it the file carries no date. */
  readonly generatedAt?: string;
}

const STYLES: readonly FontStyle[] = ['regular', 'bold'];

/** A certificate print run, one page per certificate in the order given (register order). */
export async function renderCertificatesPdf(
  faces: Iterable<CertificateFace>,
  options: CertificatePdfOptions,
): Promise<{ bytes: Uint8Array; sha256: string; pageCount: number }> {
  const sink = new MemorySink();
  const writer = new PdfStreamWriter(sink);
  const [catalog, root, resources, info] = [writer.allocate(), writer.allocate(), writer.allocate(), writer.allocate()];
  const fonts = { regular: writer.allocate(), bold: writer.allocate() };
  const extras: Record<FontStyle, Map<number, string>> = { regular: new Map(), bold: new Map() };
  const kids: number[] = [];
  for (const face of faces) {
    const page = renderPage(face, options.mode);
    for (const style of STYLES) for (const [gid, text] of page.extras[style]) if (!extras[style].has(gid)) extras[style].set(gid, text);
    const [pageId, contentId] = [writer.allocate(), writer.allocate()];
    writer.object(
      pageId,
      `<</Type/Page/Parent ${root} 0 R/MediaBox[0 0 ${num(PAGE[0])} ${num(PAGE[1])}]/Resources ${resources} 0 R/Contents ${contentId} 0 R>>`,
    );
    writer.stream(contentId, '/Filter/FlateDecode', page.content);
    kids.push(pageId);
  }
  if (kids.length === 0) throw new RangeError('A PDF needs at least one certificate');
  writer.object(root, `<</Type/Pages/Kids[${kids.map((id) => `${id} 0 R`).join(' ')}]/Count ${kids.length}>>`);
  writer.object(resources, `<</Font<<${STYLES.map((style) => `/${FONT_RESOURCES[style]} ${fonts[style]} 0 R`).join('')}>>>>`);
  const dates = options.generatedAt ? `/CreationDate(${pdfDate(options.generatedAt)})/ModDate(${pdfDate(options.generatedAt)})` : '';
  writer.object(
    info,
    `<</Title ${textString(options.title ?? 'Đợt in chứng chỉ')}${options.templateVersion ? `/Subject ${textString(`Mẫu ${options.templateVersion}`)}` : ''}/Creator ${textString('Sổ Gốc')}/Producer ${textString('Sổ Gốc (stream writer)')}${dates}>>`,
  );
  // PrintScaling None: "fit to page" would shrink the overlay off the blank's boxes.
  writer.object(catalog, `<</Type/Catalog/Pages ${root} 0 R/Lang(vi-VN)/ViewerPreferences<</PrintScaling/None>>>>`);
  for (const style of STYLES) await writeCidFont(writer, fonts[style], fontFace(style), extras[style]);
  writer.finish(catalog, info);
  return { ...sink.close(), pageCount: kids.length };
}
