import type { AccessControlEvent } from '@so-goc/domain';
import { givenEvents, recordedEvent } from '../testing/projection-spec';
import { listOfficers, officersProjection } from './officers.projection';

/** The administrators' list of officers and their tokens, from literal events; no secret hash is ever copied. */
const at = (event: AccessControlEvent, occurredAt = '2026-03-03T02:00:00.000Z') => recordedEvent('access-control', event, { occurredAt });
const history = [
  at({
    type: 'OfficerAccountCreated',
    data: {
      officerId: 'admin-hp',
      username: 'admin.hp',
      fullName: 'Quản trị Hải Phòng',
      authorityCode: 'SGD-HP',
      roles: ['administrator'],
      includeSubordinates: false,
    },
  }),
  at({
    type: 'OfficerTokenIssued',
    data: { tokenId: 't-1', officerId: 'admin-hp', secretHash: 'scrypt$secret', expiresAt: '2026-04-02T02:00:00.000Z' },
  }),
  at({
    type: 'OfficerAccountCreated',
    data: {
      officerId: 'lan',
      username: 'lan.nguyen',
      fullName: 'Nguyễn Thị Lan',
      authorityCode: 'SGD-HP',
      roles: ['registrar'],
      includeSubordinates: false,
    },
  }),
  at(
    {
      type: 'OfficerTokenIssued',
      data: { tokenId: 't-2', officerId: 'lan', secretHash: 'scrypt$other', expiresAt: '2026-04-05T02:00:00.000Z' },
    },
    '2026-03-06T02:00:00.000Z',
  ),
  at({
    type: 'OfficerAccountCreated',
    data: {
      officerId: 'qn-admin',
      username: 'admin.qn',
      fullName: 'Quản trị Quảng Ninh',
      authorityCode: 'SGD-QN',
      roles: ['administrator'],
      includeSubordinates: true,
    },
  }),
];

describe('officers projection', () => {
  it('given accounts of two Sở, an administrator sees only their own authority’s officers, by username, with token dates and no secret', () => {
    const spec = givenEvents(officersProjection, history);
    const officers = listOfficers(spec.db, 'SGD-HP');
    expect(officers.map((o) => [o.username, o.roles, o.disabled])).toEqual([
      ['admin.hp', ['administrator'], false],
      ['lan.nguyen', ['registrar'], false],
    ]);
    expect(officers[1]?.tokens).toEqual([
      { tokenId: 't-2', issuedAt: '2026-03-06T02:00:00.000Z', expiresAt: '2026-04-05T02:00:00.000Z', revoked: false },
    ]);
    expect(JSON.stringify(spec.rows('SELECT * FROM officer_tokens'))).not.toContain('scrypt');
  });

  it('when roles change, the account is disabled and a token revoked, the list shows all three', () => {
    const spec = givenEvents(officersProjection, [
      ...history,
      at({ type: 'OfficerRolesChanged', data: { officerId: 'lan', roles: ['registrar', 'signer'], includeSubordinates: true } }),
      at({ type: 'OfficerTokenRevoked', data: { tokenId: 't-2', officerId: 'lan', reason: 'Máy bị mất' } }),
      at({ type: 'OfficerAccountDisabled', data: { officerId: 'lan', reason: 'Chuyển công tác' } }),
    ]);
    expect(listOfficers(spec.db, 'SGD-HP').find((o) => o.officerId === 'lan')).toMatchObject({
      roles: ['registrar', 'signer'],
      includeSubordinates: true,
      disabled: true,
      tokens: [{ tokenId: 't-2', revoked: true }],
    });
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(officersProjection, history).replayChangesNothing()).toBe(true);
  });
});
