import type { CertificateRegisterEvent } from '@so-goc/domain';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { publicCertificateOf, publicCertificatesProjection } from './public-certificates.projection';

/** Public verification of certificates (issue 18 item 3, §5.1), from literal events of one register book. */
const BOOK = 'certificate-register-SGD-HP-CC-NN-2026';
const session: CertificateRegisterEvent = {
  type: 'CertificateSessionIssued',
  data: {
    sessionId: 'nn-2026-05',
    authorityCode: 'SGD-HP',
    kindCode: 'CC-NN',
    year: 2026,
    sessionName: 'Kỳ thi tháng 5/2026',
    decision: { number: '512/QĐ-SGDĐT', date: '2026-06-02', signerName: 'Nguyễn Văn An' },
    licence: null,
    legalBasis: 'Thông tư 11/2024/TT-BGDĐT',
    first: 1,
    last: 2,
  },
};
const certificate = (number: number, fullName: string, verificationCode: string) => ({
  certificateId: `SGD-HP.CC-NN.2026.${number}`,
  verificationCode,
  inWordsVi: 'Chứng chỉ ngoại ngữ',
  inWordsEn: 'Foreign language certificate',
  publicFields: [{ name: 'level', labelVi: 'Bậc', labelEn: 'Level', vi: 'Bậc 3', en: 'Level 3' }],
  number,
  registerNumber: `00000${number}/CC-NN-2026`,
  fullName,
  birthDate: '2004-03-08',
  birthPlace: 'Hải Phòng',
  values: { level: 3, ethnicity: 'Kinh' },
});
const history = [
  recordedEvent(BOOK, session),
  recordedEvent(
    BOOK,
    {
      type: 'CertificatesEntered',
      data: {
        sessionId: 'nn-2026-05',
        certificates: [certificate(1, 'Phạm Thu Trang', 'q7Kp2xVb'), certificate(2, 'Đỗ Minh Hiếu', 'Zr4mW9tc')],
      },
    } satisfies CertificateRegisterEvent,
    { revision: 1n },
  ),
];

describe('public certificates projection (issue 18 item 3, §5.1)', () => {
  it('given a session entered, the portal finds a certificate by its QR code: VALID, with the session’s decision and the public fields only', () => {
    const { db, rows } = givenEvents(publicCertificatesProjection, history);
    expect(publicCertificateOf(db, 'Zr4mW9tc')).toEqual({
      status: 'VALID',
      // Internal to the portal: a copy of this certificate is found by it (issue 18); the JSON answer does not show it.
      certificateId: 'SGD-HP.CC-NN.2026.2',
      registerNumber: '000002/CC-NN-2026',
      // Not printed on a blank yet (§5.1: serial and issue date public once printed).
      serial: null,
      issueDate: null,
      issuerCode: 'SGD-HP',
      kindCode: 'CC-NN',
      fullName: 'Đỗ Minh Hiếu',
      birthDate: '2004-03-08',
      inWordsVi: 'Chứng chỉ ngoại ngữ',
      inWordsEn: 'Foreign language certificate',
      publicFields: [{ name: 'level', labelVi: 'Bậc', labelEn: 'Level', vi: 'Bậc 3', en: 'Level 3' }],
      decisionNumber: '512/QĐ-SGDĐT',
      decisionDate: '2026-06-02',
      revocation: null,
    });
    // Never found by its sequential number, and nothing private (ethnicity, birth place) is kept for the portal.
    expect(publicCertificateOf(db, 'SGD-HP.CC-NN.2026.2')).toBeUndefined();
    expect(JSON.stringify(rows('SELECT * FROM public_certificates'))).not.toMatch(/Kinh|Hải Phòng/);
  });

  it('when a certificate is revoked, the portal answers REVOKED with the decision; the other stays VALID', () => {
    const { db } = givenEvents(publicCertificatesProjection, [
      ...history,
      recordedEvent(
        BOOK,
        {
          type: 'CertificateRevoked',
          data: { certificateId: 'SGD-HP.CC-NN.2026.1', decisionRef: '77/QĐ-SGDĐT', revokedOn: '2026-09-01', reason: 'Thi hộ' },
        } satisfies CertificateRegisterEvent,
        { revision: 2n },
      ),
    ]);
    expect(publicCertificateOf(db, 'q7Kp2xVb')).toMatchObject({
      status: 'REVOKED',
      revocation: { revokedOn: '2026-09-01', decisionRef: '77/QĐ-SGDĐT' },
    });
    expect(publicCertificateOf(db, 'Zr4mW9tc')?.status).toBe('VALID');
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(publicCertificatesProjection, history).replayChangesNothing()).toBe(true);
  });

  describe('a session in bounded appends (issue 20 item 2): public only once sealed', () => {
    const opened = { ...session, type: 'CertificateSessionOpened' } as CertificateRegisterEvent;
    const openedRecorded = recordedEvent(BOOK, opened);
    const listed = recordedEvent(
      BOOK,
      {
        type: 'CertificatesEntered',
        data: { sessionId: 'nn-2026-05', certificates: [certificate(1, 'Phạm Thu Trang', 'q7Kp2xVb')] },
      } satisfies CertificateRegisterEvent,
      { revision: 1n },
    );
    const seal = recordedEvent(BOOK, session, { revision: 2n });
    const unsealed = [openedRecorded, listed];

    it('opened and listed, not sealed (a crash between the parts): the portal does not find it', () => {
      const { db } = givenEvents(publicCertificatesProjection, unsealed);
      expect(publicCertificateOf(db, 'q7Kp2xVb')).toBeUndefined();
    });

    it('once the seal is there, the certificate is VALID with its decision; replaying changes nothing', () => {
      const sealed = [...unsealed, seal];
      const { db } = givenEvents(publicCertificatesProjection, sealed);
      expect(publicCertificateOf(db, 'q7Kp2xVb')).toMatchObject({ status: 'VALID', decisionNumber: '512/QĐ-SGDĐT' });
      expect(givenEvents(publicCertificatesProjection, sealed).replayChangesNothing()).toBe(true);
    });
  });
});
