import { eventually, startTestSystem, type TestSystem } from '../support/embedded-system';

describe('Embedded system over HTTP', () => {
  let t: TestSystem;
  beforeAll(async () => (t = await startTestSystem()));
  afterAll(() => t.stop());

  it('serves health on the API and the portal without a token (up/down only; details for an administrator), and OpenAPI at /docs', async () => {
    expect(await (await fetch(`${t.api}/health`)).json()).toEqual({ status: 'ok' });
    const health = (await (await fetch(`${t.api}/health`, { headers: { authorization: `Bearer ${t.adminToken}` } })).json()) as {
      status: string;
      eventStore: string;
      projections: { name: string; status: string }[];
    };
    expect(health).toMatchObject({ status: 'ok', eventStore: 'sqlite' });
    expect(health.projections.map((p) => p.name)).toEqual(expect.arrayContaining(['authorities', 'officers', 'blank-ledger']));
    expect(await (await fetch(`${t.portal}/health`)).json()).toEqual({ status: 'ok', service: 'verify-portal' });
    expect((await fetch(`${t.api}/docs`)).headers.get('content-type')).toMatch(/text\/html/);
    const openapi = (await (await fetch(`${t.api}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/authorities/{code}', '/api/v1/authorities/{code}/officers']),
    );
  });

  it('records a command once even when the officer’s browser resends it, with who/when in the metadata', async () => {
    const key = '2b0c3a4e-7d35-4c9c-9a47-000000000001';
    const body = { code: 'PGD-TN', name: 'Phòng GDĐT huyện Thuỷ Nguyên', kind: 'district_office', registeredOn: '2000-01-01' };
    const headers = { 'idempotency-key': key, 'x-correlation-id': 'phien-lam-viec-1' };
    const first = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates', { body, headers });
    expect(first.status).toBe(201);
    const resent = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates', { body, headers });
    expect(resent.status).toBe(200);
    const [firstBody, resentBody] = (await Promise.all([first.json(), resent.json()])) as { events: unknown[]; alreadyHandled: boolean }[];
    expect(resentBody!.alreadyHandled).toBe(true);
    expect(resentBody!.events).toEqual(firstBody!.events);

    const recorded = (await t.events('authority-directory')).filter((e) => (e.data as { code?: string }).code === 'PGD-TN');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.metadata).toMatchObject({
      commandId: key,
      correlationId: 'phien-lam-viec-1',
      actor: { officerId: 'admin-hp', role: 'administrator', authorityCode: 'SGD-HP' },
    });
    expect((recorded[0]!.metadata as { sourceIp?: string }).sourceIp).toMatch(/127\.0\.0\.1/);
    expect((await eventually(() => t.request('GET', '/api/v1/authorities/PGD-TN'))).status).toBe(200);
  });

  it('stores Vietnamese typed in decomposed form (NFD) as composed NFC', async () => {
    const nfdName = 'Trường THPT Thuỷ Sơn, Hoà Bình'.normalize('NFD');
    const response = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates', {
      body: { code: 'THPT-TS', name: nfdName, kind: 'school', registeredOn: '2010-09-01' },
    });
    expect(response.status).toBe(201);
    const stored = (await t.events('authority-directory'))
      .map((e) => e.data as { code?: string; name?: string })
      .find((d) => d.code === 'THPT-TS');
    expect(Buffer.from(stored!.name!)).toEqual(Buffer.from(nfdName.normalize('NFC')));
    const view = (await (await eventually(() => t.request('GET', '/api/v1/authorities/THPT-TS'))).json()) as { name: string };
    expect(view.name).toBe(nfdName.normalize('NFC'));
  });

  it('answers bad input with problem+json naming every field at fault, and records nothing', async () => {
    const before = (await t.events()).length;
    const response = await t.request('POST', '/api/v1/authorities/SGD-HP/subordinates', {
      body: { code: 'bad code', name: '', kind: 'castle', registeredOn: '15/01/2020', sneaky: true },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { code: string; messageVi: string; messageEn: string; fieldProblems: { field: string }[] };
    expect(problem.code).toBe('INVALID_INPUT');
    expect(problem.messageVi).toMatch(/không hợp lệ/);
    expect(problem.messageEn).toMatch(/not valid/);
    expect(problem.fieldProblems.map((p) => p.field).sort()).toEqual(['code', 'kind', 'name', 'registeredOn', 'sneaky']);
    expect((await t.events()).length).toBe(before);
  });

  it('refuses a command pinned to a stale ETag with 412 and records nothing', async () => {
    const renamed = await t.request('POST', '/api/v1/authorities/SGD-HP/rename', {
      body: { name: 'Sở Giáo dục và Đào tạo thành phố Hải Phòng', effectiveOn: '2025-07-01' },
    });
    expect(renamed.status).toBe(201);
    const before = (await t.events()).length;
    const stale = await t.request('POST', '/api/v1/authorities/SGD-HP/rename', {
      body: { name: 'Tên khác', effectiveOn: '2025-07-02' },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { code: string }).code).toBe('STALE_REVISION');
    expect((await t.events()).length).toBe(before);
  });

  it('answers an unknown route with a coded 404', async () => {
    const route = await fetch(`${t.api}/api/v1/nothing-here`);
    expect(route.status).toBe(404);
    expect(((await route.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  });
});
