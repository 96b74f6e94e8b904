import type { OfficerRole } from '@so-goc/domain';
import { ConsoleClient, signedInOfficer } from '../support/console-client';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';

jest.setTimeout(240_000);

const PASSWORD = 'mật-khẩu-đủ-dài-2026';

/**
 * Issue 13's remaining screens over real HTTP: the authority directory edited in the console (a unit, a
 * signer and the end of a mandate, a centre's licence — issue 18 —, a merger into a successor), the
 * revocation proposal with its separation of duties (rule 42) and the digital issue of a diploma (§0.5).
 * Refusals keep what was typed and say the rule; an officer of another authority gets 403 and nothing is recorded.
 */
describe('Officers’ console: the authority directory, the revocation proposal and the digital issue', () => {
  let t: TestSystem;
  let issued: IssuedEntry[];
  let admin: ConsoleClient;

  async function officer(authorityCode: string, officerId: string, roles: OfficerRole[], withTotp = false): Promise<ConsoleClient> {
    return (await signedInOfficer(t, { authorityCode, officerId, roles, password: PASSWORD, withTotp, includeSubordinates: true })).client;
  }

  const eventCount = async () => (await t.events()).length;

  /** Read models follow events asynchronously: read the page until it shows what was just recorded. */
  async function eventually(c: ConsoleClient, path: string, ready: (html: string) => boolean): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      await c.get(path);
      if (ready(c.lastHtml)) return c.lastHtml;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`${path} never showed what was expected:\n${c.lastHtml.slice(0, 3000)}`);
  }

  beforeAll(async () => {
    t = await startTestSystem();
    await t.given({
      type: 'RegisterAuthority',
      code: 'PGD-LC',
      name: 'Phòng GDĐT Lê Chân',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    issued = await issueThptCohortOverHttp(t, { rows: 12 });
    admin = await officer('SGD-HP', 'qt-danh-muc', ['administrator'], true);
  });
  afterAll(() => t.stop());

  it('registers a unit: bad input keeps what was typed and records nothing; then the unit is in the directory', async () => {
    await admin.get('/console/SGD-HP/admin/directory');
    expect(admin.lastHtml).toContain('Đăng ký đơn vị trực thuộc');
    await admin.get('/console/SGD-HP/admin/directory/units/new');
    const before = await eventCount();
    const bad = await admin.post('/console/SGD-HP/admin/directory/units/new', {
      code: 'TTNN-HP',
      name: 'Trung tâm Ngoại ngữ Hải Phòng',
      kind: '',
      registeredOn: '31/02/2026',
    });
    expect(bad.status).toBe(400);
    expect(admin.lastHtml).toContain('value="Trung tâm Ngoại ngữ Hải Phòng"');
    expect(admin.lastHtml).toContain('Chọn loại đơn vị.');
    expect(admin.lastHtml).toContain('không có thật trên lịch');
    expect(await eventCount()).toBe(before);

    for (const [code, name, kind] of [
      ['TTNN-HP', 'Trung tâm Ngoại ngữ Hải Phòng', 'centre'],
      ['PGD-KA', 'Phòng GDĐT Kiến An', 'district_office'],
    ] as const) {
      await admin.get('/console/SGD-HP/admin/directory/units/new');
      const ok = await admin.post('/console/SGD-HP/admin/directory/units/new', { code, name, kind, registeredOn: '01/09/2026' });
      expect({ code, status: ok.status, location: ok.headers.get('location') }).toEqual({
        code,
        status: 303,
        location: '/console/SGD-HP/admin/directory?done=unit',
      });
    }
    const page = await eventually(admin, '/console/SGD-HP/admin/directory', (html) => html.includes('Phòng GDĐT Kiến An'));
    expect(page).toContain('Trung tâm Ngoại ngữ Hải Phòng');
  });

  it('registers a signer (rule 6 refusal said with its number), ends the mandate after a restatement', async () => {
    await admin.get('/console/SGD-HP/admin/directory/signers/new');
    const fields = {
      signerId: 'pgd-tran-binh',
      fullName: 'Trần Văn Bình',
      title: 'Phó Giám đốc',
      role: 'deputy_in_charge',
      validFrom: '01/10/2026',
      validTo: '',
      delegationRef: '',
      officerId: '',
    };
    const before = await eventCount();
    expect((await admin.post('/console/SGD-HP/admin/directory/signers/new', fields)).status).toBe(400);
    expect(admin.lastHtml).toContain('quy tắc 6');
    expect(admin.lastHtml).toContain('value="Trần Văn Bình"');
    expect(await eventCount()).toBe(before);
    const ok = await admin.post('/console/SGD-HP/admin/directory/signers/new', { ...fields, delegationRef: '456/QĐ-UBND' });
    expect(ok.status).toBe(303);
    await eventually(admin, '/console/SGD-HP/admin/directory', (html) => html.includes('Trần Văn Bình'));

    const endPath = '/console/SGD-HP/admin/directory/signers/pgd-tran-binh/end-mandate';
    expect(admin.lastHtml).toContain(endPath);
    await admin.get(endPath);
    const check = await admin.post(endPath, { validTo: '30/11/2026', reason: 'Điều động theo QĐ 789/QĐ-UBND' });
    expect(check.status).toBe(200);
    expect(admin.lastHtml).toContain('Không đảo ngược được');
    expect(admin.lastHtml).toContain('Điều động theo QĐ 789/QĐ-UBND');
    expect(await eventCount()).toBe(before + 1);
    const confirmed = await admin.post(`${endPath}/confirmed`, { validTo: '30/11/2026', reason: 'Điều động theo QĐ 789/QĐ-UBND' });
    expect(confirmed.headers.get('location')).toBe('/console/SGD-HP/admin/directory?done=mandate-ended');
    const page = await eventually(admin, '/console/SGD-HP/admin/directory', (html) => html.includes('30/11/2026'));
    expect(page).toContain('Hết thẩm quyền');
  });

  it('licenses the centre for foreign-language certificates; the licence is listed with its validity', async () => {
    const path = '/console/SGD-HP/admin/directory/units/TTNN-HP/licences/new';
    await admin.get(path);
    expect(admin.lastHtml).toContain('CC-NN');
    const before = await eventCount();
    const fields = {
      licenceId: 'ttnn-hp-2026',
      decisionRef: '512/QĐ-SGDĐT',
      decisionDate: '05/10/2026',
      validFrom: '05/10/2026',
      validTo: '31/12/2028',
    };
    expect((await admin.post(path, fields)).status).toBe(400);
    expect(admin.lastHtml).toContain('Chọn ít nhất một loại chứng chỉ.');
    expect(admin.lastHtml).toContain('value="512/QĐ-SGDĐT"');
    expect(await eventCount()).toBe(before);
    expect((await admin.post(path, { ...fields, scope: 'CC-NN' })).status).toBe(303);
    const page = await eventually(admin, '/console/SGD-HP/admin/directory?done=licence', (html) => html.includes('512/QĐ-SGDĐT'));
    expect(page).toContain('Đã ghi nhận giấy phép.');
    expect(page).toContain('31/12/2028');
    // A unit that is not under this authority has no licence form.
    expect((await admin.get('/console/SGD-HP/admin/directory/units/SGD-HP/licences/new')).status).toBe(404);
  });

  it('merges a district into another after a restatement; across kinds is refused with the typed values kept', async () => {
    const path = '/console/PGD-LC/admin/directory/end';
    await admin.get(path);
    const before = await eventCount();
    const across = { how: 'merged', successorCode: 'TTNN-HP', effectiveOn: '01/12/2026', decisionRef: '99/NQ-HĐND' };
    await admin.post(path, across);
    expect(admin.lastHtml).toContain('Chấm dứt hoạt động của PGD-LC?');
    expect((await admin.post(`${path}/confirmed`, across)).status).toBe(400);
    expect(admin.lastHtml).toContain('Chỉ hợp nhất được vào đơn vị cùng loại');
    expect(admin.lastHtml).toContain('value="99/NQ-HĐND"');
    expect(await eventCount()).toBe(before);
    const merge = { ...across, successorCode: 'PGD-KA' };
    expect((await admin.post(`${path}/confirmed`, merge)).headers.get('location')).toBe('/console/PGD-LC/admin/directory?done=ended');
    const page = await eventually(admin, '/console/PGD-KA/admin/directory', (html) => html.includes('PGD-LC'));
    expect(page).toContain('99/NQ-HĐND');
  });

  it('keeps officers of another authority, and other roles, out of the directory forms: 403, nothing recorded', async () => {
    const district = await officer('PGD-KA', 'qt-kien-an', ['administrator'], true);
    const registrar = await officer('SGD-HP', 'vb-danh-muc', ['registrar']);
    await district.get('/console/PGD-KA/admin/directory');
    await registrar.get('/console/SGD-HP/admin/directory');
    const before = await eventCount();
    for (const [client, who] of [
      [district, 'district'],
      [registrar, 'registrar'],
    ] as const) {
      for (const path of [
        '/console/SGD-HP/admin/directory/units/new',
        '/console/SGD-HP/admin/directory/signers/new',
        '/console/SGD-HP/admin/directory/end',
        '/console/SGD-HP/admin/directory/units/TTNN-HP/licences/new',
      ]) {
        expect({ who, path, status: (await client.get(path)).status }).toEqual({ who, path, status: 403 });
      }
      const post = await client.post('/console/SGD-HP/admin/directory/units/new', {
        code: 'PGD-X',
        name: 'Phòng X',
        kind: 'district_office',
        registeredOn: '01/09/2026',
      });
      expect({ who, status: post.status }).toEqual({ who, status: 403 });
      const end = await client.post('/console/SGD-HP/admin/directory/end/confirmed', {
        how: 'abolished',
        successorCode: 'PGD-KA',
        effectiveOn: '01/12/2026',
        decisionRef: 'x',
      });
      expect({ who, status: end.status }).toEqual({ who, status: 403 });
    }
    expect(await eventCount()).toBe(before);
  });

  it('records a revocation proposal; its proposer may not record the decision (rule 42, 403, nothing recorded); another officer does', async () => {
    const proposer = await officer('SGD-HP', 'vb-de-xuat', ['registrar']);
    const head = await officer('SGD-HP', 'vb-quyet-dinh', ['registrar']);
    const { diplomaId } = issued[1]!;
    const d = `/console/SGD-HP/diplomas/${diplomaId}`;
    await proposer.get(d);
    expect(proposer.lastHtml).toContain(`${d}/revocation-proposal`);
    await proposer.get(`${d}/revocation-proposal`);
    const before = await eventCount();
    expect(
      (await proposer.post(`${d}/revocation-proposal`, { ground: 'fraud', source: 'police', reasons: '', proposedOn: '01/12/2026' }))
        .status,
    ).toBe(400);
    expect(proposer.lastHtml).toContain('quy tắc 42');
    expect(await eventCount()).toBe(before);
    const proposed = await proposer.post(`${d}/revocation-proposal`, {
      ground: 'fraud',
      source: 'police',
      reasons: 'Công văn 9/CV-CAHP: học bạ giả',
      proposedOn: '01/12/2026',
    });
    expect(proposed.headers.get('location')).toBe(`${d}?done=revocation-proposed`);
    await proposer.get(`${d}?done=revocation-proposed`);
    expect(proposer.lastHtml).toContain('đã đề xuất thu hồi ngày 01/12/2026');
    expect(proposer.lastHtml).not.toContain(`${d}/revocation-proposal"`);

    // The decision's form starts from the proposal.
    await proposer.get(`${d}/revocation`);
    expect(proposer.lastHtml).toMatch(/<option value="fraud" selected>/);
    const decision = {
      decisionNumber: '15/QĐ-SGDĐT',
      decisionDate: '02/12/2026',
      ground: 'fraud',
      source: 'police',
      reasons: 'Gian lận hồ sơ theo công văn 9/CV-CAHP',
    };
    const afterProposal = await eventCount();
    const own = await proposer.post(`${d}/revocation/confirmed`, decision);
    expect(own.status).toBe(403);
    expect(proposer.lastHtml).toContain('Cán bộ đã đề xuất thu hồi không được tự ghi nhận quyết định thu hồi');
    expect(proposer.lastHtml).toContain('quy tắc 42');
    expect(proposer.lastHtml).toContain('value="15/QĐ-SGDĐT"');
    expect(await eventCount()).toBe(afterProposal);

    await head.get(`${d}/revocation`);
    const revoked = await head.post(`${d}/revocation/confirmed`, decision);
    expect(revoked.headers.get('location')).toBe(`${d}?done=revoked`);
  });

  it('records the digital issue of a diploma after restating it, once; it is shown on the diploma page', async () => {
    const registrar = await officer('SGD-HP', 'vb-dien-tu', ['registrar']);
    const { diplomaId } = issued[2]!;
    const d = `/console/SGD-HP/diplomas/${diplomaId}`;
    await registrar.get(d);
    expect(registrar.lastHtml).toContain(`${d}/digital-issue`);
    await registrar.get(`${d}/digital-issue`);
    const before = await eventCount();
    const fields = { issuedOn: '03/12/2026', reference: 'CSDL-VB-2026-000123' };
    await registrar.post(`${d}/digital-issue`, fields);
    expect(registrar.lastHtml).toContain('ghi nhận một lần và không sửa được');
    expect(await eventCount()).toBe(before);
    expect((await registrar.post(`${d}/digital-issue/confirmed`, fields)).headers.get('location')).toBe(`${d}?done=issued-digitally`);
    await registrar.get(d);
    expect(registrar.lastHtml).toContain('Đã cấp văn bằng điện tử ngày 03/12/2026, mã bản ghi CSDL-VB-2026-000123.');
    expect(registrar.lastHtml).not.toContain(`${d}/digital-issue"`);
  });
});
