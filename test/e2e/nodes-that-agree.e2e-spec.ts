import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { decodeQrCodes } from '@so-goc/documents/testing/pdf-checks';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { ALL_PROJECTIONS, openReadModelDatabase, readinessOf } from '@so-goc/projections';
import { ChangeAuthorityDirectory, loadConfig, openCommandBus } from '@so-goc/platform';
import { cliContext, createFirstAdministrator } from '../../apps/cli/src/commands/create-admin';
import type { TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';
import { exited, outputLines, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(400_000);

const BURST = 12;

/**
 * Issue 20 item 4, done when: separate processes on one SQLite store, as `serve --only …` runs them at a
 * deployment with several nodes — one projector, two officers' APIs and two portals sharing one data
 * directory, and later a portal node that starts fresh with read models of its own.
 */
describe('Nodes that agree: one projector, two officers’ APIs and two portals in separate processes (issue 20 item 4)', () => {
  const dir = makeTempDir('nodes-agree');
  const fresh = makeTempDir('nodes-fresh');
  const eventsFile = join(dir.path, 'events.sqlite');
  const children: ChildProcess[] = [];
  let api1: string;
  let api2: string;
  let portal1: string;
  let portal2: string;
  let adminToken: string;
  let closeSetup: () => Promise<void>;
  let given: TestSystem['given'];
  let issued: IssuedEntry[];
  let token: string;

  const shared = (): Record<string, string> => ({
    SOGOC_DATA_DIR: dir.path,
    SOGOC_SQLITE_SYNCHRONOUS: 'NORMAL',
    SOGOC_AUDIT_INTERVAL_SECONDS: '0',
    SOGOC_PORTAL_WORKERS: '1',
    SOGOC_PORTAL_RATE_PER_MINUTE: '1',
    SOGOC_PORTAL_RATE_BURST: String(BURST),
  });

  async function start(args: readonly string[], env: Record<string, string>, started: RegExp): Promise<string> {
    const child = spawnTypeScript('apps/cli/src/main.ts', ['serve', '--only', ...args], env);
    children.push(child);
    const next = outputLines(child);
    for (;;) {
      const line = await next();
      const match = started.exec(line);
      if (match) return match[1] ?? line;
    }
  }

  beforeAll(async () => {
    // The first administrator, made as the CLI makes it, before any node runs.
    const setupStore = new SqliteEventStore({ file: eventsFile, synchronous: 'NORMAL' });
    const setupReadModels = openReadModelDatabase(':memory:');
    const config = loadConfig({ SOGOC_DATA_DIR: dir.path });
    const setupBus = await openCommandBus({ config, store: setupStore, readModels: setupReadModels, close: async () => undefined });
    ({ token: adminToken } = await createFirstAdministrator(setupBus.bus, setupStore, {
      authorityCode: 'SGD-HP',
      authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
      registeredOn: '2000-01-01',
      officerId: 'admin-hp',
      username: 'admin.hp',
      fullName: 'Quản trị Hải Phòng',
      lifetimeDays: 30,
    }));
    given = async (command) => void (await setupBus.bus.execute(new ChangeAuthorityDirectory(command, cliContext('test-given'))));
    closeSetup = async () => {
      await setupBus.close();
      setupReadModels.close();
      await setupStore.close();
    };

    const [apiPort1, apiPort2, portalPort1, portalPort2] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    await start(['projector'], shared(), /^Sổ Gốc is running \(projector\)/);
    const publicUrl = `http://127.0.0.1:${portalPort1}`;
    const apiEnv = (port: number) => ({ ...shared(), SOGOC_API_PORT: String(port), SOGOC_PORTAL_PUBLIC_URL: publicUrl });
    const portalEnv = (port: number) => ({ ...shared(), SOGOC_PORTAL_PORT: String(port) });
    [api1, api2, portal1, portal2] = await Promise.all([
      start(['registry-api'], apiEnv(apiPort1), /^\s+officers' API:\s+(\S+)/),
      start(['registry-api'], apiEnv(apiPort2), /^\s+officers' API:\s+(\S+)/),
      start(['verify-portal'], portalEnv(portalPort1), /^verify portal on (\S+)/),
      start(['verify-portal'], portalEnv(portalPort2), /^verify portal on (\S+)/),
    ]);
    api1 = api1.replace('[::1]', 'localhost');
    api2 = api2.replace('[::1]', 'localhost');
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    await closeSetup?.();
    dir.remove();
    fresh.remove();
  });

  const officer = (api: string) =>
    ({
      api,
      adminToken,
      given: (command) => given(command),
      request: (method, path, options = {}) =>
        fetch(`${api}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            'idempotency-key': randomUUID(),
            authorization: `Bearer ${adminToken}`,
            ...options.headers,
          },
          ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        }),
    }) as Pick<TestSystem, 'api' | 'adminToken' | 'given' | 'request'> as TestSystem;

  /** The answer's status when 200 (VALID, NOT_FOUND…), the problem's code otherwise. */
  const verifyAt = async (portal: string, qrToken: string): Promise<{ http: number; status?: string; code?: string }> => {
    const response = await fetch(`${portal}/api/v1/verify/${qrToken}`);
    const body = (await response.json()) as { status?: unknown; code?: string };
    return { http: response.status, ...(response.status === 200 ? { status: String(body.status) } : { code: body.code }) };
  };

  it('verifies on either portal a QR token signed through the first officers’ API', async () => {
    issued = await issueThptCohortOverHttp(officer(api1), { rows: 5 });
    const holder = issued[2]!;
    const pdf = await fetch(`${api1}/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/diplomas/${holder.diplomaId}.pdf?mode=preview`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(pdf.status).toBe(200);
    const [url] = decodeQrCodes(new Uint8Array(await pdf.arrayBuffer()));
    token = url!.slice(url!.lastIndexOf('/') + 1);
    for (const portal of [portal1, portal2]) {
      const answer = await verifyAt(portal, token);
      expect({ portal, ...answer }).toMatchObject({ portal, http: 200, status: 'VALID' });
    }
  });

  it.each([
    ['first', () => api1, 'HP-2025-THPT-A', 300001],
    ['second', () => api2, 'HP-2025-THPT-B', 400001],
  ])('reads its own write at once on the %s officers’ API, whose read models another process projects', async (_, api, lotId, from) => {
    const officerApi = officer(api());
    const received = await officerApi.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', {
      body: {
        kind: 'THPT',
        templateVersion: 'TT21-2019',
        prefix: 'HP',
        width: 7,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: `PGH-${lotId}`, date: '2025-05-20' },
        receivedBy: 'Nguyễn Thị Lan',
        receivedOn: '2025-05-20',
        lotId,
        from,
        to: from + 99,
      },
    });
    expect(received.status).toBe(201);
    // No polling: the very next read on the same node sees the receipt.
    const read = await officerApi.request('GET', `/api/v1/authorities/SGD-HP/blank-serials/${encodeURIComponent(`HP ${from + 50}`)}`);
    expect(read.headers.get('x-read-models')).toBeNull();
    expect(read.status).toBe(200);
    expect(JSON.stringify(await read.json())).toContain(lotId);
  });

  it('gives a client one allowance across both portals, and counts its refusals per minute in the shared lookup log', async () => {
    const statuses: number[] = [];
    const lookup = { serial: issued[0]!.serial, registerNumber: issued[0]!.registerLabel };
    for (let i = 0; i < 2 * BURST; i++) {
      const response = await fetch(`${i % 2 === 0 ? portal1 : portal2}/api/v1/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(lookup),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    const admitted = statuses.filter((status) => status === 200).length;
    const refused = statuses.filter((status) => status === 429).length;
    // Two verifications above already took a token each; one process each would have let 2 × BURST through.
    expect(admitted).toBeLessThanOrEqual(BURST - 2);
    expect(admitted + refused).toBe(statuses.length);
    expect(statuses.filter((status, i) => status === 429 && i % 2 === 0).length).toBeGreaterThan(0);
    expect(statuses.filter((status, i) => status === 429 && i % 2 === 1).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const log = new Database(join(dir.path, 'lookup-log.sqlite'), { readonly: true });
    try {
      const counted = log
        .prepare<[], { clients: number; total: number }>('SELECT COUNT(DISTINCT client_hash) AS clients, SUM(count) AS total FROM refusals')
        .get()!;
      expect(counted).toEqual({ clients: 1, total: refused });
      const rows = log.prepare<[], number>('SELECT COUNT(*) FROM lookups').pluck().get()!;
      expect(rows).toBeGreaterThanOrEqual(admitted + 2);
    } finally {
      log.close();
    }
  });

  it('a portal node that starts fresh answers not ready until its projector has caught up, never NOT_FOUND for a genuine diploma', async () => {
    const portalPort = await freePort();
    const node = {
      SOGOC_DATA_DIR: fresh.path,
      SOGOC_EVENTS_FILE: eventsFile,
      SOGOC_SQLITE_SYNCHRONOUS: 'NORMAL',
      SOGOC_AUDIT_INTERVAL_SECONDS: '0',
      SOGOC_PORTAL_WORKERS: '1',
      SOGOC_PORTAL_RATE_PER_MINUTE: '600000',
      SOGOC_PORTAL_RATE_BURST: '100000',
      SOGOC_PORTAL_PORT: String(portalPort),
      // Small transactions and a pause after each (a knob for tests only): a catch-up of seconds, not
      // a fraction of one, so that lookups provably meet it (asserted below).
      SOGOC_PROJECTION_BATCH_SIZE: '5',
      SOGOC_PROJECTION_TEST_PAUSE_MS: '15',
    };
    const portal3 = await start(['verify-portal'], node, /^verify portal on (\S+)/);
    const holder = issued[0]!;
    const seen = new Set<string>();
    const look = async (): Promise<{ ready: number; qr: string; byNumber: string }> => {
      const [ready, qr, byNumber] = await Promise.all([
        fetch(`${portal3}/ready`).then((r) => r.status),
        verifyAt(portal3, token).then((a) => `${a.http} ${a.status ?? a.code ?? ''}`),
        fetch(`${portal3}/api/v1/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ serial: holder.serial, registerNumber: holder.registerLabel }),
        }).then(async (r) => {
          const body = (await r.json()) as { status?: string; code?: string };
          return `${r.status} ${r.status === 200 ? body.status : body.code}`;
        }),
      ]);
      seen.add(qr);
      seen.add(byNumber);
      return { ready, qr, byNumber };
    };
    // No projector yet on this node: nothing to answer from.
    expect(await look()).toEqual({ ready: 503, qr: '503 READ_MODEL_NOT_READY', byNumber: '503 READ_MODEL_NOT_READY' });

    const projecting = start(['projector'], node, /^Sổ Gốc is running \(projector\)/);
    // Lookups answered while the projector was catching up (its start recorded, the head not reached yet).
    let duringCatchUp = 0;
    const catchingUp = (): boolean => {
      const db = new Database(join(fresh.path, 'read-models.sqlite'), { readonly: true });
      try {
        const state = readinessOf(db, ALL_PROJECTIONS);
        return state.headAtStart !== null && !state.ready;
      } catch {
        return false;
      } finally {
        db.close();
      }
    };
    let last = await look();
    const until = Date.now() + 120_000;
    while (last.ready !== 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const before = catchingUp();
      last = await look();
      if (before && catchingUp()) duringCatchUp += 1;
    }
    console.log(`fresh portal node: ${duringCatchUp} rounds of lookups answered while its projector was catching up`);
    // The lookups did meet the catch-up (rule: never NOT_FOUND for a genuine diploma while catching up).
    expect(duringCatchUp).toBeGreaterThanOrEqual(3);
    await projecting;
    if (last.ready !== 200) {
      const db = new Database(join(fresh.path, 'read-models.sqlite'), { readonly: true });
      const why = readinessOf(db, ALL_PROJECTIONS);
      db.close();
      throw new Error(`never ready: ${JSON.stringify(why)}`);
    }
    last = await look();
    expect(last).toEqual({ ready: 200, qr: '200 VALID', byNumber: '200 VALID' });
    // Everything it ever said: "not ready" or the truth.
    expect([...seen].filter((answer) => !/^(503 READ_MODEL_NOT_READY|200 VALID)$/.test(answer))).toEqual([]);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
