import { deflateSync } from 'node:zlib';
import { normalizeNfcDeep } from '@so-goc/domain';
import { qrCode } from '../pdf/stream-writer/content';
import { num } from '../pdf/stream-writer/pdf-syntax';
import type {
  BlankTemplateLayout,
  Calibration,
  DiplomaFace,
  DiplomaKind,
  DiplomaPrintMode,
  FieldName,
  FieldPlacement,
  PreviewArt,
} from './diploma-face';
import { fieldTexts } from './face-fields';
import { PageCanvas, type GlyphExtras } from './placed-text';
import { builtInLayout } from './templates';

// Page content is a pure function of the face and the settings, so it can be produced in a worker
// thread and still give the very bytes the main thread would have produced.

export interface RenderSettings {
  mode: DiplomaPrintMode;
  layouts: Record<DiplomaKind, BlankTemplateLayout>;
  calibration: Calibration;
}

export interface RenderedPage {
  kind: DiplomaKind;
  /** The deflated content stream. */
  content: Uint8Array;
  extras: GlyphExtras;
}

// Reading order of the face, which is also the order pdftotext -raw reports the fields in.
const FIELD_ORDER: readonly FieldName[] = [
  'copyNumber',
  'issuerLine',
  'fullName',
  'sex',
  'birthDate',
  'ethnicity',
  'birthPlace',
  'school',
  'graduationYear',
  'classification',
  'trainingMode',
  'originalIssueLine',
  'originalSerialLine',
  'issueDateLine',
  'signerTitle',
  'signerName',
  'serial',
  'registerNumber',
];

const MM = 72 / 25.4;
// Level 3 compresses a page's content (mostly the QR's rectangles) within 15% of level 6 in less than
// half the time; deflate was the second-largest cost of a page after the QR encoder.
const DEFLATE = { level: 3 };

export const backgroundName = (kind: DiplomaKind): string => `Bg${kind}`;

export function previewArt(kind: DiplomaKind, layout: BlankTemplateLayout): PreviewArt {
  const art = layout.preview ?? builtInLayout(kind).preview;
  if (!art) throw new Error(`No preview art for ${kind}`);
  return art;
}

// zlib hands back a view into a 16 KB buffer; a page's stream is a few kilobytes, and posting the view
// from a worker would copy the whole buffer. An exact copy can be transferred instead.
function deflate(content: string): Uint8Array {
  const deflated = deflateSync(Buffer.from(content, 'latin1'), DEFLATE);
  return new Uint8Array(deflated);
}

export function renderPage(raw: DiplomaFace, settings: RenderSettings): RenderedPage {
  // The payload is the signed URL exactly as issued: it is encoded byte for byte, never normalised.
  const face = { ...normalizeNfcDeep(raw), qrPayload: raw.qrPayload };
  const layout = settings.layouts[face.kind];
  if (!layout) throw new RangeError(`No layout for diploma kind ${JSON.stringify(face.kind)}`);
  const [, height] = layout.pageSize;
  const canvas = new PageCanvas(height);
  const overlay = settings.mode === 'overlay';
  if (overlay) {
    // The whole print moves by the printer's offset: one matrix, so every field and the QR move alike.
    canvas.raw(`q 1 0 0 1 ${num(settings.calibration.dx * MM)} ${num(-settings.calibration.dy * MM)} cm\n`);
  } else {
    canvas.raw(`q /${backgroundName(face.kind)} Do Q\n`);
    if (face.copyNumber !== undefined) for (const text of previewArt(face.kind, layout).copyTexts) canvas.text(text, text.text, text.color);
  }
  const texts = fieldTexts(face);
  for (const name of FIELD_ORDER) {
    const text = texts[name];
    // The serial is pre-printed on the blank; printing it again would overprint it.
    if (text === null || text === '' || (overlay && name === 'serial') || layout.omitted?.includes(name)) continue;
    const placement = layout.fields[name] as FieldPlacement | undefined;
    // An office's own layout from before the copy lines existed prints without them rather than failing.
    if (placement) canvas.text(placement, text);
  }
  const { x, y, size } = layout.qr;
  canvas.raw(qrCode(face.qrPayload, x, height - y - size, size));
  if (overlay) canvas.raw('Q\n');
  return { kind: face.kind, content: deflate(canvas.content()), extras: canvas.extras };
}

export interface RenderedBackground {
  content: Uint8Array;
  extras: GlyphExtras;
}

// Keyed by the art itself, not the layout object: a caller may change a layout between two calls.
const backgrounds = new Map<string, RenderedBackground>();

/** The pre-printed face for preview mode, drawn once per file as a Form XObject and placed on every page. */
export function renderBackground(kind: DiplomaKind, layout: BlankTemplateLayout): RenderedBackground {
  const key = JSON.stringify([layout.pageSize, previewArt(kind, layout)]);
  let background = backgrounds.get(key);
  if (!background) {
    if (backgrounds.size >= 16) backgrounds.clear();
    backgrounds.set(key, (background = drawBackground(kind, layout)));
  }
  return background;
}

function drawBackground(kind: DiplomaKind, layout: BlankTemplateLayout): RenderedBackground {
  const [, height] = layout.pageSize;
  const art = previewArt(kind, layout);
  const canvas = new PageCanvas(height);
  const stroke = `${art.color.map(num).join(' ')} RG\n`;
  for (const [x, y, w, h, lineWidth] of art.frames)
    canvas.raw(`${stroke}${num(lineWidth)} w ${num(x)} ${num(height - y - h)} ${num(w)} ${num(h)} re S\n`);
  for (const [x1, y1, x2, y2, lineWidth] of art.lines)
    canvas.raw(`0 G ${num(lineWidth)} w ${num(x1)} ${num(height - y1)} m ${num(x2)} ${num(height - y2)} l S\n`);
  for (const text of art.texts) canvas.text(text, text.text, text.color);
  return { content: deflate(canvas.content()), extras: canvas.extras };
}
