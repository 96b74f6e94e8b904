import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  blankLotDecider,
  blankLotStream,
  graduationDecisionDecider,
  graduationDecisionStream,
  MAX_APPEND_BYTES,
  printRunDecider,
  printRunStream,
  registerNumbersDecider,
  registerStream,
  type CommandContext,
} from '@so-goc/domain';
import { SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache, importGraduationDecision, receiveBlankLot } from '@so-goc/platform';
import { loadState } from '@so-goc/platform/issuance/load-state';
import { CRASH_ACTS, LARGE_RUN } from '../support/crash-acts';
import { cohortCsv } from '../support/cohort-csv';
import { context, issuanceWorld } from '../support/issuance-world';
import { recordingAppends } from '../support/recording-store';
import { exited, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(1_800_000);

const SPARES = 10;
const officer = (commandId: string = randomUUID()): CommandContext => ({
  commandId,
  correlationId: commandId,
  causationId: commandId,
  actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
  occurredAt: '2026-03-03T03:00:00.000Z',
});
const act = async (store: EventStore, name: string, commandId?: string) =>
  CRASH_ACTS[name]!(store, await authorityDirectoryCache(store).current(), officer(commandId));

/** Every serial of the run once, every graduate once, every number once and consecutive (rules 1, 16, 21). */
async function expectWholeRunOnce(store: EventStore, printed: boolean): Promise<void> {
  const run = await loadState(store, printRunDecider, printRunStream(LARGE_RUN.printRunId));
  if (run.status === 'none') throw new Error('no run');
  expect(run.status).toBe(printed ? 'printed' : 'open');
  expect(run.entries).toHaveLength(LARGE_RUN.count);
  expect(new Set(run.entries.map((e) => e.serial)).size).toBe(LARGE_RUN.count);
  expect(new Set(run.entries.map((e) => e.diplomaId)).size).toBe(LARGE_RUN.count);
  expect(run.entries.every((e, i) => e.registerNumber === run.entries[0]!.registerNumber + i)).toBe(true);
  const decision = await loadState(store, graduationDecisionDecider, graduationDecisionStream(LARGE_RUN.decisionId));
  if (decision.status !== 'recorded') throw new Error('decision');
  expect([...decision.printRunOf.values()].filter((r) => r === LARGE_RUN.printRunId)).toHaveLength(LARGE_RUN.count);
  const register = await loadState(store, registerNumbersDecider, registerStream('SGD-HP', 'THPT', 2024));
  expect([...register.numberByDiploma.keys()].filter((id) => run.indexOf.has(id))).toHaveLength(LARGE_RUN.count);
  const lot = await loadState(store, blankLotDecider, blankLotStream(LARGE_RUN.lotId));
  if (lot.status !== 'received') throw new Error('lot');
  const size = (status: string) =>
    lot.segments.filter((s) => s.status === status && s.printRunId === LARGE_RUN.printRunId).reduce((n, s) => n + s.to - s.from + 1, 0);
  // Conservation (rule 16): reserved = bound + spares, nothing lost or doubled.
  expect({ reserved: size('reserved'), bound: size('bound') }).toEqual(
    printed ? { reserved: SPARES, bound: LARGE_RUN.count } : { reserved: LARGE_RUN.count + SPARES, bound: 0 },
  );
  if (printed) expect(run.entries.every((e) => lot.diplomaBySerial.get(e.serial) === e.diplomaId)).toBe(true);
}

/**
 * Issue 20, item 2, for print runs: a 50,000-diploma run is opened (claims on the decision, blanks on the lot,
 * numbers in the register, the run's planned entries) and printed (every blank bound) in appends of at most
 * 512 KiB each, the run's seal last; a crash between the parts leaves a run nothing reads as open or printed,
 * and a resend completes it without doubling anything.
 */
describe('A 50,000-diploma print run in bounded appends (issue 20)', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let prepared: string;

  beforeAll(async () => {
    world = await issuanceWorld();
    await receiveBlankLot(
      world.store,
      {
        type: 'ReceiveBlankLot',
        lotId: LARGE_RUN.lotId,
        authorityCode: 'SGD-HP',
        kind: 'THPT',
        templateVersion: 'TT21-2019',
        prefix: 'HM',
        width: 7,
        from: 600001,
        to: 600000 + LARGE_RUN.count + 100,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: 'PGH-M', date: '2024-05-20' },
        receivedBy: 'Lan',
        receivedOn: '2024-05-20',
      },
      context('SGD-HP', '2024-05-20T02:00:00.000Z'),
    );
    await importGraduationDecision(
      world.store,
      {
        decisionId: LARGE_RUN.decisionId,
        authorityCode: 'SGD-HP',
        number: '50000/QĐ-SGDĐT',
        date: '2024-07-20',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
        fileName: 'toan-tinh.csv',
        bytes: cohortCsv(LARGE_RUN.count),
      },
      context(),
    );
    await world.store.close();
    prepared = join(world.dir.path, 'prepared-50000.sqlite');
    copyFileSync(join(world.dir.path, 'events.sqlite'), prepared);
  });
  afterAll(() => world.dir.remove());

  it('opens and prints the run in appends of at most 512 KiB each, the opening sealed last', async () => {
    const file = join(world.dir.path, 'whole.sqlite');
    copyFileSync(prepared, file);
    const inner = new SqliteEventStore({ file });
    const { store, appends } = recordingAppends(inner);
    await act(store, 'open-large-print-run');
    await act(store, 'print-large-run');
    const total = appends.reduce((n, a) => n + a.bytes, 0);
    // Megabytes of opening and binding: one append could never hold them under KurrentDB's 1 MiB default.
    expect(total).toBeGreaterThan(8 * 1024 * 1024);
    expect(Math.max(...appends.map((a) => a.bytes))).toBeLessThanOrEqual(MAX_APPEND_BYTES);
    for (const prefix of ['graduation-decision-', 'register-', 'print-run-', 'blank-lot-']) {
      expect({ prefix, parts: appends.filter((a) => a.stream.startsWith(prefix)).length > 1 }).toEqual({ prefix, parts: true });
    }
    const opening = (await inner.readStream(printRunStream(LARGE_RUN.printRunId))).events.map((e) => e.type);
    expect(opening[0]).toBe('PrintRunOpened');
    expect(opening.at(-2)).toBe('PrintRunOpeningSealed');
    expect(opening.at(-1)).toBe('PrintRunPrinted');
    await expectWholeRunOnce(inner, true);
    await inner.close();
  });

  async function crashAfter(actName: string, prefix: string, part: number, file: string, commandId: string): Promise<SqliteEventStore> {
    const child = spawnTypeScript('test/support/crash-child.ts', [file, actName, String(part), prefix], { CRASH_COMMAND_ID: commandId });
    const { signal } = await exited(child);
    expect(signal).toBe('SIGKILL');
    return new SqliteEventStore({ file });
  }

  it('killed between the parts of the opening, the run is not open; a resend (with or without the key) completes it once', async () => {
    // After the first part of the claims, of the register numbers, of the run's entries.
    for (const [prefix, part, sameKey] of [
      ['graduation-decision-', 1, false],
      ['register-', 2, true],
      ['print-run-', 1, false],
      ['print-run-', 2, true],
    ] as const) {
      const file = join(world.dir.path, `open-${prefix}${part}.sqlite`);
      copyFileSync(prepared, file);
      const commandId = randomUUID();
      const store = await crashAfter('open-large-print-run', prefix, part, file, commandId);
      const run = await loadState(store, printRunDecider, printRunStream(LARGE_RUN.printRunId));
      expect({ prefix, part, status: run.status }).toEqual({ prefix, part, status: prefix === 'print-run-' ? 'opening' : 'none' });
      // Nothing acts on an unsealed run: printing it is refused.
      if (run.status === 'opening') await expect(act(store, 'print-large-run')).rejects.toMatchObject({ code: 'PRINT_RUN_WRONG_STATE' });
      await act(store, 'open-large-print-run', sameKey ? commandId : undefined);
      await act(store, 'open-large-print-run');
      await expectWholeRunOnce(store, false);
      await store.close();
    }
  });

  it('killed between the parts of the binding, the run is not printed; a resend binds the rest once', async () => {
    const file = join(world.dir.path, 'print-crash.sqlite');
    copyFileSync(prepared, file);
    const opener = new SqliteEventStore({ file });
    await act(opener, 'open-large-print-run');
    await opener.close();
    const store = await crashAfter('print-large-run', 'blank-lot-', 1, file, randomUUID());
    const run = await loadState(store, printRunDecider, printRunStream(LARGE_RUN.printRunId));
    expect(run.status).toBe('open');
    await act(store, 'print-large-run');
    await act(store, 'print-large-run').catch((error: { code?: string }) => expect(error.code).toBe('PRINT_RUN_WRONG_STATE'));
    await expectWholeRunOnce(store, true);
    await store.close();
  });
});
