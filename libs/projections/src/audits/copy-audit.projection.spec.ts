import type { BlankLotEvent, CopyRequestEvent, Requester, RevocationEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { diplomaIdOf } from '../testing/literal-province';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { COPY_AUDIT_TABLE, copyAuditProjection } from './copy-audit.projection';
import { allDetections } from './detections';

/** Rules 48, 53, 55 and §6 F10 (copy abuse): copies issued that should not have been, and copy blanks unaccounted for. */
const COPY_LOT = 'blank-lot-HP-BS-2026';
const copyLot: BlankLotEvent = {
  type: 'BlankLotReceived',
  data: {
    lotId: 'HP-BS-2026',
    kind: 'THPT_COPY',
    templateVersion: 'TT21-2019',
    prefix: 'BS',
    width: 7,
    range: { from: 1, to: 100 },
    receivingAuthority: 'SGD-HP',
    supplier: 'Nhà in Bộ GDĐT',
    deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
    receivedBy: 'Nguyễn Thị Lan',
    receivedOn: '2026-01-05',
    missing: [],
    damaged: [],
  },
};
const holder: Requester = {
  kind: 'holder',
  fullName: 'Nguyễn Thị Thuỷ',
  idDocument: { kind: 'CCCD', number: '031206000001' },
  entitlementDocument: null,
  deathCertificate: null,
};
/** A request for one copy of diploma n, and the copy issued on copy blank `serial`. */
const copied = (requestId: string, n: number, serial: number, requester: Requester = holder): RecordedEvent[] => [
  recordedEvent(`copy-request-${requestId}`, {
    type: 'CopyRequestReceived',
    data: {
      requestId,
      diplomaId: diplomaIdOf(n),
      authorityCode: 'SGD-HP',
      requester,
      channel: 'counter',
      receivedAt: '2026-11-20T02:00:00Z',
      dossierCompleteAt: null,
      copies: 1,
      feePerCopy: 0,
      dueBy: '2026-11-20T10:00:00Z',
      dueDate: '2026-11-20',
    },
  } satisfies CopyRequestEvent),
  recordedEvent(
    COPY_LOT,
    {
      type: 'BlanksBound',
      data: {
        authorityCode: 'SGD-HP',
        printRunId: `copies-${requestId}`,
        boundOn: '2026-11-20',
        bindings: [{ serial, diplomaId: `${requestId}-1` }],
      },
    } satisfies BlankLotEvent,
    { revision: 1n },
  ),
  recordedEvent(
    `copy-request-${requestId}`,
    {
      type: 'CopiesIssued',
      data: {
        requestId,
        diplomaId: diplomaIdOf(n),
        authorityCode: 'SGD-HP',
        content: {
          kind: 'THPT',
          issuerCode: 'SGD-HP',
          holder: { fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18', birthPlace: 'Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
          originalSerial: 'HP 0203416',
          originalRegisterNumber: '000417/THPT-2024',
          originalIssueDate: '2024-08-14',
          correctionDecisions: [],
        },
        copies: [
          { copyId: `${requestId}-1`, copyNumber: `00000${serial}/BS-THPT-2026`, copyNumberValue: serial, serial: `BS 000000${serial}` },
        ],
        issuedOn: '2026-11-20',
        issuePlace: 'Hải Phòng',
        signerName: 'Nguyễn Văn An',
        signerTitle: 'Giám đốc',
        lotId: 'HP-BS-2026',
        regime: 'TT21-2019',
      },
    } satisfies CopyRequestEvent,
    { revision: 1n },
  ),
];
const lot = () => [recordedEvent(COPY_LOT, copyLot)];
const detections = (events: RecordedEvent[]) =>
  allDetections(givenEvents(copyAuditProjection, events).db, COPY_AUDIT_TABLE).map((d) => [d.pattern, d.subject, d.summaryVi]);

describe('copy audit projection (rules 48, 53, 55; F10)', () => {
  it('given copies to the holder on the lowest copy blanks in stock, nothing is raised', () => {
    expect(detections([...lot(), ...copied('bs-1', 1, 1), ...copied('bs-2', 2, 2)])).toEqual([]);
  });

  it('rule 55 (F10): when copies are issued of a diploma revoked before that day, that is raised', () => {
    const history = lot();
    history.push(
      recordedEvent(`diploma-${diplomaIdOf(1)}`, {
        type: 'DiplomaRevoked',
        data: {
          diplomaId: diplomaIdOf(1),
          serialLabel: 'HP 0203416',
          registerLabel: '000417/THPT-2024',
          issuerCode: 'SGD-HP',
          decisionNumber: '99/QĐ-SGDĐT',
          decisionDate: '2026-10-02',
          ground: 'fraud',
          reasons: 'Thi hộ.',
          source: 'police',
          authorityCode: 'SGD-HP',
          regime: 'TT21-2019',
        },
      } satisfies RevocationEvent),
    );
    history.push(...copied('bs-1', 1, 1));
    expect(detections(history)).toEqual([
      ['F10', 'yêu cầu bs-1', 'Cấp 1 bản sao (000001/BS-THPT-2026) của văn bằng đã bị thu hồi theo quyết định 99/QĐ-SGDĐT (2026-10-02).'],
    ]);
  });

  it('rule 48 (F10): when copies are issued to a sibling with no authorisation on file, that is raised', () => {
    const sibling: Requester = { ...holder, kind: 'sibling', fullName: 'Nguyễn Văn Tú' };
    expect(detections([...lot(), ...copied('bs-1', 1, 1, sibling)]).map(([pattern, subject]) => [pattern, subject])).toEqual([
      ['F10', 'yêu cầu bs-1'],
    ]);
  });

  it('rules 11, 53 (F10): when copies jump from BS 0000001 to BS 0000004, the skipped blank still in stock is named; the spoiled one is accounted for', () => {
    const history = [...lot(), ...copied('bs-1', 1, 1)];
    history.push(
      recordedEvent(
        COPY_LOT,
        {
          type: 'BlanksSpoiled',
          data: {
            ranges: [{ from: 2, to: 2 }],
            authorityCode: 'SGD-HP',
            reason: 'misprint',
            note: 'In lệch',
            spoiledOn: '2026-11-20',
            quantity: 1,
          },
        } satisfies BlankLotEvent,
        { revision: 2n },
      ),
    );
    history.push(...copied('bs-2', 2, 4));
    const found = detections(history);
    expect(found).toHaveLength(1);
    expect(found[0]?.[2]).toContain('BS 0000003');
    expect(found[0]?.[2]).not.toContain('BS 0000002');
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(copyAuditProjection, [...lot(), ...copied('bs-1', 1, 1), ...copied('bs-2', 2, 3)]).replayChangesNothing()).toBe(
      true,
    );
  });
});
