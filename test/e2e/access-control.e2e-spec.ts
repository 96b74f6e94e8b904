import type { INestApplication } from '@nestjs/common';
import { ACCESS_CONTROL_STREAM, accessControlDecider } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { generateOfficerToken } from '@so-goc/platform';
import { cliContext } from '../../apps/cli/src/commands/create-admin';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

interface Route {
  readonly method: string;
  readonly path: string;
}

/** Every route the running registry-api serves, read from its HTTP router rather than a hand-kept list. */
function officerRoutesOf(app: INestApplication): Route[] {
  const router = (
    app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
  ).router;
  return router.stack
    .filter((layer) => layer.route?.path.startsWith('/api/'))
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })));
}

function fill(path: string, code: string): string {
  return path.replace(':code', code).replace(/:[A-Za-z]+/g, 'probe-0');
}

/** A body that would pass for most commands, so a refusal can only come from access control. */
const plausibleBody = {
  code: 'PROBE-1',
  name: 'Đơn vị thử',
  kind: 'school',
  registeredOn: '2020-01-15',
  reason: 'thử',
  roles: ['registrar'],
  includeSubordinates: false,
};

describe('Access control on every officer route', () => {
  let t: TestSystem;
  let routes: Route[];
  const tokens: Record<string, string> = {};

  async function officerWithToken(
    authorityCode: string,
    officerId: string,
    roles: ('registrar' | 'auditor' | 'administrator' | 'signer')[],
    store: SqliteEventStore,
  ): Promise<string> {
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: cliContext('test-given'),
      command: {
        type: 'CreateOfficer',
        authorityCode,
        officerId,
        username: officerId,
        fullName: `Cán bộ ${officerId}`,
        roles,
        includeSubordinates: false,
      },
    });
    const token = generateOfficerToken();
    await handleCommand(store, accessControlDecider, {
      stream: ACCESS_CONTROL_STREAM,
      context: cliContext('test-given'),
      command: { type: 'IssueToken', authorityCode, officerId, tokenId: token.tokenId, secretHash: token.secretHash, lifetimeDays: 1 },
    });
    return token.bearer;
  }

  beforeAll(async () => {
    t = await startTestSystem();
    routes = officerRoutesOf(t.system.api!);
    await t.given({
      type: 'RegisterAuthority',
      code: 'SGD-QN',
      name: 'Sở GDĐT Quảng Ninh',
      kind: 'province_department',
      parentCode: null,
      registeredOn: '2000-01-01',
    });
    const store = new SqliteEventStore({ file: t.eventsFile });
    tokens.otherAdmin = await officerWithToken('SGD-QN', 'admin-qn', ['administrator', 'registrar'], store);
    tokens.auditor = await officerWithToken('SGD-HP', 'auditor-hp', ['auditor'], store);
    tokens.registrar = await officerWithToken('SGD-HP', 'registrar-hp', ['registrar'], store);
    await store.close();
  });
  afterAll(() => t.stop());

  it('finds the officer routes from the application itself', () => {
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'POST', path: '/api/v1/authorities/:code/officers/:officerId/tokens' }]));
    expect(routes.every((route) => route.path.includes(':code'))).toBe(true);
  });

  it('answers 401 on every officer route without a token, or with a malformed one, and records nothing', async () => {
    const before = (await t.events()).length;
    for (const route of routes) {
      for (const token of [null, 'not-a-token']) {
        const response = await t.request(route.method, fill(route.path, 'SGD-HP'), {
          token,
          body: route.method === 'GET' ? undefined : plausibleBody,
        });
        expect({ route, status: response.status }).toEqual({ route, status: 401 });
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
    expect((await t.events()).length).toBe(before);
  });

  it('answers 403 on every officer route to an officer of another authority, and records nothing', async () => {
    const before = (await t.events()).length;
    for (const route of routes) {
      const response = await t.request(route.method, fill(route.path, 'SGD-HP'), {
        token: tokens.otherAdmin,
        body: route.method === 'GET' ? undefined : plausibleBody,
      });
      expect({ route, status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({
        route,
        status: 403,
        code: 'OUTSIDE_SCOPE',
      });
    }
    expect((await t.events()).length).toBe(before);
  });

  it('lets an auditor read every route of its authority and refuses every write with 403', async () => {
    const before = (await t.events()).length;
    for (const route of routes) {
      const response = await t.request(route.method, fill(route.path, 'SGD-HP'), {
        token: tokens.auditor,
        body: route.method === 'GET' ? undefined : plausibleBody,
      });
      // Reads pass access control; what they then answer (200, or 404 for a probe id) is theirs to say.
      if (route.method === 'GET') expect({ route, allowed: ![401, 403].includes(response.status) }).toEqual({ route, allowed: true });
      // Handling audit findings is the auditor's own act (issue 15): access passes, the probe body or id does not.
      else if (route.path.includes('/audit-findings/'))
        expect({ route, refused: [400, 404].includes(response.status) }).toEqual({ route, refused: true });
      else
        expect({ route, status: response.status, code: ((await response.json()) as { code: string }).code }).toEqual({
          route,
          status: 403,
          code: 'ROLE_NOT_ALLOWED',
        });
    }
    // The only thing a read may record is the authority's signing key, published before a document with a
    // QR leaves the node (issue 20): never an act of the auditor's.
    const recorded = (await t.events()).slice(before).map((event) => event.type);
    expect(recorded.filter((type) => type !== 'SigningKeyPublished')).toEqual([]);
  });

  it('a token works until an administrator revokes it, and is refused at once afterwards', async () => {
    const created = await t.request('POST', '/api/v1/authorities/SGD-HP/officers', {
      body: {
        officerId: 'lan-nguyen',
        username: 'lan.nguyen',
        fullName: 'Nguyễn Thị Lan',
        roles: ['registrar'],
        includeSubordinates: false,
      },
    });
    expect(created.status).toBe(201);
    const issued = (await (
      await t.request('POST', '/api/v1/authorities/SGD-HP/officers/lan-nguyen/tokens', { body: { lifetimeDays: 7 } })
    ).json()) as { token: string; tokenId: string; expiresAt: string };
    expect(issued.token).toMatch(/^sgt_[0-9a-f]{32}\./);
    expect((await t.request('GET', '/api/v1/authorities/SGD-HP', { token: issued.token })).status).toBe(200);

    // The secret never reaches the event log: only its hash does.
    const log = JSON.stringify((await t.events(ACCESS_CONTROL_STREAM)).map((e) => e.data));
    expect(log).not.toContain(issued.token.split('.')[1]);

    const revoked = await t.request('POST', `/api/v1/authorities/SGD-HP/officers/lan-nguyen/tokens/${issued.tokenId}/revoke`, {
      body: { reason: 'Máy tính bị mất' },
    });
    expect(revoked.status).toBe(201);
    const refused = await t.request('GET', '/api/v1/authorities/SGD-HP', { token: issued.token });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe('TOKEN_REVOKED');
  });

  it('puts the acting officer, the role used and the authority in the metadata of what it records', async () => {
    const response = await t.request('POST', '/api/v1/authorities/SGD-HP/signers', {
      body: { signerId: 'gd-hp', fullName: 'Nguyễn Văn An', title: 'Giám đốc', role: 'head', validFrom: '2020-01-15' },
    });
    expect(response.status).toBe(201);
    const [recorded] = (await t.events('authority-directory')).filter((e) => e.type === 'SignerRegistered');
    expect(recorded?.metadata).toMatchObject({ actor: { officerId: 'admin-hp', role: 'administrator', authorityCode: 'SGD-HP' } });
  });

  it('refuses a registrar the administrator’s routes', async () => {
    const response = await t.request('POST', '/api/v1/authorities/SGD-HP/officers', {
      token: tokens.registrar,
      body: { officerId: 'x-1', username: 'x.one', fullName: 'X', roles: ['administrator'], includeSubordinates: true },
    });
    expect(response.status).toBe(403);
  });
});
