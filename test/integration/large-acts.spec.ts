import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  graduationDecisionDecider,
  graduationDecisionStream,
  MAX_APPEND_BYTES,
  printRunDecider,
  printRunStream,
  type CommandContext,
} from '@so-goc/domain';
import { SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache, importGraduationDecision, openPrintRun, receiveBlankLot, recordPrinting } from '@so-goc/platform';
import { loadState } from '@so-goc/platform/issuance/load-state';
import { ALL_PROJECTIONS, decisionDiplomas, openReadModelDatabase, ProjectionRunner, registerBook } from '@so-goc/projections';
import { CRASH_ACTS, LARGE_DECISION } from '../support/crash-acts';
import { cohortCsv } from '../support/cohort-csv';
import { context, issuanceWorld } from '../support/issuance-world';
import { recordingAppends } from '../support/recording-store';
import { exited, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(900_000);

const COHORT = 20_000;
const officer = (commandId: string = randomUUID()): CommandContext => ({
  commandId,
  correlationId: commandId,
  causationId: commandId,
  actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
  occurredAt: '2026-03-03T03:00:00.000Z',
});

async function readModelsOf(store: EventStore, file: string) {
  const db = openReadModelDatabase(file);
  const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, {
    logger: { log: () => undefined, error: (m: string) => console.error(m) },
  });
  runner.start();
  await runner.waitUntilCaughtUp((await store.headPosition())!, 300_000);
  return {
    db,
    close: async () => {
      await runner.stop();
      db.close();
    },
  };
}

/**
 * Issue 20, item 2: a large act — a graduation decision — is recorded in appends of bounded size
 * followed by its seal (`GraduationDecisionRecorded`), on the same protocol whatever the store; until
 * the seal is there, nothing reads the decision as done (rule 4).
 */
describe('Large acts in bounded appends, sealed last (issue 20)', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  beforeAll(async () => {
    world = await issuanceWorld();
  });
  afterAll(() => world.close());

  it(`records a ${COHORT.toLocaleString('en')}-graduate decision in appends of at most 512 KiB, and prints it into the sổ gốc as before`, async () => {
    await receiveBlankLot(
      world.store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'HP-THPT-2024-L',
        authorityCode: 'SGD-HP',
        kind: 'THPT',
        templateVersion: 'TT21-2019',
        prefix: 'HL',
        width: 7,
        from: 400001,
        to: 400000 + COHORT + 100,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: 'PGH-L', date: '2024-05-20' },
        receivedBy: 'Lan',
        receivedOn: '2024-05-20',
      },
      context('SGD-HP', '2024-05-20T02:00:00.000Z'),
    );
    const { store, appends } = recordingAppends(world.store);
    const outcome = await importGraduationDecision(
      store,
      {
        decisionId: 'sgd-hp-9000-2024',
        authorityCode: 'SGD-HP',
        number: '9000/QĐ-SGDĐT',
        date: '2024-07-20',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
        fileName: 'ca-thanh-pho.csv',
        bytes: cohortCsv(COHORT),
      },
      context(),
    );
    const decisionAppends = appends.filter((a) => a.stream === graduationDecisionStream('sgd-hp-9000-2024'));
    const decisionBytes = decisionAppends.reduce((n, a) => n + a.bytes, 0);
    // ~6 MiB of list: one append could never hold it under KurrentDB's 1 MiB default.
    expect(decisionBytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(decisionAppends.length).toBeGreaterThanOrEqual(Math.ceil(decisionBytes / MAX_APPEND_BYTES));
    expect(Math.max(...appends.map((a) => a.bytes))).toBeLessThanOrEqual(MAX_APPEND_BYTES);
    expect(outcome.events.at(0)?.type).toBe('GraduationDecisionOpened');
    expect(outcome.events.at(-1)?.type).toBe('GraduationDecisionRecorded');

    // Exactly as before: every graduate printable once, numbered consecutively in the sổ gốc.
    const decision = await loadState(world.store, graduationDecisionDecider, graduationDecisionStream('sgd-hp-9000-2024'));
    expect(decision.status === 'recorded' && decision.graduates.size).toBe(COHORT);
    const opening = { printRunId: 'thpt-2024-tp', authorityCode: 'SGD-HP', decisionId: 'sgd-hp-9000-2024', lotId: 'HP-THPT-2024-L' };
    await openPrintRun(
      world.store,
      { ...opening, templateVersion: 'TT21-2019', openedOn: '2024-08-05' },
      context('SGD-HP', '2024-08-05T02:00:00.000Z'),
    );
    await recordPrinting(
      world.store,
      { printRunId: 'thpt-2024-tp', authorityCode: 'SGD-HP', printedOn: '2024-08-06' },
      context('SGD-HP', '2024-08-06T02:00:00.000Z'),
    );
    const run = await loadState(world.store, printRunDecider, printRunStream('thpt-2024-tp'));
    expect(run.status === 'printed' && run.entries.length).toBe(COHORT);
    const db = await world.readModels();
    const entries = registerBook(db, { authorityCode: 'SGD-HP', kind: 'THPT', year: 2024 }).flatMap((s) => s.entries);
    expect(entries).toHaveLength(COHORT);
    expect(entries.every((e, i) => e.registerNumber === entries[0]!.registerNumber + i && e.state === 'printed')).toBe(true);
    expect(new Set(entries.map((e) => e.nationalId)).size).toBe(COHORT);
    expect(decisionDiplomas(db, 'sgd-hp-9000-2024')).toHaveLength(COHORT);
  });

  describe('a crash between the parts of a decision (SIGKILL), then a resend', () => {
    let prepared: string;
    beforeAll(async () => {
      const fresh = await issuanceWorld();
      prepared = join(world.dir.path, 'prepared-large.sqlite');
      await fresh.store.close();
      copyFileSync(join(fresh.dir.path, 'events.sqlite'), prepared);
      fresh.dir.remove();
    });

    async function crashAfterDecisionPart(part: number, commandId: string): Promise<{ store: SqliteEventStore; dir: string }> {
      const file = join(world.dir.path, `decision-${part}-${commandId}.sqlite`);
      copyFileSync(prepared, file);
      const child = spawnTypeScript('test/support/crash-child.ts', [file, 'record-decision', String(part), 'graduation-decision-'], {
        CRASH_COMMAND_ID: commandId,
      });
      const { signal } = await exited(child);
      expect(signal).toBe('SIGKILL');
      return { store: new SqliteEventStore({ file }), dir: file };
    }

    const resend = async (store: EventStore, commandId: string) =>
      CRASH_ACTS['record-decision']!(store, await authorityDirectoryCache(store).current(), officer(commandId));

    async function expectCompleteOnce(store: EventStore): Promise<void> {
      const { events } = await store.readStream(graduationDecisionStream(LARGE_DECISION.decisionId));
      expect(events.filter((e) => e.type === 'GraduationDecisionOpened')).toHaveLength(1);
      expect(events.at(-1)?.type).toBe('GraduationDecisionRecorded');
      expect(events.filter((e) => e.type === 'GraduationDecisionRecorded')).toHaveLength(1);
      const listed = events.flatMap((e) =>
        e.type === 'GraduatesListed' ? (e.data as { graduates: { graduateId: string }[] }).graduates : [],
      );
      expect(listed).toHaveLength(LARGE_DECISION.graduates);
      expect(new Set(listed.map((g) => g.graduateId)).size).toBe(LARGE_DECISION.graduates);
    }

    it('rule 4: killed after the first part, the decision is unsealed — it cannot be printed and no list shows it', async () => {
      const { store, dir } = await crashAfterDecisionPart(1, randomUUID());
      const decision = await loadState(store, graduationDecisionDecider, graduationDecisionStream(LARGE_DECISION.decisionId));
      expect(decision.status).toBe('recording');
      await expect(
        openPrintRun(
          store,
          {
            printRunId: 'thpt-2024-bs',
            authorityCode: 'SGD-HP',
            decisionId: LARGE_DECISION.decisionId,
            lotId: 'HP-THPT-2024',
            templateVersion: 'TT21-2019',
            openedOn: '2024-08-05',
          },
          officer(),
        ),
      ).rejects.toMatchObject({ code: 'DECISION_NOT_SEALED' });
      const models = await readModelsOf(store, `${dir}.read.sqlite`);
      expect(
        models.db.prepare('SELECT COUNT(*) AS n FROM graduation_decisions WHERE decision_id = ?').get(LARGE_DECISION.decisionId),
      ).toEqual({ n: 0 });
      expect(decisionDiplomas(models.db, LARGE_DECISION.decisionId)).toEqual([]);
      await models.close();
      await store.close();
    });

    it('resent under the same command id (Idempotency-Key), the act completes from the part it reached: deterministic ids, nothing doubled', async () => {
      for (const part of [1, 2]) {
        const commandId = randomUUID();
        const { store } = await crashAfterDecisionPart(part, commandId);
        await resend(store, commandId);
        await resend(store, commandId);
        await expectCompleteOnce(store);
        await store.close();
      }
    });

    it('resent without a key (a new command id), the act completes, and the decision is printable', async () => {
      const { store, dir } = await crashAfterDecisionPart(1, randomUUID());
      await resend(store, randomUUID());
      await resend(store, randomUUID());
      await expectCompleteOnce(store);
      await openPrintRun(
        store,
        {
          printRunId: 'thpt-2024-bs',
          authorityCode: 'SGD-HP',
          decisionId: LARGE_DECISION.decisionId,
          lotId: 'HP-THPT-2024',
          templateVersion: 'TT21-2019',
          openedOn: '2024-08-05',
        },
        officer(),
      );
      const models = await readModelsOf(store, `${dir}.read.sqlite`);
      expect(decisionDiplomas(models.db, LARGE_DECISION.decisionId).filter((d) => d.state === 'entered')).toHaveLength(
        LARGE_DECISION.graduates,
      );
      await models.close();
      await store.close();
    });
  });
});
