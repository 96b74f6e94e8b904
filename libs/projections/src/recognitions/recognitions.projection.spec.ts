import { givenEvents, recorded } from '../testing/projection-spec';
import { recognisedByDocumentNumber, recognitionRegister, recognitionsOverdue, recognitionsProjection } from './recognitions.projection';

const application = (recognitionId: string, fullName: string) => ({
  recognitionId,
  authorityCode: 'SGD-HP',
  channel: 'online',
  receivedOn: '2026-09-07',
  applicant: { fullName, birthDate: '2008-02-14', birthPlace: null, nationality: 'Việt Nam', idDocument: { kind: 'CCCD', number: '1' } },
  foreignDiploma: {
    title: 'High School Diploma',
    issuer: 'Lincoln High School',
    country: 'Hoa Kỳ',
    issuedOn: '2026-06-12',
    number: null,
    levelSought: 'THPT',
  },
  dossier: [],
  dueOn: '2026-10-05',
  deadlineBasis: 'TT 13/2021/TT-BGDĐT, sửa đổi bởi TT 07/2024/TT-BGDĐT',
});
const signer = { signerId: 'gd-hp', signerName: 'Nguyễn Văn An', signerTitle: 'Giám đốc' };

const events = [
  recorded('recognition-cn-1', 'RecognitionApplicationReceived', application('cn-1', 'Trần Minh Khôi')),
  recorded('recognition-cn-2', 'RecognitionApplicationReceived', application('cn-2', 'Lê Thị Hoà')),
  recorded('recognition-cn-3', 'RecognitionApplicationReceived', application('cn-3', 'Phạm Văn Bình')),
  recorded('recognition-cn-1', 'RecognitionVerificationSent', {
    recognitionId: 'cn-1',
    sentOn: '2026-09-09',
    letterNumber: '1502/SGDĐT',
    addressee: 'Lincoln High School',
    dueOn: '2026-11-09',
  }),
  recorded('recognition-cn-1', 'RecognitionVerificationAnswered', {
    recognitionId: 'cn-1',
    answeredOn: '2026-10-20',
    outcome: 'confirmed',
    reference: 'Email',
    note: null,
  }),
  recorded('recognition-cn-1', 'ForeignDiplomaRecognised', {
    recognitionId: 'cn-1',
    authorityCode: 'SGD-HP',
    equivalentTo: 'THPT',
    documentNumber: '000001/CNVB-2026',
    registerYear: 2026,
    registerNumber: 1,
    decidedOn: '2026-10-26',
    ...signer,
    dueOn: '2026-11-09',
    late: false,
  }),
  recorded('recognition-cn-2', 'RecognitionRefused', {
    recognitionId: 'cn-2',
    authorityCode: 'SGD-HP',
    refusedOn: '2026-10-27',
    letterNumber: '1720/SGDĐT',
    reasons: 'Cơ sở giáo dục nước ngoài không xác nhận văn bằng.',
    ...signer,
    dueOn: '2026-10-05',
    late: true,
  }),
];

describe('recognitions projection (§8)', () => {
  it('given the events, one row per application: the register lists the recognised and the refused, the portal finds only the recognised', () => {
    const { db, replayChangesNothing } = givenEvents(recognitionsProjection, events);
    expect(
      recognitionRegister(db, 'SGD-HP', 2026).map((r) => [
        r.recognitionId,
        r.status,
        r.decision?.documentNumber ?? null,
        r.refusal?.late ?? null,
      ]),
    ).toEqual([
      ['cn-1', 'recognised', '000001/CNVB-2026', null],
      ['cn-2', 'refused', null, true],
    ]);
    expect(recognisedByDocumentNumber(db, '000001/CNVB-2026')?.verification).toMatchObject({
      letterNumber: '1502/SGDĐT',
      answer: { outcome: 'confirmed' },
    });
    expect(recognitionsOverdue(db, 'SGD-HP', '2026-10-06').map((r) => r.recognitionId)).toEqual(['cn-3']);
    expect(recognitionRegister(db, 'SGD-QN', 2026)).toEqual([]);
    expect(replayChangesNothing()).toBe(true);
  });

  it('applied twice without the checkpoint (a replayed receipt) keeps one row and its later state', () => {
    const { db } = givenEvents(recognitionsProjection, events);
    recognitionsProjection.apply(db, events[0]!);
    expect(db.prepare('SELECT status FROM recognitions WHERE recognition_id = ?').get('cn-1')).toEqual({ status: 'recognised' });
  });
});
