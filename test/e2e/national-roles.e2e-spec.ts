import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { givenOfficer } from '../support/officers';

/**
 * Issue 16: what the officers' API tells the public about itself, and who may publish the one national
 * calendar every province's due times count on (rule 49).
 */
describe("national-level acts and the officers' /health (issue 16)", () => {
  let t: TestSystem;
  let ministryAdmin: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestSystem();
    await t.given({
      type: 'RegisterAuthority',
      code: 'BGDDT',
      name: 'Bộ Giáo dục và Đào tạo',
      kind: 'ministry',
      parentCode: null,
      registeredOn: '2000-01-01',
    });
    ministryAdmin = await givenOfficer(t.eventsFile, 'BGDDT', 'admin-bo', ['administrator']);
    auditor = await givenOfficer(t.eventsFile, 'SGD-HP', 'auditor-hp', ['auditor']);
  });
  afterAll(() => t.stop());

  const tet2028 = {
    holidays: ['2028-01-24', '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28'].map((date) => ({ date, name: 'Tết Nguyên đán' })),
    makeUpWorkingDays: [],
    source: 'Thông báo (thử nghiệm) số 1/TB-BNV',
  };

  it("a province's administrator may not publish the national holiday calendar: 403, nothing recorded", async () => {
    const before = (await t.events()).length;
    const refused = await t.request('POST', '/api/v1/authorities/SGD-HP/holiday-calendar/years/2028', { body: tet2028 });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('NATIONAL_ROLE_REQUIRED');
    expect((await t.events()).length).toBe(before);
  });

  it("the ministry's administrator publishes it, and every province reads it", async () => {
    const published = await t.request('POST', '/api/v1/authorities/BGDDT/holiday-calendar/years/2028', {
      body: tet2028,
      token: ministryAdmin,
    });
    expect(published.status).toBe(201);
    const read = (await (await t.request('GET', '/api/v1/authorities/SGD-HP/holiday-calendar/years/2028')).json()) as {
      published: boolean;
      holidays: unknown[];
    };
    expect(read).toMatchObject({ published: true });
    expect(read.holidays).toHaveLength(5);
  });

  it("/health tells the public only up/down; details need an administrator's token", async () => {
    const publicAnswer = await fetch(`${t.api}/health`);
    expect(publicAnswer.status).toBe(200);
    expect(await publicAnswer.json()).toEqual({ status: 'ok' });
    for (const token of ['sgt_0000.invalid', auditor]) {
      expect(await (await fetch(`${t.api}/health`, { headers: { authorization: `Bearer ${token}` } })).json()).toEqual({ status: 'ok' });
    }
    const details = (await (await fetch(`${t.api}/health`, { headers: { authorization: `Bearer ${t.adminToken}` } })).json()) as {
      eventStore: string;
      projections: { name: string }[];
    };
    expect(details.eventStore).toBe('sqlite');
    expect(details.projections.length).toBeGreaterThan(0);
  });
});
