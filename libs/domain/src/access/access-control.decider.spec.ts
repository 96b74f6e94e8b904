import { given } from '../testing/given-when-then';
import { accessControlDecider } from './access-control.decider';
import type { AccessControlEvent } from './officer';

const created: AccessControlEvent = {
  type: 'OfficerAccountCreated',
  data: {
    officerId: 'lan-nguyen',
    username: 'lan.nguyen',
    fullName: 'Nguyễn Thị Lan',
    authorityCode: 'SGD-HP',
    roles: ['registrar'],
    includeSubordinates: false,
  },
};
const admin: AccessControlEvent = {
  type: 'OfficerAccountCreated',
  data: {
    officerId: 'admin-hp',
    username: 'admin.hp',
    fullName: 'Quản trị',
    authorityCode: 'SGD-HP',
    roles: ['administrator'],
    includeSubordinates: true,
  },
};
const token: AccessControlEvent = {
  type: 'OfficerTokenIssued',
  data: { tokenId: 't-1', officerId: 'lan-nguyen', secretHash: 'a'.repeat(64), expiresAt: '2026-12-01T00:00:00.000Z' },
};

describe('Officers and their tokens (access-control decider)', () => {
  it('creates an officer of the acting authority', () => {
    given(accessControlDecider, [admin])
      .when({
        type: 'CreateOfficer',
        authorityCode: 'SGD-HP',
        officerId: 'lan-nguyen',
        username: 'lan.nguyen',
        fullName: 'Nguyễn Thị Lan',
        roles: ['registrar'],
        includeSubordinates: false,
      })
      .then([created]);
  });

  it('refuses a second officer with a username already taken', () => {
    given(accessControlDecider, [admin, created])
      .when({
        type: 'CreateOfficer',
        authorityCode: 'SGD-HP',
        officerId: 'lan-2',
        username: 'lan.nguyen',
        fullName: 'Nguyễn Thị Lan',
        roles: ['registrar'],
        includeSubordinates: false,
      })
      .thenRefusedWith('USERNAME_TAKEN', { field: 'username' });
  });

  it('refuses a role that does not exist, naming the field', () => {
    given(accessControlDecider, [admin])
      .when({
        type: 'CreateOfficer',
        authorityCode: 'SGD-HP',
        officerId: 'x-1',
        username: 'x.one',
        fullName: 'X',
        roles: ['superuser' as never],
        includeSubordinates: false,
      })
      .thenRefusedWith('INVALID_INPUT');
  });

  it('the first administrator can be bootstrapped only once', () => {
    given(accessControlDecider, [admin])
      .when({
        type: 'BootstrapAdministrator',
        authorityCode: 'SGD-HP',
        officerId: 'admin-2',
        username: 'admin.two',
        fullName: 'Quản trị 2',
        roles: ['administrator'],
        includeSubordinates: true,
        tokenId: 't-9',
        secretHash: 'b'.repeat(64),
        lifetimeDays: 30,
      })
      .thenRefusedWith('ADMINISTRATOR_ALREADY_EXISTS');
  });

  it('revokes a token once; a second revocation is refused', () => {
    const revoked: AccessControlEvent = {
      type: 'OfficerTokenRevoked',
      data: { tokenId: 't-1', officerId: 'lan-nguyen', reason: 'Mất máy' },
    };
    given(accessControlDecider, [admin, created, token])
      .when({ type: 'RevokeToken', authorityCode: 'SGD-HP', officerId: 'lan-nguyen', tokenId: 't-1', reason: 'Mất máy' })
      .then([revoked]);
    given(accessControlDecider, [admin, created, token, revoked])
      .when({ type: 'RevokeToken', authorityCode: 'SGD-HP', officerId: 'lan-nguyen', tokenId: 't-1', reason: 'Lần nữa' })
      .thenRefusedWith('TOKEN_ALREADY_REVOKED');
  });
});
