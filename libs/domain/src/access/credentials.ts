import type { CommandContext } from '../shared/command-context';
import type { DomainEvent } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requirePattern } from '../shared/validation';
import type { AccessControlState, OfficerCredentials, OfficerRecord, OfficerRole } from './officer';

/**
 * How the console answers a run of wrong passwords or codes: the first two cost nothing (a typo),
 * then each further attempt waits a little longer, and the fifth in a row locks the account for a
 * quarter of an hour. Guessing a 6-digit code or a password at that pace takes years.
 */
export const LOGIN_POLICY = {
  freeFailures: 2,
  /** Seconds to wait after the 3rd, 4th… failure in a row. */
  backoffSeconds: [1, 2] as readonly number[],
  lockAfterFailures: 5,
  lockMinutes: 15,
} as const;

/** Administrators and signers cannot enter with a password alone (issue 13). */
export const ROLES_NEEDING_SECOND_FACTOR: readonly OfficerRole[] = ['administrator', 'signer'];

export type LoginFactor = 'password' | 'totp';

export type CredentialEvent =
  | DomainEvent<'OfficerPasswordSet', { officerId: string; passwordHash: string }>
  | DomainEvent<'OfficerTotpEnrolled', { officerId: string; sealedTotpSecret: string }>
  | DomainEvent<'OfficerLoginFailed', { officerId: string; factor: LoginFactor; failuresInARow: number; retryAfter: string | null }>
  | DomainEvent<'OfficerAccountLocked', { officerId: string; lockedUntil: string; failuresInARow: number }>
  | DomainEvent<'OfficerLoggedIn', { officerId: string; totpStep: number | null }>;

export type CredentialCommand =
  | { type: 'SetOfficerPassword'; authorityCode: string; officerId: string; passwordHash: string }
  | { type: 'EnrolOfficerTotp'; authorityCode: string; officerId: string; sealedTotpSecret: string }
  /**
   * The outcome of checking one factor, computed by the caller (which owns the crypto). `completesLogin`
   * is false when the password was right and a TOTP code is still to come: nothing is recorded then.
   */
  | {
      type: 'RecordLoginAttempt';
      officerId: string;
      factor: LoginFactor;
      matched: boolean;
      totpStep: number | null;
      completesLogin: boolean;
    };

const CREDENTIAL_EVENT_TYPES = new Set<string>([
  'OfficerPasswordSet',
  'OfficerTotpEnrolled',
  'OfficerLoginFailed',
  'OfficerAccountLocked',
  'OfficerLoggedIn',
]);

export function isCredentialCommand(command: { type: string }): command is CredentialCommand {
  return command.type === 'SetOfficerPassword' || command.type === 'EnrolOfficerTotp' || command.type === 'RecordLoginAttempt';
}

export function needsSecondFactor(officer: OfficerRecord, credentials: OfficerCredentials | undefined): boolean {
  return credentials?.sealedTotpSecret !== undefined || officer.roles.some((role) => ROLES_NEEDING_SECOND_FACTOR.includes(role));
}

export function credentialsOf(state: AccessControlState, officerId: string): OfficerCredentials {
  return state.credentials.get(officerId) ?? { failuresInARow: 0 };
}

export function decideCredentials(
  command: CredentialCommand,
  state: AccessControlState,
  context: CommandContext,
  activeOfficerOf: (authorityCode: string, officerId: string) => OfficerRecord,
): CredentialEvent[] {
  switch (command.type) {
    case 'SetOfficerPassword': {
      const problems = collectProblems(
        requirePattern(
          'passwordHash',
          command.passwordHash,
          /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/,
          'không hợp lệ',
          'is not valid',
        ),
      );
      if (problems.length > 0) throw invalidInput(problems);
      const officer = activeOfficerOf(command.authorityCode, command.officerId);
      return [{ type: 'OfficerPasswordSet', data: { officerId: officer.officerId, passwordHash: command.passwordHash } }];
    }
    case 'EnrolOfficerTotp': {
      const problems = collectProblems(
        requirePattern('sealedTotpSecret', command.sealedTotpSecret, /^v1\.[A-Za-z0-9_-]{40,200}$/, 'không hợp lệ', 'is not valid'),
      );
      if (problems.length > 0) throw invalidInput(problems);
      const officer = activeOfficerOf(command.authorityCode, command.officerId);
      return [{ type: 'OfficerTotpEnrolled', data: { officerId: officer.officerId, sealedTotpSecret: command.sealedTotpSecret } }];
    }
    case 'RecordLoginAttempt':
      return decideLoginAttempt(command, state, context.occurredAt);
  }
}

function decideLoginAttempt(
  command: Extract<CredentialCommand, { type: 'RecordLoginAttempt' }>,
  state: AccessControlState,
  now: string,
): CredentialEvent[] {
  const officer = state.officers.get(command.officerId);
  if (!officer || officer.disabled)
    throw loginRefused('LOGIN_REFUSED', 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.');
  const credentials = credentialsOf(state, officer.officerId);
  const at = Date.parse(now);
  if (credentials.lockedUntil !== undefined && Date.parse(credentials.lockedUntil) > at) {
    throw loginRefused(
      'ACCOUNT_LOCKED',
      `Tài khoản tạm khoá đến ${credentials.lockedUntil} vì nhập sai quá ${LOGIN_POLICY.lockAfterFailures} lần liên tiếp.`,
      `The account is locked until ${credentials.lockedUntil} after ${LOGIN_POLICY.lockAfterFailures} failed attempts in a row.`,
    );
  }
  if (credentials.retryAfter !== undefined && Date.parse(credentials.retryAfter) > at) {
    throw loginRefused(
      'LOGIN_TOO_SOON',
      'Vừa nhập sai; hãy đợi vài giây rồi thử lại.',
      'A failed attempt just happened; wait a few seconds and try again.',
    );
  }
  // A code seen before is a replay (shoulder-surfed or intercepted), whatever its digits.
  const replayed =
    command.factor === 'totp' &&
    command.totpStep !== null &&
    credentials.lastTotpStep !== undefined &&
    command.totpStep <= credentials.lastTotpStep;
  if (command.matched && !replayed) {
    return command.completesLogin ? [{ type: 'OfficerLoggedIn', data: { officerId: officer.officerId, totpStep: command.totpStep } }] : [];
  }
  const failuresInARow = credentials.failuresInARow + 1;
  const waitIndex = failuresInARow - LOGIN_POLICY.freeFailures - 1;
  const waitSeconds = waitIndex >= 0 ? (LOGIN_POLICY.backoffSeconds[Math.min(waitIndex, LOGIN_POLICY.backoffSeconds.length - 1)] ?? 0) : 0;
  const failed: CredentialEvent = {
    type: 'OfficerLoginFailed',
    data: {
      officerId: officer.officerId,
      factor: command.factor,
      failuresInARow,
      retryAfter: waitSeconds > 0 ? new Date(at + waitSeconds * 1000).toISOString() : null,
    },
  };
  if (failuresInARow < LOGIN_POLICY.lockAfterFailures) return [failed];
  const lockedUntil = new Date(at + LOGIN_POLICY.lockMinutes * 60_000).toISOString();
  return [failed, { type: 'OfficerAccountLocked', data: { officerId: officer.officerId, lockedUntil, failuresInARow } }];
}

export function evolveCredentials(
  credentials: ReadonlyMap<string, OfficerCredentials>,
  event: DomainEvent,
): ReadonlyMap<string, OfficerCredentials> {
  if (!CREDENTIAL_EVENT_TYPES.has(event.type)) return credentials;
  const e = event as CredentialEvent;
  const current = credentials.get(e.data.officerId) ?? { failuresInARow: 0 };
  const next = new Map(credentials);
  next.set(e.data.officerId, applyCredentialEvent(current, e));
  return next;
}

function applyCredentialEvent(current: OfficerCredentials, event: CredentialEvent): OfficerCredentials {
  switch (event.type) {
    case 'OfficerPasswordSet':
      return { ...current, passwordHash: event.data.passwordHash };
    case 'OfficerTotpEnrolled':
      return { ...current, sealedTotpSecret: event.data.sealedTotpSecret };
    case 'OfficerLoginFailed': {
      const { retryAfter: _dropped, ...rest } = current;
      return {
        ...rest,
        failuresInARow: event.data.failuresInARow,
        ...(event.data.retryAfter ? { retryAfter: event.data.retryAfter } : {}),
      };
    }
    case 'OfficerAccountLocked': {
      // The lock is the penalty for the run; once it ends the officer starts afresh.
      const { retryAfter: _dropped, ...rest } = current;
      return { ...rest, failuresInARow: 0, lockedUntil: event.data.lockedUntil };
    }
    case 'OfficerLoggedIn': {
      const { retryAfter: _r, lockedUntil: _l, ...rest } = current;
      return { ...rest, failuresInARow: 0, ...(event.data.totpStep !== null ? { lastTotpStep: event.data.totpStep } : {}) };
    }
  }
}

function loginRefused(code: string, vi: string, en: string): DomainError {
  return new DomainError({ code, kind: 'unauthenticated', messageVi: vi, messageEn: en });
}
