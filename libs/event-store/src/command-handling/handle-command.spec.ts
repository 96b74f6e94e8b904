import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  AUTHORITY_DIRECTORY_STREAM,
  authorityDirectoryDecider,
  DomainError,
  type AuthorityDirectoryCommand,
  type CommandContext,
} from '@so-goc/domain';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { makeTempDir } from '../testing/temp-dir';
import { handleCommand, outcomeEvent } from './handle-command';

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  const commandId = overrides.commandId ?? randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: 'officer-7', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2026-11-22T09:00:00.000Z',
    sourceIp: '10.0.0.7',
    ...overrides,
  };
}

const register: AuthorityDirectoryCommand = {
  type: 'RegisterAuthority',
  code: 'SGD-HP',
  name: 'Sở Giáo dục và Đào tạo Hải Phòng',
  kind: 'province_department',
  registeredOn: '2020-01-15',
};

describe('handleCommand (read → fold → decide → append)', () => {
  let dir: { path: string; remove(): void };
  let store: SqliteEventStore;
  const stream = AUTHORITY_DIRECTORY_STREAM;

  beforeEach(() => {
    dir = makeTempDir('commands');
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('records the decided events with command id, correlation, causation, actor and time in metadata', async () => {
    const ctx = context({ correlationId: 'corr-1', causationId: 'cause-1' });
    const outcome = await handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: ctx });
    expect(outcome.revision).toBe(0n);
    const [recorded] = (await store.readStream(stream)).events;
    expect(recorded?.type).toBe('AuthorityRegistered');
    expect(recorded?.metadata).toEqual({
      schemaVersion: 1,
      commandId: ctx.commandId,
      correlationId: 'corr-1',
      causationId: 'cause-1',
      actor: { officerId: 'officer-7', role: 'registrar', authorityCode: 'SGD-HP' },
      occurredAt: '2026-11-22T09:00:00.000Z',
      sourceIp: '10.0.0.7',
    });
  });

  it('answers a retried command (same command id) with the first outcome and records nothing new', async () => {
    const ctx = context();
    const first = await handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: ctx });
    const retried = await handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: ctx });
    expect(retried.alreadyHandled).toBe(true);
    expect(retried.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect((await store.readStream(stream)).events).toHaveLength(1);

    // The same request under a new command id is a new act, and the decider refuses it.
    await expect(handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: context() })).rejects.toMatchObject({
      code: 'AUTHORITY_ALREADY_REGISTERED',
    });
  });

  it('answers the recorded events typed by the decider, first time and on a retry, with no re-read or cast (issue 12)', async () => {
    const ctx = context();
    const first = await handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: ctx });
    const retried = await handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: ctx });
    for (const outcome of [first, retried]) {
      // `data` is the AuthorityRegistered payload's type here: `.name` would not compile on `unknown`.
      const registered = outcomeEvent(outcome, 'AuthorityRegistered');
      expect(registered?.data.name).toBe('Sở Giáo dục và Đào tạo Hải Phòng');
      expect(registered?.id).toBe((await store.readStream(stream)).events[0]?.id);
    }
  });

  it('recognises the same command sent twice at the same moment and records it once', async () => {
    const ctx = context();
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: ctx })),
    );
    expect(outcomes.every((o) => o.revision === 0n)).toBe(true);
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  it('decides again on the new state when another command landed first (no revision pinned)', async () => {
    await handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: context() });
    const renames = Array.from({ length: 20 }, (_, i) =>
      handleCommand(store, authorityDirectoryDecider, {
        stream,
        command: { type: 'RenameAuthority', code: 'SGD-HP', name: `Sở GDĐT Hải Phòng ${i}`, effectiveOn: '2025-07-01' },
        context: context(),
      }),
    );
    await Promise.all(renames);
    const { events } = await store.readStream(stream);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 21 }, (_, i) => BigInt(i)));
    // Each rename was decided on the state it was appended to: previousName chains without a break.
    const renamed = events.slice(1).map((e) => e.data as { previousName: string; name: string });
    for (let i = 1; i < renamed.length; i += 1) expect(renamed[i]!.previousName).toBe(renamed[i - 1]!.name);
  });

  it('refuses with STALE_REVISION when the client pinned a revision that is no longer current, appending nothing', async () => {
    await handleCommand(store, authorityDirectoryDecider, { stream, command: register, context: context() });
    await handleCommand(store, authorityDirectoryDecider, {
      stream,
      command: { type: 'RenameAuthority', code: 'SGD-HP', name: 'Tên mới', effectiveOn: '2025-07-01' },
      context: context(),
    });
    const attempt = handleCommand(store, authorityDirectoryDecider, {
      stream,
      command: { type: 'RenameAuthority', code: 'SGD-HP', name: 'Tên khác', effectiveOn: '2025-07-02' },
      context: context(),
      expectedRevision: 0n,
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ problem: { code: 'STALE_REVISION', kind: 'precondition_failed' } });
    expect((await store.readStream(stream)).events).toHaveLength(2);
  });

  it('appends nothing when the decider refuses, and reports every bad field at once', async () => {
    const attempt = handleCommand(store, authorityDirectoryDecider, {
      stream,
      command: { type: 'RegisterAuthority', code: 'sgd hp', name: '  ', kind: 'castle' as never, registeredOn: '15/01/2020' },
      context: context(),
    });
    await expect(attempt).rejects.toMatchObject({ problem: { code: 'INVALID_INPUT', field: 'code' } });
    const error = (await attempt.catch((e: unknown) => e)) as DomainError;
    expect(error.problem.fieldProblems?.map((p) => p.field)).toEqual(['code', 'name', 'kind', 'registeredOn']);
    expect((await store.readStream(stream)).revision).toBe('no_stream');
  });
});
