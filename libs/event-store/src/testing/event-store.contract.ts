import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors';
import type { EventStore, NewEvent, Position, RecordedEvent } from '../event-store.port';
import { comparePositions } from '../event-store.port';

export type EventStoreFactory = () => Promise<EventStore>;

/**
 * The behaviour every adapter must have. Streams get unique names so the suite can run against a
 * shared server that already holds other events.
 */
export interface ContractOptions {
  /**
   * Whether a retry under 'any' is always recognised. SQLite: yes. EventStoreDB/KurrentDB: only while
   * the leader's in-memory cache holds the ids, so the suite cannot demand it (see ExpectedRevision).
   */
  readonly idempotentUnderAny?: boolean;
  /**
   * Whether `appendToStreams` is one transaction, so that a refused request leaves the earlier ones
   * unwritten too. SQLite: yes. EventStoreDB/KurrentDB: no, the appends are made one after another.
   */
  readonly atomicAcrossStreams?: boolean;
}

export function describeEventStoreContract(
  adapterName: string,
  factory: EventStoreFactory | undefined,
  skipReason?: string,
  contractOptions: ContractOptions = { idempotentUnderAny: true, atomicAcrossStreams: true },
): void {
  if (!factory) {
    describe.skip(`EventStore contract: ${adapterName} (skipped: ${skipReason ?? 'not configured'})`, () => {
      it('is not run', () => undefined);
    });
    return;
  }

  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    const streamName = (label: string): string => `contract_${label}-${randomUUID().replace(/-/g, '')}`;

    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it('reads an unknown stream as no_stream with no events', async () => {
      const read = await store.readStream(streamName('unknown'));
      expect(read.revision).toBe('no_stream');
      expect(read.events).toEqual([]);
    });

    it('reports the head position: at or after the last event it appended, before any later one', async () => {
      // A shared server may record other writers' events at any moment, so the head is bracketed, not pinned.
      const appended = await store.appendToStream(streamName('head'), [event('A'), event('B')], 'no_stream');
      const head = await store.headPosition();
      const later = await store.appendToStream(streamName('head-later'), [event('C')], 'no_stream');
      expect(head).toBeDefined();
      expect(comparePositions(head!, appended.position)).toBeGreaterThanOrEqual(0);
      expect(comparePositions(head!, later.position)).toBeLessThan(0);
      expect(comparePositions((await store.headPosition())!, later.position)).toBeGreaterThanOrEqual(0);
    });

    it('numbers revisions from 0 without gaps across appends', async () => {
      const stream = streamName('revisions');
      const first = await store.appendToStream(stream, [event('A'), event('B'), event('C')], 'no_stream');
      expect(first.nextExpectedRevision).toBe(2n);
      const second = await store.appendToStream(stream, [event('D'), event('E')], 2n);
      expect(second.nextExpectedRevision).toBe(4n);
      const read = await store.readStream(stream);
      expect(read.revision).toBe(4n);
      expect(read.events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(read.events.map((e) => e.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(read.events.every((e) => e.stream === stream)).toBe(true);
    });

    it('reads a stream from a revision, still reporting the last revision', async () => {
      const stream = streamName('from');
      await store.appendToStream(stream, [event('A'), event('B'), event('C')], 'no_stream');
      const tail = await store.readStream(stream, { fromRevision: 1n });
      expect(tail.events.map((e) => e.type)).toEqual(['B', 'C']);
      expect(tail.revision).toBe(2n);
      const beyond = await store.readStream(stream, { fromRevision: 3n });
      expect(beyond.events).toEqual([]);
      expect(beyond.revision).toBe(2n);
    });

    it('refuses a stale expected revision with a typed error and writes nothing', async () => {
      const stream = streamName('stale');
      await store.appendToStream(stream, [event('A'), event('B')], 'no_stream');
      const attempt = store.appendToStream(stream, [event('C')], 0n);
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ stream, expected: 0n, actual: 1n });
      const read = await store.readStream(stream);
      expect(read.events.map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('refuses no_stream when the stream exists, and a revision when it does not', async () => {
      const stream = streamName('exists');
      await store.appendToStream(stream, [event('A')], 'no_stream');
      await expect(store.appendToStream(stream, [event('B')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.appendToStream(streamName('missing'), [event('X')], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(stream)).events).toHaveLength(1);
    });

    it('appends nothing twice when a request is retried with the same event ids', async () => {
      const stream = streamName('retry');
      const batch = [event('A'), event('B')];
      const first = await store.appendToStream(stream, batch, 'no_stream');
      const retried = await store.appendToStream(stream, batch, 'no_stream');
      expect(retried.nextExpectedRevision).toBe(first.nextExpectedRevision);
      if (contractOptions.idempotentUnderAny) {
        const retriedAny = await store.appendToStream(stream, batch, 'any');
        expect(retriedAny.nextExpectedRevision).toBe(first.nextExpectedRevision);
      }
      const read = await store.readStream(stream);
      expect(read.events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });

    it('returns events in order with data and metadata intact, byte for byte', async () => {
      const stream = streamName('intact');
      const nfc = 'Nguyễn Thị Thuỷ, Hoà Bình'.normalize('NFC');
      const nfd = 'Nguyễn Thị Thuỷ, Hoà Bình'.normalize('NFD');
      expect(Buffer.from(nfc)).not.toEqual(Buffer.from(nfd));
      // 256 KiB: large, yet well inside KurrentDB's default 1 MiB MaxAppendSize, which counts the whole append.
      const bigBytes = 256 * 1024;
      const vietnamese = 'phôi bằng '.repeat(Math.floor(bigBytes / Buffer.byteLength('phôi bằng ')));
      const big = vietnamese + 'x'.repeat(bigBytes - Buffer.byteLength(vietnamese));
      const data = { nfc, nfd, nested: { list: [1, 2.5, true, null, 'Đắk Lắk'] }, big };
      const metadata = { commandId: randomUUID(), actor: { officerId: 'cán-bộ-01', authorityCode: 'SGD-79' } };
      await store.appendToStream(stream, [event('First', data, metadata), event('Second', { n: 2 })], 'no_stream');

      const read = await store.readStream(stream);
      const [first, second] = read.events as [RecordedEvent, RecordedEvent];
      const stored = first.data as typeof data;
      expect(Buffer.from(stored.nfc)).toEqual(Buffer.from(nfc));
      expect(Buffer.from(stored.nfd)).toEqual(Buffer.from(nfd));
      expect(Buffer.byteLength(stored.big)).toBe(bigBytes);
      expect(stored.big === big).toBe(true);
      expect(stored).toEqual(data);
      expect(first.metadata).toEqual(metadata);
      expect(second.data).toEqual({ n: 2 });
      expect(comparePositions(first.position, second.position)).toBeLessThan(0);
    });

    it('subscribes after a position: only later events, in order, then live ones until aborted', async () => {
      const before = streamName('sub-before');
      const after = streamName('sub-after');
      const mine = new Set([before, after]);
      const earlier = await store.appendToStream(before, [event('Old1'), event('Old2')], 'no_stream');
      await store.appendToStream(after, [event('Later1'), event('Later2')], 'no_stream');

      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      let wantLive = false;
      const consumed = (async () => {
        for await (const recorded of store.subscribeToAll({ after: earlier.position, signal: controller.signal })) {
          if (!mine.has(recorded.stream)) continue;
          seen.push(recorded);
          if (seen.length === 2) wantLive = true;
          if (seen.length === 4) controller.abort();
        }
      })();

      await waitUntil(() => wantLive);
      await store.appendToStream(after, [event('Live1')], 1n);
      await store.appendToStream(before, [event('Live2')], 1n);
      await consumed;

      expect(seen.map((e) => e.type)).toEqual(['Later1', 'Later2', 'Live1', 'Live2']);
      for (let i = 1; i < seen.length; i += 1) {
        expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBeLessThan(0);
      }
      expect(seen.every((e) => comparePositions(e.position, earlier.position) > 0)).toBe(true);
    });

    it('filters a subscription by event type, never telling a scanned position past an event still to come', async () => {
      const stream = streamName('filtered');
      // Types of this run only, so that a shared server's other events never match.
      const tag = randomUUID().replace(/-/g, '').slice(0, 8);
      const [wanted, other] = [`Wanted${tag}`, `Other${tag}`];
      const start = await store.appendToStream(stream, [event(`Start${tag}`)], 'no_stream');
      await store.appendToStream(stream, [event(other), event(wanted, { n: 1 }), event(other), event(other)], 0n);
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const scanned: Position[] = [];
      const consumed = (async () => {
        for await (const recorded of store.subscribeToAll({
          after: start.position,
          signal: controller.signal,
          eventTypes: [wanted],
          onScanned: (position) => scanned.push(position),
        })) {
          // Every position told before this event lies before it.
          expect(scanned.every((position) => comparePositions(position, recorded.position) < 0)).toBe(true);
          seen.push(recorded);
          if (seen.length === 2) controller.abort();
        }
      })();
      await store.appendToStream(stream, [event(other)], 4n);
      await store.appendToStream(stream, [event(wanted, { n: 2 })], 5n);
      await consumed;
      expect(seen.map((e) => [e.type, e.data])).toEqual([
        [wanted, { n: 1 }],
        [wanted, { n: 2 }],
      ]);
    });

    it('appends to several streams in one call, in the order given, each at its own expected revision (issue 19)', async () => {
      const [a, b] = [streamName('many-a'), streamName('many-b')];
      await store.appendToStream(b, [event('B0')], 'no_stream');
      const results = await store.appendToStreams([
        { stream: a, events: [event('A0'), event('A1')], expected: 'no_stream' },
        { stream: b, events: [event('B1')], expected: 0n },
        // The same stream again: its revision continues the first append's.
        { stream: a, events: [event('A2')], expected: 1n },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 1n, 2n]);
      expect(comparePositions(results[0]!.position, results[1]!.position)).toBeLessThan(0);
      expect(comparePositions(results[1]!.position, results[2]!.position)).toBeLessThan(0);
      const readA = await store.readStream(a);
      expect(readA.events.map((e) => [e.type, e.revision])).toEqual([
        ['A0', 0n],
        ['A1', 1n],
        ['A2', 2n],
      ]);
      expect((await store.readStream(b)).events.map((e) => e.type)).toEqual(['B0', 'B1']);
    });

    it(`refuses a multi-stream append at its first stale request: nothing after it is written${
      contractOptions.atomicAcrossStreams ? ', nor anything before it (one transaction)' : ''
    }`, async () => {
      const [first, stale, after] = [streamName('many-first'), streamName('many-stale'), streamName('many-after')];
      await store.appendToStream(stale, [event('S0'), event('S1')], 'no_stream');
      const attempt = store.appendToStreams([
        { stream: first, events: [event('F0')], expected: 'no_stream' },
        { stream: stale, events: [event('S2')], expected: 0n },
        { stream: after, events: [event('X0')], expected: 'no_stream' },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(attempt).rejects.toMatchObject({ stream: stale, expected: 0n, actual: 1n });
      expect((await store.readStream(stale)).events.map((e) => e.type)).toEqual(['S0', 'S1']);
      expect((await store.readStream(after)).revision).toBe('no_stream');
      expect((await store.readStream(first)).events.map((e) => e.type)).toEqual(contractOptions.atomicAcrossStreams ? [] : ['F0']);
    });

    it('appends nothing twice when a multi-stream append is retried with the same event ids, whole or cut short', async () => {
      const [a, b] = [streamName('many-retry-a'), streamName('many-retry-b')];
      const requests = [
        { stream: a, events: [event('A0'), event('A1')], expected: 'no_stream' as const },
        { stream: b, events: [event('B0')], expected: 'no_stream' as const },
      ];
      // A first attempt that got only as far as the first stream (a crash, or a store without transactions).
      await store.appendToStream(a, requests[0]!.events, 'no_stream');
      const resent = await store.appendToStreams(requests);
      const again = await store.appendToStreams(requests);
      expect(resent.map((r) => r.nextExpectedRevision)).toEqual([1n, 0n]);
      expect(again.map((r) => r.nextExpectedRevision)).toEqual([1n, 0n]);
      expect((await store.readStream(a)).events.map((e) => e.id)).toEqual(requests[0]!.events.map((e) => e.id));
      expect((await store.readStream(b)).events.map((e) => e.id)).toEqual(requests[1]!.events.map((e) => e.id));
    });

    it('lets 50 racing appenders on one stream land without duplicate or missing revisions', async () => {
      const stream = streamName('race');
      await store.appendToStream(stream, [event('Opened')], 'no_stream');
      const racers = Array.from({ length: 50 }, (_, index) => index);

      // Round 1: everyone read revision 0 and appends against it; exactly one may win.
      const firstRound = await Promise.allSettled(racers.map((index) => store.appendToStream(stream, [event('Raced', { index })], 0n)));
      const winners = firstRound.filter((result) => result.status === 'fulfilled');
      const losers = firstRound.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(49);
      for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);

      // Then each loser does what a command handler does: read again and retry, all at once.
      const landed = new Set<number>(racers.filter((index) => firstRound[index]!.status === 'fulfilled'));
      await Promise.all(
        racers
          .filter((index) => !landed.has(index))
          .map(async (index) => {
            const attempt = event('Raced', { index });
            for (;;) {
              const { revision } = await store.readStream(stream);
              try {
                await store.appendToStream(stream, [attempt], revision);
                return;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevisionError)) throw error;
              }
            }
          }),
      );

      const read = await store.readStream(stream);
      expect(read.events.map((e) => e.revision)).toEqual(Array.from({ length: 51 }, (_, i) => BigInt(i)));
      const indexes = read.events.slice(1).map((e) => (e.data as { index: number }).index);
      expect([...indexes].sort((a, b) => a - b)).toEqual(racers);
    });
  });
}

export function event(type: string, data: unknown = {}, metadata: unknown = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata };
}

async function waitUntil(condition: () => boolean, timeoutMs = 10000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the subscription');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
