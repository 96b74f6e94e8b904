import { idempotencyKeyDecider, idempotencyKeyStream, type CommandContext } from '@so-goc/domain';
import { handleCommand, type EventStore } from '@so-goc/event-store';
import { loadState } from '../issuance/load-state';

/**
 * Runs an act under the client's Idempotency-Key, if it sent one: refused (409) before anything is done
 * when the key already names another request; recorded only once the act succeeded, so a refused act
 * leaves nothing behind, not even its key. Every command handler goes through this, whatever its shape.
 */
export async function underIdempotencyKey<T>(store: EventStore, context: CommandContext, act: () => Promise<T>): Promise<T> {
  const idempotency = context.idempotency;
  if (!idempotency) return act();
  const stream = idempotencyKeyStream(idempotency.key);
  const use = { type: 'UseIdempotencyKey' as const, key: idempotency.key, fingerprint: idempotency.fingerprint, act: idempotency.act };
  idempotencyKeyDecider.decide(use, await loadState(store, idempotencyKeyDecider, stream), context);
  const outcome = await act();
  // The key's own record is keyed by the request, so a different request is decided, not skipped.
  await handleCommand(store, idempotencyKeyDecider, {
    stream,
    context: { ...context, commandId: `${idempotency.key}:${idempotency.fingerprint}` },
    command: use,
  });
  return outcome;
}
