import type { RevocationEvent } from '@so-goc/domain';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { publicRevocationOf, publicRevocationsProjection, revocationsPublishedBy } from './public-revocations.projection';

/** The public list of revoked diplomas (rules 42, §5.1), from literal events. */
const revoked = (diplomaId: string, serialLabel: string, decisionDate: string, authorityCode = 'SGD-HP'): RevocationEvent => ({
  type: 'DiplomaRevoked',
  data: {
    diplomaId,
    serialLabel,
    registerLabel: `0000${diplomaId.slice(-2)}/THPT-2024`,
    issuerCode: 'SGD-HP',
    decisionNumber: `${diplomaId.slice(-2)}/QĐ-SGDĐT`,
    decisionDate,
    ground: 'fraud',
    reasons: 'Sử dụng hồ sơ giả để dự thi.',
    source: 'police',
    authorityCode,
    regime: 'TT21-2019',
  },
});
const history = [
  recordedEvent('diploma-dip-07', revoked('dip-07', 'HP 0203407', '2026-10-02')),
  recordedEvent('diploma-dip-03', revoked('dip-03', 'HP 0203403', '2026-09-15')),
  recordedEvent('diploma-dip-07', {
    type: 'DiplomaRevocationPublished',
    data: { diplomaId: 'dip-07', publishedOn: '2026-10-05', where: 'https://hp.edu.vn' },
  }),
];

describe('public revocations projection (rule 42, §5.1)', () => {
  it('rule 42: when a revocation is decided, a verifier finds it by serial (as typed: lower case, spaces) with decision and date', () => {
    const { db } = givenEvents(publicRevocationsProjection, history);
    expect(publicRevocationOf(db, ' hp 0203403 ')).toEqual({
      serial: 'HP 0203403',
      registerNumber: '000003/THPT-2024',
      issuerCode: 'SGD-HP',
      decisionNumber: '03/QĐ-SGDĐT',
      decisionDate: '2026-09-15',
      publishedOn: null,
    });
    expect(publicRevocationOf(db, 'HP 0203499')).toBeUndefined();
  });

  it('rule 42: when it is published on the issuer’s website, the day shows; the issuer’s page lists its own revocations by decision date', () => {
    const { db } = givenEvents(publicRevocationsProjection, history);
    expect(revocationsPublishedBy(db, 'SGD-HP').map((r) => [r.serial, r.publishedOn])).toEqual([
      ['HP 0203403', null],
      ['HP 0203407', '2026-10-05'],
    ]);
    expect(revocationsPublishedBy(db, 'SGD-QN')).toEqual([]);
  });

  it('§5.1: nothing about the holder is kept, not even the reasons of the decision', () => {
    const { rows } = givenEvents(publicRevocationsProjection, history);
    expect(JSON.stringify(rows('SELECT * FROM public_revocations'))).not.toMatch(/hồ sơ giả|police|fraud/);
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(publicRevocationsProjection, history).replayChangesNothing()).toBe(true);
  });
});
