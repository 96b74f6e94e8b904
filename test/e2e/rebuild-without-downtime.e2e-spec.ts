import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { FileKeyring, loadConfig, signLogCheckpoint, type SoGocConfig } from '@so-goc/platform';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { verifyLogNow } from '../../apps/cli/src/commands/event-log';
import { serve, type RunningSystem } from '../../apps/cli/src/commands/serve';
import { issueFixtureDiplomas, type IssuedDiploma } from '../support/public-diplomas';

jest.setTimeout(180_000);

/**
 * Issue 16, items 2 and 4 over HTTP: the portal answers from the old tables while a projection is
 * rebuilt beside them, says "not ready" until its read models have caught up, and publishes the
 * signed checkpoints of the event log.
 */
describe('Portal during rebuilds, readiness and published checkpoints', () => {
  const env = { ...process.env };
  let dir: ReturnType<typeof makeTempDir>;
  let config: SoGocConfig;
  let office: SqliteEventStore;
  let diplomas: IssuedDiploma[];

  beforeAll(async () => {
    process.env.SOGOC_PORTAL_RATE_PER_MINUTE = '600000';
    process.env.SOGOC_PORTAL_RATE_BURST = '100000';
    dir = makeTempDir('e2e-rebuild');
    config = loadConfig({ SOGOC_DATA_DIR: dir.path, SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0' });
    office = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    // Older, unrelated history first: a replay then spends a while before it reaches the diplomas, which
    // is when a rebuild that empties the table first would answer NOT_FOUND.
    for (let i = 0; i < 200; i += 1) {
      await office.appendToStream(
        `filler-${i}`,
        Array.from({ length: 100 }, () => ({ id: randomUUID(), type: 'FillerNoted', data: { i }, metadata: {} })),
        'no_stream',
      );
    }
    diplomas = await issueFixtureDiplomas(office, { count: 40 });
  });

  afterAll(async () => {
    process.env = env;
    await office.close();
    dir.remove();
  });

  it('is not ready without a projector, then ready once the read models reach the head', async () => {
    const portalOnly = await serve(config, ['verify-portal'], { quiet: true });
    try {
      expect(await ready(portalOnly)).toEqual({ status: 503, body: { status: 'not_ready' } });
    } finally {
      await portalOnly.close();
    }
    const system = await serve(config, ['verify-portal', 'projector'], { quiet: true });
    try {
      await system.projector!.runner.waitUntilCaughtUp((await office.headPosition())!, 60_000);
      await waitUntil(async () => (await ready(system)).status === 200);
      expect(await ready(system)).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await system.close();
    }
  });

  it('never answers NOT_FOUND for a genuine diploma while its projection rebuilds', async () => {
    const system = await serve(config, ['verify-portal', 'projector'], { quiet: true });
    try {
      await system.projector!.runner.waitUntilCaughtUp((await office.headPosition())!, 60_000);
      const holder = diplomas[3]!;
      const url = `${system.portalUrl}/api/v1/lookup?serial=${encodeURIComponent(holder.serial)}&registerNumber=${encodeURIComponent(holder.registerNumber)}`;
      expect(await lookupStatus(url)).toBe('VALID');

      let rebuilding = true;
      const seen: string[] = [];
      // Four visitors at once: since issue 20 item 4 a rebuild reads only its projection's event types and
      // is over in a few hundred milliseconds, so one visitor would meet it only once or twice.
      const looking = Promise.all(
        [1, 2, 3, 4].map(async () => {
          while (rebuilding) seen.push(await lookupStatus(url));
        }),
      );
      const started = Date.now();
      const runner = system.projector!.runner;
      await runner.rebuild('public-lookup');
      await runner.rebuild('public-revocations');
      await runner.waitUntilCaughtUp((await office.headPosition())!, 60_000);
      const took = Date.now() - started;
      rebuilding = false;
      await looking;

      expect(seen.filter((status) => status !== 'VALID')).toEqual([]);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      expect(await lookupStatus(url)).toBe('VALID');
      console.log(`rebuild of public-lookup + public-revocations: ${took} ms, ${seen.length} lookups during it, all VALID`);
    } finally {
      await system.close();
    }
  });

  it('publishes the signed checkpoints as a page and JSON that verify-log accepts', async () => {
    const system = await serve(config, ['verify-portal', 'projector'], { quiet: true });
    try {
      const outcome = await signLogCheckpoint(office, FileKeyring.forConfig(config), cliContext('checkpoint'));
      expect(outcome.recorded).toBe(true);
      await system.projector!.runner.waitUntilCaughtUp((await office.headPosition())!, 60_000);

      const json = (await (await fetch(`${system.portalUrl}/api/v1/checkpoints`)).json()) as {
        checkpoints: { position: string; hash: string }[];
      };
      expect(json.checkpoints).toEqual([
        expect.objectContaining({ position: outcome.checkpoint!.position, hash: outcome.checkpoint!.hash }),
      ]);
      const page = await (await fetch(`${system.portalUrl}/checkpoints?lang=en`)).text();
      expect(page).toContain('Event log checkpoints');
      expect(page).toContain(outcome.checkpoint!.hash);
      expect(page).toContain(`Vouches for the event log up to position ${outcome.checkpoint!.position}`);

      const verified = await verifyLogNow(config, { published: `${system.portalUrl}/api/v1/checkpoints` });
      expect(verified.ok).toBe(true);
      // The store's own checkpoint event and the portal's copy of it are one anchor, at one position.
      expect(verified.chain?.anchorsMatched).toBe(1);
    } finally {
      await system.close();
    }
  });
});

async function ready(system: RunningSystem): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${system.portalUrl}/ready`);
  return { status: response.status, body: await response.json() };
}

async function lookupStatus(url: string): Promise<string> {
  const response = await fetch(url);
  if (response.status !== 200) return `HTTP ${response.status}`;
  return ((await response.json()) as { status: string }).status;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
