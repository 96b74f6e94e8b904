import type { AuthorityDirectory, AuthorityRecord } from '../authorities/authority';
import type { BlankLotEvent } from '../blanks/blank';
import { blankLotDecider } from '../blanks/blank-lot.decider';
import { COMPLETION_CERTIFICATE, FOREIGN_LANGUAGE_CERTIFICATE } from '../credential-kinds/credential-catalogue';
import { DomainError } from '../shared/errors';
import type { WorkflowDecision } from '../shared/workflow';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { stateOf } from '../testing/workflow-spec';
import { certificateRegisterDecider, type CertificateRegisterEvent, type IssuedCertificate } from './certificate-register';
import { certificatePrintRunDecider, type CertificatePrintRunEvent } from './certificate-print-run';
import {
  decideCloseCertificatePrintRun,
  decideOpenCertificatePrintRun,
  decideRecordCertificateMisprint,
  decideRecordCertificatePrinting,
  decideSignCertificatePrintRun,
} from './certificate-print-run.workflows';

/** Issue 18: print runs on certificate blanks, given/when/then over literal stream histories (rules 5, 16, 17, §8). */
const certificate = (n: number): IssuedCertificate => ({
  certificateId: `TTNN-HP.CC-NN.2026.${n}`,
  verificationCode: `code-${n}-aaaaaaaaaaaaaaaa`,
  inWordsVi: 'Chứng chỉ ngoại ngữ',
  inWordsEn: 'Foreign-language certificate',
  publicFields: [],
  number: n,
  registerNumber: `${String(n).padStart(6, '0')}/CC-NN-2026`,
  fullName: `Người ${n}`,
  birthDate: '2000-01-01',
  birthPlace: null,
  values: { level: '3' },
});
const registerHistory: CertificateRegisterEvent[] = [
  {
    type: 'CertificateSessionIssued',
    data: {
      sessionId: 's-1',
      authorityCode: 'TTNN-HP',
      kindCode: 'CC-NN',
      year: 2026,
      sessionName: 'Kỳ thi tháng 6',
      decision: { number: '245/QĐ-TTNN', date: '2026-07-01', signerName: 'Trần Văn Bình' },
      licence: { licenceId: 'l-1', decisionRef: '512/QĐ-SGDĐT' },
      legalBasis: 'TT 23/2017',
      first: 1,
      last: 3,
    },
  },
  { type: 'CertificatesEntered', data: { sessionId: 's-1', certificates: [1, 2, 3].map(certificate) } },
];
const lotOf = (kind: string): BlankLotEvent => ({
  type: 'BlankLotReceived',
  data: {
    lotId: 'lot-nn',
    kind,
    templateVersion: 'CC-NN-TT21',
    prefix: 'NN',
    width: 6,
    range: { from: 1, to: 10 },
    receivingAuthority: 'TTNN-HP',
    supplier: 'Nhà in',
    deliveryNote: { number: 'PGH-1', date: '2026-06-25' },
    receivedBy: 'Mai',
    receivedOn: '2026-06-25',
    missing: [],
    damaged: [],
  },
});
const centre: AuthorityRecord = {
  code: 'TTNN-HP',
  name: 'Trung tâm Ngoại ngữ Hải Phòng',
  kind: 'centre',
  parentCode: 'SGD-HP',
  governingBody: null,
  registeredOn: '2020-01-01',
  end: null,
} as AuthorityRecord;
const directory = (validTo: string | null): AuthorityDirectory => ({
  authorities: new Map([['TTNN-HP', centre]]),
  signers: new Map([
    [
      'gd-ttnn',
      {
        signerId: 'gd-ttnn',
        authorityCode: 'TTNN-HP',
        fullName: 'Trần Văn Bình',
        title: 'Giám đốc',
        role: 'head',
        validFrom: '2020-01-01',
        validTo: null,
        delegationRef: null,
      },
    ],
  ]),
  licences: [
    {
      licenceId: 'l-1',
      authorityCode: 'TTNN-HP',
      grantedBy: 'SGD-HP',
      decisionRef: '512/QĐ-SGDĐT',
      decisionDate: '2025-01-05',
      scope: ['CC-NN'],
      validFrom: '2025-01-05',
      validTo,
    },
  ],
});
const open = {
  printRunId: 'r-1',
  authorityCode: 'TTNN-HP',
  kindCode: 'CC-NN',
  year: 2026,
  lotId: 'lot-nn',
  templateVersion: 'CC-NN-TT21',
  openedOn: '2026-07-02',
  spareBlanks: 1,
};
const ctx = { ...TEST_CONTEXT, actor: { officerId: 'o-1', role: 'registrar' as const, authorityCode: 'TTNN-HP' } };
const signerCtx = { ...TEST_CONTEXT, actor: { officerId: 'o-2', role: 'signer' as const, authorityCode: 'TTNN-HP' } };

function refusal(decide: () => WorkflowDecision): string | undefined {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainError) return error.problem.code;
    throw error;
  }
  return undefined;
}

/** The histories the appends of a decision make, stream by stream. */
function after(decision: WorkflowDecision, stream: string): CertificatePrintRunEvent[] {
  return decision.appends.filter((a) => a.stream === stream).flatMap((a) => a.events) as CertificatePrintRunEvent[];
}

describe('Certificate print runs (issue 18)', () => {
  const register = stateOf(certificateRegisterDecider, registerHistory);
  const lot = stateOf(blankLotDecider, [lotOf('CC-NN')]);
  const read = { entry: FOREIGN_LANGUAGE_CERTIFICATE, run: certificatePrintRunDecider.initialState, register, lot };

  it('opening takes the register book’s unprinted certificates in order, and reserves a blank each plus the spares', () => {
    const decision = decideOpenCertificatePrintRun(open, read, ctx);
    expect(decision.appends.map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
      ['certificate-register-TTNN-HP-CC-NN-2026', ['CertificatesClaimedForPrintRun']],
      ['blank-lot-lot-nn', ['BlanksReserved']],
      ['certificate-print-run-r-1', ['CertificatePrintRunOpened', 'CertificatePrintRunEntriesPlanned']],
    ]);
    const planned = after(decision, 'certificate-print-run-r-1')[1];
    expect(
      planned?.type === 'CertificatePrintRunEntriesPlanned' && planned.data.entries.map((e) => [e.registerNumber, e.serialLabel]),
    ).toEqual([
      ['000001/CC-NN-2026', 'NN 000001'],
      ['000002/CC-NN-2026', 'NN 000002'],
      ['000003/CC-NN-2026', 'NN 000003'],
    ]);
  });

  it('rule 17: a lot of another kind of blank, or a kind not printed on blanks, is refused before anything is recorded', () => {
    const otherLot = stateOf(blankLotDecider, [lotOf('CC-UDCNTT')]);
    expect(refusal(() => decideOpenCertificatePrintRun(open, { ...read, lot: otherLot }, ctx))).toBe('BLANK_TEMPLATE_MISMATCH');
    expect(refusal(() => decideOpenCertificatePrintRun(open, { ...read, entry: COMPLETION_CERTIFICATE }, ctx))).toBe(
      'KIND_NOT_PRINTED_ON_BLANKS',
    );
    expect(refusal(() => decideOpenCertificatePrintRun({ ...open, certificateIds: ['TTNN-HP.CC-NN.2026.9'] }, read, ctx))).toBe(
      'CERTIFICATE_NOT_FOUND',
    );
  });

  it('rule 5 and §8: signed only once printed, with the licence in force on the issue date; the register then gains the serials', () => {
    const opened = decideOpenCertificatePrintRun(open, read, ctx);
    let run = stateOf(certificatePrintRunDecider, after(opened, 'certificate-print-run-r-1'));
    const claimed = stateOf(certificateRegisterDecider, [
      ...registerHistory,
      ...(after(opened, 'certificate-register-TTNN-HP-CC-NN-2026') as unknown as CertificateRegisterEvent[]),
    ]);
    const sign = {
      printRunId: 'r-1',
      authorityCode: 'TTNN-HP',
      signerName: 'Trần Văn Bình',
      signerTitle: 'Giám đốc',
      issueDate: '2026-07-04',
      issuePlace: 'Hải Phòng',
    };
    const signRead = { entry: FOREIGN_LANGUAGE_CERTIFICATE, register: claimed, directory: directory('2028-12-31') };
    expect(refusal(() => decideSignCertificatePrintRun(sign, { ...signRead, run }, signerCtx))).toBe('PRINT_RUN_WRONG_STATE');

    const lotAfterOpen = stateOf(blankLotDecider, [lotOf('CC-NN'), ...(after(opened, 'blank-lot-lot-nn') as unknown as BlankLotEvent[])]);
    const printed = decideRecordCertificatePrinting(
      { printRunId: 'r-1', authorityCode: 'TTNN-HP', printedOn: '2026-07-03' },
      { run, lot: lotAfterOpen },
      ctx,
    );
    const lotAfterPrint = stateOf(blankLotDecider, [
      lotOf('CC-NN'),
      ...(after(opened, 'blank-lot-lot-nn') as unknown as BlankLotEvent[]),
      ...(after(printed, 'blank-lot-lot-nn') as unknown as BlankLotEvent[]),
    ]);
    run = stateOf(certificatePrintRunDecider, [
      ...after(opened, 'certificate-print-run-r-1'),
      ...after(printed, 'certificate-print-run-r-1'),
    ]);

    expect(refusal(() => decideSignCertificatePrintRun(sign, { ...signRead, run, directory: directory('2026-07-03') }, signerCtx))).toBe(
      'LICENCE_EXPIRED',
    );
    expect(refusal(() => decideSignCertificatePrintRun({ ...sign, issueDate: '2026-07-02' }, { ...signRead, run }, signerCtx))).toBe(
      'DATE_TOO_EARLY',
    );
    expect(refusal(() => decideSignCertificatePrintRun(sign, { ...signRead, run }, ctx))).toBe('SIGNATURE_NEEDS_SIGNER_ROLE');
    // Rules 6, 25: a name that is not one of the centre's signers in the directory does not sign.
    expect(refusal(() => decideSignCertificatePrintRun({ ...sign, signerName: 'Lê Văn Khác' }, { ...signRead, run }, signerCtx))).toBe(
      'SIGNER_NOT_OF_AUTHORITY',
    );
    const signed = decideSignCertificatePrintRun(sign, { ...signRead, run }, signerCtx);
    const toRegister = signed.appends.find((a) => a.stream === 'certificate-register-TTNN-HP-CC-NN-2026')?.events[0];
    expect(toRegister?.type).toBe('CertificatesPrintedOnBlanks');
    const book = stateOf(certificateRegisterDecider, [...registerHistory, toRegister as CertificateRegisterEvent]);
    expect(book.certificates.get('TTNN-HP.CC-NN.2026.3')?.blank).toMatchObject({ serialLabel: 'NN 000003', issueDate: '2026-07-04' });

    // Closing gives the spare back and balances: 4 reserved = 3 bound + 0 spoiled + 1 released (rule 16).
    run = stateOf(certificatePrintRunDecider, [
      ...after(opened, 'certificate-print-run-r-1'),
      ...after(printed, 'certificate-print-run-r-1'),
      ...after(signed, 'certificate-print-run-r-1'),
    ]);
    const closed = decideCloseCertificatePrintRun(
      { printRunId: 'r-1', authorityCode: 'TTNN-HP', closedOn: '2026-07-05' },
      { run, lot: lotAfterPrint },
      ctx,
    );
    expect(closed.appends.map((a) => a.events.map((e) => [e.type, (e.data as { released?: number }).released]))).toEqual([
      [['BlanksReleased', undefined]],
      [['CertificatePrintRunClosed', 1]],
    ]);
  });

  it('rule 16: a misprint found before signing spoils its blank and reprints the certificate on the run’s spare; before printing it is refused', () => {
    const opened = decideOpenCertificatePrintRun(open, read, ctx);
    const lotAfterOpen = stateOf(blankLotDecider, [lotOf('CC-NN'), ...(after(opened, 'blank-lot-lot-nn') as unknown as BlankLotEvent[])]);
    const openRun = stateOf(certificatePrintRunDecider, after(opened, 'certificate-print-run-r-1'));
    const misprint = {
      printRunId: 'r-1',
      authorityCode: 'TTNN-HP',
      certificateId: 'TTNN-HP.CC-NN.2026.2',
      note: 'Lệch dòng họ tên',
      reprintedOn: '2026-07-03',
    };
    expect(refusal(() => decideRecordCertificateMisprint(misprint, { run: openRun, lot: lotAfterOpen }, ctx))).toBe(
      'PRINT_RUN_WRONG_STATE',
    );

    const printed = decideRecordCertificatePrinting(
      { printRunId: 'r-1', authorityCode: 'TTNN-HP', printedOn: '2026-07-03' },
      { run: openRun, lot: lotAfterOpen },
      ctx,
    );
    const decision = decideRecordCertificateMisprint(
      misprint,
      {
        run: stateOf(certificatePrintRunDecider, [
          ...after(opened, 'certificate-print-run-r-1'),
          ...after(printed, 'certificate-print-run-r-1'),
        ]),
        lot: stateOf(blankLotDecider, [
          lotOf('CC-NN'),
          ...(after(opened, 'blank-lot-lot-nn') as unknown as BlankLotEvent[]),
          ...(after(printed, 'blank-lot-lot-nn') as unknown as BlankLotEvent[]),
        ]),
      },
      ctx,
    );
    const onRun = after(decision, 'certificate-print-run-r-1');
    expect(onRun.map((e) => e.type)).toEqual(['CertificatePrintRunItemReprinted']);
    expect(onRun[0]?.data).toMatchObject({ certificateId: 'TTNN-HP.CC-NN.2026.2', newSerial: 4 });
    expect(decision.appends.find((a) => a.stream === 'blank-lot-lot-nn')?.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['BlanksSpoiled', 'BlanksBound']),
    );
  });

  describe('a crash between the claim (register book) and the reservation (lot), then a resend', () => {
    const claimed = decideOpenCertificatePrintRun(open, read, ctx).appends[0]!;
    const registerAfterCrash = stateOf(certificateRegisterDecider, [...registerHistory, ...(claimed.events as CertificateRegisterEvent[])]);

    it('the resend reserves the blanks and opens the run on the same certificates, claiming nobody twice', () => {
      const decision = decideOpenCertificatePrintRun(open, { ...read, register: registerAfterCrash }, ctx);
      expect(decision.appends.filter((a) => a.events.length > 0).map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
        ['blank-lot-lot-nn', ['BlanksReserved']],
        ['certificate-print-run-r-1', ['CertificatePrintRunOpened', 'CertificatePrintRunEntriesPlanned']],
      ]);
    });

    it('rule 16: when the lot can no longer give the blanks, the claim is given back and recorded, so another run prints them', () => {
      // Another run took the lot's blanks while this one was cut short.
      const takenLot = stateOf(blankLotDecider, [
        lotOf('CC-NN'),
        ...blankLotDecider.decide(
          { type: 'ReserveBlanks', authorityCode: 'TTNN-HP', printRunId: 'r-other', count: 9, reservedOn: '2026-07-02' },
          stateOf(blankLotDecider, [lotOf('CC-NN')]),
          ctx,
        ),
      ]);
      const decision = decideOpenCertificatePrintRun(open, { ...read, register: registerAfterCrash, lot: takenLot }, ctx);
      expect(decision.refusal).toBeInstanceOf(DomainError);
      expect(decision.appends.map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
        ['certificate-register-TTNN-HP-CC-NN-2026', ['CertificateClaimsReleased']],
      ]);
      const released = stateOf(certificateRegisterDecider, [
        ...registerHistory,
        ...(claimed.events as CertificateRegisterEvent[]),
        ...(decision.appends[0]!.events as CertificateRegisterEvent[]),
      ]);
      const again = decideOpenCertificatePrintRun({ ...open, printRunId: 'r-2', spareBlanks: 0 }, { ...read, register: released }, ctx);
      expect(again.appends[0]!.events).toEqual([
        {
          type: 'CertificatesClaimedForPrintRun',
          data: { printRunId: 'r-2', certificateIds: [1, 2, 3].map((n) => `TTNN-HP.CC-NN.2026.${n}`) },
        },
      ]);
    });
  });
});
