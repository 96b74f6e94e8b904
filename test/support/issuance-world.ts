import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { blankLotDecider, blankLotStream, type BlankKind, type CommandContext } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { importGraduationDecision, receiveBlankLot } from '@so-goc/platform';
import { openReadModelDatabase, ProjectionRunner, ALL_PROJECTIONS } from '@so-goc/projections';
import type { Database } from 'better-sqlite3';
import { loadDemoProvince } from '../../apps/cli/src/commands/demo-province';

export const context = (authorityCode = 'SGD-HP', occurredAt = '2024-08-01T02:00:00.000Z', commandId: string = randomUUID()): CommandContext => ({
  commandId,
  correlationId: commandId,
  causationId: commandId,
  actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode },
  occurredAt,
});

/**
 * The demo province on a real SQLite file: its directory and officers, plus the blank lots of
 * scenarios 1 and 2 (the Sở's THPT lot, and THCS blanks handed to Phòng GDĐT Thuỷ Nguyên).
 */
export async function issuanceWorld() {
  const dir = makeTempDir('issuance');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  await loadDemoProvince(store);
  const receive = (lotId: string, kind: BlankKind, from: number, to: number) =>
    receiveBlankLot(
      store,
      { type: 'ReceiveBlankLot', lotId, authorityCode: 'SGD-HP', kind, templateVersion: 'TT21-2019', prefix: 'HP', width: 7, from, to, supplier: 'Nhà in Bộ GDĐT', deliveryNote: { number: `PGH-${lotId}`, date: '2024-05-20' }, receivedBy: 'Nguyễn Thị Lan', receivedOn: '2024-05-20' },
      context(),
    );
  await receive('HP-THPT-2024', 'THPT', 200001, 212000);
  await receive('HP-THCS-2024', 'THCS', 300001, 302500);
  await handleCommand(store, blankLotDecider, {
    stream: blankLotStream('HP-THCS-2024'),
    context: context(),
    command: { type: 'AllocateBlanks', authorityCode: 'SGD-HP', toAuthority: 'PGD-TN', ranges: [{ from: 300001, to: 302500 }], handover: { number: 'BB-GN-01', date: '2024-05-25' }, allocatedOn: '2024-05-25' },
  });
  let db: Database | undefined;
  let runner: ProjectionRunner | undefined;
  return {
    dir,
    store,
    importDecision: (decisionId: string, fileName: string, overrides: { authorityCode?: string; kind?: 'THCS' | 'THPT'; number?: string; date?: string } = {}) =>
      importGraduationDecision(
        store,
        {
          decisionId,
          authorityCode: overrides.authorityCode ?? 'SGD-HP',
          number: overrides.number ?? '1234/QĐ-SGDĐT',
          date: overrides.date ?? '2024-07-20',
          kind: overrides.kind ?? 'THPT',
          schoolYear: '2023-2024',
          examSession: (overrides.kind ?? 'THPT') === 'THPT' ? 'Kỳ thi tốt nghiệp THPT năm 2024' : null,
          fileName,
          bytes: fixture(fileName),
        },
        context(overrides.authorityCode ?? 'SGD-HP'),
      ),
    /** The read models, caught up with everything recorded so far. */
    async readModels(): Promise<Database> {
      if (!db) {
        db = openReadModelDatabase(join(dir.path, 'read-models.sqlite'));
        runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, { logger: { log: () => undefined, error: (m: string) => console.error(m) } });
        runner.start();
      }
      await runner!.waitUntilCaughtUp((await store.headPosition())!, 60_000);
      return db;
    },
    async rebuild(name: string): Promise<void> {
      await runner!.rebuild(name);
      await runner!.waitUntilCaughtUp((await store.headPosition())!, 60_000);
    },
    async close(): Promise<void> {
      await runner?.stop();
      db?.close();
      await store.close();
      dir.remove();
    },
  };
}
