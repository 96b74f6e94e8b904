import { PDFDocument } from 'pdf-lib';
import { parseInstant } from '../vietnamese/format';

export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly generatedAt: string;
}

/**
 * pdf-lib stamps "now" as the creation and modification dates and its own name as producer; both are
 * replaced so the same input always yields the same bytes (an archived export can be checked by hash).
 * pdf-lib 1.17 draws its resource-name suffixes from a generator seeded with a constant and writes no
 * /ID, so nothing else varies between runs.
 */
export async function createPdf(meta: PdfMetadata): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const at = parseInstant(meta.generatedAt);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setCreator('Sổ Gốc');
  doc.setProducer('Sổ Gốc (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return doc;
}

export function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
