import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect, createServer, type AddressInfo } from 'node:net';
import { issuanceWorld } from '../support/issuance-world';
import { issueFixtureDiplomas, type IssuedDiploma } from '../support/public-diplomas';
import { exited, outputLines, spawnTypeScript } from '../support/spawn-ts';

jest.setTimeout(180_000);

const BURST = 4;

/**
 * The portal alone, as `serve --only verify-portal` runs it (issue 19): a primary and two worker
 * processes. A client meets the same worker whatever connection it opens, so the rate limit holds as in
 * one process; the header timeout closes a slow client in a worker too (issue 16).
 */
describe('Verify portal alone on every core', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let diploma: IssuedDiploma;
  let portal: ChildProcess;
  let port: number;
  let started: string;

  beforeAll(async () => {
    world = await issuanceWorld();
    diploma = (await issueFixtureDiplomas(world.store, { count: 3, receiveLot: false, withProvince: false }))[0]!;
    await world.readModels();
    port = await freePort();
    portal = spawnTypeScript('apps/verify-portal/src/main.ts', [], {
      SOGOC_DATA_DIR: world.dir.path,
      SOGOC_PORTAL_PORT: String(port),
      SOGOC_PORTAL_WORKERS: '2',
      SOGOC_PORTAL_RATE_PER_MINUTE: '1',
      SOGOC_PORTAL_RATE_BURST: String(BURST),
      SOGOC_PORTAL_HEADERS_TIMEOUT_MS: '600',
    });
    started = await outputLines(portal)();
  });

  afterAll(async () => {
    if (portal && portal.exitCode === null) {
      portal.kill('SIGTERM');
      await exited(portal);
    }
    await world?.close();
  });

  it('starts one worker per requested core behind one port', () => {
    expect(started).toBe(`verify portal on http://127.0.0.1:${port} (2 processes)`);
  });

  it('answers lookups, and limits a client across fresh connections as one process would', async () => {
    const form = JSON.stringify({ serial: diploma.serial, registerNumber: diploma.registerNumber });
    const statuses: number[] = [];
    // A new TCP connection per request: with plain round-robin these would be spread over both workers.
    for (let i = 0; i < BURST + 4; i++) statuses.push((await onFreshConnection(port, 'POST', '/api/v1/lookup', form)).status);
    expect(statuses).toEqual([...Array<number>(BURST).fill(200), 429, 429, 429, 429]);
    const health = await onFreshConnection(port, 'GET', '/health', '');
    expect(health.status).toBe(200);
    expect(health.headers['x-content-type-options']).toBe('nosniff');
  });

  it('closes a client that trickles its headers', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const startedAt = Date.now();
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.once('close', () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });
});

function onFreshConnection(
  port: number,
  method: string,
  path: string,
  body: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve({ status: response.statusCode!, headers: response.headers }));
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

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
