import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { blankLotDecider, blankLotStream, type BlankKind, type CommandContext } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import {
  authorityDirectoryCache,
  importGraduationDecision,
  openPrintRun,
  receiveBlankLot,
  recordPrinting,
  signPrintRun,
} from '@so-goc/platform';
import { openReadModelDatabase, ProjectionRunner, ALL_PROJECTIONS } from '@so-goc/projections';
import type { Database } from 'better-sqlite3';
import { loadDemoProvinceInto } from '../../apps/cli/src/commands/demo-province';

const DEFAULT_OCCURRED_AT = '2024-08-01T02:00:00.000Z';

export const context = (authorityCode = 'SGD-HP', occurredAt = DEFAULT_OCCURRED_AT, commandId: string = randomUUID()): CommandContext => ({
  commandId,
  correlationId: commandId,
  causationId: commandId,
  actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode },
  occurredAt,
});

/**
 * For specs that record acts of many dates (2024 hand-overs, 2026 corrections and copies) and whose
 * outcome does not depend on when each was recorded: everything is recorded on 30/11/2026, after every
 * date the fixtures give an act (issue 16 refuses an act dated after the day it is recorded).
 */
export const RECORDED_AFTER_THE_FACTS = '2026-11-30T02:00:00.000Z';
export const contextAfterTheFacts = (authorityCode = 'SGD-HP', occurredAt = RECORDED_AFTER_THE_FACTS, commandId?: string): CommandContext =>
  context(authorityCode, occurredAt, commandId);
export const signerContextAfterTheFacts = (authorityCode = 'SGD-HP', occurredAt = RECORDED_AFTER_THE_FACTS): CommandContext =>
  signerContext(authorityCode, occurredAt);

/** The Giám đốc's own account (ky-hp in the demo province): only an officer in the signer role records a signature (issue 17). */
export const signerContext = (authorityCode = 'SGD-HP', occurredAt?: string): CommandContext => {
  const base = context(authorityCode, occurredAt);
  return { ...base, actor: { ...base.actor, officerId: 'ky-hp', role: 'signer' } };
};

/**
 * The demo province on a real SQLite file: its directory and officers, plus the blank lots of
 * scenarios 1 and 2 (the Sở's THPT lot, and THCS blanks handed to Phòng GDĐT Thuỷ Nguyên).
 */
export async function issuanceWorld() {
  const dir = makeTempDir('issuance');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  await loadDemoProvinceInto(store);
  const receive = (lotId: string, kind: BlankKind, from: number, to: number) =>
    receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId,
        authorityCode: 'SGD-HP',
        kind,
        templateVersion: 'TT21-2019',
        prefix: 'HP',
        width: 7,
        from,
        to,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: `PGH-${lotId}`, date: '2024-05-20' },
        receivedBy: 'Nguyễn Thị Lan',
        receivedOn: '2024-05-20',
      },
      context('SGD-HP', '2024-05-20T02:00:00.000Z'),
    );
  await receive('HP-THPT-2024', 'THPT', 200001, 212000);
  await receive('HP-THCS-2024', 'THCS', 300001, 302500);
  await handleCommand(store, blankLotDecider, {
    stream: blankLotStream('HP-THCS-2024'),
    context: context(),
    command: {
      type: 'AllocateBlanks',
      authorityCode: 'SGD-HP',
      toAuthority: 'PGD-TN',
      ranges: [{ from: 300001, to: 302500 }],
      handover: { number: 'BB-GN-01', date: '2024-05-25' },
      allocatedOn: '2024-05-25',
    },
  });
  let db: Database | undefined;
  let runner: ProjectionRunner | undefined;
  const importDecision = (
    decisionId: string,
    fileName: string,
    overrides: { authorityCode?: string; kind?: 'THCS' | 'THPT'; number?: string; date?: string } = {},
  ) =>
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
    );
  /** Import, open, print and sign in one go, for tests about what comes after. */
  const issueRun = async (run: {
    printRunId: string;
    authorityCode: string;
    decisionId: string;
    lotId: string;
    openedOn: string;
    printedOn: string;
    signerId: string;
    issueDate: string;
    issuePlace: string;
  }) => {
    // Each step is recorded on its own day at the earliest: an act dated after the day it is recorded is refused (issue 16).
    const on = (date: string) => (`${date}T02:00:00.000Z` > DEFAULT_OCCURRED_AT ? `${date}T02:00:00.000Z` : DEFAULT_OCCURRED_AT);
    const ctx = context(run.authorityCode, on(run.openedOn));
    await openPrintRun(
      store,
      {
        printRunId: run.printRunId,
        authorityCode: run.authorityCode,
        decisionId: run.decisionId,
        lotId: run.lotId,
        templateVersion: 'TT21-2019',
        openedOn: run.openedOn,
      },
      ctx,
    );
    await recordPrinting(
      store,
      { printRunId: run.printRunId, authorityCode: run.authorityCode, printedOn: run.printedOn },
      context(run.authorityCode, on(run.printedOn)),
    );
    const directory = await authorityDirectoryCache(store).current();
    await signPrintRun(
      store,
      directory,
      {
        printRunId: run.printRunId,
        authorityCode: run.authorityCode,
        signerId: run.signerId,
        issueDate: run.issueDate,
        issuePlace: run.issuePlace,
      },
      signerContext(run.authorityCode, on(run.issueDate)),
    );
  };
  return {
    dir,
    store,
    importDecision,
    /** Scenario 1: the Sở's 2,000 THPT graduates of 2024, print run `thpt-2024`, signed 14/08/2024. */
    async issueThpt2024(): Promise<void> {
      await importDecision('sgd-hp-1234-2024', 'graduates-thpt-2024.xlsx');
      await issueRun({
        printRunId: 'thpt-2024',
        authorityCode: 'SGD-HP',
        decisionId: 'sgd-hp-1234-2024',
        lotId: 'HP-THPT-2024',
        openedOn: '2024-08-05',
        printedOn: '2024-08-06',
        signerId: 'gd-sgd-hp',
        issueDate: '2024-08-14',
        issuePlace: 'Hải Phòng',
      });
    },
    /** Scenario 2: the Phòng's 500 THCS graduates of 2024 (NFD names), print run `thcs-tn-2024`, signed 20/06/2024. */
    async issueThcsAtPhong2024(): Promise<void> {
      await importDecision('pgd-tn-88-2024', 'graduates-thcs-2024-nfd.csv', {
        authorityCode: 'PGD-TN',
        kind: 'THCS',
        number: '88/QĐ-PGDĐT',
        date: '2024-06-10',
      });
      await issueRun({
        printRunId: 'thcs-tn-2024',
        authorityCode: 'PGD-TN',
        decisionId: 'pgd-tn-88-2024',
        lotId: 'HP-THCS-2024',
        openedOn: '2024-06-15',
        printedOn: '2024-06-16',
        signerId: 'tp-pgd-tn',
        issueDate: '2024-06-20',
        issuePlace: 'Thuỷ Nguyên',
      });
    },
    /** The read models, caught up with everything recorded so far. */
    async readModels(): Promise<Database> {
      if (!db) {
        db = openReadModelDatabase(join(dir.path, 'read-models.sqlite'));
        runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, {
          logger: { log: () => undefined, error: (m: string) => console.error(m) },
        });
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
