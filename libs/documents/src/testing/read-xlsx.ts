import { Workbook, type Worksheet } from 'exceljs';

/** Reads an export back the way a user's spreadsheet would, returning its only sheet. */
export async function readSheet(xlsx: Buffer): Promise<{ workbook: Workbook; sheet: Worksheet }> {
  const workbook = new Workbook();
  // exceljs types its input as an ArrayBuffer; hand it exactly the exported bytes.
  await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet || workbook.worksheets.length !== 1) throw new Error('expected exactly one worksheet');
  return { workbook, sheet };
}
