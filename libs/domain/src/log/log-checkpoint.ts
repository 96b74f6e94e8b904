import type { CommandContext } from '../shared/command-context';
import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/errors';
import { throwIfInvalid } from '../shared/validation';

/** One stream holds every signed checkpoint of the event log (issue 16). */
export const LOG_CHECKPOINT_STREAM = 'log-checkpoints';
/** The keyring entry the registry signs its checkpoints with; it is published with the other keys. */
export const LOG_SIGNING_KEY_OWNER = 'SO-GOC-LOG';

export interface LogCheckpointSignature {
  /** Global position of the last event covered (decimal). */
  readonly position: string;
  /** Chain hash of the log up to and including that event (hex SHA-256). */
  readonly hash: string;
  readonly signedAt: string;
  /** Positions up to which hashes were computed when the store was first chained, not at append (decimal; "0": none). */
  readonly hashedAtMigrationUpTo: string;
  readonly keyId: string;
  /** Ed25519 over logCheckpointMessage(...), base64url. */
  readonly signature: string;
}

export interface SignLogCheckpoint extends LogCheckpointSignature {
  readonly type: 'SignLogCheckpoint';
}

export interface LogCheckpointSignedData extends LogCheckpointSignature {
  /** What the checkpoint vouches for, in words, for the public page. */
  readonly statementVi: string;
  readonly statementEn: string;
}

export type LogCheckpointEvent = DomainEvent<'LogCheckpointSigned', LogCheckpointSignedData>;

export interface LogCheckpointState {
  readonly lastPosition: bigint | undefined;
}

/** The exact bytes signed: a fixed prefix, so a checkpoint signature can never pass for anything else the key signs. */
export function logCheckpointMessage(
  checkpoint: Pick<LogCheckpointSignature, 'position' | 'hash' | 'signedAt' | 'hashedAtMigrationUpTo'>,
): Buffer {
  return Buffer.from(
    `so-goc/log-checkpoint/v1\n${checkpoint.position}\n${checkpoint.hash}\n${checkpoint.signedAt}\n${checkpoint.hashedAtMigrationUpTo}\n`,
    'utf8',
  );
}

const DECIMAL = /^(0|[1-9]\d{0,18})$/;

export const logCheckpointDecider: Decider<SignLogCheckpoint, LogCheckpointState, LogCheckpointEvent> = {
  initialState: { lastPosition: undefined },
  evolve: (_state, event) => ({ lastPosition: BigInt(event.data.position) }),

  decide(command, state, context) {
    requireRegistryItself(context);
    throwIfInvalid(
      DECIMAL.test(command.position)
        ? undefined
        : problem('position', 'Vị trí phải là số nguyên không âm.', 'The position must be a whole number ≥ 0.'),
      /^[0-9a-f]{64}$/.test(command.hash)
        ? undefined
        : problem('hash', 'Mã băm phải là SHA-256 dạng hex.', 'The hash must be a hex SHA-256.'),
      DECIMAL.test(command.hashedAtMigrationUpTo)
        ? undefined
        : problem('hashedAtMigrationUpTo', 'Phải là số nguyên không âm.', 'Must be a whole number ≥ 0.'),
      Number.isNaN(Date.parse(command.signedAt)) ? problem('signedAt', 'Thời điểm ký không hợp lệ.', 'Not an instant.') : undefined,
      /^[A-Za-z0-9_-]{1,100}$/.test(command.keyId) ? undefined : problem('keyId', 'Mã khóa không hợp lệ.', 'Not a key id.'),
      /^[A-Za-z0-9_-]{86}$/.test(command.signature)
        ? undefined
        : problem('signature', 'Chữ ký Ed25519 không hợp lệ.', 'Not an Ed25519 signature.'),
    );
    // Nothing appended since the last checkpoint: a second one would vouch for nothing new.
    if (state.lastPosition !== undefined && BigInt(command.position) <= state.lastPosition) return [];
    const { type: _type, ...signed } = command;
    return [{ type: 'LogCheckpointSigned', data: { ...signed, ...statement(command, state.lastPosition === undefined) } }];
  },
};

function statement(command: SignLogCheckpoint, first: boolean): Pick<LogCheckpointSignedData, 'statementVi' | 'statementEn'> {
  const upTo = command.hashedAtMigrationUpTo;
  if (first && upTo !== '0') {
    return {
      statementVi: `Xác nhận nhật ký sự kiện đến vị trí ${command.position}. Các sự kiện 1–${upTo} được băm khi nhật ký bắt đầu được xâu chuỗi, nên điểm kiểm này chứng nhận lịch sử đó đúng như nó có tại thời điểm ấy, không phải tại lúc ghi từng sự kiện.`,
      statementEn: `Vouches for the event log up to position ${command.position}. Events 1–${upTo} were hashed when the log was first chained, so this checkpoint attests that history as it stood then, not as each event was appended.`,
    };
  }
  return {
    statementVi: `Xác nhận nhật ký sự kiện đến vị trí ${command.position}: mọi sự kiện đến đó được xâu chuỗi bằng mã băm SHA-256.`,
    statementEn: `Vouches for the event log up to position ${command.position}: every event up to it is chained by SHA-256.`,
  };
}

/** Only the registry's own process signs for the log: no officer, of any authority, can. */
function requireRegistryItself(context: CommandContext): void {
  if (context.actor.role === 'system') return;
  throw new DomainError({
    code: 'LOG_CHECKPOINT_SYSTEM_ONLY',
    kind: 'forbidden',
    messageVi: 'Chỉ hệ thống sổ gốc mới được ký điểm kiểm của nhật ký sự kiện.',
    messageEn: 'Only the registry itself signs checkpoints of the event log.',
  });
}

function problem(
  field: string,
  messageVi: string,
  messageEn: string,
): { field: string; code: string; messageVi: string; messageEn: string } {
  return { field, code: 'INVALID', messageVi, messageEn };
}
