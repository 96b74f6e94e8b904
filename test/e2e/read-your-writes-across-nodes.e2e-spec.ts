import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { openReadModelDatabase } from '@so-goc/projections';
import { loadConfig, openCommandBus } from '@so-goc/platform';
import { createFirstAdministrator } from '../../apps/cli/src/commands/create-admin';
import { signedInOfficer, type ConsoleClient } from '../support/console-client';
import type { TestSystem } from '../support/embedded-system';
import { exited, outputLines, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(400_000);

const ROUNDS = 50;
const CONSOLE_ROUNDS = 10;
const TOKEN = /^v1\.[A-Za-z0-9_-]{16}\.\d+\.\d+$/;

/**
 * Issue 20 item 4, read-your-writes across nodes: two officers' API processes and one projector on one
 * SQLite store, as `serve --only …` runs them behind a proxy. A write answered by node A carries the
 * position it reached; a read on node B that sends it back waits until B's read models show it. The
 * projector is another process that finds appends by polling (every 250 ms), so a read on B without
 * the position may well miss the write — not asserted: it is the race this closes.
 */
describe('Read-your-writes across officers’ API nodes: write on one, read on another (issue 20 item 4)', () => {
  const dir = makeTempDir('ryw-nodes');
  const eventsFile = join(dir.path, 'events.sqlite');
  const children: ChildProcess[] = [];
  let projector: ChildProcess;
  let nodeA: string;
  let nodeB: string;
  let adminToken: string;
  const waitsMs: number[] = [];

  const shared = (): Record<string, string> => ({
    SOGOC_DATA_DIR: dir.path,
    SOGOC_SQLITE_SYNCHRONOUS: 'NORMAL',
    SOGOC_AUDIT_INTERVAL_SECONDS: '0',
  });

  async function start(args: readonly string[], env: Record<string, string>, started: RegExp): Promise<string> {
    const child = spawnTypeScript('apps/cli/src/main.ts', ['serve', '--only', ...args], env);
    children.push(child);
    if (args[0] === 'projector') projector = child;
    const next = outputLines(child);
    for (;;) {
      const line = await next();
      const match = started.exec(line);
      if (match) return match[1] ?? line;
    }
  }

  beforeAll(async () => {
    const setupStore = new SqliteEventStore({ file: eventsFile, synchronous: 'NORMAL' });
    const setupReadModels = openReadModelDatabase(':memory:');
    const setupBus = await openCommandBus({
      config: loadConfig({ SOGOC_DATA_DIR: dir.path }),
      store: setupStore,
      readModels: setupReadModels,
      close: async () => undefined,
    });
    try {
      ({ token: adminToken } = await createFirstAdministrator(setupBus.bus, setupStore, {
        authorityCode: 'SGD-HP',
        authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
        registeredOn: '2000-01-01',
        officerId: 'admin-hp',
        username: 'admin.hp',
        fullName: 'Quản trị Hải Phòng',
        lifetimeDays: 30,
      }));
    } finally {
      await setupBus.close();
      setupReadModels.close();
      await setupStore.close();
    }
    const [portA, portB] = await Promise.all([freePort(), freePort()]);
    await start(['projector'], shared(), /^Sổ Gốc is running \(projector\)/);
    const apiEnv = (port: number) => ({ ...shared(), SOGOC_API_PORT: String(port) });
    [nodeA, nodeB] = await Promise.all([
      start(['registry-api'], apiEnv(portA), /^\s+officers' API:\s+(\S+)/),
      start(['registry-api'], apiEnv(portB), /^\s+officers' API:\s+(\S+)/),
    ]);
    nodeA = nodeA.replace('[::1]', 'localhost');
    nodeB = nodeB.replace('[::1]', 'localhost');
    const granted = await call(nodeA, 'POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar'], includeSubordinates: false },
    });
    expect(granted.status).toBe(201);
    expect(granted.headers.get('sogoc-write-position')).toMatch(TOKEN);
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(children.map(exited));
    dir.remove();
  });

  const call = (api: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
    fetch(`${api}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
        authorization: `Bearer ${adminToken}`,
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });

  const receiveLot = (api: string, lotId: string, from: number) =>
    call(api, 'POST', '/api/v1/authorities/SGD-HP/blank-lots', {
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
        to: from + 9,
      },
    });

  const serialPath = (serial: number) => `/api/v1/authorities/SGD-HP/blank-serials/${encodeURIComponent(`HP ${serial}`)}`;

  // First: the ledger page lists rows in order, 50 a page, and the API rounds below add 50 more.
  describe('the console across its redirect-after-POST', () => {
    let desk: ConsoleClient;

    beforeAll(async () => {
      const system = { eventsFile, api: nodeA } as Pick<TestSystem, 'eventsFile' | 'api'> as TestSystem;
      ({ client: desk } = await signedInOfficer(system, {
        authorityCode: 'SGD-HP',
        officerId: 'lan-ryw',
        roles: ['registrar'],
        password: 'mật-khẩu-đủ-dài-2026',
      }));
    });

    it(`shows the new lot on node B after the form was posted to node A (${CONSOLE_ROUNDS} times)`, async () => {
      for (let round = 0; round < CONSOLE_ROUNDS; round += 1) {
        const lotId = `HP-CONSOLE-${round}`;
        const first = 2_000_001 + round * 100;
        await desk.get('/console/SGD-HP/blanks/receive');
        const posted = await desk.post('/console/SGD-HP/blanks/receive', {
          lotId,
          kind: 'THPT',
          templateVersion: 'TT21-2019',
          firstSerial: `HP ${first}`,
          lastSerial: `HP ${first + 9}`,
          supplier: 'Nhà in',
          deliveryNoteNumber: `P-${lotId}`,
          deliveryNoteDate: '20/05/2025',
          receivedBy: 'Lan',
          receivedOn: '20/05/2025',
        });
        expect({ round, status: posted.status }).toEqual({ round, status: 303 });
        expect(posted.headers.getSetCookie().join('\n')).toMatch(
          /sogoc_read_after=v1\.[^;]+; Path=\/console; Max-Age=\d+; HttpOnly; SameSite=Strict/,
        );
        const location = posted.headers.get('location')!;
        // The proxy sends the browser's next request to the other node; the cookie goes with it.
        const there = desk.on(nodeB);
        const page = await there.get(location);
        expect({ round, status: page.status }).toEqual({ round, status: 200 });
        expect(there.lastHtml).toContain(`HP ${first}–HP ${first + 9}`);
      }
    });
  });

  it(`reads on node B every write answered by node A when the read sends back its position (${ROUNDS} times)`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const lotId = `HP-RYW-${round}`;
      const from = 1_000_001 + round * 100;
      const written = await receiveLot(nodeA, lotId, from);
      expect(written.status).toBe(201);
      const receipt = (await written.json()) as { writePosition?: string };
      const position = written.headers.get('sogoc-write-position');
      expect(position).toMatch(TOKEN);
      expect(receipt.writePosition).toBe(position);

      const started = performance.now();
      const read = await call(nodeB, 'GET', serialPath(from + 5), { headers: { 'sogoc-read-after': position! } });
      waitsMs.push(performance.now() - started);
      expect({ round, status: read.status }).toEqual({ round, status: 200 });
      expect(read.headers.get('x-read-models')).toBeNull();
      expect(JSON.stringify(await read.json())).toContain(lotId);
    }
    waitsMs.sort((a, b) => a - b);
    console.log(
      `read-after on node B: median ${waitsMs[Math.floor(waitsMs.length / 2)]!.toFixed(0)} ms, max ${waitsMs[waitsMs.length - 1]!.toFixed(0)} ms over ${ROUNDS} reads`,
    );
  });

  it('answers the same position again when a write is resent under its Idempotency-Key (nothing new appended)', async () => {
    const key = randomUUID();
    const send = () =>
      call(nodeA, 'POST', '/api/v1/authorities/SGD-HP/blank-lots', {
        headers: { 'idempotency-key': key },
        body: {
          kind: 'THPT',
          templateVersion: 'TT21-2019',
          prefix: 'HP',
          width: 7,
          supplier: 'Nhà in Bộ GDĐT',
          deliveryNote: { number: 'PGH-RESENT', date: '2025-05-20' },
          receivedBy: 'Nguyễn Thị Lan',
          receivedOn: '2025-05-20',
          lotId: 'HP-RYW-RESENT',
          from: 1_900_001,
          to: 1_900_010,
        },
      });
    const first = await send();
    expect(first.status).toBe(201);
    const again = await send();
    expect(again.status).toBe(200);
    const position = again.headers.get('sogoc-write-position');
    expect(position).toMatch(TOKEN);
    const read = await call(nodeB, 'GET', serialPath(1_900_005), { headers: { 'sogoc-read-after': position! } });
    expect(read.status).toBe(200);
  });

  it('refuses a malformed position, one of another store, and one no write reached, with a 400 and without waiting', async () => {
    const written = await receiveLot(nodeA, 'HP-RYW-FORGED', 1_800_001);
    const genuine = written.headers.get('sogoc-write-position')!;
    const [version, tag, commit, prepare] = genuine.split('.');
    const beyond = [version, tag, String(BigInt(commit!) + 1_000_000n), String(BigInt(prepare!) + 1_000_000n)].join('.');
    const otherTag = [version, tag!.startsWith('A') ? 'B'.repeat(16) : 'A'.repeat(16), commit, prepare].join('.');
    const cases: [string, string][] = [
      ['not-a-position', 'READ_AFTER_MALFORMED'],
      [`${commit}/${prepare}`, 'READ_AFTER_MALFORMED'],
      [otherTag, 'READ_AFTER_OTHER_STORE'],
      [beyond, 'READ_AFTER_NOT_WRITTEN'],
    ];
    for (const [sent, code] of cases) {
      const started = performance.now();
      const read = await call(nodeB, 'GET', serialPath(1_800_005), { headers: { 'sogoc-read-after': sent } });
      const tookMs = performance.now() - started;
      expect({ sent, status: read.status, type: read.headers.get('content-type') }).toEqual({
        sent,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
      const body = (await read.json()) as { code: string; field: string; messageVi: string; messageEn: string };
      expect(body).toMatchObject({ code, field: 'Sogoc-Read-After' });
      expect(body.messageVi.length).toBeGreaterThan(10);
      expect(body.messageEn.length).toBeGreaterThan(10);
      // Not waited on: the bound is 5 s.
      expect(tookMs).toBeLessThan(2_500);
    }
  });

  it('answers 503 with Retry-After when node B’s read models do not reach the position within the bound (the projector is down)', async () => {
    projector.kill('SIGTERM');
    await exited(projector);
    const written = await receiveLot(nodeA, 'HP-RYW-BEHIND', 1_700_001);
    expect(written.status).toBe(201);
    const started = performance.now();
    const read = await call(nodeB, 'GET', serialPath(1_700_005), {
      headers: { 'sogoc-read-after': written.headers.get('sogoc-write-position')! },
    });
    const tookMs = performance.now() - started;
    expect(read.status).toBe(503);
    expect(read.headers.get('retry-after')).toBe('5');
    expect(read.headers.get('content-type')).toContain('application/problem+json');
    expect(await read.json()).toMatchObject({
      code: 'READ_MODELS_BEHIND',
      messageVi: expect.stringContaining('chưa cập nhật'),
      messageEn: expect.stringContaining('not yet caught up'),
    });
    expect(tookMs).toBeGreaterThanOrEqual(4_900);
    // Without the position, node B answers at once from what it has: nothing it wrote itself is pending.
    const quickly = performance.now();
    const unasked = await call(nodeB, 'GET', serialPath(1_700_005));
    expect(unasked.status).not.toBe(503);
    expect(performance.now() - quickly).toBeLessThan(2_500);
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
