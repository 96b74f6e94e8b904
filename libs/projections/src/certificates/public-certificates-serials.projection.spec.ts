import type { Database } from 'better-sqlite3';
import type { CertificateRegisterEvent, IssuedCertificate } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { openReadModelDatabase } from '../read-model-database';
import { publicCertificateOf, publicCertificatesProjection } from './public-certificates.projection';

const STREAM = 'certificate-register-TTNN-HP-CC-NN-2026';
const certificate = (n: number): IssuedCertificate => ({
  certificateId: `TTNN-HP.CC-NN.2026.${n}`,
  verificationCode: `code-${n}-aaaaaaaaaaaaaaaa`,
  inWordsVi: 'Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3',
  inWordsEn: 'Foreign-language certificate',
  publicFields: [],
  number: n,
  registerNumber: `${String(n).padStart(6, '0')}/CC-NN-2026`,
  fullName: `Người ${n}`,
  birthDate: '2000-01-01',
  birthPlace: null,
  values: {},
});
const EVENTS: CertificateRegisterEvent[] = [
  {
    type: 'CertificateSessionIssued',
    data: {
      sessionId: 's-1',
      authorityCode: 'TTNN-HP',
      kindCode: 'CC-NN',
      year: 2026,
      sessionName: 'Kỳ thi tháng 6',
      decision: { number: '245/QĐ-TTNN', date: '2026-07-01', signerName: 'Trần Văn Bình' },
      licence: null,
      legalBasis: 'TT 23/2017',
      first: 1,
      last: 2,
    },
  },
  { type: 'CertificatesEntered', data: { sessionId: 's-1', certificates: [certificate(1), certificate(2)] } },
  { type: 'CertificatesClaimedForPrintRun', data: { printRunId: 'r-1', certificateIds: ['TTNN-HP.CC-NN.2026.1'] } },
  {
    type: 'CertificatesPrintedOnBlanks',
    data: {
      printRunId: 'r-1',
      lotId: 'lot-nn',
      issueDate: '2026-07-04',
      issuePlace: 'Hải Phòng',
      signerName: 'Trần Văn Bình',
      signerTitle: 'Giám đốc',
      certificates: [{ certificateId: 'TTNN-HP.CC-NN.2026.1', serial: 7, serialLabel: 'NN 000007' }],
    },
  },
];
const recorded = (event: CertificateRegisterEvent, i: number): RecordedEvent =>
  ({ id: `e${i}`, stream: STREAM, type: event.type, revision: BigInt(i), data: event.data, metadata: {} }) as unknown as RecordedEvent;

describe('public certificates projection (issue 18, §5.1)', () => {
  let db: Database;
  beforeEach(() => {
    db = openReadModelDatabase(':memory:');
    publicCertificatesProjection.createTables(db);
    EVENTS.forEach((e, i) => publicCertificatesProjection.apply(db, recorded(e, i)));
  });
  afterEach(() => db.close());

  it('shows the serial and issue date of a certificate printed on its blank, and none for one not printed yet', () => {
    expect(publicCertificateOf(db, 'code-1-aaaaaaaaaaaaaaaa')).toMatchObject({
      status: 'VALID',
      registerNumber: '000001/CC-NN-2026',
      serial: 'NN 000007',
      issueDate: '2026-07-04',
    });
    expect(publicCertificateOf(db, 'code-2-aaaaaaaaaaaaaaaa')).toMatchObject({ serial: null, issueDate: null });
  });

  it('the printing applied twice changes nothing', () => {
    const before = publicCertificateOf(db, 'code-1-aaaaaaaaaaaaaaaa');
    publicCertificatesProjection.apply(db, recorded(EVENTS[3]!, 3));
    expect(publicCertificateOf(db, 'code-1-aaaaaaaaaaaaaaaa')).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM public_certificate_blanks').get()).toEqual({ n: 1 });
  });
});
