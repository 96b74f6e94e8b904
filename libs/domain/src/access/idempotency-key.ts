import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/errors';

/**
 * An Idempotency-Key names one request. Its first use is recorded on a stream of its own, so a resend of
 * the same request (same fingerprint: method, path and body) goes through and completes what the first
 * attempt began, while the key reused for a different request is refused instead of answering
 * "already handled" and silently dropping the second act (issue 12).
 */
export function idempotencyKeyStream(key: string): string {
  return `idempotency-key-${key.toLowerCase()}`;
}

export type IdempotencyKeyEvent = DomainEvent<'IdempotencyKeyUsed', { key: string; fingerprint: string; act: string; firstUsedAt: string }>;
export type IdempotencyKeyCommand = { type: 'UseIdempotencyKey'; key: string; fingerprint: string; act: string };
export type IdempotencyKeyState =
  | { readonly status: 'unused' }
  | { readonly status: 'used'; readonly fingerprint: string; readonly act: string; readonly firstUsedAt: string };

export const idempotencyKeyDecider: Decider<IdempotencyKeyCommand, IdempotencyKeyState, IdempotencyKeyEvent> = {
  initialState: { status: 'unused' },
  evolve: (state, event) =>
    state.status === 'used'
      ? state
      : { status: 'used', fingerprint: event.data.fingerprint, act: event.data.act, firstUsedAt: event.data.firstUsedAt },
  decide(command, state, context) {
    if (state.status === 'unused')
      return [
        {
          type: 'IdempotencyKeyUsed',
          data: { key: command.key, fingerprint: command.fingerprint, act: command.act, firstUsedAt: context.occurredAt },
        },
      ];
    if (state.fingerprint === command.fingerprint) return [];
    throw new DomainError({
      code: 'IDEMPOTENCY_KEY_REUSED',
      kind: 'conflict',
      messageVi: `Idempotency-Key này đã dùng cho một yêu cầu khác (${state.act}, lúc ${state.firstUsedAt}). Mỗi yêu cầu mới cần một khoá mới.`,
      messageEn: `This Idempotency-Key was already used for a different request (${state.act}, at ${state.firstUsedAt}). Each new request needs a new key.`,
      field: 'Idempotency-Key',
    });
  },
};
