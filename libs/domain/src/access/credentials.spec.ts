import { given, TEST_CONTEXT } from '../testing/given-when-then';
import { accessControlDecider } from './access-control.decider';
import type { AccessControlEvent } from './officer';

const at = (occurredAt: string) => ({ ...TEST_CONTEXT, occurredAt });
const created: AccessControlEvent = {
  type: 'OfficerAccountCreated',
  data: {
    officerId: 'lan',
    username: 'lan.nt',
    fullName: 'Nguyễn Thị Lan',
    authorityCode: 'SGD-HP',
    roles: ['registrar'],
    includeSubordinates: false,
  },
};
const failed = (n: number, retryAfter: string | null = null): AccessControlEvent => ({
  type: 'OfficerLoginFailed',
  data: { officerId: 'lan', factor: 'password', failuresInARow: n, retryAfter },
});
const wrongPassword = {
  type: 'RecordLoginAttempt',
  officerId: 'lan',
  factor: 'password',
  matched: false,
  totpStep: null,
  completesLogin: true,
} as const;
const rightPassword = { ...wrongPassword, matched: true } as const;

describe('Console login attempts on the access-control stream (issue 13)', () => {
  it('records a wrong password as a failure, free of delay for the first two', () => {
    given(accessControlDecider, [created])
      .when(wrongPassword, at('2026-11-22T08:00:00.000Z'))
      .then([failed(1)]);
    given(accessControlDecider, [created, failed(1)])
      .when(wrongPassword, at('2026-11-22T08:00:01.000Z'))
      .then([failed(2)]);
  });

  it('slows down from the third failure and refuses an attempt made before the wait is over', () => {
    given(accessControlDecider, [created, failed(1), failed(2)])
      .when(wrongPassword, at('2026-11-22T08:00:00.000Z'))
      .then([failed(3, '2026-11-22T08:00:01.000Z')]);
    given(accessControlDecider, [created, failed(1), failed(2), failed(3, '2026-11-22T08:00:01.000Z')])
      .when(rightPassword, at('2026-11-22T08:00:00.500Z'))
      .thenRefusedWith('LOGIN_TOO_SOON');
  });

  it('locks the account for 15 minutes at the fifth failure in a row; the right password is refused meanwhile', () => {
    const history = [created, failed(1), failed(2), failed(3, '2026-11-22T07:59:00.000Z'), failed(4, '2026-11-22T07:59:30.000Z')];
    given(accessControlDecider, history)
      .when(wrongPassword, at('2026-11-22T08:00:00.000Z'))
      .then([
        failed(5, '2026-11-22T08:00:02.000Z'),
        { type: 'OfficerAccountLocked', data: { officerId: 'lan', lockedUntil: '2026-11-22T08:15:00.000Z', failuresInARow: 5 } },
      ]);
    const locked = [
      ...history,
      failed(5),
      {
        type: 'OfficerAccountLocked',
        data: { officerId: 'lan', lockedUntil: '2026-11-22T08:15:00.000Z', failuresInARow: 5 },
      } as AccessControlEvent,
    ];
    given(accessControlDecider, locked).when(rightPassword, at('2026-11-22T08:14:59.000Z')).thenRefusedWith('ACCOUNT_LOCKED');
    given(accessControlDecider, locked)
      .when(rightPassword, at('2026-11-22T08:15:00.000Z'))
      .then([{ type: 'OfficerLoggedIn', data: { officerId: 'lan', totpStep: null } }]);
  });

  it('records nothing when the password is right and the code is still to come', () => {
    given(accessControlDecider, [created])
      .when({ ...rightPassword, completesLogin: false })
      .then([]);
  });

  it('never accepts the same TOTP time step twice (a replayed code counts as a failure)', () => {
    const loggedIn: AccessControlEvent = { type: 'OfficerLoggedIn', data: { officerId: 'lan', totpStep: 59_000_000 } };
    given(accessControlDecider, [created, loggedIn])
      .when({ type: 'RecordLoginAttempt', officerId: 'lan', factor: 'totp', matched: true, totpStep: 59_000_000, completesLogin: true })
      .then([{ type: 'OfficerLoginFailed', data: { officerId: 'lan', factor: 'totp', failuresInARow: 1, retryAfter: null } }]);
  });

  it('refuses a disabled officer without saying whether the password was right', () => {
    const disabled: AccessControlEvent = { type: 'OfficerAccountDisabled', data: { officerId: 'lan', reason: 'Nghỉ việc' } };
    given(accessControlDecider, [created, disabled]).when(rightPassword).thenRefusedWith('LOGIN_REFUSED');
  });

  it('stores only a scrypt hash as the password, refusing anything else', () => {
    given(accessControlDecider, [created])
      .when({ type: 'SetOfficerPassword', authorityCode: 'SGD-HP', officerId: 'lan', passwordHash: 'hunter2' })
      .thenRefusedWith('INVALID_INPUT', { field: 'passwordHash' });
  });
});
