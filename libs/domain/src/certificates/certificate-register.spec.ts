import type { AuthorityDirectory, SignerRecord } from '../authorities/authority';
import { credentialCatalogue } from '../credential-kinds/credential-catalogue';
import { foldEvents } from '../shared/decider';
import type { DomainError } from '../shared/errors';
import { PROVINCE } from '../testing/after-issuance-fixtures';
import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { certificateRegisterDecider, type CertificateRegisterEvent } from './certificate-register';
import { decideIssueCertificates } from './issue-certificates.workflow';

/**
 * The register of one kind of certificate (issue 18 item 3, §8) from literal histories, one act per test:
 * numbers run on without gap or reuse like a diploma register's (rule 21), a session is issued once, the
 * list is all-or-nothing, and each certificate is handed over and revoked once. The test context acts on
 * 22/11/2026; the completion certificate (GCN-HTCT) is the Sở's to issue under TT10/2026.
 */
const COMPLETION = credentialCatalogue().get('GCN-HTCT');
const code = (n: number) => `vc${String(n).padStart(14, '0')}`;
const certificate = (number: number, fullName: string) => ({
  certificateId: `SGD-HP.GCN-HTCT.2026.${number}`,
  verificationCode: code(number),
  inWordsVi: 'Giấy chứng nhận hoàn thành chương trình giáo dục phổ thông, năm học 2025-2026',
  inWordsEn: 'Certificate of completion of the general-education programme, school year 2025-2026',
  publicFields: [],
  number,
  registerNumber: `${String(number).padStart(6, '0')}/GCN-HTCT-2026`,
  fullName,
  birthDate: '2008-02-14',
  birthPlace: null,
  values: { schoolYear: '2025-2026', school: 'Trường THPT Ngô Quyền' },
});
const issuedSession: CertificateRegisterEvent[] = [
  {
    type: 'CertificateSessionIssued',
    data: {
      sessionId: 'htct-2026-1',
      authorityCode: 'SGD-HP',
      kindCode: 'GCN-HTCT',
      year: 2026,
      sessionName: 'Năm học 2025-2026, đợt 1',
      decision: { number: '601/QĐ-SGDĐT', date: '2026-06-20', signerName: 'Nguyễn Văn An' },
      licence: null,
      legalBasis: 'Luật 123/2025/QH15',
      first: 1,
      last: 2,
    },
  },
  {
    type: 'CertificatesEntered',
    data: { sessionId: 'htct-2026-1', certificates: [certificate(1, 'Trần Minh Khôi'), certificate(2, 'Lê Thị Hoà')] },
  },
];
const handedOver: CertificateRegisterEvent = {
  type: 'CertificatesHandedOver',
  data: {
    certificateIds: ['SGD-HP.GCN-HTCT.2026.1'],
    handedOverOn: '2026-07-01',
    recipient: 'Trường THPT Ngô Quyền',
    minutesRef: 'BBBG-CC-1',
  },
};
const revoked: CertificateRegisterEvent = {
  type: 'CertificateRevoked',
  data: { certificateId: 'SGD-HP.GCN-HTCT.2026.2', decisionRef: '77/QĐ-SGDĐT', revokedOn: '2026-09-01', reason: 'Cấp nhầm' },
};
const issue = (sessionId: string, rows: { row: number; fullName: unknown; birthDate: unknown }[]) => ({
  type: 'IssueCertificates' as const,
  entry: COMPLETION,
  directory: PROVINCE,
  authorityCode: 'SGD-HP',
  sessionId,
  sessionName: 'Năm học 2025-2026, đợt 2',
  decision: { number: '702/QĐ-SGDĐT', date: '2026-08-05', signerName: 'Nguyễn Văn An' },
  rows: rows.map((r) => ({ ...r, fields: { schoolYear: '2025-2026', school: 'Trường THPT Lê Quý Đôn' } })),
  verificationCodes: rows.map((r) => code(100 + r.row)),
});
const fieldCodes = (error: DomainError) => error.problem.fieldProblems?.map((p) => `${p.field}:${p.code}`);

describe('certificate register decider (issue 18 item 3, §8)', () => {
  it('rule 21: a session after one that used numbers 1–2 takes 3, 4 and says so in its header', () => {
    const events = certificateRegisterDecider.decide(
      issue('htct-2026-2', [
        { row: 2, fullName: 'Phạm Văn Bình', birthDate: '03/05/2008' },
        { row: 3, fullName: 'Vũ Thị Mai', birthDate: '11/11/2008' },
      ]),
      foldEvents(certificateRegisterDecider, issuedSession),
      TEST_CONTEXT,
    );
    // Issue 20 item 2: opened, listed, sealed last; the signer is the directory's record (rule 25).
    expect(events.map((e) => e.type)).toEqual(['CertificateSessionOpened', 'CertificatesEntered', 'CertificateSessionIssued']);
    expect(events[0]).toMatchObject({
      type: 'CertificateSessionOpened',
      data: {
        sessionId: 'htct-2026-2',
        first: 3,
        last: 4,
        year: 2026,
        decision: { signerName: 'Nguyễn Văn An', signerId: 'gd-hp', signerTitle: 'Giám đốc' },
      },
    });
    expect(events[2]).toEqual({ type: 'CertificateSessionIssued', data: events[0]!.data });
    expect(events[1]).toMatchObject({
      type: 'CertificatesEntered',
      data: {
        certificates: [
          {
            certificateId: 'SGD-HP.GCN-HTCT.2026.3',
            registerNumber: '000003/GCN-HTCT-2026',
            fullName: 'Phạm Văn Bình',
            birthDate: '2008-05-03',
          },
          { certificateId: 'SGD-HP.GCN-HTCT.2026.4', registerNumber: '000004/GCN-HTCT-2026', verificationCode: code(103) },
        ],
      },
    });
  });

  it('a session is issued once', () => {
    given(certificateRegisterDecider, issuedSession)
      .when(issue('htct-2026-1', [{ row: 2, fullName: 'Phạm Văn Bình', birthDate: '03/05/2008' }]))
      .thenRefusedWith('SESSION_ALREADY_ISSUED');
  });

  it('a list with a bad birth date and the same person twice is refused whole, each row named', () => {
    const refusal = given(certificateRegisterDecider, issuedSession)
      .when(
        issue('htct-2026-2', [
          { row: 2, fullName: 'Phạm Văn Bình', birthDate: '31/02/2008' },
          { row: 3, fullName: 'Vũ Thị Mai', birthDate: '11/11/2008' },
          { row: 4, fullName: 'VŨ THỊ MAI', birthDate: '11/11/2008' },
        ]),
      )
      .thenRefusedWith('RESULTS_LIST_REJECTED');
    expect(fieldCodes(refusal)).toEqual(['row 2: birthDate:BAD_BIRTH_DATE', 'row 4: fullName:DUPLICATE_ROW']);
  });

  it('a decision dated after the day it is recorded is refused', () => {
    const future = issue('htct-2026-2', [{ row: 2, fullName: 'Phạm Văn Bình', birthDate: '03/05/2008' }]);
    const refusal = given(certificateRegisterDecider, issuedSession)
      .when({ ...future, decision: { ...future.decision, date: '2026-12-01' } })
      .thenRefusedWith('INVALID_INPUT');
    expect(fieldCodes(refusal)).toEqual(['decision.date:DATE_IN_FUTURE']);
  });

  it('an authority the directory does not know cannot issue', () => {
    given(certificateRegisterDecider, [])
      .when({ ...issue('htct-2026-2', [{ row: 2, fullName: 'Phạm Văn Bình', birthDate: '03/05/2008' }]), authorityCode: 'SGD-XX' })
      .thenRefusedWith('AUTHORITY_NOT_ACTIVE_ON_DATE');
  });

  it('certificates are handed over with the minutes', () => {
    given(certificateRegisterDecider, issuedSession)
      .when({
        type: 'HandOverCertificates',
        certificateIds: ['SGD-HP.GCN-HTCT.2026.1'],
        handedOverOn: '2026-07-01',
        recipient: 'Trường THPT Ngô Quyền',
        minutesRef: 'BBBG-CC-1',
      })
      .then([handedOver]);
  });

  it('a certificate is handed over once', () => {
    given(certificateRegisterDecider, [...issuedSession, handedOver])
      .when({
        type: 'HandOverCertificates',
        certificateIds: ['SGD-HP.GCN-HTCT.2026.1'],
        handedOverOn: '2026-07-02',
        recipient: 'Trường THPT Ngô Quyền',
        minutesRef: 'BBBG-CC-2',
      })
      .thenRefusedWith('CERTIFICATE_ALREADY_HANDED_OVER');
  });

  it('a revoked certificate is not handed over', () => {
    given(certificateRegisterDecider, [...issuedSession, revoked])
      .when({
        type: 'HandOverCertificates',
        certificateIds: ['SGD-HP.GCN-HTCT.2026.2'],
        handedOverOn: '2026-09-02',
        recipient: 'Trường THPT Ngô Quyền',
        minutesRef: 'BBBG-CC-2',
      })
      .thenRefusedWith('CERTIFICATE_REVOKED');
  });

  it('issue 16: a hand-over dated 9999-12-31 is refused', () => {
    const refusal = given(certificateRegisterDecider, issuedSession)
      .when({
        type: 'HandOverCertificates',
        certificateIds: ['SGD-HP.GCN-HTCT.2026.1'],
        handedOverOn: '9999-12-31',
        recipient: 'Trường THPT Ngô Quyền',
        minutesRef: 'BBBG-CC-1',
      })
      .thenRefusedWith('INVALID_INPUT');
    expect(fieldCodes(refusal)).toEqual(['handedOverOn:DATE_IN_FUTURE']);
  });

  it('a certificate is revoked by a decision, with its reason', () => {
    given(certificateRegisterDecider, issuedSession)
      .when({
        type: 'RevokeCertificate',
        certificateId: 'SGD-HP.GCN-HTCT.2026.2',
        decisionRef: '77/QĐ-SGDĐT',
        revokedOn: '2026-09-01',
        reason: 'Cấp nhầm',
      })
      .then([revoked]);
  });

  it('a certificate is revoked once', () => {
    given(certificateRegisterDecider, [...issuedSession, revoked])
      .when({
        type: 'RevokeCertificate',
        certificateId: 'SGD-HP.GCN-HTCT.2026.2',
        decisionRef: '78/QĐ-SGDĐT',
        revokedOn: '2026-09-02',
        reason: 'x',
      })
      .thenRefusedWith('CERTIFICATE_ALREADY_REVOKED');
  });

  it('a certificate not in the book cannot be revoked', () => {
    given(certificateRegisterDecider, issuedSession)
      .when({
        type: 'RevokeCertificate',
        certificateId: 'SGD-HP.GCN-HTCT.2026.9',
        decisionRef: '78/QĐ-SGDĐT',
        revokedOn: '2026-09-02',
        reason: 'x',
      })
      .thenRefusedWith('CERTIFICATE_NOT_FOUND');
  });

  it('issue 16: a revocation dated before 1945 is refused', () => {
    const refusal = given(certificateRegisterDecider, issuedSession)
      .when({
        type: 'RevokeCertificate',
        certificateId: 'SGD-HP.GCN-HTCT.2026.2',
        decisionRef: '77/QĐ-SGDĐT',
        revokedOn: '1900-09-01',
        reason: 'Cấp nhầm',
      })
      .thenRefusedWith('INVALID_INPUT');
    expect(fieldCodes(refusal)).toEqual(['revokedOn:DATE_TOO_EARLY']);
  });

  describe('a session in bounded appends, sealed last (issue 20 item 2)', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        row: i + 2,
        fullName: `Nguyễn Văn Số ${i + 1}`,
        birthDate: `${String((i % 28) + 1).padStart(2, '0')}/05/2008`,
      }));
    const big = { ...issue('htct-2026-2', rows(600)), verificationCodes: rows(600).map((r) => code(1000 + r.row)) };
    const decided = certificateRegisterDecider.decide(big, foldEvents(certificateRegisterDecider, issuedSession), TEST_CONTEXT);
    // What a crash after the first part left: the opening and the first chunk, no seal.
    const cutShort = [...issuedSession, ...decided.slice(0, 2)];

    it('a 600-row list: opening, three chunks, the seal', () => {
      expect(decided.map((e) => e.type)).toEqual([
        'CertificateSessionOpened',
        'CertificatesEntered',
        'CertificatesEntered',
        'CertificatesEntered',
        'CertificateSessionIssued',
      ]);
    });

    it('rule 4 as for decisions: an unsealed session is not issued — its certificates are in no register, cannot be printed, handed over or revoked', () => {
      const state = foldEvents(certificateRegisterDecider, cutShort);
      expect(state.sessions.has('htct-2026-2')).toBe(false);
      expect(state.certificates.has('SGD-HP.GCN-HTCT.2026.3')).toBe(false);
      expect(state.certificates.size).toBe(2);
      expect(state.recording?.certificates.size).toBe(250);
      given(certificateRegisterDecider, cutShort)
        .when({ type: 'ClaimCertificatesForPrintRun', printRunId: 'r-1', certificateIds: ['SGD-HP.GCN-HTCT.2026.3'] })
        .thenRefusedWith('CERTIFICATE_NOT_FOUND');
      given(certificateRegisterDecider, cutShort)
        .when({
          type: 'HandOverCertificates',
          certificateIds: ['SGD-HP.GCN-HTCT.2026.3'],
          handedOverOn: '2026-09-01',
          recipient: 'Trường THPT Lê Quý Đôn',
          minutesRef: 'BB-1',
        })
        .thenRefusedWith('CERTIFICATE_NOT_FOUND');
    });

    it('the resend lists only the missing chunks with the reserved numbers, then seals; the whole list is then issued once', () => {
      const resent = certificateRegisterDecider.decide(big, foldEvents(certificateRegisterDecider, cutShort), TEST_CONTEXT);
      expect(resent.map((e) => e.type)).toEqual(['CertificatesEntered', 'CertificatesEntered', 'CertificateSessionIssued']);
      const state = foldEvents(certificateRegisterDecider, [...cutShort, ...resent]);
      expect(state.recording).toBeNull();
      expect(state.certificates.size).toBe(602);
      expect([...state.certificates.values()].map((c) => c.number).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 602 }, (_, i) => i + 1),
      );
      expect(state.next).toBe(603);
    });

    it('rule 21: another session waits until the unsealed one is completed; a different list under its id is refused', () => {
      given(certificateRegisterDecider, cutShort)
        .when(issue('htct-2026-3', [{ row: 2, fullName: 'Phạm Văn Bình', birthDate: '03/05/2008' }]))
        .thenRefusedWith('BOOK_HAS_UNSEALED_SESSION', { field: 'sessionId' });
      given(certificateRegisterDecider, cutShort)
        .when({ ...big, rows: big.rows.slice(0, 10) })
        .thenRefusedWith('SESSION_RECORDING_DIFFERS');
    });

    it('a session recorded by an earlier release (issued first, list after, one append) reads as issued', () => {
      const state = foldEvents(certificateRegisterDecider, issuedSession);
      expect(state.sessions.has('htct-2026-1')).toBe(true);
      expect(state.certificates.get('SGD-HP.GCN-HTCT.2026.2')?.status).toBe('ISSUED');
    });

    const book = 'certificate-register-SGD-HP-GCN-HTCT-2026';
    it('decideIssueCertificates: the first attempt is one sealed act on the book, not a resumption', () => {
      const decision = decideIssueCertificates(
        big,
        { stream: book, register: foldEvents(certificateRegisterDecider, issuedSession), sealedByThisCommand: false },
        TEST_CONTEXT,
      );
      expect(decision.primaryStream).toBe(book);
      expect(decision.appends).toHaveLength(1);
      expect(decision.appends[0]).toMatchObject({ stream: book, sealed: true, resumes: false });
      expect(decision.appends[0]!.events.map((e) => e.type)).toEqual(decided.map((e) => e.type));
    });

    it('decideIssueCertificates: resent into the session a crash left unsealed, it resumes with what is missing and the seal', () => {
      const decision = decideIssueCertificates(
        big,
        { stream: book, register: foldEvents(certificateRegisterDecider, cutShort), sealedByThisCommand: false },
        TEST_CONTEXT,
      );
      expect(decision.appends[0]).toMatchObject({ sealed: true, resumes: true });
      expect(decision.appends[0]!.events.map((e) => e.type)).toEqual([
        'CertificatesEntered',
        'CertificatesEntered',
        'CertificateSessionIssued',
      ]);
    });

    it('decideIssueCertificates: the same command resent after its seal appends nothing (a retried request)', () => {
      const sealed = foldEvents(certificateRegisterDecider, [...issuedSession, ...decided]);
      expect(decideIssueCertificates(big, { stream: book, register: sealed, sealedByThisCommand: true }, TEST_CONTEXT).appends).toEqual([]);
    });
  });

  describe("the decision's signer (rules 6, 25: the directory's signer records)", () => {
    const one = issue('htct-2026-2', [{ row: 2, fullName: 'Phạm Văn Bình', birthDate: '03/05/2008' }]);
    it('a name not among the issuer’s signers is refused, pointing at the signer field', () => {
      const refusal = given(certificateRegisterDecider, issuedSession)
        .when({ ...one, decision: { ...one.decision, signerName: 'Hoàng Văn Lạ' } })
        .thenRefusedWith('SIGNER_NOT_OF_AUTHORITY', { field: 'decision.signerName', rule: 25 });
      expect(refusal.problem.messageVi).toContain('Hoàng Văn Lạ');
    });
    it('the signer’s name is matched as Vietnamese names are (case, NFD input)', () => {
      const events = certificateRegisterDecider.decide(
        { ...one, decision: { ...one.decision, signerName: 'NGUYỄN VĂN AN'.normalize('NFD') } },
        foldEvents(certificateRegisterDecider, issuedSession),
        TEST_CONTEXT,
      );
      expect(events[0]).toMatchObject({ data: { decision: { signerId: 'gd-hp', signerName: 'Nguyễn Văn An' } } });
    });
    it('a signer of another authority, by id, is refused', () => {
      given(certificateRegisterDecider, issuedSession)
        .when({ ...one, decision: { ...one.decision, signerId: 'tp-pgd-xx' } })
        .thenRefusedWith('SIGNER_NOT_OF_AUTHORITY', { field: 'decision.signerId' });
    });
    it('a decision dated before the signer’s mandate began is refused', () => {
      given(certificateRegisterDecider, issuedSession)
        .when({ ...one, directory: withSigner({ validFrom: '2026-09-01' }) })
        .thenRefusedWith('SIGNER_NOT_ENTITLED_ON_DATE', { field: 'decision.signerName', rule: 25 });
    });
    it('a decision dated after the mandate ended is refused', () => {
      given(certificateRegisterDecider, issuedSession)
        .when({ ...one, directory: withSigner({ validFrom: '2020-01-01', validTo: '2026-07-31' }) })
        .thenRefusedWith('SIGNER_NOT_ENTITLED_ON_DATE');
    });
    it('rule 6: a deputy in charge without the assignment decision is refused', () => {
      given(certificateRegisterDecider, issuedSession)
        .when({ ...one, directory: withSigner({ role: 'deputy_in_charge', delegationRef: null }) })
        .thenRefusedWith('DELEGATION_MISSING', { field: 'decision.signerName', rule: 6 });
    });
  });
});

function withSigner(change: Partial<SignerRecord>): AuthorityDirectory {
  const signer = PROVINCE.signers.get('gd-hp')!;
  return { ...PROVINCE, signers: new Map(PROVINCE.signers).set('gd-hp', { ...signer, ...change }) };
}
