import { START, excludeSystemEvents, type AllStreamResolvedEvent } from '@eventstore/db-client';
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
  while (!signal.aborted) {
    const subscription = client.subscribeToAll({
      fromPosition: last ? { commit: last.commit, prepare: last.prepare } : START,
      filter: excludeSystemEvents(),
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
          step = await iterator.next();
        } catch (error) {
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
