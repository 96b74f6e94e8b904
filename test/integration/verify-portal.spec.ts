import Database from 'better-sqlite3';
import { join } from 'node:path';
import { FileKeyring, loadConfig } from '@so-goc/platform';
import { createVerifyPortal } from '../../apps/verify-portal/src/create-verify-portal';
import type { VerifyPortalServer } from '../../apps/verify-portal/src/http/portal-server';
import { issuanceWorld } from '../support/issuance-world';
import { dmy, issueFixtureDiplomas, plain, tamper, tokenFor, type IssuedDiploma } from '../support/public-diplomas';

jest.setTimeout(120_000);

/** Words that would tell a visitor why a diploma is not shown (docs/domain.md §5.1). */
const EXEMPTION_WORDS = /miễn|công an|quân đội|quân sự|quốc phòng|exempt|police|army|military|armed forces/i;

describe('Verify portal over HTTP, on the public projection (issue 7)', () => {
  let world: Awaited<ReturnType<typeof issuanceWorld>>;
  let app: VerifyPortalServer;
  let url: string;
  let diplomas: IssuedDiploma[];
  let keyring: FileKeyring;
  let hung: IssuedDiploma;
  let exempt: IssuedDiploma;
  const responses: string[] = [];

  const get = async (path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> => {
    const response = await fetch(`${url}${path}`, { headers });
    const body = await response.text();
    responses.push(body);
    return { status: response.status, body, headers: response.headers };
  };
  /** The lookup form as a browser sends it (issue 16: nothing personal in the address). */
  const post = async (form: string): Promise<{ status: number; body: string; headers: Headers }> => {
    const response = await fetch(`${url}/tra-cuu`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const body = await response.text();
    responses.push(body);
    return { status: response.status, body, headers: response.headers };
  };
  const json = async (path: string) => {
    const r = await get(path);
    return { status: r.status, headers: r.headers, body: JSON.parse(r.body) as Record<string, unknown> & { status: string } };
  };

  beforeAll(async () => {
    world = await issuanceWorld();
    diplomas = await issueFixtureDiplomas(world.store, { count: 20, exemptRows: [3], receiveLot: false, withProvince: false });
    hung = diplomas.find((d) => d.ethnicity === 'Mường')!;
    exempt = diplomas.find((d) => d.exempt)!;
    const db = await world.readModels();
    const config = loadConfig({ SOGOC_DATA_DIR: world.dir.path, SOGOC_PORTAL_PORT: '0' });
    keyring = FileKeyring.forConfig(config);
    app = await createVerifyPortal({ readModels: db, config }, { settings: { rateLimit: { perMinute: 60_000, burst: 10_000 } } });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', 'localhost');
  });

  afterAll(async () => {
    await app.close();
    await world.close();
  });

  it('answers VALID to serial + name without diacritics + birth date, in HTML and JSON, showing only what was typed', async () => {
    const query = `serial=${encodeURIComponent(hung.serial.toLowerCase())}&fullName=${encodeURIComponent(plain(hung.fullName))}&birthDate=${encodeURIComponent(dmy(hung.birthDate))}`;
    const page = await post(query);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('Văn bằng hợp lệ');
    expect(page.body).toContain('Nguyễn Đình Hưng');
    expect(page.body).toContain('03/12/2006');
    expect(page.body).not.toContain(hung.registerNumber);
    expect(page.body).not.toContain(hung.birthPlace);

    const api = await json(`/api/v1/lookup?${query}`);
    expect(api.status).toBe(200);
    expect(api.body).toEqual({
      status: 'VALID',
      messageVi: expect.stringContaining('có giá trị') as unknown,
      messageEn: expect.stringContaining('valid') as unknown,
      diploma: {
        kind: 'THPT',
        serial: hung.serial,
        issuer: { code: 'SGD-HP', name: 'Sở Giáo dục và Đào tạo Hải Phòng' },
        issueDate: '2024-08-14',
        holder: { fullName: 'Nguyễn Đình Hưng', birthDate: '2006-12-03' },
      },
      checkedAt: expect.any(String) as unknown,
    });
  });

  it('answers serial + register number without any holder data, and NOT_FOUND for a near miss', async () => {
    const api = await json(
      `/api/v1/lookup?serial=${encodeURIComponent(hung.serial)}&registerNumber=${encodeURIComponent(hung.registerNumber)}`,
    );
    expect(api.body.status).toBe('VALID');
    expect(api.body.diploma).toEqual({
      kind: 'THPT',
      serial: hung.serial,
      registerNumber: hung.registerNumber,
      issuer: { code: 'SGD-HP', name: 'Sở Giáo dục và Đào tạo Hải Phòng' },
      issueDate: '2024-08-14',
    });
    const miss = await json(
      `/api/v1/lookup?serial=${encodeURIComponent(hung.serial)}&fullName=${encodeURIComponent(hung.fullName)}&birthDate=04/12/2006`,
    );
    // Issue 14: a not-found names what the registry holds, never anything about the person asked for.
    expect(miss.body).toEqual({
      status: 'NOT_FOUND',
      messageVi: expect.any(String) as unknown,
      messageEn: expect.any(String) as unknown,
      coverage: {
        vi: 'Hệ thống này giữ văn bằng THPT của Sở Giáo dục và Đào tạo Hải Phòng năm 2024. Văn bằng của các năm khác chưa được số hóa: hãy hỏi cơ quan đã cấp văn bằng.',
        en: expect.stringContaining('THPT diplomas of Sở Giáo dục và Đào tạo Hải Phòng for 2024') as unknown,
      },
      checkedAt: expect.any(String) as unknown,
    });
    const page = await post('serial=HP+9999999&registerNumber=000001%2FTHPT-2024');
    expect(page.body).toContain('Không tìm thấy văn bằng');
  });

  it('lands a QR: VALID with every §5.1 field; a flipped character is FORGED, distinct from NOT_FOUND', async () => {
    const token = tokenFor(keyring, hung);
    const page = await get(`/v/${token}`);
    expect(page.status).toBe(200);
    for (const shown of [
      'Văn bằng hợp lệ',
      'Nguyễn Đình Hưng',
      '03/12/2006',
      'Hải Dương',
      hung.serial,
      hung.registerNumber,
      '14/08/2024',
      'Sở Giáo dục và Đào tạo Hải Phòng',
    ])
      expect(page.body).toContain(shown);
    const api = await json(`/api/v1/verify/${token}`);
    expect(api.body).toMatchObject({
      status: 'VALID',
      diploma: {
        registerNumber: hung.registerNumber,
        holder: { fullName: 'Nguyễn Đình Hưng', birthDate: '2006-12-03', birthPlace: 'Hải Dương' },
      },
    });

    const forged = await get(`/v/${tamper(token)}`);
    expect(forged.status).toBe(200);
    expect(forged.body).toContain('Mã QR không hợp lệ hoặc đã bị sửa đổi');
    expect(forged.body).not.toContain('Nguyễn Đình Hưng');
    expect((await json(`/api/v1/verify/${tamper(token)}`)).body.status).toBe('FORGED');
    expect((await json('/api/v1/verify/not-a-token')).body.status).toBe('FORGED');
    // Genuinely signed, but naming another diploma's serial: not made for this diploma.
    const moved = tokenFor(keyring, hung, { serial: diplomas[0]!.serial });
    expect((await json(`/api/v1/verify/${moved}`)).body.status).toBe('FORGED');
    // Genuinely signed for a diploma the register does not have: not found, not forged.
    const unknown = tokenFor(keyring, { ...hung, diplomaId: 'sgd-hp-1234-2024-09999' });
    expect((await json(`/api/v1/verify/${unknown}`)).body.status).toBe('NOT_FOUND');
  });

  it('tells an exempt holder’s lookup NOT_PUBLIC, in words that do not reveal why, on every channel', async () => {
    const byHolder = `serial=${encodeURIComponent(exempt.serial)}&fullName=${encodeURIComponent(exempt.fullName)}&birthDate=${exempt.birthDate}`;
    const pages = [await post(byHolder), await post(`${byHolder}&lang=en`), await get(`/v/${tokenFor(keyring, exempt)}`)];
    const apis = [await json(`/api/v1/lookup?${byHolder}`), await json(`/api/v1/verify/${tokenFor(keyring, exempt)}`)];
    expect(pages[0]!.body).toContain('Thông tin văn bằng này không tra cứu trực tuyến được; vui lòng liên hệ cơ quan cấp.');
    expect(pages[1]!.body).toContain('not available online');
    for (const page of pages) {
      expect(page.body).not.toMatch(EXEMPTION_WORDS);
      expect(page.body).not.toContain(exempt.fullName);
      expect(page.body).not.toContain(exempt.serial);
    }
    for (const api of apis) {
      expect(api.body).toEqual({
        status: 'NOT_PUBLIC',
        messageVi: expect.any(String) as unknown,
        messageEn: expect.any(String) as unknown,
        checkedAt: expect.any(String) as unknown,
      });
      expect(JSON.stringify(api.body)).not.toMatch(EXEMPTION_WORDS);
    }
  });

  it('renders corrections, replacement, revocation and loss with their decisions (statuses of issue 6)', async () => {
    const db = await world.readModels();
    const [corrected, replaced, revoked] = diplomas.filter((d) => !d.exempt && d !== hung);
    const set = db.prepare('UPDATE public_lookup SET status = ?, corrections = ?, replacement = ?, revocation = ? WHERE diploma_id = ?');
    set.run('corrected', JSON.stringify([{ decisionNumber: '15/QĐ-SGDĐT', decisionDate: '2025-03-02' }]), null, null, corrected!.diplomaId);
    set.run(
      'replaced',
      '[]',
      JSON.stringify({ serial: 'HP 0209911', decisionNumber: '16/QĐ-SGDĐT', decisionDate: '2025-03-03' }),
      null,
      replaced!.diplomaId,
    );
    set.run('revoked', '[]', null, JSON.stringify({ decisionNumber: '17/QĐ-SGDĐT', decisionDate: '2025-03-04' }), revoked!.diplomaId);
    try {
      const form = (d: IssuedDiploma) => `serial=${encodeURIComponent(d.serial)}&registerNumber=${encodeURIComponent(d.registerNumber)}`;
      const ask = (d: IssuedDiploma) => `/api/v1/lookup?${form(d)}`;
      expect((await json(ask(corrected!))).body).toMatchObject({
        status: 'VALID_WITH_CORRECTIONS',
        corrections: [{ decisionNumber: '15/QĐ-SGDĐT', decisionDate: '2025-03-02' }],
      });
      expect((await post(form(corrected!))).body).toContain('Quyết định số 15/QĐ-SGDĐT ngày 02/03/2025');
      expect((await json(ask(replaced!))).body).toMatchObject({ status: 'REPLACED', replacedBy: { serial: 'HP 0209911' } });
      expect((await post(form(replaced!))).body).toContain('HP 0209911');
      expect((await json(ask(revoked!))).body).toMatchObject({
        status: 'REVOKED',
        revocation: { decisionNumber: '17/QĐ-SGDĐT', decisionDate: '2025-03-04' },
      });
      expect((await post(`${form(revoked!)}&lang=en`)).body).toContain('Decision No. 17/QĐ-SGDĐT of 04/03/2025');
      set.run('lost', '[]', null, null, revoked!.diplomaId);
      expect((await json(ask(revoked!))).body.status).toBe('NO_LONGER_VALID');
      expect((await post(form(revoked!))).body).toContain('không còn giá trị');
    } finally {
      for (const d of [corrected!, replaced!, revoked!]) set.run('valid', '[]', null, null, d.diplomaId);
    }
  });

  it('refuses incomplete or mixed queries with coded bilingual problems, on the page and as problem+json', async () => {
    const api = await json('/api/v1/lookup?serial=HP%200200001&fullName=Nguyen&birthDate=31/02/2006');
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(api.body).toMatchObject({
      code: 'BIRTH_DATE_IMPOSSIBLE',
      field: 'birthDate',
      messageVi: expect.any(String) as unknown,
      messageEn: expect.any(String) as unknown,
    });
    const mixed = await json('/api/v1/lookup?serial=HP%200200001&fullName=A&birthDate=2006&registerNumber=1');
    expect(mixed.body).toMatchObject({ code: 'LOOKUP_WAYS_MIXED', field: 'registerNumber' });
    const several = await json('/api/v1/lookup?fullName=A&list=all');
    expect(several.body).toMatchObject({
      code: 'INVALID_INPUT',
      fieldProblems: expect.arrayContaining([
        expect.objectContaining({ code: 'UNKNOWN_FIELD', field: 'list' }),
        expect.objectContaining({ code: 'SERIAL_REQUIRED' }),
      ]) as unknown,
    });
    const page = await post('serial=&fullName=%3Cscript%3Ealert(1)%3C%2Fscript%3E&birthDate=18%2F09%2F2006');
    expect(page.status).toBe(400);
    expect(page.body).toContain('Hãy nhập số hiệu văn bằng.');
    expect(page.body).toContain('aria-invalid="true"');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>');
  });

  it('switches to English with ?lang=en and remembers it in a cookie', async () => {
    const first = await get('/?lang=en');
    expect(first.body).toContain('<html lang="en">');
    expect(first.body).toContain('Look up a graduation diploma');
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const next = await get('/', { cookie });
    expect(next.body).toContain('<html lang="en">');
    expect(next.body).toContain('href="/?lang=vi"');
    expect((await get('/')).body).toContain('<html lang="vi">');
  });

  it('publishes the key set, OpenAPI at /docs, and never shows ethnicity, national ID, sex or school in any answer', async () => {
    const keys = (await json('/.well-known/so-goc-keys.json')).body as unknown as { keys: { kid: string; authorityCode: string }[] };
    expect(keys.keys).toEqual([expect.objectContaining({ kid: keyring.activeSigningKey('SGD-HP').kid, authorityCode: 'SGD-HP' })]);
    const openapi = (await json('/docs/openapi.json')).body as unknown as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths).sort()).toEqual(['/.well-known/so-goc-keys.json', '/api/v1/lookup', '/api/v1/verify/{token}']);
    expect((await get('/docs')).headers.get('content-type')).toMatch(/text\/html/);

    expect(responses.length).toBeGreaterThan(20);
    for (const body of responses) {
      for (const d of diplomas) {
        expect(body).not.toContain(d.nationalId);
        expect(body).not.toContain(d.school);
      }
      expect(body).not.toContain('Mường');
      expect(body).not.toMatch(/dân tộc|ethnic|giới tính|\bsex\b|"Nam"|"Nữ"/i);
    }
  });

  it('logs every lookup with hashed client and serial, never the name, birth date or serial in clear', async () => {
    await app.close();
    const log = new Database(join(world.dir.path, 'lookup-log.sqlite'), { readonly: true });
    const rows = log.prepare('SELECT * FROM lookups ORDER BY id').all() as Record<string, string | null>[];
    log.close();
    expect(rows.length).toBeGreaterThan(15);
    expect(new Set(rows.map((r) => r['result']))).toEqual(
      new Set([
        'VALID',
        'NOT_FOUND',
        'FORGED',
        'NOT_PUBLIC',
        'VALID_WITH_CORRECTIONS',
        'REPLACED',
        'REVOKED',
        'NO_LONGER_VALID',
        'INVALID_INPUT',
      ]),
    );
    expect(new Set(rows.map((r) => r['query_kind']))).toEqual(new Set(['serial_holder', 'serial_register', 'qr', 'unknown']));
    expect(new Set(rows.map((r) => r['client_hash'])).size).toBe(1);
    const text = JSON.stringify(rows);
    for (const d of diplomas) {
      for (const secret of [d.serial, d.fullName, plain(d.fullName), d.birthDate, dmy(d.birthDate), d.registerNumber])
        expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('127.0.0.1');
    // The same serial always hashes the same way, so an auditor holding the key can find its lookups.
    const hungRows = rows.filter((r) => r['serial_hash'] !== null && r['result'] === 'VALID');
    expect(new Set(hungRows.map((r) => r['serial_hash'])).size).toBeGreaterThanOrEqual(1);
    app = await createVerifyPortal({ readModels: await world.readModels(), config: loadConfig({ SOGOC_DATA_DIR: world.dir.path }) });
  });

  it('answers 429 with Retry-After and a bilingual message once a client has used its burst, page or API', async () => {
    const limited = await createVerifyPortal(
      { readModels: await world.readModels(), config: loadConfig({ SOGOC_DATA_DIR: world.dir.path }) },
      { settings: { rateLimit: { perMinute: 30, burst: 3 }, lookupLogFile: join(world.dir.path, 'limited-log.sqlite') } },
    );
    await limited.listen(0, '127.0.0.1');
    const base = (await limited.getUrl()).replace('[::1]', 'localhost');
    try {
      const ask = `serial=${encodeURIComponent(hung.serial)}&registerNumber=${encodeURIComponent(hung.registerNumber)}`;
      for (let i = 0; i < 3; i++) expect((await fetch(`${base}/api/v1/lookup?${ask}`)).status).toBe(200);
      const api = await fetch(`${base}/api/v1/lookup?${ask}`);
      expect(api.status).toBe(429);
      expect(api.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(Number(api.headers.get('retry-after'))).toBe(2);
      expect(await api.json()).toMatchObject({
        code: 'RATE_LIMITED',
        status: 429,
        retryAfterSeconds: 2,
        messageVi: expect.stringContaining('thử lại sau 2 giây') as unknown,
        messageEn: expect.stringContaining('try again in 2 seconds') as unknown,
      });
      const page = await fetch(`${base}/tra-cuu`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: ask,
      });
      expect(page.status).toBe(429);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toContain('Quá nhiều lượt tra cứu');
      expect((await fetch(`${base}/v/${tokenFor(keyring, hung)}`)).status).toBe(429);
      // The form itself is not a lookup and stays reachable.
      expect((await fetch(`${base}/`)).status).toBe(200);
      // A client that keeps hammering: every answer a 429, and the log does not grow by a row per request.
      for (let i = 0; i < 60; i++) expect((await fetch(`${base}/api/v1/lookup?${ask}`)).status).toBe(429);
    } finally {
      await limited.close();
    }
    const log = new Database(join(world.dir.path, 'limited-log.sqlite'), { readonly: true });
    expect(log.prepare('SELECT result, COUNT(*) AS n FROM lookups GROUP BY result ORDER BY result').all()).toEqual([
      { result: 'VALID', n: 3 },
    ]);
    // Refused requests are counted per client and minute (issue 16): one row each, two if the run crossed a minute.
    expect(log.prepare('SELECT channel, SUM(count) AS n FROM refusals GROUP BY channel ORDER BY channel').all()).toEqual([
      { channel: 'api', n: 61 },
      { channel: 'page', n: 2 },
    ]);
    const refusals = log.prepare('SELECT minute, client_hash FROM refusals').all() as { minute: string; client_hash: string }[];
    expect(refusals.length).toBeLessThanOrEqual(4);
    expect(refusals[0]!.minute).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(JSON.stringify(refusals)).not.toContain('127.0.0.1');
    log.close();
  });

  it('answers 503 "try later" while the read models are being built, without logging the query', async () => {
    const empty = new Database(':memory:');
    const errors: string[] = [];
    const early = await createVerifyPortal(
      { readModels: empty, config: loadConfig({ SOGOC_DATA_DIR: world.dir.path }) },
      {
        logError: (message) => errors.push(message),
        settings: { lookupLogFile: join(world.dir.path, 'early-log.sqlite'), rateLimitFile: join(world.dir.path, 'early-rate.sqlite') },
      },
    );
    await early.listen(0, '127.0.0.1');
    const base = (await early.getUrl()).replace('[::1]', 'localhost');
    try {
      const query = `serial=${encodeURIComponent(hung.serial)}&fullName=${encodeURIComponent(hung.fullName)}&birthDate=${hung.birthDate}`;
      const api = await fetch(`${base}/api/v1/lookup?${query}`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('30');
      expect(await api.json()).toMatchObject({ code: 'READ_MODEL_NOT_READY' });
      const page = await fetch(`${base}/v/${tokenFor(keyring, hung)}`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('Dữ liệu tra cứu đang được cập nhật');
      expect(errors.join('\n')).not.toContain(hung.serial.split(' ')[1]!);
    } finally {
      await early.close();
      empty.close();
    }
  });
});
