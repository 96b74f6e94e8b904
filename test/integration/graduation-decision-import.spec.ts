import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graduationDecisionStream, type CommandContext, type ListedGraduate } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { GraduateListRejected, importGraduationDecision } from '@so-goc/platform';

const fixtures = join(__dirname, '../fixtures/graduates');
const context = (commandId: string = randomUUID()): CommandContext => ({
  commandId,
  correlationId: commandId,
  causationId: commandId,
  actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
  occurredAt: '2024-07-21T02:00:00.000Z',
});
const decision = (fileName: string, overrides: Partial<Parameters<typeof importGraduationDecision>[1]> = {}) => ({
  decisionId: 'sgd-hp-1234-2024',
  authorityCode: 'SGD-HP',
  number: '1234/QĐ-SGDĐT',
  date: '2024-07-20',
  kind: 'THPT' as const,
  schoolYear: '2023-2024',
  examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
  fileName,
  bytes: new Uint8Array(readFileSync(join(fixtures, fileName))),
  ...overrides,
});

describe('Importing a graduation decision from the office’s file (rule 4)', () => {
  let dir: { path: string; remove(): void };
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = makeTempDir('decision');
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('records the 2,000 graduates of the LibreOffice XLSX, opened, listed and sealed last (issue 20), and a resent upload records nothing new', async () => {
    const commandId = randomUUID();
    const first = await importGraduationDecision(store, decision('graduates-thpt-2024.xlsx'), context(commandId));
    expect(first.events.map((e) => e.type)).toEqual([
      'GraduationDecisionOpened',
      'GraduatesListed',
      'GraduatesListed',
      'GraduatesListed',
      'GraduatesListed',
      'GraduationDecisionRecorded',
    ]);
    const resent = await importGraduationDecision(store, decision('graduates-thpt-2024.xlsx'), context(commandId));
    expect(resent.alreadyHandled).toBe(true);
    const { events } = await store.readStream(graduationDecisionStream('sgd-hp-1234-2024'));
    expect(events).toHaveLength(6);
    const graduates = events
      .filter((e) => e.type === 'GraduatesListed')
      .flatMap((e) => (e.data as { graduates: ListedGraduate[] }).graduates);
    expect(graduates).toHaveLength(2000);
    expect(graduates.every((g) => /^\d{12}$/.test(g.nationalId))).toBe(true);

    await expect(importGraduationDecision(store, decision('graduates-thpt-2024.csv'), context())).rejects.toMatchObject({
      code: 'DECISION_ALREADY_RECORDED',
    });
  });

  it('refuses the bad list with every bad row and records nothing', async () => {
    const error = (await importGraduationDecision(
      store,
      decision('graduates-thpt-2024-bad.xlsx', { decisionId: 'sgd-hp-bad' }),
      context(),
    ).catch((e: unknown) => e)) as GraduateListRejected;
    expect(error).toBeInstanceOf(GraduateListRejected);
    expect(error.rowProblems.map((p) => p.row)).toEqual([7, 14, 21, 28, 35, 42, 56, 63, 70, 77, 84]);
    expect(await store.headPosition()).toBeUndefined();
  });

  it('reports everyone already recognised by an earlier decision of the same kind, and records nothing', async () => {
    await importGraduationDecision(store, decision('graduates-thpt-2024.xlsx'), context());
    // Rule 1 is held by the graduate registry's streams: no projector needs to have caught up.
    const before = await store.headPosition();
    const error = (await importGraduationDecision(
      store,
      decision('graduates-thpt-2024.csv', { decisionId: 'sgd-hp-1300-2024', number: '1300/QĐ-SGDĐT' }),
      context(),
    ).catch((e: unknown) => e)) as GraduateListRejected;
    expect(error).toBeInstanceOf(GraduateListRejected);
    expect(error.rowProblems).toHaveLength(2000);
    expect(error.rowProblems[0]).toMatchObject({
      code: 'DUPLICATE_OF_EARLIER_DECISION',
      column: 'Số định danh cá nhân',
      messageVi: expect.stringContaining('1234/QĐ-SGDĐT'),
    });
    expect(await store.headPosition()).toEqual(before);
    // A THCS list naming the same people is not a duplicate: they graduate from each level once.
    const thcs = await importGraduationDecision(
      store,
      decision('graduates-thcs-2024-nfd.csv', {
        decisionId: 'pgd-tn-88-2024',
        kind: 'THCS',
        number: '88/QĐ-PGDĐT',
        date: '2024-06-10',
        examSession: null,
      }),
      context(),
    );
    expect(thcs.alreadyHandled).toBe(false);
  });

  it('stores names typed in NFD as NFC', async () => {
    await importGraduationDecision(
      store,
      decision('graduates-thcs-2024-nfd.csv', {
        decisionId: 'pgd-tn-88-2024',
        kind: 'THCS',
        number: '88/QĐ-PGDĐT',
        date: '2024-06-10',
        examSession: null,
      }),
      context(),
    );
    const { events } = await store.readStream(graduationDecisionStream('pgd-tn-88-2024'));
    const names = events
      .filter((e) => e.type === 'GraduatesListed')
      .flatMap((e) => (e.data as { graduates: ListedGraduate[] }).graduates.map((g) => g.fullName));
    expect(names).toHaveLength(500);
    expect(names.every((name) => name === name.normalize('NFC'))).toBe(true);
  });
});
