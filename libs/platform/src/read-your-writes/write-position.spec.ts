import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { comparePositions, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { trackWrittenPositions } from './read-your-writes';
import { currentWritePosition, parseReadAfter, withinWriteScope } from './write-position';

const counted = (amount: number) => [{ id: randomUUID(), type: 'Counted', data: { amount }, metadata: {} }];

/** Issue 20 item 4: the position a write answers is the one it reached, bound to its store. */
describe('Write positions across nodes', () => {
  const dir = makeTempDir('write-position');
  afterAll(() => dir.remove());

  it('notes in a request’s scope the position its appends reached, and only in that request’s', async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'scoped.sqlite') });
    trackWrittenPositions(store);
    try {
      const [one, two] = await Promise.all([
        withinWriteScope(async (scope) => {
          await store.appendToStream('lot-1', counted(1), 'no_stream');
          return { scope, token: currentWritePosition() };
        }),
        withinWriteScope(async (scope) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          await store.appendToStream('lot-2', counted(2), 'no_stream');
          return { scope, token: currentWritePosition() };
        }),
      ]);
      expect(comparePositions(two.scope.position!, one.scope.position!)).toBeGreaterThan(0);
      expect(one.token).not.toBe(two.token);
      expect(await parseReadAfter(store, one.token!)).toEqual({ ok: true, position: one.scope.position });
      // Outside a scope nothing is noted.
      expect(currentWritePosition()).toBeUndefined();
      // A resent act appends nothing; the stream it reads carries the position it reached.
      const resent = await withinWriteScope(async () => {
        await store.readStream('lot-2');
        return currentWritePosition();
      });
      expect(resent).toBe(two.token);
    } finally {
      await store.close();
    }
  });

  it('refuses a position of another store and one beyond this store’s head', async () => {
    const first = new SqliteEventStore({ file: join(dir.path, 'first.sqlite') });
    const other = new SqliteEventStore({ file: join(dir.path, 'other.sqlite') });
    trackWrittenPositions(first);
    try {
      await other.appendToStream('lot-9', counted(9), 'no_stream');
      const token = await withinWriteScope(async () => {
        await first.appendToStream('lot-1', counted(1), 'no_stream');
        return currentWritePosition()!;
      });
      expect(await parseReadAfter(other, token)).toEqual({ ok: false, reason: 'foreign-store' });
      const [version, tag, commit, prepare] = token.split('.');
      expect(await parseReadAfter(first, [version, tag, String(BigInt(commit!) + 1n), String(BigInt(prepare!) + 1n)].join('.'))).toEqual({
        ok: false,
        reason: 'beyond-head',
      });
      expect(await parseReadAfter(first, `${commit}/${prepare}`)).toEqual({ ok: false, reason: 'malformed' });
    } finally {
      await first.close();
      await other.close();
    }
  });
});
