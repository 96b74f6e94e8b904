import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  blankLotDecider,
  blankLotStream,
  diplomaDecider,
  diplomaStream,
  graduationDecisionDecider,
  graduationDecisionStream,
  printRunDecider,
  printRunStream,
  registerNumbersDecider,
  registerStream,
  BLANK_RANGE_REGISTRY_STREAM,
  blankRangeRegistryDecider,
  type CommandContext,
} from '@so-goc/domain';
import { SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache } from '@so-goc/platform';
import { loadState } from '@so-goc/platform/issuance/load-state';
import { importGraduationDecision } from '@so-goc/platform/decisions/import-graduation-decision';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { CRASH_ACTS, REISSUED_DIPLOMA } from '../support/crash-acts';
import { issuanceWorld } from '../support/issuance-world';
import { exited, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(600_000);

const resendWithoutKey = (): CommandContext => {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2026-03-03T03:00:00.000Z',
  };
};

/**
 * Issue 12, item 7: an act that spans streams is killed (SIGKILL) after each of its appends in turn;
 * the officer then resends the same request without an Idempotency-Key (a new command id). Every time,
 * the act ends complete and nothing is doubled: every graduate printable once, every number and blank
 * used once.
 */
describe('Acts spanning streams survive a crash between their appends (issue 12)', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let prepared: string;

  beforeAll(async () => {
    world = await issuanceWorld();
    await world.issueThpt2024();
    // A second decision, of other people (rule 1 refuses the same people twice), for the run the crash test opens.
    const all = Buffer.from(fixture('graduates-thpt-2024.csv')).toString('utf8').split('\n');
    const takenIds = new Set(all.map((line) => line.split(',')[6]));
    const lines = all.slice(0, 301);
    const others = lines.map((line, i) => {
      if (i === 0 || line.trim() === '') return line;
      const cells = line.split(',');
      cells[1] = `${cells[1]} Anh`;
      let suffix = 999000 + i;
      while (takenIds.has(`${cells[6]!.slice(0, 6)}${String(suffix).slice(-6)}`)) suffix += 1000;
      cells[6] = `${cells[6]!.slice(0, 6)}${String(suffix).slice(-6)}`;
      takenIds.add(cells[6]);
      return cells.join(',');
    });
    await importGraduationDecision(
      world.store,
      {
        decisionId: 'sgd-hp-2000-2024',
        authorityCode: 'SGD-HP',
        number: '2000/QĐ-SGDĐT',
        date: '2024-08-01',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: null,
        fileName: 'bo-sung.csv',
        bytes: new Uint8Array(Buffer.from(others.join('\n'))),
      },
      resendWithoutKey(),
    );
    prepared = join(world.dir.path, 'prepared.sqlite');
    await world.store.close();
    copyFileSync(join(world.dir.path, 'events.sqlite'), prepared);
  });
  afterAll(() => world.dir.remove());

  async function crashThenResend(act: string, killAfter: number): Promise<{ store: EventStore; completed: boolean }> {
    const file = join(world.dir.path, `${act}-${killAfter}.sqlite`);
    copyFileSync(prepared, file);
    const child = spawnTypeScript('test/support/crash-child.ts', [file, act, String(killAfter)]);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const { signal } = await exited(child);
    const store = new SqliteEventStore({ file });
    // A second resend must change nothing more.
    await CRASH_ACTS[act]!(store, await authorityDirectoryCache(store).current(), resendWithoutKey());
    await CRASH_ACTS[act]!(store, await authorityDirectoryCache(store).current(), resendWithoutKey());
    return { store, completed: signal !== 'SIGKILL' && output.includes('completed') };
  }

  it('opening a print run (decision, lot, register, run): killed after each append, the resend completes it once', async () => {
    for (let killAfter = 1; killAfter <= 4; killAfter += 1) {
      const { store } = await crashThenResend('open-print-run', killAfter);
      const decision = await loadState(store, graduationDecisionDecider, graduationDecisionStream('sgd-hp-2000-2024'));
      const run = await loadState(store, printRunDecider, printRunStream('thpt-2024-dot-2'));
      const register = await loadState(store, registerNumbersDecider, registerStream('SGD-HP', 'THPT', 2024));
      const lot = await loadState(store, blankLotDecider, blankLotStream('HP-THPT-2024'));
      if (decision.status !== 'recorded' || run.status === 'none' || lot.status !== 'received')
        throw new Error(`not recorded after a crash at append ${killAfter}`);
      const claimed = [...decision.printRunOf].filter(([, r]) => r === 'thpt-2024-dot-2').map(([id]) => id);
      expect({ killAfter, claimed: claimed.length, planned: run.entries.length }).toEqual({
        killAfter,
        claimed: decision.graduates.size,
        planned: decision.graduates.size,
      });
      expect(new Set(run.entries.map((e) => e.serial)).size).toBe(run.entries.length);
      expect(register.byPrintRun.get('thpt-2024-dot-2')).toEqual({ first: 2001, last: 2000 + run.entries.length });
      const reserved = lot.segments
        .filter((s) => s.status === 'reserved' && s.printRunId === 'thpt-2024-dot-2')
        .reduce((n, s) => n + s.to - s.from + 1, 0);
      expect(reserved).toBe(run.entries.length + 2);
      await store.close();
    }
  });

  it('receiving a lot (range registry, lot): killed after the first append, the resend completes the receipt once', async () => {
    const { store } = await crashThenResend('receive-lot', 1);
    const registry = await loadState(store, blankRangeRegistryDecider, BLANK_RANGE_REGISTRY_STREAM);
    expect(registry.filter((claim) => claim.lotId === 'HP-THPT-2024-B')).toHaveLength(1);
    expect((await loadState(store, blankLotDecider, blankLotStream('HP-THPT-2024-B'))).status).toBe('received');
    await store.close();
  });

  it('a reissue (lot, old diploma, new diploma): killed after each append, the resend completes it on one new blank', async () => {
    for (let killAfter = 1; killAfter <= 2; killAfter += 1) {
      const { store } = await crashThenResend('reissue', killAfter);
      const lot = await loadState(store, blankLotDecider, blankLotStream('HP-THPT-2024'));
      if (lot.status !== 'received') throw new Error('lot');
      const blanksOfReplacement = [...lot.diplomaBySerial.values()].filter((id) => id === `${REISSUED_DIPLOMA}-r1`);
      expect({ killAfter, blanks: blanksOfReplacement.length }).toEqual({ killAfter, blanks: 1 });
      expect((await loadState(store, diplomaDecider, diplomaStream(REISSUED_DIPLOMA))).status).toBe('superseded');
      expect((await loadState(store, diplomaDecider, diplomaStream(`${REISSUED_DIPLOMA}-r1`))).reissuedFrom).toBe(REISSUED_DIPLOMA);
      await store.close();
    }
  });
});
