import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { CALENDAR } from '../testing/after-issuance-fixtures';
import { certificateRegisterDecider, type CertificateRegisterEvent, type IssuedCertificate } from './certificate-register';

const issued = (number: number, fullName: string): IssuedCertificate => ({
  certificateId: `TTNN-HP.CC-NN.2026.${number}`,
  verificationCode: `code-${number}-abcdefghijklmnop`,
  inWordsVi: 'Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3',
  inWordsEn: 'Foreign-language certificate (English) on the six-level framework, Level 3 (B1)',
  publicFields: [],
  number,
  registerNumber: `${String(number).padStart(6, '0')}/CC-NN-2026`,
  fullName,
  birthDate: '2000-09-18',
  birthPlace: 'Hải Phòng',
  values: { level: '3' },
});

const BOOK: CertificateRegisterEvent[] = [
  {
    type: 'CertificateSessionIssued',
    data: {
      sessionId: 'hp-2026-06',
      authorityCode: 'TTNN-HP',
      kindCode: 'CC-NN',
      year: 2026,
      sessionName: 'Kỳ thi tháng 6/2026',
      decision: { number: '245/QĐ-TTNN', date: '2026-07-01', signerName: 'Trần Văn Bình' },
      licence: null,
      legalBasis: 'TT 23/2017',
      first: 1,
      last: 2,
    },
  },
  { type: 'CertificatesEntered', data: { sessionId: 'hp-2026-06', certificates: [issued(1, 'Nguyễn Thị Thuy'), issued(2, 'Lê Văn Nam')] } },
];

const request = (overrides: Record<string, unknown> = {}) => ({
  type: 'RequestCertificateCorrection' as const,
  certificateId: 'TTNN-HP.CC-NN.2026.1',
  requestId: 'cs-1',
  ground: 'civil_status_changed' as const,
  changes: [{ field: 'fullName' as const, after: ' Nguyễn  Thị Thuỷ ' }],
  document: { kind: 'Trích lục cải chính hộ tịch', number: '125/TLCC', date: '2026-07-20', issuedBy: 'UBND phường Lạch Tray' },
  requestedBy: 'Nguyễn Thị Thuỷ',
  receivedOn: '2026-07-22',
  dossierCompleteOn: '2026-07-22',
  calendar: CALENDAR,
  ...overrides,
});
const decide = {
  type: 'DecideCertificateCorrection' as const,
  certificateId: 'TTNN-HP.CC-NN.2026.1',
  requestId: 'cs-1',
  decisionNumber: '52/QĐ-TTNN',
  decisionDate: '2026-07-24',
};
const head = { ...TEST_CONTEXT, actor: { officerId: 'head-1', role: 'signer', authorityCode: 'TTNN-HP' } };
const requested = (): CertificateRegisterEvent[] => [...certificateRegisterDecider.decide(request(), foldBook(BOOK), TEST_CONTEXT)];
const foldBook = (events: readonly CertificateRegisterEvent[]) =>
  events.reduce(certificateRegisterDecider.evolve, certificateRegisterDecider.initialState);

describe('Corrections of a certificate (issue 18; rules 22, 27–35 as for a diploma)', () => {
  it('records before/after, the dated deadline (3 working days under TT10/2026) and who took the dossier', () => {
    expect(requested()[0]).toMatchObject({
      type: 'CertificateCorrectionRequested',
      data: {
        changes: [{ field: 'fullName', before: 'Nguyễn Thị Thuy', after: 'Nguyễn Thị Thuỷ' }],
        dueBy: '2026-07-27',
        recordedBy: 'officer-1',
      },
    });
  });

  it('rule 27: ground (b) concerns sex and ethnicity, which a certificate does not carry; rule 35: no no-op', () => {
    given(certificateRegisterDecider, BOOK)
      .when(request({ ground: 'ethnicity_or_sex_redetermined' }))
      .thenRefusedWith('INVALID_INPUT');
    given(certificateRegisterDecider, BOOK)
      .when(request({ changes: [{ field: 'fullName', after: 'Nguyễn Thị Thuy' }] }))
      .thenRefusedWith('CORRECTION_CHANGES_NOTHING', { rule: 35 });
  });

  it('issue 17: the officer who took the dossier does not decide it; another officer does, into appendix line 1', () => {
    given(certificateRegisterDecider, [...BOOK, ...requested()])
      .when(decide)
      .thenRefusedWith('CORRECTION_DECIDED_BY_REQUESTER');
    const [corrected] = certificateRegisterDecider.decide(decide, foldBook([...BOOK, ...requested()]), head);
    expect(corrected).toMatchObject({ type: 'CertificateCorrected', data: { appendixLine: 1, decidedWithinDeadline: true } });
    const after = foldBook([...BOOK, ...requested(), corrected!]);
    // Rule 30: the entry is not edited; the appendix and the record's corrections carry the change.
    expect(after.certificates.get('TTNN-HP.CC-NN.2026.1')?.fullName).toBe('Nguyễn Thị Thuy');
    expect(after.appendix).toHaveLength(1);
    given(certificateRegisterDecider, [...BOOK, ...requested(), corrected!])
      .when(decide, head)
      .thenRefusedWith('CORRECTION_REQUEST_CLOSED');
  });

  it('rule 34: a revoked certificate is not corrected', () => {
    const revoked: CertificateRegisterEvent = {
      type: 'CertificateRevoked',
      data: { certificateId: 'TTNN-HP.CC-NN.2026.1', decisionRef: '301/QĐ-TTNN', revokedOn: '2026-07-10', reason: 'Thi hộ' },
    };
    given(certificateRegisterDecider, [...BOOK, revoked])
      .when(request())
      .thenRefusedWith('CERTIFICATE_REVOKED', { rule: 34 });
  });
});
