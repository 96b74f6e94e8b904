import { connect } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FileKeyring, loadConfig } from '@so-goc/platform';
import { createVerifyPortal } from '../../apps/verify-portal/src/create-verify-portal';
import type { VerifyPortalServer } from '../../apps/verify-portal/src/http/portal-server';
import { issuanceWorld } from '../support/issuance-world';
import { dmy, issueFixtureDiplomas, tokenFor, type IssuedDiploma } from '../support/public-diplomas';

jest.setTimeout(120_000);

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_BODY = { 'content-type': 'application/json' };

/** The portal as a public service (issue 16, item 5): headers, posted lookups, bounded bodies, timeouts. */
describe('Verify portal hardening', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let app: VerifyPortalServer;
  let url: string;
  let diploma: IssuedDiploma;
  let keyring: FileKeyring;
  let logFile: string;

  beforeAll(async () => {
    world = await issuanceWorld();
    diploma = (await issueFixtureDiplomas(world.store, { count: 3, receiveLot: false, withProvince: false }))[0]!;
    const config = loadConfig({ SOGOC_DATA_DIR: world.dir.path });
    keyring = FileKeyring.forConfig(config);
    logFile = join(world.dir.path, 'hardening-log.sqlite');
    app = await createVerifyPortal(
      { readModels: await world.readModels(), config },
      {
        settings: {
          rateLimit: { perMinute: 60_000, burst: 10_000 },
          lookupLogFile: logFile,
          timeouts: { headersMs: 400, requestMs: 800, keepAliveMs: 1_000 },
        },
      },
    );
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await world?.close();
  });

  const holderForm = () =>
    `serial=${encodeURIComponent(diploma.serial)}&fullName=${encodeURIComponent(diploma.fullName)}&birthDate=${encodeURIComponent(dmy(diploma.birthDate))}`;

  it('sends the security headers on every kind of answer, JSON and errors included', async () => {
    const answers = [
      await fetch(`${url}/`),
      await fetch(`${url}/tra-cuu`, { method: 'POST', headers: FORM, body: holderForm() }),
      await fetch(`${url}/v/${tokenFor(keyring, diploma)}`),
      await fetch(`${url}/api/v1/lookup`, {
        method: 'POST',
        headers: JSON_BODY,
        body: JSON.stringify({ serial: diploma.serial, registerNumber: diploma.registerNumber }),
      }),
      await fetch(`${url}/api/v1/lookup?serial=`),
      await fetch(`${url}/api/v1/verify/not-a-token`),
      await fetch(`${url}/api/v1/nothing-here`),
      await fetch(`${url}/no-such-page`),
      await fetch(`${url}/health`),
      await fetch(`${url}/robots.txt`),
      await fetch(`${url}/assets/portal.css`),
      await fetch(`${url}/.well-known/so-goc-keys.json`),
      await fetch(`${url}/docs`),
      await fetch(`${url}/docs/openapi.json`),
      await fetch(`${url}/`, { method: 'DELETE' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 400, 200, 404, 404, 200, 200, 200, 200, 200, 200, 405]);
    for (const answer of answers) {
      const where = `${answer.url} (${answer.status})`;
      expect({ where, nosniff: answer.headers.get('x-content-type-options') }).toEqual({ where, nosniff: 'nosniff' });
      expect({ where, frame: answer.headers.get('x-frame-options') }).toEqual({ where, frame: 'DENY' });
      expect({ where, referrer: answer.headers.get('referrer-policy') }).toEqual({ where, referrer: 'no-referrer' });
      expect({ where, csp: answer.headers.get('content-security-policy') }).toEqual({
        where,
        csp: expect.stringContaining("frame-ancestors 'none'") as unknown,
      });
      expect({ where, poweredBy: answer.headers.get('x-powered-by') }).toEqual({ where, poweredBy: null });
    }
    // Pages run no script at all; personal answers are never cached.
    expect(answers[1]!.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const personal of [answers[1]!, answers[2]!, answers[3]!]) expect(personal.headers.get('cache-control')).toBe('no-store');
  });

  it('looks up by POST only: the form posts, and an address carrying a query leads back to the form without a lookup', async () => {
    const form = await (await fetch(`${url}/`)).text();
    expect(form.match(/<form [^>]*>/g)).toEqual([
      '<form method="post" action="/tra-cuu" novalidate>',
      '<form method="post" action="/tra-cuu" novalidate>',
    ]);
    const rowsBefore = await lookupRows();
    const old = await fetch(`${url}/tra-cuu?${holderForm()}&lang=en`, { redirect: 'manual' });
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toBe('/?lang=en');
    expect(await old.text()).not.toContain(diploma.fullName);
    expect(await lookupRows()).toBe(rowsBefore);

    const posted = await fetch(`${url}/tra-cuu`, { method: 'POST', headers: FORM, body: holderForm() });
    const page = await posted.text();
    expect(page).toContain('Văn bằng hợp lệ');
    // The language link of an answer leads to the form, not to an address holding the query.
    expect(page).toContain('href="/?lang=en"');
    const api = await fetch(`${url}/api/v1/lookup`, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ serial: diploma.serial, fullName: diploma.fullName, birthDate: diploma.birthDate }),
    });
    expect(((await api.json()) as { status: string }).status).toBe('VALID');
    expect(await lookupRows()).toBe(rowsBefore + 2);
  });

  it('refuses oversized, unreadable and odd bodies with problem+json, looking nothing up', async () => {
    const rowsBefore = await lookupRows();
    const huge = await fetch(`${url}/api/v1/lookup`, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ serial: 'HP 1', fullName: 'x'.repeat(20_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await huge.json()).toMatchObject({
      code: 'BODY_TOO_LARGE',
      messageVi: expect.any(String) as unknown,
      messageEn: expect.any(String) as unknown,
    });
    const text = await fetch(`${url}/api/v1/lookup`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'serial=HP 1' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ code: 'BODY_UNSUPPORTED' });
    const broken = await fetch(`${url}/api/v1/lookup`, { method: 'POST', headers: JSON_BODY, body: '[1,2' });
    expect(await broken.json()).toMatchObject({ status: 400, code: 'BODY_MALFORMED' });
    const deep = await fetch(`${url}/api/v1/lookup`, {
      method: 'POST',
      headers: JSON_BODY,
      body: `${'['.repeat(3000)}${']'.repeat(3000)}`,
    });
    expect(deep.status).toBe(400);
    const numbers = await fetch(`${url}/api/v1/lookup`, {
      method: 'POST',
      headers: JSON_BODY,
      body: JSON.stringify({ serial: diploma.serial, registerNumber: 417 }),
    });
    expect(await numbers.json()).toMatchObject({ status: 400, code: 'FIELD_NOT_TEXT', field: 'registerNumber' });
    const page = await fetch(`${url}/tra-cuu`, { method: 'POST', headers: FORM, body: `serial=${'A'.repeat(10_000)}` });
    expect(page.status).toBe(413);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await lookupRows()).toBe(rowsBefore + 1);
  });

  it('closes a client that trickles its headers or its body', async () => {
    const slowHeaders = await rawExchange('GET /health HTTP/1.1\r\nHost: portal\r\n');
    expect(slowHeaders.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(slowHeaders.ms).toBeLessThan(2_500);
    const slowBody = await rawExchange(
      `POST /api/v1/lookup HTTP/1.1\r\nHost: portal\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"serial":`,
    );
    expect(slowBody.ms).toBeLessThan(3_000);
    expect(slowBody.answer).not.toMatch(/^HTTP\/1\.1 200/);
    // The portal still answers everyone else.
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });

  async function lookupRows(): Promise<number> {
    // The log is written in batches off the request path; wait for the batch in flight.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const db = new Database(logFile, { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM lookups').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  async function rawExchange(partial: string): Promise<{ answer: string; ms: number }> {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const startedAt = Date.now();
    socket.write(partial);
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.once('close', () => resolve(text));
    });
    return { answer, ms: Date.now() - startedAt };
  }
});
