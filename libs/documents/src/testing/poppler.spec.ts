import { PDFDocument } from 'pdf-lib';
import { pdfPageTexts } from './poppler';

describe('poppler test helpers', () => {
  it('fail loudly, naming the package to install, when poppler is missing', async () => {
    const pdf = await (await PDFDocument.create()).save();
    const path = process.env.PATH;
    try {
      process.env.PATH = '/nonexistent';
      expect(() => pdfPageTexts(pdf)).toThrow(/install poppler-utils/);
    } finally {
      process.env.PATH = path;
    }
  });
});
