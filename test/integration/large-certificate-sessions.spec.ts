import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { certificateRegisterStream, MAX_APPEND_BYTES, type CommandContext } from '@so-goc/domain';
import { SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache, readCertificateRegister } from '@so-goc/platform';
import { ALL_PROJECTIONS, openReadModelDatabase, ProjectionRunner, publicCertificateOf } from '@so-goc/projections';
import { CRASH_ACTS, issueCompletionSession, LARGE_SESSION } from '../support/crash-acts';
import { issuanceWorld } from '../support/issuance-world';
import { recordingAppends } from '../support/recording-store';
import { exited, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(900_000);

const RECORDED_ON = '2026-07-01T03:00:00.000Z';
const officer = (commandId: string = randomUUID()): CommandContext => ({
  commandId,
  correlationId: commandId,
  causationId: commandId,
  actor: { officerId: 'lan.nguyen', role: 'registrar', authorityCode: 'SGD-HP' },
  occurredAt: RECORDED_ON,
});
const BOOK = certificateRegisterStream('SGD-HP', 'GCN-HTCT', 2026);

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
 * Issue 20 item 2 for certificates (issue 18): a session's issuance decision — the results list of a
 * city-wide exam session — is recorded as the graduation decision is: opened, listed in chunks, sealed
 * last, in appends of at most 512 KiB; until the seal nothing (register, print run, hand-over, portal)
 * reads it as issued, and a resend after a crash completes it. Real SQLite files, the real store
 * decorated to write down each append, a child process killed (SIGKILL) between the parts.
 */
describe('Certificate sessions in bounded appends, sealed last (issue 20 item 2)', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  beforeAll(async () => {
    world = await issuanceWorld();
  });
  afterAll(() => world.close());

  it('a 50,000-result session is recorded in appends of at most 512 KiB; the register numbers all 50,000 once, and the portal verifies one', async () => {
    const { store, appends } = recordingAppends(world.store);
    const outcome = await issueCompletionSession(store, officer(), { sessionId: 'htct-2026-tp', results: 50_000 });
    const book = appends.filter((a) => a.stream === BOOK);
    const bytes = book.reduce((n, a) => n + a.bytes, 0);
    // Tens of MiB of list: no single append could hold it under KurrentDB's 1 MiB default.
    expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(book.length).toBeGreaterThanOrEqual(Math.ceil(bytes / MAX_APPEND_BYTES));
    console.log(
      `50,000-result session: ${book.length} appends, ${(bytes / 1024 / 1024).toFixed(1)} MiB, largest ${Math.max(...book.map((x) => x.bytes))} bytes`,
    );
    expect(Math.max(...book.map((a) => a.bytes))).toBeLessThanOrEqual(MAX_APPEND_BYTES);
    expect(outcome.events.at(0)?.type).toBe('CertificateSessionOpened');
    expect(outcome.events.at(-1)?.type).toBe('CertificateSessionIssued');

    const { state } = await readCertificateRegister(world.store, 'SGD-HP', 'GCN-HTCT', 2026);
    expect(state.recording).toBeNull();
    expect(state.sessions.get('htct-2026-tp')).toMatchObject({
      first: 1,
      last: 50_000,
      decision: { signerId: 'gd-sgd-hp', signerName: 'Nguyễn Văn An', signerTitle: 'Giám đốc' },
    });
    const numbers = [...state.certificates.values()].map((c) => c.number).sort((a, b) => a - b);
    expect(numbers).toHaveLength(50_000);
    expect(numbers.every((n, i) => n === i + 1)).toBe(true);

    const db = await world.readModels();
    const last = state.certificates.get('SGD-HP.GCN-HTCT.2026.50000')!;
    expect(publicCertificateOf(db, last.verificationCode)).toMatchObject({ status: 'VALID', registerNumber: '050000/GCN-HTCT-2026' });
  });

  describe('a crash between the parts of a session (SIGKILL), then a resend', () => {
    let prepared: string;
    beforeAll(async () => {
      const fresh = await issuanceWorld();
      prepared = join(world.dir.path, 'prepared-certificates.sqlite');
      await fresh.store.close();
      copyFileSync(join(fresh.dir.path, 'events.sqlite'), prepared);
      fresh.dir.remove();
    });

    async function crashAfterPart(part: number, commandId: string): Promise<{ store: SqliteEventStore; file: string }> {
      const file = join(world.dir.path, `session-${part}-${commandId}.sqlite`);
      copyFileSync(prepared, file);
      const child = spawnTypeScript('test/support/crash-child.ts', [file, 'issue-certificates', String(part), 'certificate-register-'], {
        CRASH_COMMAND_ID: commandId,
        CRASH_OCCURRED_AT: RECORDED_ON,
      });
      const { signal } = await exited(child);
      expect(signal).toBe('SIGKILL');
      return { store: new SqliteEventStore({ file }), file };
    }

    const resend = async (store: EventStore, commandId: string) =>
      CRASH_ACTS['issue-certificates']!(store, await authorityDirectoryCache(store).current(), officer(commandId));

    async function expectIssuedOnce(store: EventStore): Promise<void> {
      const { events } = await store.readStream(BOOK);
      expect(events.filter((e) => e.type === 'CertificateSessionOpened')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'CertificateSessionIssued')).toHaveLength(1);
      expect(events.at(-1)?.type).toBe('CertificateSessionIssued');
      const listed = events.flatMap((e) =>
        e.type === 'CertificatesEntered' ? (e.data as { certificates: { certificateId: string }[] }).certificates : [],
      );
      expect(listed).toHaveLength(LARGE_SESSION.results);
      expect(new Set(listed.map((c) => c.certificateId)).size).toBe(LARGE_SESSION.results);
      const { state } = await readCertificateRegister(store, 'SGD-HP', 'GCN-HTCT', 2026);
      expect(state.certificates.size).toBe(LARGE_SESSION.results);
    }

    it('killed after the first part, the session is unsealed: not in the register, not printable, not on the portal', async () => {
      const { store, file } = await crashAfterPart(1, randomUUID());
      const { events } = await store.readStream(BOOK);
      expect(events.map((e) => e.type)).toContain('CertificatesEntered');
      expect(events.map((e) => e.type)).not.toContain('CertificateSessionIssued');
      const { state } = await readCertificateRegister(store, 'SGD-HP', 'GCN-HTCT', 2026);
      expect(state.sessions.size).toBe(0);
      expect(state.certificates.size).toBe(0);
      expect(state.recording?.session.sessionId).toBe(LARGE_SESSION.sessionId);
      // Another session of the same book waits: its numbers would come after the reserved ones (rule 21).
      await expect(issueCompletionSession(store, officer(), { sessionId: 'htct-2026-khac', results: 2 })).rejects.toMatchObject({
        code: 'BOOK_HAS_UNSEALED_SESSION',
      });
      const models = await readModelsOf(store, `${file}.read.sqlite`);
      const listed = events.flatMap((e) =>
        e.type === 'CertificatesEntered' ? (e.data as { certificates: { verificationCode: string }[] }).certificates : [],
      );
      expect(listed.length).toBeGreaterThan(0);
      expect(publicCertificateOf(models.db, listed[0]!.verificationCode)).toBeUndefined();
      await models.close();
      await store.close();
    });

    it('resent under the same command id (Idempotency-Key), it completes from the part it reached: nothing doubled, and a second resend appends nothing', async () => {
      for (const part of [1, 2]) {
        const commandId = randomUUID();
        const { store } = await crashAfterPart(part, commandId);
        await resend(store, commandId);
        const before = (await store.readStream(BOOK)).revision;
        const again = await resend(store, commandId);
        expect(again.alreadyHandled).toBe(true);
        expect((await store.readStream(BOOK)).revision).toBe(before);
        await expectIssuedOnce(store);
        await store.close();
      }
    });

    it('resent without a key (a new command id), it completes; the portal then verifies its certificates; a further resend is refused as already issued', async () => {
      const { store, file } = await crashAfterPart(1, randomUUID());
      await resend(store, randomUUID());
      await expectIssuedOnce(store);
      await expect(resend(store, randomUUID())).rejects.toMatchObject({ code: 'SESSION_ALREADY_ISSUED' });
      const { state } = await readCertificateRegister(store, 'SGD-HP', 'GCN-HTCT', 2026);
      const models = await readModelsOf(store, `${file}.read.sqlite`);
      for (const id of ['SGD-HP.GCN-HTCT.2026.1', `SGD-HP.GCN-HTCT.2026.${LARGE_SESSION.results}`]) {
        expect(publicCertificateOf(models.db, state.certificates.get(id)!.verificationCode)?.status).toBe('VALID');
      }
      await models.close();
      await store.close();
    });
  });
});
