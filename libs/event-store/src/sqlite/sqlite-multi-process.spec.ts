import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { exited, outputLines, spawnTypeScript } from '../../../../test/support/spawn-ts';
import { makeTempDir } from '../testing/temp-dir';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore across processes (separate connections to one file)', () => {
  it('serialises appends from 4 racing processes: no duplicate or missing revision, every loser told', async () => {
    const dir = makeTempDir('race');
    const file = join(dir.path, 'events.sqlite');
    const stream = 'print-run-2024-0001';
    const setup = new SqliteEventStore({ file });
    await setup.close();

    const racers = ['A', 'B', 'C', 'D'].map((racer) =>
      spawnTypeScript('libs/event-store/src/testing/racing-appender.ts', [file, stream, racer, '40']),
    );
    const lines = racers.map(outputLines);
    expect(await Promise.all(lines.map((next) => next()))).toEqual(['ready', 'ready', 'ready', 'ready']);
    writeFileSync(`${file}.go`, '');
    const reports = await Promise.all(lines.map(async (next) => JSON.parse(await next()) as { racer: string; conflicts: number }));
    const exits = await Promise.all(racers.map(exited));
    expect(exits.every((exit) => exit.code === 0)).toBe(true);

    const store = new SqliteEventStore({ file });
    const { events } = await store.readStream(stream);
    await store.close();
    dir.remove();

    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 160 }, (_, i) => BigInt(i)));
    const landed = events.map((e) => {
      const d = e.data as { racer: string; index: number };
      return `${d.racer}${d.index}`;
    });
    expect(new Set(landed).size).toBe(160);
    // They really raced: some appends lost to another process and were told so.
    expect(reports.reduce((sum, report) => sum + report.conflicts, 0)).toBeGreaterThan(0);
  });
});
