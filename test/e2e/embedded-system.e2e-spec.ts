import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { loadConfig } from '@so-goc/platform';
import { serve, type RunningSystem } from '../../apps/cli/src/commands/serve';

/**
 * The whole embedded system as `npm start` runs it: real SQLite files, real HTTP servers on ephemeral
 * ports, the projector in the same process.
 */
describe('Embedded system over HTTP', () => {
  let dir: { path: string; remove(): void };
  let system: RunningSystem;
  let api: string;
  let portal: string;

  beforeAll(async () => {
    dir = makeTempDir('e2e');
    const config = loadConfig({ SOGOC_DATA_DIR: dir.path, SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0' });
    system = await serve(config, undefined, { quiet: true });
    api = system.apiUrl!;
    portal = system.portalUrl!;
  });
  afterAll(async () => {
    await system.close();
    dir.remove();
  });

  async function eventsIn(stream: string): Promise<{ type: string; metadata: unknown; data: unknown }[]> {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    try {
      return (await store.readStream(stream)).events.map((e) => ({ type: e.type, metadata: e.metadata, data: e.data }));
    } finally {
      await store.close();
    }
  }

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }

  async function getWhenProjected(path: string): Promise<Response> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const response = await fetch(`${api}${path}`);
      if (response.status !== 404) return response;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return fetch(`${api}${path}`);
  }

  it('serves health on the API and the portal, and OpenAPI at /docs', async () => {
    expect(await (await fetch(`${api}/health`)).json()).toMatchObject({ status: 'ok', eventStore: 'sqlite', projections: [{ name: 'authorities' }] });
    expect(await (await fetch(`${portal}/health`)).json()).toEqual({ status: 'ok', service: 'verify-portal' });
    const docs = await fetch(`${api}/docs`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/);
    const openapi = (await (await fetch(`${api}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/v1/authorities', '/api/v1/authorities/{code}']));
  });

  it('records a command once even when the officer’s browser resends it, with who/when in the metadata', async () => {
    const key = randomUUID();
    const body = { code: 'SGD-HP', name: 'Sở Giáo dục và Đào tạo Hải Phòng', kind: 'province_department', registeredOn: '2020-01-15' };
    const first = await post('/api/v1/authorities', body, { 'Idempotency-Key': key, 'X-Correlation-Id': 'phien-lam-viec-1' });
    expect(first.status).toBe(201);
    const resent = await post('/api/v1/authorities', body, { 'Idempotency-Key': key });
    expect(resent.status).toBe(200);
    const [firstBody, resentBody] = (await Promise.all([first.json(), resent.json()])) as { events: unknown[]; alreadyHandled: boolean }[];
    expect(resentBody!.alreadyHandled).toBe(true);
    expect(resentBody!.events).toEqual(firstBody!.events);

    const events = await eventsIn('authority-SGD-HP');
    expect(events).toHaveLength(1);
    expect(events[0]!.metadata).toMatchObject({ commandId: key, correlationId: 'phien-lam-viec-1', actor: { officerId: 'unauthenticated' } });
    expect((events[0]!.metadata as { sourceIp?: string }).sourceIp).toMatch(/127\.0\.0\.1/);

    const read = await getWhenProjected('/api/v1/authorities/SGD-HP');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"0"');
  });

  it('stores Vietnamese typed in decomposed form (NFD) as composed NFC', async () => {
    const nfdName = 'Phòng Giáo dục và Đào tạo huyện Thuỷ Nguyên'.normalize('NFD');
    const response = await post('/api/v1/authorities', { code: 'PGD-TN', name: nfdName, kind: 'district_office', parentCode: 'SGD-HP', registeredOn: '2020-01-15' });
    expect(response.status).toBe(201);
    const [event] = await eventsIn('authority-PGD-TN');
    const stored = (event!.data as { name: string }).name;
    expect(Buffer.from(stored)).toEqual(Buffer.from(nfdName.normalize('NFC')));
    const view = (await (await getWhenProjected('/api/v1/authorities/PGD-TN')).json()) as { name: string };
    expect(view.name).toBe(nfdName.normalize('NFC'));
  });

  it('answers bad input with problem+json naming every field at fault, and records nothing', async () => {
    const response = await post('/api/v1/authorities', { code: 'bad code', name: '', kind: 'castle', registeredOn: '15/01/2020', sneaky: true });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { code: string; messageVi: string; messageEn: string; fieldProblems: { field: string }[] };
    expect(problem.code).toBe('INVALID_INPUT');
    expect(problem.messageVi).toMatch(/không hợp lệ/);
    expect(problem.messageEn).toMatch(/not valid/);
    expect(problem.fieldProblems.map((p) => p.field).sort()).toEqual(['code', 'kind', 'name', 'registeredOn', 'sneaky']);
    expect(await eventsIn('authority-bad code')).toEqual([]);
  });

  it('refuses a rename pinned to a stale ETag with 412 and keeps the record unchanged', async () => {
    await post('/api/v1/authorities', { code: 'SGD-QN', name: 'Sở GDĐT Quảng Ninh', kind: 'province_department', registeredOn: '2020-01-15' });
    const renamed = await post('/api/v1/authorities/SGD-QN/rename', { name: 'Sở Giáo dục và Đào tạo Quảng Ninh', effectiveOn: '2025-07-01' }, { 'If-Match': '"0"' });
    expect(renamed.status).toBe(201);
    expect(renamed.headers.get('etag')).toBe('"1"');
    const stale = await post('/api/v1/authorities/SGD-QN/rename', { name: 'Tên khác', effectiveOn: '2025-07-02' }, { 'If-Match': '"0"' });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { code: string }).code).toBe('STALE_REVISION');
    expect((await eventsIn('authority-SGD-QN')).map((e) => e.type)).toEqual(['AuthorityRegistered', 'AuthorityRenamed']);
  });

  it('answers an unknown authority and an unknown route with a coded 404', async () => {
    const missing = await fetch(`${api}/api/v1/authorities/KHONG-CO`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('AUTHORITY_NOT_FOUND');
    const route = await fetch(`${api}/api/v1/nothing-here`);
    expect(route.status).toBe(404);
    expect(((await route.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  });
});
