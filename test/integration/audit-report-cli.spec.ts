import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { blankLotDecider, blankLotStream, verificationRequestDecider, verificationRequestStream } from '@so-goc/domain';
import { handleCommand } from '@so-goc/event-store';
import { loadConfig } from '@so-goc/platform';
import { auditReport } from '../../apps/cli/src/commands/audit-report';
import { context, issuanceWorld } from '../support/issuance-world';

describe('cli audit-report (issue 15 §3)', () => {
  it('runs the audits once, prints the findings of the Sở and its units, and writes the open ones as XLSX and PDF', async () => {
    const world = await issuanceWorld();
    try {
      await world.issueThcsAtPhong2024();
      await handleCommand(world.store, blankLotDecider, {
        stream: blankLotStream('HP-THCS-2024'),
        context: context('PGD-TN'),
        command: {
          type: 'ReportBlanksLost',
          authorityCode: 'PGD-TN',
          ranges: [{ from: 302490, to: 302500 }],
          minutesRef: 'BB-MAT-TN-01',
          policeUnit: 'Công an huyện Thuỷ Nguyên',
          policeNotifiedAt: '2024-07-01T08:00:00+07:00',
          circumstances: 'Mất khi chuyển kho',
          lostOn: '2024-07-01',
        },
      });
      await handleCommand(world.store, verificationRequestDecider, {
        stream: verificationRequestStream('cv-ca-9'),
        context: context('SGD-HP', '2024-09-04T09:00:00.000Z'), // recorded on the day it is dated (issue 16)
        command: {
          type: 'ReceiveVerificationRequest',
          requestId: 'cv-ca-9',
          authorityCode: 'SGD-HP',
          organisation: 'Công an thành phố Hải Phòng',
          letterNumber: '9/CV-CAHP',
          letterDate: '2024-09-03',
          receivedOn: '2024-09-04',
          subjects: [
            { fullName: 'Lê Thị Giả', birthDate: null, serial: 'HP 0302495', registerNumber: null },
            { fullName: 'Vũ Văn Ảo', birthDate: null, serial: 'QN 0000001', registerNumber: null },
          ],
        },
      });
      await world.store.close();
      const lines: string[] = [];
      const config = loadConfig({ SOGOC_DATA_DIR: world.dir.path });
      const xlsx = join(world.dir.path, 'findings.xlsx');
      const pdf = join(world.dir.path, 'findings.pdf');
      const rows = await auditReport(config, { authority: 'SGD-HP', xlsx, pdf }, (l) => lines.push(l));
      expect(rows.map((r) => [r.pattern, r.authorityCode, r.subject])).toEqual([
        ['F4', 'PGD-TN', 'HP 0302495'],
        ['F1', 'SGD-HP', 'QN 0000001'],
      ]);
      expect(lines.join('\n')).toMatch(/\[critical\] F4 .*POLICE Phôi HP 0302495 \(đã mất\) được nêu trong công văn 9\/CV-CAHP/);
      expect((await auditReport(config, { authority: 'PGD-TN' }, () => undefined)).map((r) => r.pattern)).toEqual(['F4']);

      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx);
      const cells = book.worksheets[0]!.getSheetValues().flat().map(String).join(' | ');
      expect(cells).toContain('HP 0302495');
      expect(cells).toContain('Rất nghiêm trọng');
      const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
      expect(text).toContain('DANH SÁCH PHÁT HIỆN KIỂM TRA');
      expect(text).toContain('QN 0000001');
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      if (process.env.AUDIT_KEEP_PDF) execFileSync('cp', [pdf, process.env.AUDIT_KEEP_PDF]);
    } finally {
      world.dir.remove();
    }
  }, 120_000);
});
