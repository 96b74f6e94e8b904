import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  credentialCatalogue,
  credentialInWords,
  DEFAULT_CREDENTIAL_KINDS,
  DomainError,
  publicCredentialFields,
  type CredentialKindEntry,
} from '@so-goc/domain';
import { certificateRegisterToPdf, certificateRegisterToXlsx } from '@so-goc/documents';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { decodeEvent, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import {
  ActOnCertificates,
  AllocateBlanks,
  ChangeAuthorityDirectory,
  CloseCertificatePrintRun,
  OpenCertificatePrintRun,
  readCertificatePrintRun,
  ReceiveBlankLot,
  RecordCertificateMisprint,
  RecordCertificatePrinting,
  SignCertificatePrintRun,
  findCertificate,
  IssueCertificates,
  IssueCopies,
  loadConfig,
  ReceiveCopyRequest,
  openCommandBus,
  readCertificateRegister,
} from '@so-goc/platform';
import { openReadModelDatabase } from '@so-goc/projections';
import { cliContext } from '../../apps/cli/src/commands/create-admin';

/**
 * Issue 18, done-when (a): a kind the code has never heard of — an IT application certificate, advanced,
 * with a practical-exam score of its own — is added as one catalogue entry (data) and issued end to end:
 * results list import with its row report, register numbers, the register as XLSX and PDF, the portal's
 * words and public fields, corrections with the register's appendix, copies from the register, revocation. No
 * line of code names it.
 */
const IT_ADVANCED: CredentialKindEntry = {
  code: 'CC-CNTT-NC',
  family: 'certificate',
  nameVi: 'Chứng chỉ ứng dụng công nghệ thông tin nâng cao',
  nameEn: 'IT application certificate, advanced',
  inWordsVi: 'Chứng chỉ ứng dụng công nghệ thông tin nâng cao ({modules})',
  inWordsEn: 'IT application certificate, advanced ({modules})',
  fields: [
    {
      name: 'modules',
      labelVi: 'Mô đun',
      labelEn: 'Modules',
      type: 'choices',
      minCount: 3,
      required: true,
      public: true,
      values: ['IU07', 'IU08', 'IU09', 'IU10', 'IU11', 'IU12', 'IU13', 'IU14', 'IU15'].map((code) => ({ code, vi: code, en: code })),
    },
    {
      name: 'practicalScore',
      labelVi: 'Điểm thực hành',
      labelEn: 'Practical score',
      type: 'score',
      min: 0,
      max: 100,
      step: 1,
      required: true,
      public: false,
    },
    { name: 'examDate', labelVi: 'Ngày thi', labelEn: 'Exam date', type: 'date', required: true, public: true },
  ],
  issuers: [
    { regimes: ['TT10/2026'], authorityKinds: ['centre'], licenceRequired: true, legalBasis: 'TTLT 17/2016 (test entry)', confidence: 'M' },
  ],
  blankKind: 'CC-CNTT-NC',
  register: {
    titleVi: 'Sổ gốc cấp chứng chỉ ứng dụng CNTT nâng cao',
    titleEn: 'Register of advanced IT certificates',
    numbering: 'per-issuer-kind-year',
  },
  templates: [{ version: 'CC-CNTT-NC-1', validFrom: '2026-01-01', validTo: null, source: 'test', confidence: 'L' }],
  legalBasis: 'TTLT 17/2016/TTLT-BGDĐT-BTTTT',
};

async function list(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('DS');
  sheet.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Mô đun', 'Điểm thực hành', 'Ngày thi']);
  rows.forEach((row, i) => sheet.addRow([i + 1, ...row]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('A new kind of credential is one catalogue entry (issue 18 done-when a)', () => {
  it('issues an "IT application certificate, advanced" end to end with no code written for it', async () => {
    const dir = makeTempDir('cert-kind');
    const config = loadConfig({ SOGOC_DATA_DIR: dir.path });
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const readModels = openReadModelDatabase(':memory:');
    const host = await openCommandBus({
      config,
      store,
      readModels,
      credentialKinds: credentialCatalogue([...DEFAULT_CREDENTIAL_KINDS, IT_ADVANCED]),
      close: async () => {
        readModels.close();
      },
    });
    const ctx = () => cliContext('test', new Date('2026-07-05T03:00:00Z'));
    const act = { officerId: 'cb', role: 'registrar', authorityCode: 'TTTH-HP' };
    const asCentre = () => ({ ...ctx(), actor: act });
    try {
      const directory = (command: ConstructorParameters<typeof ChangeAuthorityDirectory>[0]) =>
        host.bus.execute(new ChangeAuthorityDirectory(command, ctx()));
      await directory({
        type: 'RegisterAuthority',
        code: 'SGD-HP',
        name: 'Sở GDĐT Hải Phòng',
        kind: 'province_department',
        registeredOn: '2000-01-01',
      });
      await directory({
        type: 'RegisterAuthority',
        code: 'TTTH-HP',
        name: 'Trung tâm Tin học Hải Phòng',
        kind: 'centre',
        parentCode: 'SGD-HP',
        registeredOn: '2020-01-01',
      });
      await directory({
        type: 'RegisterAuthority',
        code: 'TTTH-CU',
        name: 'Trung tâm Tin học chưa được cấp phép',
        kind: 'centre',
        parentCode: 'SGD-HP',
        registeredOn: '2020-01-01',
      });
      await directory({
        type: 'GrantLicence',
        licenceId: 'ttth-nc',
        authorityCode: 'TTTH-HP',
        grantedBy: 'SGD-HP',
        decisionRef: '90/QĐ-SGDĐT',
        decisionDate: '2026-01-02',
        scope: ['CC-CNTT-NC'],
        validFrom: '2026-01-02',
        validTo: null,
      });
      // Rules 6, 25: the centre's director, in the directory, signs its decisions and its copies.
      await directory({
        type: 'RegisterSigner',
        signerId: 'gd-ttth',
        authorityCode: 'TTTH-HP',
        fullName: 'Phạm Văn Đông',
        title: 'Giám đốc',
        role: 'head',
        validFrom: '2020-01-01',
      });
      const issue = (sessionId: string, file: Buffer) =>
        host.bus.execute(
          new IssueCertificates(
            {
              authorityCode: 'TTTH-HP',
              kindCode: 'CC-CNTT-NC',
              sessionId,
              sessionName: 'Kỳ thi CNTT nâng cao tháng 6/2026',
              decision: { number: '12/QĐ-TTTH', date: '2026-07-01', signerName: 'Phạm Văn Đông' },
              file: { name: 'ds.xlsx', bytes: file },
            },
            asCentre(),
          ),
        );

      // The row report comes from the entry's own fields: too few modules, a score out of range.
      const bad = await issue(
        'nc-bad',
        await list([
          ['Lê Văn A', '01/02/2000', 'IU07, IU08', 80, '20/06/2026'],
          ['Lê Văn B', '02/02/2000', 'IU07,IU08,IU09', 120, '20/06/2026'],
        ]),
      ).catch((error: unknown) => error);
      expect(bad).toBeInstanceOf(DomainError);
      expect((bad as DomainError).problem.fieldProblems?.map((p) => [p.field, p.code])).toEqual([
        ['row 2: modules', 'TOO_FEW'],
        ['row 3: practicalScore', 'BAD_SCORE'],
      ]);

      await issue(
        'nc-2026-06',
        await list([
          ['Nguyễn Thị Hoa', '18/09/2000', 'IU07, IU08, IU09', 85, '20/06/2026'],
          ['Trần Quốc Bảo', '03/2001', 'IU10; IU11; IU12', 72, '20/06/2026'],
        ]),
      );
      const { state } = await readCertificateRegister(store, 'TTTH-HP', 'CC-CNTT-NC', 2026);
      const certificates = [...state.certificates.values()];
      expect(certificates.map((c) => [c.registerNumber, c.fullName, c.birthDate])).toEqual([
        ['000001/CC-CNTT-NC-2026', 'Nguyễn Thị Hoa', '2000-09-18'],
        ['000002/CC-CNTT-NC-2026', 'Trần Quốc Bảo', '2001-03'],
      ]);

      // What the portal says about it, and what it keeps back (the practical score).
      const found = await findCertificate(store, 'TTTH-HP.CC-CNTT-NC.2026.1');
      expect(found).toBeDefined();
      const values = found?.record.values ?? {};
      expect(credentialInWords(IT_ADVANCED, values)).toBe('Chứng chỉ ứng dụng công nghệ thông tin nâng cao (IU07, IU08, IU09)');
      expect(publicCredentialFields(IT_ADVANCED, values).map((f) => f.name)).toEqual(['modules', 'examDate']);

      // Printed on blanks of the kind's own blank kind, which the entry names: a lot of them is received, a
      // print run reserves serials, one misprint is replaced by the spare, the run is signed and closed.
      const handOver = (certificateIds: string[]) =>
        host.bus.execute(
          new ActOnCertificates(
            {
              type: 'HandOverCertificates',
              authorityCode: 'TTTH-HP',
              kindCode: 'CC-CNTT-NC',
              year: 2026,
              certificateIds,
              handedOverOn: '2026-07-05',
              recipient: 'Nguyễn Thị Hoa',
              minutesRef: 'BB-01/2026',
            },
            asCentre(),
          ),
        );
      // Rule 5: not handed over before it is printed on its blank and signed.
      await expect(handOver(['TTTH-HP.CC-CNTT-NC.2026.1'])).rejects.toMatchObject({ problem: { code: 'CERTIFICATE_NOT_PRINTED' } });
      expect(credentialCatalogue().blankKinds).not.toContain('CC-CNTT-NC');
      // The Sở receives the lot and hands it down to the licensed centre; an unlicensed one gets none (§8).
      await host.bus.execute(
        new ReceiveBlankLot(
          {
            lotId: 'TTTH-NC-2026',
            authorityCode: 'SGD-HP',
            kind: 'CC-CNTT-NC',
            templateVersion: 'CC-CNTT-NC-1',
            prefix: 'NC',
            width: 5,
            from: 1,
            to: 10,
            supplier: 'Nhà in được Sở chỉ định',
            deliveryNote: { number: 'PGH-NC-1', date: '2026-07-02' },
            receivedBy: 'Lê Thị Mai',
            receivedOn: '2026-07-02',
          },
          ctx(),
        ),
      );
      const handDown = (toAuthority: string) =>
        host.bus.execute(
          new AllocateBlanks(
            {
              lotId: 'TTTH-NC-2026',
              authorityCode: 'SGD-HP',
              toAuthority,
              ranges: [{ from: 1, to: 10 }],
              handover: { number: 'BBGN-NC-1', date: '2026-07-02' },
              allocatedOn: '2026-07-02',
            },
            ctx(),
          ),
        );
      await expect(handDown('TTTH-CU')).rejects.toMatchObject({ problem: { code: 'LICENCE_MISSING', field: 'toAuthority' } });
      await handDown('TTTH-HP');
      // Two officers open runs on the same book at the same moment: the register book's revision lets one take
      // the certificates; the other, deciding again, finds nothing left to print (a certificate goes on one blank).
      const openRun = (printRunId: string) =>
        host.bus.execute(
          new OpenCertificatePrintRun(
            {
              printRunId,
              authorityCode: 'TTTH-HP',
              kindCode: 'CC-CNTT-NC',
              year: 2026,
              lotId: 'TTTH-NC-2026',
              templateVersion: 'CC-CNTT-NC-1',
              openedOn: '2026-07-03',
              spareBlanks: 1,
            },
            asCentre(),
          ),
        );
      const raced = await Promise.allSettled([openRun('nc-2026-r1'), openRun('nc-2026-r2')]);
      expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = raced.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(lost?.reason).toMatchObject({ problem: { code: 'NOTHING_TO_PRINT' } });
      const run = { printRunId: raced[0]?.status === 'fulfilled' ? 'nc-2026-r1' : 'nc-2026-r2', authorityCode: 'TTTH-HP' };
      await host.bus.execute(new RecordCertificatePrinting({ ...run, printedOn: '2026-07-03' }, asCentre()));
      await host.bus.execute(
        new RecordCertificateMisprint(
          { ...run, certificateId: 'TTTH-HP.CC-CNTT-NC.2026.1', note: 'Kẹt giấy', reprintedOn: '2026-07-03' },
          asCentre(),
        ),
      );
      await host.bus.execute(
        new SignCertificatePrintRun(
          { ...run, signerName: 'Phạm Văn Đông', signerTitle: 'GIÁM ĐỐC', issueDate: '2026-07-04', issuePlace: 'Hải Phòng' },
          // Rule 25: the centre's director signs, in the signer role.
          { ...ctx(), actor: { ...act, role: 'signer' } },
        ),
      );
      await host.bus.execute(new CloseCertificatePrintRun({ ...run, closedOn: '2026-07-05' }, asCentre()));
      const printed = (await readCertificatePrintRun(store, run.printRunId)).state;
      expect(printed.status).toBe('closed');
      const withSerials = [...(await readCertificateRegister(store, 'TTTH-HP', 'CC-CNTT-NC', 2026)).state.certificates.values()];
      // NC 00001 was spoiled; the certificate kept its number and went onto the spare NC 00003.
      expect(withSerials.map((c) => [c.registerNumber, c.blank?.serialLabel, c.blank?.issueDate])).toEqual([
        ['000001/CC-CNTT-NC-2026', 'NC 00003', '2026-07-04'],
        ['000002/CC-CNTT-NC-2026', 'NC 00002', '2026-07-04'],
      ]);
      await handOver(['TTTH-HP.CC-CNTT-NC.2026.1']);

      // A correction (rules 27–35 as for a diploma): taken by the registrar, decided by the head, into the appendix.
      const asHead = () => ({ ...ctx(), actor: { officerId: 'gd', role: 'signer', authorityCode: 'TTTH-HP' } });
      await host.bus.execute(
        new ActOnCertificates(
          {
            type: 'RequestCertificateCorrection',
            authorityCode: 'TTTH-HP',
            certificateId: 'TTTH-HP.CC-CNTT-NC.2026.1',
            requestId: 'cs-nc-1',
            ground: 'civil_status_changed',
            changes: [{ field: 'fullName', after: 'Nguyễn Thị Thu Hoa' }],
            document: { kind: 'Trích lục cải chính hộ tịch', number: '55/TLCC', date: '2026-07-01', issuedBy: 'UBND phường Lạch Tray' },
            requestedBy: 'Nguyễn Thị Hoa',
            receivedOn: '2026-07-02',
            dossierCompleteOn: '2026-07-02',
          },
          asCentre(),
        ),
      );
      const sameOfficer = await host.bus
        .execute(
          new ActOnCertificates(
            {
              type: 'DecideCertificateCorrection',
              authorityCode: 'TTTH-HP',
              certificateId: 'TTTH-HP.CC-CNTT-NC.2026.1',
              requestId: 'cs-nc-1',
              decisionNumber: '15/QĐ-TTTH',
              decisionDate: '2026-07-03',
            },
            asCentre(),
          ),
        )
        .catch((error: unknown) => error);
      expect((sameOfficer as DomainError).code).toBe('CORRECTION_DECIDED_BY_REQUESTER');
      await host.bus.execute(
        new ActOnCertificates(
          {
            type: 'DecideCertificateCorrection',
            authorityCode: 'TTTH-HP',
            certificateId: 'TTTH-HP.CC-CNTT-NC.2026.1',
            requestId: 'cs-nc-1',
            decisionNumber: '15/QĐ-TTTH',
            decisionDate: '2026-07-03',
          },
          asHead(),
        ),
      );
      const corrected = await readCertificateRegister(store, 'TTTH-HP', 'CC-CNTT-NC', 2026);
      expect(corrected.state.appendix.map((a) => [a.appendixLine, a.decisionNumber, a.changes])).toEqual([
        [1, '15/QĐ-TTTH', [{ field: 'fullName', before: 'Nguyễn Thị Hoa', after: 'Nguyễn Thị Thu Hoa' }]],
      ]);
      // Rule 30: the entry itself is never edited.
      expect(corrected.state.certificates.get('TTTH-HP.CC-CNTT-NC.2026.1')?.fullName).toBe('Nguyễn Thị Hoa');

      // A copy from the register of the data-only kind (rules 46–57): numbered in the kind's own copy book,
      // carrying the register's content with the correction in force.
      await host.bus.execute(
        new ReceiveCopyRequest(
          {
            requestId: 'bs-nc-1',
            diplomaId: 'TTTH-HP.CC-CNTT-NC.2026.1',
            authorityCode: 'TTTH-HP',
            requester: {
              kind: 'holder',
              fullName: 'Nguyễn Thị Thu Hoa',
              idDocument: { kind: 'CCCD', number: '031300000001' },
              entitlementDocument: null,
              deathCertificate: null,
            },
            channel: 'counter',
            receivedAt: '2026-07-03T02:00:00Z',
            copies: 2,
          },
          asCentre(),
        ),
      );
      await host.bus.execute(
        new IssueCopies(
          { requestId: 'bs-nc-1', authorityCode: 'TTTH-HP', issuedOn: '2026-07-04', issuePlace: 'Hải Phòng', signerId: 'gd-ttth' },
          asCentre(),
        ),
      );
      const numbers = (await store.readStream('copy-register-TTTH-HP-CC-CNTT-NC-2026')).events.map((e) => decodeEvent(e).data);
      expect(numbers).toEqual([expect.objectContaining({ first: 1, last: 2 })]);
      const issuedCopies = (await store.readStream('copy-request-bs-nc-1')).events
        .map((e) => decodeEvent<{ type: string; data: Record<string, unknown> }>(e))
        .find((e) => e.type === 'CopiesIssued');
      expect(issuedCopies?.data).toMatchObject({
        diplomaId: 'TTTH-HP.CC-CNTT-NC.2026.1',
        signerName: 'Phạm Văn Đông',
        copies: [
          expect.objectContaining({ copyNumber: '000001/BS-CC-CNTT-NC-2026' }),
          expect.objectContaining({ copyNumber: '000002/BS-CC-CNTT-NC-2026' }),
        ],
        content: {
          kind: 'CC-CNTT-NC',
          holder: { fullName: 'Nguyễn Thị Thu Hoa', birthDate: '2000-09-18' },
          originalRegisterNumber: '000001/CC-CNTT-NC-2026',
          correctionDecisions: [{ decisionNumber: '15/QĐ-TTTH', decisionDate: '2026-07-03' }],
          credential: { inWordsVi: 'Chứng chỉ ứng dụng công nghệ thông tin nâng cao (IU07, IU08, IU09)' },
        },
      });

      await host.bus.execute(
        new ActOnCertificates(
          {
            type: 'RevokeCertificate',
            authorityCode: 'TTTH-HP',
            certificateId: 'TTTH-HP.CC-CNTT-NC.2026.2',
            decisionRef: '20/QĐ-TTTH',
            revokedOn: '2026-07-04',
            reason: 'Sai điểm',
          },
          asCentre(),
        ),
      );
      expect((await findCertificate(store, 'TTTH-HP.CC-CNTT-NC.2026.2'))?.record.status).toBe('REVOKED');
      // Rule 55: no copy of a revoked certificate; the counter answers with the written refusal citing the decision.
      const refusedAtCounter = await host.bus.execute(
        new ReceiveCopyRequest(
          {
            requestId: 'bs-nc-2',
            diplomaId: 'TTTH-HP.CC-CNTT-NC.2026.2',
            authorityCode: 'TTTH-HP',
            requester: {
              kind: 'holder',
              fullName: 'Trần Quốc Bảo',
              idDocument: { kind: 'CCCD', number: '031300000002' },
              entitlementDocument: null,
              deathCertificate: null,
            },
            channel: 'counter',
            receivedAt: '2026-07-05T02:00:00Z',
            copies: 1,
          },
          asCentre(),
        ),
      );
      expect(refusedAtCounter.events.map((e) => e.type)).toEqual(['CopyRequestReceived', 'CopyRequestRefused']);
      expect(JSON.stringify(refusedAtCounter.events[1]?.data)).toContain('20/QĐ-TTTH');

      // The register, with the entry's title, as Excel and PDF.
      const rows = [...(await readCertificateRegister(store, 'TTTH-HP', 'CC-CNTT-NC', 2026)).state.certificates.values()].map((c) => ({
        registerNumber: c.registerNumber,
        fullName: c.fullName,
        birthDate: c.birthDate,
        birthPlace: c.birthPlace,
        details: credentialInWords(IT_ADVANCED, c.values),
        decision: '12/QĐ-TTTH ngày 01/07/2026',
        status: c.status,
        handedOver: null,
        revocation: c.revocation ? c.revocation.decisionRef : null,
      }));
      const input = {
        authorityCode: 'TTTH-HP',
        authorityName: 'Trung tâm Tin học Hải Phòng',
        superiorName: 'Sở GDĐT Hải Phòng',
        kind: IT_ADVANCED.code,
        kindName: IT_ADVANCED.nameVi,
        registerTitle: IT_ADVANCED.register.titleVi,
        year: 2026,
        generatedAt: '2026-07-05T03:00:00Z',
        rows,
      };
      const text = pdfPageTexts(await certificateRegisterToPdf(input)).join('\n');
      expect(text).toContain('SỔ GỐC CẤP CHỨNG CHỈ ỨNG DỤNG CNTT NÂNG CAO');
      expect(text).toContain('Tổng số chứng chỉ đã cấp: 2, trong đó 1 đã thu hồi.');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await certificateRegisterToXlsx(input)) as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets[0]?.getSheetValues().flat().map(String)).toContain('000002/CC-CNTT-NC-2026');

      // The default catalogue, without the entry, does not know the kind: it is data, not code.
      expect(() => credentialCatalogue().get('CC-CNTT-NC')).toThrow(/CC-CNTT-NC/);
    } finally {
      await host.close();
      await store.close();
      dir.remove();
    }
  }, 60_000);
});
