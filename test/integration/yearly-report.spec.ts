import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { reportToPdf, reportToXlsx, yearlyReportDocument } from '@so-goc/documents';
import { blankReconciliation, yearlyReport } from '@so-goc/projections';
import { issuanceWorld } from '../support/issuance-world';

/**
 * §4.9 / rule 15: the yearly report of the demo province's 2024 (the Sở's THPT run and its Phòng's THCS
 * run), every figure computed a second way — from the state of each serial and from the registers —
 * and the PDF rendered to look at.
 */
describe('yearly report on blanks and diplomas', () => {
  it('reconciles with the blank ledger and the registers, side by side and rolled up, and renders as the office files it', async () => {
    const world = await issuanceWorld();
    try {
      await world.issueThpt2024();
      await world.issueThcsAtPhong2024();
      const db = await world.readModels();
      const report = yearlyReport(db, ['SGD-HP', 'PGD-TN'], '2024-01-01', '2024-12-31', '2024-12-31');
      const [sgd, pgd] = report.authorities;
      const thpt = sgd!.kinds.find((k) => k.kind === 'THPT')!;
      const thcs = pgd!.kinds.find((k) => k.kind === 'THCS')!;

      // The other way round: serials by their state now, lots by their ranges, diplomas by the sổ gốc.
      const serials = (holder: string, kind: string, status: string) =>
        db
          .prepare(
            'SELECT COALESCE(SUM(s.last - s.first + 1), 0) FROM blank_segments s JOIN blank_lots l USING (lot_id) WHERE s.holder = ? AND l.kind = ? AND s.status = ?',
          )
          .pluck()
          .get(holder, kind, status) as number;
      const received = (authority: string, kind: string) =>
        db
          .prepare('SELECT COALESCE(SUM(last - first + 1), 0) FROM blank_lots WHERE receiving_authority = ? AND kind = ?')
          .pluck()
          .get(authority, kind) as number;
      const inRegister = (authority: string, kind: string) =>
        db
          .prepare(
            "SELECT COUNT(*) FROM register_entries WHERE authority_code = ? AND kind = ? AND register_year = 2024 AND state IN ('issued', 'delivered')",
          )
          .pluck()
          .get(authority, kind) as number;

      expect(thpt.blanks.received).toBe(received('SGD-HP', 'THPT'));
      expect(thpt.blanks.used).toBe(serials('SGD-HP', 'THPT', 'bound'));
      expect(thpt.diplomas.issued).toBe(inRegister('SGD-HP', 'THPT'));
      expect(thpt.diplomas.issued).toBe(thpt.blanks.used);
      expect(thpt.diplomas.notHandedOver).toBe(thpt.diplomas.issued);
      expect(thpt.blanks.onHand).toBe(
        serials('SGD-HP', 'THPT', 'in_stock') + serials('SGD-HP', 'THPT', 'reserved') + serials('SGD-HP', 'THPT', 'spoiled'),
      );
      expect(blankReconciliation(db, 'SGD-HP', 'THPT', '2024-01-01', '2024-12-31', '2024-12-31').onHandBySerial?.total).toBe(
        thpt.blanks.onHand,
      );
      // Rule 16: received = used + spoiled-and-destroyed + lost + returned + handed down + on hand.
      expect(
        thpt.blanks.opening +
          thpt.blanks.received +
          thpt.blanks.allocatedIn -
          thpt.blanks.allocatedOut -
          thpt.blanks.used -
          thpt.blanks.destroyed -
          thpt.blanks.lost -
          thpt.blanks.returned,
      ).toBe(thpt.blanks.onHand);

      const sgdThcs = sgd!.kinds.find((k) => k.kind === 'THCS')!;
      expect(sgdThcs.blanks.allocatedOut).toBe(thcs.blanks.allocatedIn);
      expect(thcs.blanks.used).toBe(serials('PGD-TN', 'THCS', 'bound'));
      expect(thcs.diplomas.issued).toBe(inRegister('PGD-TN', 'THCS'));
      expect(thcs.blanks.onHand).toBe(serials('PGD-TN', 'THCS', 'in_stock'));
      expect(thcs.diplomas.issued).toBe(500);

      const rolled = report.rolledUp.kinds.find((k) => k.kind === 'THCS')!;
      expect(rolled.diplomas.issued).toBe(sgdThcs.diplomas.issued + thcs.diplomas.issued);
      expect(rolled.blanks.onHand).toBe(sgdThcs.blanks.onHand + thcs.blanks.onHand);
      expect(report.rolledUp.kinds.find((k) => k.kind === 'THPT')!.diplomas.issued).toBe(thpt.diplomas.issued);
      // Issue 15: the THCS blanks the Sở handed to its Phòng are counted once for the province — as the
      // Sở's receipt — not again as "received from the superior" and "handed to units".
      expect(sgdThcs.blanks.allocatedOut).toBe(2500);
      expect(rolled.blanks).toMatchObject({ received: received('SGD-HP', 'THCS'), allocatedIn: 0, allocatedOut: 0 });
      expect(rolled.blanks.received).toBe(2500);
      for (const k of report.rolledUp.kinds)
        for (const b of [k.blanks, k.copyBlanks])
          expect(b.opening + b.received + b.allocatedIn - b.allocatedOut - b.used - b.destroyed - b.lost - b.returned).toBe(b.onHand);
      // A past year is counted serial by serial as of its last day (issue 17), and agrees with the ledger.
      const past = blankReconciliation(db, 'PGD-TN', 'THCS', '2024-01-01', '2024-12-31', '2026-12-05');
      expect(past.onHandBySerial).toEqual({
        inStock: thcs.blanks.onHand,
        reserved: 0,
        spoiledAwaitingDestruction: 0,
        total: thcs.blanks.onHand,
      });
      expect(past.balanced).toBe(true);

      const input = yearlyReportDocument({
        ...report,
        authorityCode: 'SGD-HP',
        authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
        superiorName: 'UBND thành phố Hải Phòng',
        place: 'Hải Phòng',
        generatedAt: '2024-12-20T03:00:00.000Z',
        preparedBy: 'Nguyễn Thị Lan',
        head: 'Phạm Văn Giám',
      });
      const pdf = await reportToPdf(input);
      expect(Buffer.from(await reportToPdf(input)).equals(Buffer.from(pdf))).toBe(true);
      const file = join(world.dir.path, 'bao-cao.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      expect(text).toContain('BÁO CÁO TÌNH HÌNH QUẢN LÝ PHÔI VÀ CẤP VĂN BẰNG');
      expect(text).toContain('Cộng (đơn vị và các đơn vị trực thuộc)');
      expect(text).toContain('Phạm Văn Giám');
      execFileSync('qpdf', ['--check', file]);
      if (process.env.AUDIT_KEEP_PDF) writeFileSync(process.env.AUDIT_KEEP_PDF, pdf);

      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await reportToXlsx(input)) as unknown as ArrayBuffer);
      expect(book.worksheets.map((s) => s.name)).toEqual([
        '1. Phôi văn bằng (bản chính)',
        '2. Phôi bản sao',
        '3. Văn bằng và bản sao',
        '4. Xác minh văn bằng và kết quả',
      ]);
      const values = book.worksheets[2]!.getSheetValues().flat();
      expect(values).toContain(thpt.diplomas.issued);
    } finally {
      await world.close();
    }
  }, 180_000);
});
