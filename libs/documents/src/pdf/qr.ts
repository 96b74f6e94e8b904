import type { PDFDocument, PDFPage } from 'pdf-lib';
import { qrCode } from './stream-writer/content';

/** A QR square on the page, quiet zone included; `x`, `y` its bottom-left corner, in points. */
export interface QrBox {
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

/**
 * Draws `payload` as the diplomas draw it (level M, one filled vector path, module-exact, ISO quiet zone),
 * on a pdf-lib page: the snippet becomes a content stream of its own appended to the page, wrapped in
 * q/Q, so it neither depends on nor disturbs what pdf-lib draws before or after it.
 */
export function drawQrCode(doc: PDFDocument, page: PDFPage, payload: string, box: QrBox): void {
  const stream = doc.context.flateStream(qrCode(payload, box.x, box.y, box.size));
  page.node.addContentStream(doc.context.register(stream));
}
