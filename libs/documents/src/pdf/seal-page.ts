import type { PDFContentStream, PDFDocument, PDFPage, PDFRef } from 'pdf-lib';

// pdf-lib keeps every drawing operator of every page as objects until save: a 1,500-page register
// held 2.6 GB that way. Once a page is full its operators can become the deflated bytes they will be
// saved as anyway. pdf-lib has no public call for this, so it reaches two private fields of PDFPage
// (pdf-lib 1.17); if they are not there the page is simply left as it is, costing memory, not output.
interface PageInternals {
  contentStream?: PDFContentStream;
  contentStreamRef?: PDFRef;
}

/**
 * Encodes what has been drawn on `page` so far. Later drawing on the page (the "Trang x/y" added at the
 * end) goes into a fresh content stream that pdf-lib appends to the page's /Contents.
 */
export function sealPage(doc: PDFDocument, page: PDFPage): void {
  const internals = page as unknown as PageInternals;
  const { contentStream, contentStreamRef } = internals;
  if (!contentStream || !contentStreamRef || typeof contentStream.getUnencodedContents !== 'function') return;
  doc.context.assign(contentStreamRef, doc.context.flateStream(contentStream.getUnencodedContents()));
  internals.contentStream = undefined;
  internals.contentStreamRef = undefined;
}
