import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { diplomaStream, printRunDecider, printRunStream, type CommandContext } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { closePrintRun, importGraduationDecision, openPrintRun, recordPrinting } from '@so-goc/platform';
import { loadState } from '@so-goc/platform/issuance/load-state';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { RUN_TO_SIGN } from '../support/crash-acts';
import { context, issuanceWorld } from '../support/issuance-world';
import { exited, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(300_000);

const GRADUATES = 40;

const closingWithoutKey = (): CommandContext => {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2026-03-04T02:00:00.000Z',
  };
};

/**
 * Issue 12: signing a run appends the run's signature, then each diploma's DiplomaIssued. The process is
 * killed (SIGKILL) right after the signature, and again halfway through the diplomas; nobody resends the
 * signature. Closing the run then issues every diploma still missing, once, before the run closes.
 */
describe('A signing killed midway and never resent: closing the run issues the missing diplomas (rules 5, 25)', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let prepared: string;
  let diplomaIds: string[];

  beforeAll(async () => {
    world = await issuanceWorld();
    const csv = Buffer.from(fixture('graduates-thpt-2024.csv')).toString('utf8').split('\n');
    await importGraduationDecision(
      world.store,
      {
        decisionId: 'sgd-hp-1234-2024',
        authorityCode: 'SGD-HP',
        number: '1234/QĐ-SGDĐT',
        date: '2024-07-20',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
        fileName: 'graduates.csv',
        bytes: new Uint8Array(Buffer.from(csv.slice(0, GRADUATES + 1).join('\n'))),
      },
      context(),
    );
    const run = { printRunId: RUN_TO_SIGN, authorityCode: 'SGD-HP' };
    await openPrintRun(
      world.store,
      {
        ...run,
        decisionId: 'sgd-hp-1234-2024',
        lotId: 'HP-THPT-2024',
        templateVersion: 'TT21-2019',
        openedOn: '2024-08-05',
        spareBlanks: 1,
      },
      context('SGD-HP', '2024-08-05T02:00:00.000Z'),
    );
    await recordPrinting(world.store, { ...run, printedOn: '2024-08-06' }, context('SGD-HP', '2024-08-06T02:00:00.000Z'));
    const opened = await loadState(world.store, printRunDecider, printRunStream(RUN_TO_SIGN));
    if (opened.status !== 'printed') throw new Error(`the run is ${opened.status}`);
    diplomaIds = opened.entries.map((entry) => entry.diplomaId);
    expect(diplomaIds).toHaveLength(GRADUATES);
    prepared = join(world.dir.path, 'prepared.sqlite');
    await world.store.close();
    copyFileSync(join(world.dir.path, 'events.sqlite'), prepared);
  });
  afterAll(() => world.dir.remove());

  it.each([1, GRADUATES / 2])(
    'killed after append %i of the signing, the closing issues every diploma once and closes the run',
    async (killAfter) => {
      const file = join(world.dir.path, `sign-${killAfter}.sqlite`);
      copyFileSync(prepared, file);
      const { signal } = await exited(spawnTypeScript('test/support/crash-child.ts', [file, 'sign-print-run', String(killAfter)]));
      expect(signal).toBe('SIGKILL');
      const store = new SqliteEventStore({ file });
      try {
        const issuedBefore = await Promise.all(diplomaIds.map(async (id) => (await store.readStream(diplomaStream(id))).events.length));
        expect(issuedBefore.filter((n) => n === 1)).toHaveLength(killAfter - 1);

        await closePrintRun(store, { printRunId: RUN_TO_SIGN, authorityCode: 'SGD-HP', closedOn: '2024-08-20' }, closingWithoutKey());
        // A second closing (a resend without key) records nothing more: the run is closed, every diploma issued.
        await expect(
          closePrintRun(store, { printRunId: RUN_TO_SIGN, authorityCode: 'SGD-HP', closedOn: '2024-08-20' }, closingWithoutKey()),
        ).rejects.toMatchObject({ code: 'PRINT_RUN_WRONG_STATE' });

        const run = await loadState(store, printRunDecider, printRunStream(RUN_TO_SIGN));
        expect(run.status).toBe('closed');
        for (const id of diplomaIds) {
          const events = (await store.readStream(diplomaStream(id))).events;
          expect({ id, types: events.map((e) => e.type) }).toEqual({ id, types: ['DiplomaIssued'] });
        }
      } finally {
        await store.close();
      }
    },
  );
});
