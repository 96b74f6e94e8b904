import { credentialCatalogue } from '../credential-kinds/credential-catalogue';
import { foldEvents } from '../shared/decider';
import type { DomainError } from '../shared/errors';
import { PROVINCE } from '../testing/after-issuance-fixtures';
import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { certificateRegisterDecider, type CertificateRegisterEvent } from './certificate-register';

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
    expect(events[0]).toMatchObject({
      type: 'CertificateSessionIssued',
      data: { sessionId: 'htct-2026-2', first: 3, last: 4, year: 2026 },
    });
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
});
