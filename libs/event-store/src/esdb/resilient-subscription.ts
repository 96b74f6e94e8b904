import { START, eventTypeFilter, excludeSystemEvents, type AllStreamResolvedEvent, type Filter } from '@eventstore/db-client';
import { comparePositions, type Position, type RecordedEvent, type SubscriptionHealth } from '../event-store.port';
import type { EsdbClient } from './esdb-client';
import { classifyEsdbError } from './esdb-errors';

export interface ResubscribeOptions {
  /** First pause after a drop; doubles on each failed attempt up to maxDelayMs. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RESUBSCRIBE: ResubscribeOptions = { initialDelayMs: 200, maxDelayMs: 10_000 };

export interface ResilientSubscriptionInput {
  readonly client: EsdbClient;
  readonly after: Position | undefined;
  readonly signal: AbortSignal;
  readonly resubscribe: ResubscribeOptions;
  readonly toRecorded: (resolved: AllStreamResolvedEvent) => RecordedEvent | undefined;
  readonly onHealth: (health: SubscriptionHealth) => void;
  /** Only these types, filtered by the server; every user event when absent. */
  readonly eventTypes?: readonly string[];
  /** Told the server's filter checkpoints, once every event before them has been handed over. */
  readonly onScanned?: (position: Position) => void;
}

/**
 * Follows `$all` after a position for as long as the signal lives. When the server drops the
 * subscription (node restart, election, network blip) it subscribes again from the last event it
 * delivered, pausing with capped exponential backoff, forever: a projection must never stop because
 * the cluster moved. Events at or before the last delivered position are skipped, so a server that
 * resends its boundary event cannot make a projection apply it twice.
 */
export async function* followAll(input: ResilientSubscriptionInput): AsyncGenerator<RecordedEvent> {
  const { client, signal, resubscribe, toRecorded, onHealth } = input;
  let last = input.after && input.after.commit >= 0n ? input.after : undefined;
  let failures = 0;
  let waitingForNext = false;
  /**
   * The client awaits this inside its stream transform, after pushing the events that precede the
   * checkpoint into the subscription's buffer. The position is told only once they have all been handed
   * over (the buffer is empty and the consumer asks for more), so a follower that moves its checkpoint
   * here never skips an event still in flight. It is also where a resubscription starts.
   */
  const checkpointReached = async (subscription: unknown, position: { commit: bigint; prepare: bigint }): Promise<void> => {
    const buffered = (): number => (subscription as { readableLength?: number }).readableLength ?? 0;
    do await new Promise((resolve) => setImmediate(resolve));
    while (!signal.aborted && !(waitingForNext && buffered() === 0));
    if (signal.aborted) return;
    // One before the checkpoint: whether the server's checkpoint is the last event it looked at or the
    // next place to read, no event lies strictly between the two (an event spans many bytes of the log),
    // and an event at the checkpoint itself is still delivered.
    if (position.commit <= 0n) return;
    const scanned = { commit: position.commit - 1n, prepare: position.prepare - 1n };
    if (last && comparePositions(scanned, last) <= 0) return;
    last = scanned;
    input.onScanned?.(scanned);
  };
  const filter: Filter = input.eventTypes
    ? eventTypeFilter({ regex: typesRegex(input.eventTypes), checkpointInterval: 1, checkpointReached })
    : excludeSystemEvents();
  while (!signal.aborted) {
    const subscription = client.subscribeToAll({
      fromPosition: last ? { commit: last.commit, prepare: last.prepare } : START,
      filter,
      requiresLeader: true,
    });
    const stop = (): void => void subscription.unsubscribe().catch(() => undefined);
    signal.addEventListener('abort', stop, { once: true });
    const iterator = subscription[Symbol.asyncIterator]();
    let reportedLive = false;
    try {
      for (;;) {
        let step: IteratorResult<AllStreamResolvedEvent>;
        try {
          if (!reportedLive) {
            onHealth({ state: 'subscribed', attempt: failures, since: new Date() });
            reportedLive = true;
          }
          waitingForNext = true;
          step = await iterator.next();
          waitingForNext = false;
        } catch (error) {
          waitingForNext = false;
          if (signal.aborted) return;
          failures += 1;
          onHealth({ state: 'resubscribing', attempt: failures, since: new Date(), lastError: describe(error) });
          break;
        }
        if (step.done || signal.aborted) {
          if (signal.aborted) return;
          // A subscription never ends by itself; an end without an abort is a drop like any other.
          failures += 1;
          onHealth({ state: 'resubscribing', attempt: failures, since: new Date(), lastError: 'subscription ended' });
          break;
        }
        const recorded = toRecorded(step.value);
        if (!recorded) continue;
        if (last && comparePositions(recorded.position, last) <= 0) continue;
        last = recorded.position;
        failures = 0;
        yield recorded;
        if (signal.aborted) return;
      }
    } finally {
      signal.removeEventListener('abort', stop);
      await subscription.unsubscribe().catch(() => undefined);
    }
    await pause(backoff(resubscribe, failures), signal);
  }
}

/** An anchored alternation of the exact type names (which are never system types: those start with `$`). */
export function typesRegex(types: readonly string[]): string {
  const names = [...new Set(types)].map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return names.length === 0 ? '^(?!)$' : `^(?:${names.join('|')})$`;
}

function backoff({ initialDelayMs, maxDelayMs }: ResubscribeOptions, failures: number): number {
  const capped = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(failures - 1, 20));
  // Nodes that lost the same leader should not all come back in the same millisecond.
  return capped / 2 + Math.random() * (capped / 2);
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function describe(error: unknown): string {
  const kind = classifyEsdbError(error);
  const message = error instanceof Error && error.message ? `: ${error.message}` : '';
  return `${kind}${message}`;
}
