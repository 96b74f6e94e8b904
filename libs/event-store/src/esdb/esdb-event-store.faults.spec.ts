import { randomUUID } from 'node:crypto';
import { AppendOutcomeUnknownError, AppendTooLargeError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { comparePositions, type Position, type RecordedEvent, type SubscriptionHealth } from '../event-store.port';
import { StreamStateCache } from '../stream-state-cache';
import { describeEventStoreContract, event } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbClient } from './testing/fake-esdb-client';
import { typesRegex } from './resilient-subscription';

/**
 * The adapter's own logic under the faults a cluster produces, against a fake of the client's
 * interface (no server can run here). The real client talks to a real server in the contract suite
 * (esdb-event-store.spec.ts) when SOGOC_ESDB_URL is set.
 */
function setUp(): { fake: FakeEsdbClient; store: EsdbEventStore } {
  const fake = new FakeEsdbClient();
  const store = new EsdbEventStore({
    connectionString: 'esdb://fake',
    client: fake,
    resubscribe: { initialDelayMs: 2, maxDelayMs: 20 },
    settleMs: 5,
  });
  return { fake, store };
}

// The adapter's reads, appends and subscription logic meet the whole port contract over the fake.
describeEventStoreContract('esdb adapter over a fake client', async () => setUp().store, undefined, { idempotentUnderAny: false });

async function take(source: AsyncIterable<RecordedEvent>, count: number, controller: AbortController): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const recorded of source) {
    seen.push(recorded);
    if (seen.length === count) controller.abort();
  }
  return seen;
}

describe('EsdbEventStore subscriptions survive a dropped connection', () => {
  it('resubscribes from the last delivered event after UNAVAILABLE mid-subscription: nothing lost, nothing doubled', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('lot-1', [event('A'), event('B'), event('C'), event('D'), event('E')], 'no_stream');
    fake.dropSubscriptionsAfter(3);
    const health: SubscriptionHealth[] = [];
    const controller = new AbortController();
    const consumed = take(store.subscribeToAll({ signal: controller.signal, onHealth: (h) => health.push(h) }), 7, controller);
    await waitUntil(() => fake.calls.filter((call) => call.op === 'subscribeToAll').length === 2);
    await store.appendToStream('lot-1', [event('F'), event('G')], 4n);
    const seen = await consumed;

    expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const subscribes = fake.calls.filter((call) => call.op === 'subscribeToAll');
    expect(subscribes).toHaveLength(2);
    expect(subscribes[1]!.options.fromPosition).toEqual(seen[2]!.position);
    expect(health.map((h) => h.state)).toEqual(['subscribed', 'resubscribing', 'subscribed']);
    expect(health[1]!.lastError).toMatch(/^unanswered/);
    expect(store.subscriptionHealth()?.state).toBe('subscribed');
  });

  it('skips the boundary event when the server resends it on resubscribing', async () => {
    const { fake, store } = setUp();
    fake.resendsBoundaryEvent = true;
    await store.appendToStream('lot-2', [event('A'), event('B'), event('C'), event('D')], 'no_stream');
    fake.dropSubscriptionsAfter(2);
    const controller = new AbortController();
    const seen = await take(store.subscribeToAll({ signal: controller.signal }), 4, controller);
    expect(seen.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('keeps trying with growing pauses while no node answers, reporting each attempt, then catches up', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('lot-3', [event('A')], 'no_stream');
    fake.refuseSubscriptions(4);
    const health: SubscriptionHealth[] = [];
    const controller = new AbortController();
    const seen = await take(store.subscribeToAll({ signal: controller.signal, onHealth: (h) => health.push(h) }), 1, controller);
    expect(seen.map((e) => e.type)).toEqual(['A']);
    expect(health.filter((h) => h.state === 'resubscribing').map((h) => h.attempt)).toEqual([1, 2, 3, 4]);
    expect(fake.calls.filter((call) => call.op === 'subscribeToAll').every((call) => call.options.requiresLeader === true)).toBe(true);
  });

  it('stops at once when aborted while waiting to resubscribe', async () => {
    const fake = new FakeEsdbClient();
    const store = new EsdbEventStore({
      connectionString: 'esdb://fake',
      client: fake,
      resubscribe: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    fake.refuseSubscriptions(1);
    const controller = new AbortController();
    const health: SubscriptionHealth[] = [];
    const consumed = take(store.subscribeToAll({ signal: controller.signal, onHealth: (h) => health.push(h) }), 1, controller);
    await waitUntil(() => health.some((h) => h.state === 'resubscribing'));
    const started = Date.now();
    controller.abort();
    expect(await consumed).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('EsdbEventStore reads from the leader', () => {
  it('retries once on NotLeader, after the client moved to the leader, and asks every call for the leader with a deadline', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('diploma-1', [event('DiplomaIssued')], 'no_stream');
    fake.onFollower = true;
    const read = await store.readStream('diploma-1');
    expect(read.events.map((e) => e.type)).toEqual(['DiplomaIssued']);
    const reads = fake.calls.filter((call) => call.op === 'readStream');
    expect(reads.length).toBe(2);
    for (const call of fake.calls) {
      expect(call.options.requiresLeader).toBe(true);
      if (call.op !== 'subscribeToAll') expect(call.options.deadline).toBe(10_000);
    }
  });

  it('retries an append refused with NotLeader once; nothing was written by the refusal', async () => {
    const { fake, store } = setUp();
    fake.onFollower = true;
    const appended = await store.appendToStream('diploma-2', [event('A')], 'no_stream');
    expect(appended.nextExpectedRevision).toBe(0n);
    expect(fake.events('diploma-2')).toHaveLength(1);
  });

  it('reports a leader that keeps moving as unavailable, not as a client error type', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('diploma-3', [event('A')], 'no_stream');
    const realCheck = fake.readStream.bind(fake);
    jest.spyOn(fake, 'readStream').mockImplementation((stream, options) => {
      fake.onFollower = true;
      return realCheck(stream, options);
    });
    await expect(store.readStream('diploma-3')).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('never answers a revision ahead of the events it returned, even when an append lands between two reads', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('directory', [event('A'), event('B')], 'no_stream');
    const cache = new StreamStateCache<string[]>(store, 'directory', [], (state, e) => [...state, e.type]);
    expect(await cache.current()).toEqual(['A', 'B']);
    // The next refresh reads forward from revision 2 (nothing yet); an append lands before the adapter reads the last revision.
    fake.afterNextRead(() => void store.appendToStream('directory', [event('C')], 1n));
    expect(await cache.current()).toEqual(['A', 'B', 'C']);
    expect(await cache.current()).toEqual(['A', 'B', 'C']);
  });

  it('finds the head with one server-filtered backward read, however many system events follow', async () => {
    const { fake, store } = setUp();
    expect(await store.headPosition()).toBeUndefined();
    const appended = await store.appendToStream('lot-9', [event('A'), event('B')], 'no_stream');
    fake.appendSystemEvents(5000);
    expect(await store.headPosition()).toEqual(appended.position);
    const heads = fake.calls.filter((call) => call.op === 'readAllFiltered');
    expect(heads).toHaveLength(2);
    expect(heads.every((call) => call.options.filter?.filterOn === 'eventType')).toBe(true);
  });

  it('closes the client (and its channel) on close()', async () => {
    const { fake, store } = setUp();
    await store.close();
    expect(fake.closed).toBe(true);
  });
});

describe('EsdbEventStore deadlines (the client sets none on reads)', () => {
  function quick(): { fake: FakeEsdbClient; store: EsdbEventStore } {
    const fake = new FakeEsdbClient();
    return { fake, store: new EsdbEventStore({ connectionString: 'esdb://fake', client: fake, deadlineMs: 50, settleMs: 5 }) };
  }

  it('gives up on a read that never answers, cancels it, and reports the store unavailable', async () => {
    const { fake, store } = quick();
    await store.appendToStream('directory', [event('A')], 'no_stream');
    fake.hangReads(1);
    const started = Date.now();
    await expect(store.readStream('directory')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.cancelledReads).toBe(1);
  });

  it('resolves an append whose answer never comes by reading back: landed means success, once', async () => {
    const { fake, store } = quick();
    fake.failNextAppend('silent_after_commit');
    const appended = await store.appendToStream('decision-9', [event('A')], 'no_stream');
    expect(appended.nextExpectedRevision).toBe(0n);
    expect(fake.events('decision-9')).toHaveLength(1);
  });

  it('resends once an append that never answered and never landed', async () => {
    const { fake, store } = quick();
    fake.failNextAppend('silent_before_commit');
    await store.appendToStream('decision-10', [event('A')], 'no_stream');
    expect(fake.events('decision-10')).toHaveLength(1);
    expect(fake.calls.filter((call) => call.op === 'appendToStream')).toHaveLength(2);
  });
});

describe('EsdbEventStore appends whose answer was lost', () => {
  it('answers with the first outcome when the append landed but the answer timed out, recording nothing twice', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('decision-1', [event('Opened')], 'no_stream');
    fake.failNextAppend('timeout_after_commit');
    const batch = [event('GraduateRecognised'), event('GraduateRecognised')];
    const appended = await store.appendToStream('decision-1', batch, 0n);
    expect(appended.nextExpectedRevision).toBe(2n);
    expect(fake.events('decision-1').map((e) => e.id)).toEqual([expect.any(String), batch[0]!.id, batch[1]!.id]);
    expect(fake.calls.filter((call) => call.op === 'appendToStream')).toHaveLength(2);
  });

  it('resends once when the append did not land, and records it once', async () => {
    const { fake, store } = setUp();
    fake.failNextAppend('timeout_before_commit');
    const batch = [event('A'), event('B')];
    const appended = await store.appendToStream('decision-2', batch, 'no_stream');
    expect(appended.nextExpectedRevision).toBe(1n);
    expect(fake.events('decision-2').map((e) => e.id)).toEqual(batch.map((e) => e.id));
  });

  it('resends after a dropped connection too, and a resend refused because the stream moved is a conflict', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('decision-3', [event('A')], 'no_stream');
    fake.failNextAppend('unavailable_before_commit');
    // Another writer lands first while our answer is lost.
    fake.afterNextRead(() => void store.appendToStream('decision-3', [event('Other')], 0n));
    await expect(store.appendToStream('decision-3', [event('Mine')], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(fake.events('decision-3').map((e) => e.type)).toEqual(['A', 'Other']);
  });

  it('says the outcome is unknown when the resend times out as well (never "nothing was recorded")', async () => {
    const { fake, store } = setUp();
    fake.failNextAppend('timeout_before_commit', 'timeout_before_commit');
    const attempt = store.appendToStream('decision-4', [event('A')], 'no_stream');
    await expect(attempt).rejects.toBeInstanceOf(AppendOutcomeUnknownError);
    await expect(attempt).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('does not resend under "any" (the server would not recognise the ids after a restart): outcome unknown', async () => {
    const { fake, store } = setUp();
    fake.failNextAppend('timeout_before_commit');
    fake.restartLeader();
    await expect(store.appendToStream('audit', [event('A')], 'any')).rejects.toBeInstanceOf(AppendOutcomeUnknownError);
    expect(fake.events('audit')).toHaveLength(0);
  });

  it('refuses an append over the server limit with AppendTooLargeError naming the limit, writing nothing', async () => {
    const { fake, store } = setUp();
    const big = 'Nguyễn Văn A, Trường THPT Chu Văn An; '.repeat(40_000);
    const attempt = store.appendToStream('decision-5', [event('GraduatesRecognised', { big })], 'no_stream');
    await expect(attempt).rejects.toBeInstanceOf(AppendTooLargeError);
    await expect(attempt).rejects.toMatchObject({ stream: 'decision-5', maxAppendSize: 1024 * 1024 });
    const error = (await attempt.catch((e: unknown) => e)) as AppendTooLargeError;
    expect(error.bytes).toBeGreaterThan(1024 * 1024);
    expect(fake.events('decision-5')).toHaveLength(0);
  });

  it('keeps a stale revision a typed conflict, with the actual revision', async () => {
    const { store } = setUp();
    const stream = `stale-${randomUUID()}`;
    await store.appendToStream(stream, [event('A'), event('B')], 'no_stream');
    await expect(store.appendToStream(stream, [event('C')], 0n)).rejects.toMatchObject({ expected: 0n, actual: 1n });
  });
});

describe('EsdbEventStore filtered subscription (issue 20 item 4: one subscription per process, filtered on the server)', () => {
  it('asks the server for the wanted event types only, and tells a scanned position only after every event before it', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('s', [event('Wanted'), event('Other'), event('Other'), event('Wanted'), event('Other')], 'no_stream');
    fake.appendSystemEvents(3);
    const head = (await store.headPosition())!;
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const scanned: Position[] = [];
    const consumed = (async () => {
      for await (const recorded of store.subscribeToAll({
        signal: controller.signal,
        eventTypes: ['Wanted', 'Also.Wanted'],
        onScanned: (position) => scanned.push(position),
      })) {
        expect(scanned.every((position) => comparePositions(position, recorded.position) < 0)).toBe(true);
        seen.push(recorded);
      }
    })();
    await waitUntil(() => scanned.some((position) => comparePositions(position, head) >= 0));
    controller.abort();
    await consumed;

    expect(seen.map((e) => e.type)).toEqual(['Wanted', 'Wanted']);
    const subscribe = fake.calls.find((call) => call.op === 'subscribeToAll')!;
    expect(subscribe.options.filter).toMatchObject({ filterOn: 'eventType', regex: '^(?:Wanted|Also\\.Wanted)$' });
    expect(subscribe.options.requiresLeader).toBe(true);
    // The last user event is an "Other", followed by system events: the follower still learns it has looked that far.
    expect(comparePositions(scanned.at(-1)!, head)).toBeGreaterThanOrEqual(0);
  });

  it('resubscribes after UNAVAILABLE from the last scanned position: nothing lost, nothing doubled, no rescan of what was filtered', async () => {
    const { fake, store } = setUp();
    await store.appendToStream('s', [event('Wanted'), event('Other'), event('Other'), event('Wanted'), event('Wanted')], 'no_stream');
    fake.dropSubscriptionsAfter(1);
    const controller = new AbortController();
    const scanned: Position[] = [];
    const health: SubscriptionHealth[] = [];
    const seen = await take(
      store.subscribeToAll({
        signal: controller.signal,
        eventTypes: ['Wanted'],
        onScanned: (position) => scanned.push(position),
        onHealth: (h) => health.push(h),
      }),
      3,
      controller,
    );
    const all = (await store.readStream('s')).events;
    expect(seen.map((e) => e.revision)).toEqual([0n, 3n, 4n]);
    const subscribes = fake.calls.filter((call) => call.op === 'subscribeToAll');
    expect(subscribes).toHaveLength(2);
    // The second subscription starts after the second "Other", told as scanned before the drop.
    expect(subscribes[1]!.options.fromPosition).toEqual(all[2]!.position);
    expect(scanned).toEqual([all[1]!.position, all[2]!.position]);
    expect(health.map((h) => h.state)).toEqual(['subscribed', 'resubscribing', 'subscribed']);
  });

  it('builds an anchored regex of the exact type names, escaping what a regex would read otherwise', () => {
    expect(typesRegex(['A', 'B.c', 'A'])).toBe('^(?:A|B\\.c)$');
    expect(new RegExp(typesRegex(['DiplomaIssued'])).test('DiplomaIssuedLater')).toBe(false);
    expect(new RegExp(typesRegex([])).test('')).toBe(false);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
