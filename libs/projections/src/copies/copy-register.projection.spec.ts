import type { CopyRequestEvent } from '@so-goc/domain';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { copyRegisterProjection } from './copy-register.projection';
import { copyById, copyRegister, copyRequestsPastDue } from './copy-register.queries';

/** Sổ cấp bản sao (§4.3, rules 49, 52, 57), from literal events. */
const holder = {
  kind: 'holder' as const,
  fullName: 'Nguyễn Thị Thuỷ',
  idDocument: { kind: 'CCCD', number: '031206000123' },
  entitlementDocument: null,
  deathCertificate: null,
};
const received = (requestId: string, receivedAt: string, dueBy: string): CopyRequestEvent => ({
  type: 'CopyRequestReceived',
  data: {
    requestId,
    diplomaId: 'dip-thpt-2024-0001',
    authorityCode: 'SGD-HP',
    requester: holder,
    channel: 'counter',
    receivedAt,
    dossierCompleteAt: null,
    copies: 2,
    feePerCopy: 0,
    dueBy,
    dueDate: dueBy.slice(0, 10),
  },
});
const content = {
  kind: 'THPT' as const,
  issuerCode: 'SGD-HP',
  holder: { fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-19', birthPlace: 'Hải Phòng', sex: 'female' as const, ethnicity: 'Kinh' },
  originalSerial: 'HP 0203401',
  originalRegisterNumber: '000001/THPT-2024',
  originalIssueDate: '2024-08-14',
  correctionDecisions: [{ decisionNumber: '45/QĐ-SGDĐT', decisionDate: '2025-03-10' }],
};
const issued = (requestId: string, firstNumber: number): CopyRequestEvent => ({
  type: 'CopiesIssued',
  data: {
    requestId,
    diplomaId: 'dip-thpt-2024-0001',
    authorityCode: 'SGD-HP',
    content,
    copies: [0, 1].map((i) => ({
      copyId: `${requestId}-${i + 1}`,
      copyNumber: `${String(firstNumber + i).padStart(6, '0')}/BS-THPT-2026`,
      copyNumberValue: firstNumber + i,
      serial: `BS 00000${firstNumber + i}`,
    })),
    issuedOn: '2026-11-23',
    issuePlace: 'Hải Phòng',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    lotId: 'HP-BS-2026',
    regime: 'TT21-2019',
  },
});

const history = [
  recordedEvent('copy-request-bs-1', received('bs-1', '2026-11-20T08:20:00Z', '2026-11-23T10:00:00Z')),
  recordedEvent('copy-request-bs-2', received('bs-2', '2026-11-20T09:00:00Z', '2026-11-23T10:00:00Z')),
  recordedEvent('copy-request-bs-3', received('bs-3', '2026-11-19T02:00:00Z', '2026-11-19T10:00:00Z')),
  // bs-2 is issued first: copy numbers follow the register, not the order of requests.
  recordedEvent('copy-request-bs-2', issued('bs-2', 411)),
  recordedEvent('copy-request-bs-1', issued('bs-1', 413)),
  recordedEvent('copy-request-bs-3', {
    type: 'CopyRequestRefused',
    data: {
      requestId: 'bs-3',
      grounds: ['requester_not_entitled'],
      reasons: 'Không có giấy ủy quyền.',
      refusedOn: '2026-11-19',
      letterRef: 'bs-3/TC',
    },
  }),
];

describe('copy register projection (sổ cấp bản sao, §4.3)', () => {
  it('rule 52: when copies are issued, the register lists one row per copy in copy-number order, each with the request it answers', () => {
    const spec = givenEvents(copyRegisterProjection, history);
    expect(
      copyRegister(spec.db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2026 }).map((r) => [r.copyNumber, r.requestId, r.serial]),
    ).toEqual([
      ['000411/BS-THPT-2026', 'bs-2', 'BS 00000411'],
      ['000412/BS-THPT-2026', 'bs-2', 'BS 00000412'],
      ['000413/BS-THPT-2026', 'bs-1', 'BS 00000413'],
      ['000414/BS-THPT-2026', 'bs-1', 'BS 00000414'],
    ]);
    expect(copyRegister(spec.db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2025 })).toEqual([]);
  });

  it('rule 57: a copy shows the register’s content with the correction decisions in force, who signed it and who asked', () => {
    const copy = copyById(givenEvents(copyRegisterProjection, history).db, 'bs-1-2');
    expect(copy).toMatchObject({
      copyNumber: '000414/BS-THPT-2026',
      content: { originalSerial: 'HP 0203401', correctionDecisions: [{ decisionNumber: '45/QĐ-SGDĐT' }] },
      signerName: 'Nguyễn Văn An',
      copiedBy: 'SGD-HP',
      requester: { fullName: 'Nguyễn Thị Thuỷ' },
      receivedAt: '2026-11-20T08:20:00Z',
    });
  });

  it('rule 49: when a request is extended, it is past due only after its new due time; answered requests never are', () => {
    const spec = givenEvents(copyRegisterProjection, [
      ...history,
      recordedEvent('copy-request-bs-4', received('bs-4', '2026-11-24T02:00:00Z', '2026-11-24T10:00:00Z')),
      recordedEvent('copy-request-bs-4', {
        type: 'CopyRequestExtended',
        data: {
          requestId: 'bs-4',
          workingDays: 2,
          reason: 'Sổ gốc lưu trữ ở kho.',
          writtenAgreementRef: null,
          dueBy: '2026-11-26T10:00:00Z',
          dueDate: '2026-11-26',
        },
      }),
    ]);
    expect(copyRequestsPastDue(spec.db, 'SGD-HP', '2026-11-25T10:00:00Z')).toEqual([]);
    expect(copyRequestsPastDue(spec.db, 'SGD-HP', '2026-11-27T00:00:00Z').map((r) => r.requestId)).toEqual(['bs-4']);
  });

  it('when the same batch is delivered again, the register is unchanged', () => {
    expect(givenEvents(copyRegisterProjection, history).replayChangesNothing()).toBe(true);
  });
});
