import { diplomaTemplateOn } from '@so-goc/domain';
import { diplomaFace } from '../testing/diploma-fixtures';
import { pdfPageTexts, runTool, withPdfFile } from '../testing/poppler';
import { renderDiplomaPdf } from './diploma-pdf';

const textOf = async (...args: Parameters<typeof renderDiplomaPdf>) => pdfPageTexts((await renderDiplomaPdf(...args)).bytes).join('\n');
const subjectOf = (pdf: Uint8Array) =>
  /Subject:\s+(.*)/.exec(withPdfFile(pdf, (path) => runTool('pdfinfo', [path]).toString('utf8')))?.[1]?.trim();

describe('the diploma paper by template version (rule 37, Q12; issue 17 items 1, 2, 4)', () => {
  it('prints the year, not the exam session, and no empty "Xếp loại tốt nghiệp:" on a THPT blank that has none', async () => {
    const text = await textOf(diplomaFace({ graduationYear: '2025', issueDate: '2025-08-10' }), {
      mode: 'preview',
      templateVersion: diplomaTemplateOn('THPT', '2025-08-10').version,
    });
    expect(text).toContain('Năm tốt nghiệp: 2025');
    expect(text).not.toContain('Kỳ thi');
    expect(text).not.toContain('Xếp loại');
  });

  it('prints the classification where the template of that year has it (a THCS blank)', async () => {
    const text = await textOf(diplomaFace({ kind: 'THCS', classification: 'Khá' }), { mode: 'preview', templateVersion: 'TT21-2019' });
    expect(text).toContain('BẰNG TỐT NGHIỆP TRUNG HỌC CƠ SỞ');
    expect(text).toMatch(/Xếp loại tốt nghiệp:\s+Khá/);
  });

  it('a 2019 diploma reissued in 2026 goes on the 2026 template, the 2019 one on its own', async () => {
    const reissued = diplomaFace({ issueDate: '2026-05-05', registerNumber: '000031/THPT-2019/1' });
    const old = await renderDiplomaPdf(diplomaFace({ issueDate: '2019-08-14', classification: 'Khá' }), {
      mode: 'preview',
      templateVersion: diplomaTemplateOn('THPT', '2019-08-14').version,
    });
    const now = await renderDiplomaPdf(reissued, { mode: 'preview', templateVersion: diplomaTemplateOn('THPT', '2026-05-05').version });
    expect(subjectOf(old.bytes)).toBe('Mẫu BGDDT-2008');
    expect(subjectOf(now.bytes)).toBe('Mẫu TT10-2026');
    expect(pdfPageTexts(old.bytes)[0]).toMatch(/Xếp loại tốt nghiệp:\s+Khá/);
    expect(pdfPageTexts(now.bytes)[0]).not.toContain('Xếp loại');
    expect(pdfPageTexts(now.bytes)[0]).toContain('Hải Phòng, ngày 05 tháng 05 năm 2026');
  });

  it('a copy carries the original issue date and serial, and its own date under its own signer (§4.8)', async () => {
    const copy = diplomaFace({
      copyNumber: '12/BS-2026',
      issueDate: '2026-12-04',
      signerTitle: 'GIÁM ĐỐC',
      signerName: 'Lê Văn Cường',
      serial: 'BS 0000012',
      original: { issueDate: '2024-08-14', serial: 'HP 0203418' },
    });
    const text = await textOf(copy, { mode: 'preview', templateVersion: diplomaTemplateOn('THPT', '2026-12-04').version });
    for (const expected of [
      'BẢN SAO',
      'Số: 12/BS-2026',
      'Bản chính cấp ngày 14/08/2024',
      'Số hiệu bản chính: HP 0203418',
      'Cấp bản sao: Hải Phòng, ngày 04 tháng 12 năm 2026',
      'Lê Văn Cường',
      'Số vào sổ cấp bằng: 000417/THPT-2024',
    ]) {
      expect(text).toContain(expected);
    }
    // The original's date is not dressed as the copy's, nor the copy's as the original's.
    expect(text).not.toMatch(/^\s*Hải Phòng, ngày 04 tháng 12 năm 2026/m);
  });
});
