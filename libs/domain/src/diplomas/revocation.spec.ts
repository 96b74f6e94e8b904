import { given } from '../testing/given-when-then';
import { PROVINCE, THCS_PHONG_2024, THPT_2024 } from '../testing/after-issuance-fixtures';
import type { DiplomaEvent } from './diploma';
import { diplomaDecider } from './diploma.decider';

const revoke = (overrides: Record<string, unknown> = {}) => ({
  type: 'RevokeDiploma' as const,
  issued: THPT_2024,
  decisionNumber: '99/QĐ-SGDĐT',
  decisionDate: '2026-02-01',
  ground: 'fraud' as const,
  reasons: 'Hồ sơ dự thi dùng học bạ giả (công văn của Công an thành phố)',
  source: 'police' as const,
  actingAuthorityCode: 'SGD-HP',
  directory: PROVINCE,
  ...overrides,
});
const revoked = (): DiplomaEvent[] => [...diplomaDecider.decide(revoke(), diplomaDecider.initialState, undefined as never)];

describe('Revocation and cancellation (rules 40–45)', () => {
  it('rule 40: records the ground, the decision and its reasons', () => {
    expect(revoked()).toEqual([
      {
        type: 'DiplomaRevoked',
        data: {
          diplomaId: THPT_2024.diplomaId,
          serialLabel: 'HP 0203418',
          registerLabel: '000417/THPT-2024',
          issuerCode: 'SGD-HP',
          decisionNumber: '99/QĐ-SGDĐT',
          decisionDate: '2026-02-01',
          ground: 'fraud',
          reasons: 'Hồ sơ dự thi dùng học bạ giả (công văn của Công an thành phố)',
          source: 'police',
          authorityCode: 'SGD-HP',
          regime: 'TT13/2025',
        },
      },
    ]);
  });

  it('rule 40: only the six legal grounds', () => {
    given(diplomaDecider)
      .when(revoke({ ground: 'bad_behaviour' }))
      .thenRefusedWith('INVALID_INPUT', { field: 'ground' });
  });

  it('rule 38: an issuer’s error is revoked only together with a reissue', () => {
    given(diplomaDecider)
      .when(revoke({ ground: 'issuer_error' }))
      .thenRefusedWith('ISSUER_ERROR_NEEDS_REISSUE', { rule: 38 });
  });

  it('rule 41: the successor holding the register revokes a Phòng-era diploma; another authority cannot', () => {
    const [event] = diplomaDecider.decide(revoke({ issued: THCS_PHONG_2024 }), diplomaDecider.initialState, undefined as never);
    expect(event).toMatchObject({ data: { authorityCode: 'SGD-HP', issuerCode: 'PGD-TN' } });
    given(diplomaDecider)
      .when(revoke({ actingAuthorityCode: 'SGD-QN' }))
      .thenRefusedWith('NOT_REGISTER_HOLDER');
  });

  it('rule 42: the decision states reasons; publication and notification are recorded', () => {
    given(diplomaDecider)
      .when(revoke({ reasons: ' ' }))
      .thenRefusedWith('INVALID_INPUT', { field: 'reasons' });
    given(diplomaDecider, revoked())
      .when({ type: 'PublishRevocation', issued: THPT_2024, publishedOn: '2026-02-03', where: 'https://haiphong.edu.vn/thu-hoi-van-bang' })
      .then([
        {
          type: 'DiplomaRevocationPublished',
          data: { diplomaId: THPT_2024.diplomaId, publishedOn: '2026-02-03', where: 'https://haiphong.edu.vn/thu-hoi-van-bang' },
        },
      ]);
    given(diplomaDecider, revoked())
      .when({
        type: 'NotifyRevocation',
        issued: THPT_2024,
        recipients: [{ kind: 'employer', name: 'Công ty X' }],
        holderReceivedOn: '2026-02-05',
      })
      .thenRefusedWith('INVALID_INPUT', { field: 'recipients' });
  });

  it('rule 43: the holder returns the paper within 30 days of receiving the decision', () => {
    const [notified] = diplomaDecider.decide(
      {
        type: 'NotifyRevocation',
        issued: THPT_2024,
        recipients: [
          { kind: 'holder', name: 'Nguyễn Thị Thuỷ' },
          { kind: 'detecting_body', name: 'Công an thành phố Hải Phòng' },
        ],
        holderReceivedOn: '2026-02-05',
      },
      revoked().reduce(diplomaDecider.evolve, diplomaDecider.initialState),
      undefined as never,
    );
    expect(notified).toMatchObject({ data: { returnDueBy: '2026-03-07' } });
    const returned = {
      type: 'RecordRevokedDiplomaReturned' as const,
      issued: THPT_2024,
      returnedOn: '2026-02-20',
      receivedBy: 'Nguyễn Thị Lan',
    };
    given(diplomaDecider, [...revoked(), notified!])
      .when(returned)
      .then([
        {
          type: 'RevokedDiplomaReturned',
          data: { diplomaId: THPT_2024.diplomaId, returnedOn: '2026-02-20', receivedBy: 'Nguyễn Thị Lan' },
        },
      ]);
    given(diplomaDecider).when(returned).thenRefusedWith('DIPLOMA_NOT_REVOKED');
  });

  it('rule 45: revocation is terminal; the same decision again records nothing, another decision is refused', () => {
    given(diplomaDecider, revoked()).when(revoke()).then([]);
    given(diplomaDecider, revoked())
      .when(revoke({ decisionNumber: '100/QĐ-SGDĐT' }))
      .thenRefusedWith('DIPLOMA_ALREADY_REVOKED', { rule: 45 });
    given(diplomaDecider, revoked())
      .when({
        type: 'ReissueDiploma',
        issued: THPT_2024,
        decisionNumber: '7/QĐ',
        decisionDate: '2026-03-01',
        issuerError: 'x',
        changes: [],
        newDiplomaId: 'x-r1',
        newSerialLabel: 'HP 1',
        actingAuthorityCode: 'SGD-HP',
        directory: PROVINCE,
      })
      .thenRefusedWith('DIPLOMA_REVOKED', { rule: 45 });
  });

  it('a revoked diploma that was never handed over is not handed over', () => {
    given(diplomaDecider, revoked())
      .when({
        type: 'DeliverDiploma',
        issued: THPT_2024,
        recipient: { kind: 'holder', fullName: 'Nguyễn Thị Thuỷ', authorisationRef: null, idDocument: null },
        deliveredOn: '2026-03-01',
        actingAuthorityCode: 'SGD-HP',
        deliveredBy: 'Lan',
      })
      .thenRefusedWith('DIPLOMA_REVOKED');
  });
});
