import { AUTHORITY_CODE_PATTERN } from '../authorities/authority';
import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError, invalidInput, type FieldProblem } from '../shared/errors';

/**
 * The public halves of the keys that sign verification tokens (QR codes), for every authority, in
 * one national stream: every node reads it (through its read models), so a token signed by any API
 * node verifies on any portal. Private keys never enter the store: they stay in the key store of
 * the node that signs (files in the embedded default, a KMS/HSM in production).
 */
export const SIGNING_KEY_DIRECTORY_STREAM = 'signing-key-directory';

export type SigningKeyDirectoryEvent =
  | DomainEvent<'SigningKeyPublished', { kid: string; authorityCode: string; x: string; createdAt: string }>
  | DomainEvent<'SigningKeyRetired', { kid: string; authorityCode: string; retiredAt: string }>;

export type SigningKeyDirectoryCommand =
  | { type: 'PublishSigningKey'; kid: string; authorityCode: string; x: string; createdAt: string }
  | { type: 'RetireSigningKey'; kid: string; retiredAt: string };

export interface DirectoryKey {
  readonly kid: string;
  readonly authorityCode: string;
  readonly x: string;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

export interface SigningKeyDirectoryState {
  readonly keys: ReadonlyMap<string, DirectoryKey>;
}

const KID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const X_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

export function evolveSigningKeyDirectory(state: SigningKeyDirectoryState, event: SigningKeyDirectoryEvent): SigningKeyDirectoryState {
  const keys = new Map(state.keys);
  if (event.type === 'SigningKeyPublished') keys.set(event.data.kid, { ...event.data, retiredAt: null });
  else {
    const key = keys.get(event.data.kid);
    if (key) keys.set(key.kid, { ...key, retiredAt: event.data.retiredAt });
  }
  return { keys };
}

/**
 * Publishing the same key again records nothing (two API nodes may both publish what they found in
 * a shared key store). An authority publishes and retires only its own keys: the acting officer's
 * authority must be the key's. The kid↔x binding (a SHA-256 thumbprint) is checked by the caller
 * with the documents library, which owns the key format.
 */
export const signingKeyDirectoryDecider: Decider<SigningKeyDirectoryCommand, SigningKeyDirectoryState, SigningKeyDirectoryEvent> = {
  initialState: { keys: new Map() },
  evolve: evolveSigningKeyDirectory,

  decide(command, state, context) {
    if (command.type === 'PublishSigningKey') {
      const problems = publishProblems(command);
      if (problems.length > 0) throw invalidInput(problems);
      checkActor(context.actor.authorityCode, command.authorityCode);
      const existing = state.keys.get(command.kid);
      if (existing) {
        if (existing.x === command.x && existing.authorityCode === command.authorityCode) return [];
        throw new DomainError({
          code: 'SIGNING_KEY_ID_TAKEN',
          kind: 'conflict',
          messageVi: `Mã khoá ${command.kid} đã được công bố cho một khoá khác.`,
          messageEn: `Key id ${command.kid} is already published for another key.`,
          field: 'kid',
        });
      }
      const active = [...state.keys.values()].find((key) => key.authorityCode === command.authorityCode && key.retiredAt === null);
      if (active) {
        throw new DomainError({
          code: 'ACTIVE_SIGNING_KEY_EXISTS',
          kind: 'conflict',
          messageVi: `Đơn vị ${command.authorityCode} đang dùng khoá ${active.kid}; hãy thu hồi khoá đó trước khi công bố khoá mới.`,
          messageEn: `${command.authorityCode} signs with key ${active.kid}; retire it before publishing a new one.`,
          field: 'authorityCode',
        });
      }
      const { kid, authorityCode, x, createdAt } = command;
      return [{ type: 'SigningKeyPublished', data: { kid, authorityCode, x, createdAt } }];
    }

    const key = state.keys.get(command.kid);
    if (!key) {
      throw new DomainError({
        code: 'SIGNING_KEY_NOT_FOUND',
        kind: 'not_found',
        messageVi: `Không có khoá ${command.kid}.`,
        messageEn: `No key ${command.kid}.`,
        field: 'kid',
      });
    }
    checkActor(context.actor.authorityCode, key.authorityCode);
    if (!INSTANT.test(command.retiredAt) || Date.parse(command.retiredAt) < Date.parse(key.createdAt)) {
      throw invalidInput([
        {
          field: 'retiredAt',
          code: 'INVALID_INSTANT',
          messageVi: 'Thời điểm thu hồi phải là thời điểm UTC không trước ngày tạo khoá.',
          messageEn: 'retiredAt must be a UTC instant not before the key was created.',
        },
      ]);
    }
    if (key.retiredAt !== null) return key.retiredAt === command.retiredAt ? [] : alreadyRetired(key);
    return [{ type: 'SigningKeyRetired', data: { kid: key.kid, authorityCode: key.authorityCode, retiredAt: command.retiredAt } }];
  },
};

function publishProblems(command: Extract<SigningKeyDirectoryCommand, { type: 'PublishSigningKey' }>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const bad = (field: string, messageVi: string, messageEn: string): void =>
    void problems.push({ field, code: 'INVALID_FORMAT', messageVi, messageEn });
  if (typeof command.kid !== 'string' || !KID_PATTERN.test(command.kid)) bad('kid', 'Mã khoá không hợp lệ.', 'Not a key id.');
  if (typeof command.authorityCode !== 'string' || !AUTHORITY_CODE_PATTERN.test(command.authorityCode))
    bad('authorityCode', 'Mã đơn vị không hợp lệ.', 'Not an authority code.');
  if (typeof command.x !== 'string' || !X_PATTERN.test(command.x))
    bad('x', 'Khoá công khai phải là 32 byte Ed25519 (base64url).', 'The public key must be 32 Ed25519 bytes, base64url.');
  if (typeof command.createdAt !== 'string' || !INSTANT.test(command.createdAt))
    bad('createdAt', 'Thời điểm tạo phải là thời điểm UTC.', 'createdAt must be a UTC instant.');
  return problems;
}

function checkActor(actorAuthority: string, keyAuthority: string): void {
  if (actorAuthority === keyAuthority) return;
  throw new DomainError({
    code: 'SIGNING_KEY_OF_ANOTHER_AUTHORITY',
    kind: 'forbidden',
    messageVi: `Khoá ký của đơn vị ${keyAuthority} chỉ do chính đơn vị đó công bố hoặc thu hồi.`,
    messageEn: `Only ${keyAuthority} publishes or retires its signing keys.`,
    field: 'authorityCode',
  });
}

function alreadyRetired(key: DirectoryKey): never {
  throw new DomainError({
    code: 'SIGNING_KEY_ALREADY_RETIRED',
    kind: 'conflict',
    messageVi: `Khoá ${key.kid} đã thu hồi lúc ${key.retiredAt ?? ''}.`,
    messageEn: `Key ${key.kid} was retired at ${key.retiredAt ?? ''}.`,
    field: 'kid',
  });
}
