import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { registerNumbersDecider, registerStream, type CommandContext } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';

const context = (): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'cb', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2024-08-01T02:00:00.000Z',
  };
};

describe('Register numbers under concurrency (rule 21)', () => {
  it('gives 20 print runs racing for numbers in one book disjoint, gapless ranges', async () => {
    const dir = makeTempDir('register');
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const stream = registerStream('SGD-HP', 'THPT', 2024);
    const sizes = Array.from({ length: 20 }, (_, i) => 50 + i * 7);
    await Promise.all(
      sizes.map((count, i) =>
        handleCommand(store, registerNumbersDecider, {
          stream,
          context: context(),
          command: {
            type: 'AssignRegisterNumbers',
            printRunId: `run-${i}`,
            diplomaIds: Array.from({ length: count }, (_, k) => `run-${i}-d${k}`),
          },
        }),
      ),
    );

    const ranges = (await store.readStream(stream)).events.map(
      (e) => e.data as { printRunId: string; first: number; last: number; count: number },
    );
    const numbers = ranges.flatMap((r) => Array.from({ length: r.count }, (_, k) => r.first + k)).sort((a, b) => a - b);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(new Set(ranges.map((r) => r.printRunId)).size).toBe(20);
    await store.close();
    dir.remove();
  });
});
