import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { graduationDecisionStream, metadataFor, type CommandContext } from '@so-goc/domain';
import { deriveEventId, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { bringGraduateRegistryForward, GraduateListRejected } from '@so-goc/platform';
import { importGraduationDecision } from '@so-goc/platform/decisions/import-graduation-decision';

jest.setTimeout(120_000);

const context = (): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2026-03-03T02:00:00.000Z',
  };
};
const decision = (decisionId: string, number: string) => ({
  decisionId,
  authorityCode: 'SGD-HP',
  number,
  date: '2024-07-20',
  kind: 'THPT' as const,
  schoolYear: '2023-2024',
  examSession: null,
  fileName: 'graduates-thpt-2024.csv',
  bytes: fixture('graduates-thpt-2024.csv'),
});

describe('Rule 1 across decisions on a store written before the graduate registry (issue 12, item 5)', () => {
  it('a decision recorded the old way (decision stream only) is brought forward once, then holds its people', async () => {
    const dir = makeTempDir('registry-migration');
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    // What the previous release recorded: the decision's own stream and nothing else.
    const imported = await importGraduationDecision(store, decision('sgd-hp-1234-2024', '1234/QĐ-SGDĐT'), context());
    const { events } = await store.readStream(graduationDecisionStream('sgd-hp-1234-2024'));
    const old = new SqliteEventStore({ file: join(dir.path, 'old.sqlite') });
    const ctx = context();
    await old.appendToStream(
      graduationDecisionStream('sgd-hp-1234-2024'),
      events.map((e, i) => ({ id: deriveEventId(ctx.commandId, 'd', i), type: e.type, data: e.data, metadata: metadataFor(ctx) })),
      'no_stream',
    );
    expect(imported.alreadyHandled).toBe(false);

    expect(await bringGraduateRegistryForward(old)).toEqual({ ran: true, decisions: 1 });
    expect(await bringGraduateRegistryForward(old)).toEqual({ ran: false, decisions: 0 });
    const again = await importGraduationDecision(old, decision('sgd-hp-1300-2024', '1300/QĐ-SGDĐT'), context()).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(GraduateListRejected);
    expect((again as GraduateListRejected).rowProblems).toHaveLength(2000);
    await store.close();
    await old.close();
    dir.remove();
  });
});
