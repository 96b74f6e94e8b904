import type { Database } from 'better-sqlite3';
import { INFRASTRUCTURE, type Infrastructure } from '@so-goc/platform';
import { serve } from '../../apps/cli/src/commands/serve';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

/**
 * Issue 16 (operations) and issue 20 item 4 (readiness), over the real HTTP servers of the embedded
 * system: one JSON log line per request with its request id and no personal data, Prometheus
 * metrics that move, and an officers' API that is ready only when its read models have caught up.
 */
const SCRAPE_TOKEN = 'scrape-token-0123456789abcdef';
const LOTS = '/api/v1/authorities/SGD-HP/blank-lots';
const lot = (n: number) => ({
  lotId: `HP-2024-THPT-${n}`,
  kind: 'THPT',
  templateVersion: 'TT21-2019',
  prefix: 'HP',
  width: 7,
  from: 200001 + n * 1000,
  to: 200100 + n * 1000,
  supplier: 'Nhà in Bộ GDĐT',
  deliveryNote: { number: `PGH-05${n}`, date: '2024-05-20' },
  receivedBy: 'Nguyễn Thị Lan',
  receivedOn: '2024-05-20',
});

interface LogLine {
  time: string;
  level: string;
  service: string;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  authority?: string;
  actor?: string;
  status?: number;
  durationMs?: number;
  code?: string;
  projection?: string;
  events?: number;
}

/** The value of one sample of the exposition, e.g. sample(text, 'sogoc_store_appends_total', { outcome: 'ok' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-z_]+)(?:\{(.*)\})? (.+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('logs, metrics and readiness (issues 16 and 20)', () => {
  let t: TestSystem;
  const lines: string[] = [];
  const logged = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
  const requestLine = (requestId: string): LogLine | undefined => logged().find((l) => l.msg === 'request' && l.requestId === requestId);
  const scrape = async (base: string, token: string | null = SCRAPE_TOKEN) =>
    fetch(`${base}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  beforeAll(async () => {
    t = await startTestSystem({
      env: { SOGOC_METRICS_TOKEN: SCRAPE_TOKEN, SOGOC_READY_MAX_LAG: '0' },
      logSink: (line) => lines.push(line),
    });
    const roles = await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar'], includeSubordinates: false },
    });
    expect(roles.status).toBe(201);
  });
  afterAll(() => t.stop());

  it('writes one JSON line per officer request, with the request id it echoes, the route template, authority and actor — never a token', async () => {
    const answer = await t.request('POST', LOTS, { body: lot(1), headers: { 'x-request-id': 'trace-abc.123' } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-request-id')).toBe('trace-abc.123');
    const line = requestLine('trace-abc.123');
    expect(line).toMatchObject({
      level: 'info',
      service: 'registry-api',
      method: 'POST',
      route: '/api/v1/authorities/:code/blank-lots',
      authority: 'SGD-HP',
      actor: 'admin-hp',
      status: 201,
    });
    expect(Date.parse(line!.time)).toBeGreaterThan(Date.now() - 60_000);
    expect(line!.durationMs).toBeGreaterThan(0);

    // A refused request: its problem code is on the line; a request id nobody sent is made up and echoed.
    const refused = await t.request('POST', LOTS, { body: { ...lot(2), receivedOn: '9999-12-31' } });
    expect(refused.status).toBe(400);
    const id = refused.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLine(id)).toMatchObject({ status: 400, code: 'INVALID_INPUT', route: '/api/v1/authorities/:code/blank-lots' });

    // A request id that could smuggle text into the logs is replaced.
    const odd = await t.request('GET', '/health', { token: null, headers: { 'x-request-id': 'a"b;{x}<y>'.repeat(9) } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const all = lines.join('\n');
    expect(all).not.toContain(t.adminToken);
    expect(all).not.toContain('Nguyễn Thị Lan');
  });

  it('logs the portal’s requests by route template: no name, birth date or token of the visitor', async () => {
    const body = JSON.stringify({ serial: 'HP 0999999', fullName: 'Trần Thị Bí Mật', birthDate: '2006-09-18' });
    const lookup = await fetch(`${t.portal}/api/v1/lookup`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(lookup.status).toBe(200);
    expect(requestLine(lookup.headers.get('x-request-id')!)).toMatchObject({
      service: 'verify-portal',
      route: '/api/v1/lookup',
      method: 'POST',
      status: 200,
    });
    const landing = await fetch(`${t.portal}/v/SECRET-TOKEN-abcdef`);
    expect(requestLine(landing.headers.get('x-request-id')!)).toMatchObject({ route: '/v/:token', status: landing.status });
    const query = await fetch(`${t.portal}/api/v1/lookup?serial=HP%200999998&fullName=Tr%E1%BA%A7n&birthDate=2006-09-18`);
    expect(requestLine(query.headers.get('x-request-id')!)).toMatchObject({ route: '/api/v1/lookup', method: 'GET' });
    const all = lines.join('\n');
    for (const secret of ['Bí Mật', 'SECRET-TOKEN', '2006-09-18', 'HP 0999999', 'HP%200999998']) expect(all).not.toContain(secret);
  });

  it('the projector logs one line per committed batch', async () => {
    const before = lines.length;
    expect((await t.request('POST', LOTS, { body: lot(3) })).status).toBe(201);
    for (let i = 0; i < 100 && !lines.slice(before).some((l) => l.includes('"msg":"batch"')); i++)
      await new Promise((r) => setTimeout(r, 20));
    const batch = logged()
      .slice(before)
      .find((l) => l.service === 'projector' && l.msg === 'batch');
    expect(batch).toMatchObject({ level: 'info', projection: expect.any(String), events: expect.any(Number) });
  });

  it('serves Prometheus metrics on the officers’ API only to the scrape token or an administrator, and its counters move', async () => {
    expect((await scrape(t.api, null)).status).toBe(401);
    expect((await scrape(t.api, 'not-the-token-0123456789')).status).toBe(401);
    const registrar = await scrape(t.api, t.adminToken);
    expect(registrar.status).toBe(200);

    const before = await (await scrape(t.api)).text();
    expect((await t.request('POST', LOTS, { body: lot(4) })).status).toBe(201);
    await t.request('POST', LOTS, { body: lot(4) }); // the same lot again: refused, nothing appended
    const answer = await scrape(t.api);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const after = await answer.text();

    const posted = { service: 'registry-api', method: 'POST', route: '/api/v1/authorities/:code/blank-lots', status: '201' };
    expect(sample(after, 'sogoc_http_requests_total', posted)).toBe((sample(before, 'sogoc_http_requests_total', posted) ?? 0) + 1);
    expect(sample(after, 'sogoc_http_request_duration_seconds_count', posted)).toBeGreaterThan(0);
    expect(sample(after, 'sogoc_http_request_duration_seconds_bucket', { ...posted, le: '+Inf' })).toBeGreaterThan(0);
    expect(sample(after, 'sogoc_store_appends_total', { outcome: 'ok' })).toBeGreaterThan(
      sample(before, 'sogoc_store_appends_total', { outcome: 'ok' }) ?? 0,
    );
    expect(sample(after, 'sogoc_store_appended_events_total')).toBeGreaterThan(0);
    expect(sample(after, 'sogoc_store_head_position')).toBeGreaterThan(0);
    for (const projection of ['public-lookup', 'blank-ledger']) {
      expect(sample(after, 'sogoc_projection_lag', { projection })).toBeGreaterThanOrEqual(0);
      expect(sample(after, 'sogoc_projection_position', { projection })).toBeGreaterThan(0);
    }
    expect(after).toMatch(/^# TYPE sogoc_projection_events_total counter$/m);
    // Nothing personal in a label either.
    expect(after).not.toContain('Nguyễn');
  });

  it('serves the portal’s metrics to the scrape token only, and counts rate-limit refusals', async () => {
    expect((await scrape(t.portal, null)).status).toBe(401);
    const before = await (await scrape(t.portal)).text();
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await fetch(`${t.portal}/api/v1/verify/not-a-token-${i}`)).status);
    expect(statuses).toContain(429);
    const after = await (await scrape(t.portal)).text();
    const refusals = statuses.filter((s) => s === 429).length;
    expect(sample(after, 'sogoc_rate_limit_refusals_total', { channel: 'api' })).toBe(
      (sample(before, 'sogoc_rate_limit_refusals_total', { channel: 'api' }) ?? 0) + refusals,
    );
    expect(sample(after, 'sogoc_http_requests_total', { service: 'verify-portal', route: '/api/v1/verify/:token', status: '429' })).toBe(
      refusals,
    );
    expect(after).not.toContain('not-a-token');
  });

  it('/ready of the officers’ API: 503 while a projection is behind the store, 200 once caught up; details only for an administrator', async () => {
    const ready = async (token: string | null = null) => t.request('GET', '/ready', { token });
    await eventuallyStatus(() => ready(), 200);
    expect(await (await ready()).json()).toEqual({ status: 'ready' });

    // The projections stop; the store moves on past the bound (SOGOC_READY_MAX_LAG=0 here).
    const runner = t.system.projector!.runner;
    await runner.stop();
    expect((await t.request('POST', LOTS, { body: lot(5) })).status).toBe(201);
    const behind = await ready();
    expect(behind.status).toBe(503);
    expect(behind.headers.get('cache-control')).toBe('no-store');
    expect(await behind.json()).toEqual({ status: 'not_ready' });
    const detailed = (await (await ready(t.adminToken)).json()) as { waitingFor: { name: string; why: string; lag?: number }[] };
    expect(detailed.waitingFor).toContainEqual(
      expect.objectContaining({ name: 'blank-ledger', why: 'behind the store', lag: expect.any(Number) }),
    );

    runner.start();
    await eventuallyStatus(() => ready(), 200);
    // Liveness is another question: /health stayed up throughout.
    expect((await t.request('GET', '/health', { token: null })).status).toBe(200);
  });
});

describe('an officers’ API without the projector in its process (issue 20 item 4)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem({ apps: ['registry-api'], env: { SOGOC_METRICS_TOKEN: SCRAPE_TOKEN } });
    const roles = await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar'], includeSubordinates: false },
    });
    expect(roles.status).toBe(201);
  });
  afterAll(() => t.stop());

  it('opens the read models read-only, is not ready until a projector elsewhere has caught up, then answers from them', async () => {
    const readModels: Database = t.system.api!.get<Infrastructure>(INFRASTRUCTURE).readModels;
    expect(readModels.readonly).toBe(true);
    expect(() => readModels.exec('CREATE TABLE intruder (x)')).toThrow(/readonly/);

    // Writes go to the store; nothing projects them yet.
    expect((await t.request('POST', LOTS, { body: lot(1) })).status).toBe(201);
    expect((await t.request('GET', '/ready', { token: null })).status).toBe(503);
    const waiting = (await (await t.request('GET', '/ready')).json()) as { waitingFor: { name: string }[] };
    expect(waiting.waitingFor.map((w) => w.name)).toContain('projector');

    // The projector starts in "another process" (its own store and read-model connections).
    const projector = await serve(t.config, ['projector'], { quiet: true });
    try {
      await eventuallyStatus(() => t.request('GET', '/ready', { token: null }), 200);
      const ledger = await t.request('GET', '/api/v1/authorities/SGD-HP/blank-ledger');
      expect(ledger.status).toBe(200);
      expect(JSON.stringify(await ledger.json())).toContain('HP-2024-THPT-1');
      // Its metrics read the checkpoints the other process wrote.
      const metrics = await (await fetch(`${t.api}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } })).text();
      expect(sample(metrics, 'sogoc_projection_lag', { projection: 'blank-ledger' })).toBe(0);
    } finally {
      await projector.close();
    }
  });
});

async function eventuallyStatus(read: () => Promise<Response>, status: number): Promise<void> {
  let last = 0;
  for (let attempt = 0; attempt < 300; attempt++) {
    last = (await read()).status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`still ${last}, not ${status}`);
}
