import ExcelJS from 'exceljs';
import { VIETNAM_HOLIDAY_BASELINE } from '@so-goc/domain';
import { decodeQrCodes } from '@so-goc/documents/testing/pdf-checks';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';
import { givenOfficer } from '../support/officers';

jest.setTimeout(180_000);

describe('Copies and verification letters over HTTP (issue: copies and verification requests)', () => {
  let t: TestSystem;
  let issued: IssuedEntry[];
  beforeAll(async () => {
    t = await startTestSystem();
    // Issue 17: a Sở's papers are headed by its People's Committee (Nghị định 30/2020), set over HTTP.
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/governing-body', {
          body: { governingBody: 'Ủy ban nhân dân thành phố Hải Phòng', effectiveOn: '2000-01-01' },
        })
      ).status,
    ).toBe(201);
    issued = await issueThptCohortOverHttp(t);
    const copyLot = {
      lotId: 'HP-BS-2026',
      kind: 'THPT_COPY',
      templateVersion: 'TT21-2019',
      prefix: 'BS',
      width: 7,
      from: 1,
      to: 100,
      supplier: 'Nhà in',
      deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
      receivedBy: 'Lan',
      receivedOn: '2026-01-05',
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', { body: copyLot })).status).toBe(201);
  });
  afterAll(() => t.stop());

  const poll = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let i = 0; i < 300; i += 1) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return read();
  };

  it('receives a counter request after 15:00 on a Friday (due Monday), issues three numbered copies and exports the copy register', async () => {
    const holder = issued[7]!;
    const request = {
      requestId: 'bs-2026-0412',
      diplomaId: holder.diplomaId,
      requester: { kind: 'holder', fullName: holder.fullName, idDocument: { kind: 'CCCD', number: '031206000123' } },
      channel: 'counter',
      receivedAt: '2026-11-20T15:20:00+07:00',
      copies: 3,
    };
    const received = await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', { body: request });
    expect(received.status).toBe(201);
    const bad = await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', {
      body: { ...request, requestId: 'bs-x', copies: 0, channel: 'fax' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fieldProblems: { field: string }[] }).fieldProblems.map((p) => p.field).sort()).toEqual([
      'channel',
      'copies',
    ]);

    const copies = await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests/bs-2026-0412/copies', {
      body: { lotId: 'HP-BS-2026', issuedOn: '2026-11-23', issuePlace: 'Hải Phòng', signerId: 'gd-sgd-hp' },
    });
    expect(copies.status).toBe(201);
    const register = await poll(
      async () =>
        (await (await t.request('GET', '/api/v1/authorities/SGD-HP/copy-register/THPT/2026')).json()) as {
          copies: { copyNumber: string; serial: string }[];
        },
      (r) => r.copies.length === 3,
    );
    expect(register.copies.map((c) => [c.copyNumber, c.serial])).toEqual([
      ['000001/BS-THPT-2026', 'BS 0000001'],
      ['000002/BS-THPT-2026', 'BS 0000002'],
      ['000003/BS-THPT-2026', 'BS 0000003'],
    ]);
    const xlsx = await t.request('GET', '/api/v1/authorities/SGD-HP/copy-register/THPT/2026/export.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toEqual(expect.arrayContaining([holder.fullName, '000002/BS-THPT-2026']));
  });

  it('rule 49 counts on the calendar officers publish: the ministry amends 2026 with a day off before Quốc khánh; a Friday request after 15:00 is due the first working day after it', async () => {
    // A request must be received by the day it is recorded (issue 16), so the published calendar is this
    // year's, amended: Monday 31/8/2026 off, which joins the statutory 1–2/9 (Tue, Wed).
    const baseline2026 = VIETNAM_HOLIDAY_BASELINE.find((y) => y.year === 2026)!;
    const amended = {
      holidays: [...baseline2026.holidays, { date: '2026-08-31', name: 'Nghỉ hoán đổi (Quốc khánh)' }],
      makeUpWorkingDays: baseline2026.makeUpWorkingDays,
      source: 'Thông báo (thử nghiệm) số 1/TB-BNV',
    };
    // The national calendar is the ministry's to publish (issue 16).
    await t.given({
      type: 'RegisterAuthority',
      code: 'BGDDT',
      name: 'Bộ Giáo dục và Đào tạo',
      kind: 'ministry',
      parentCode: null,
      registeredOn: '2000-01-01',
    });
    const ministry = await givenOfficer(t.eventsFile, 'BGDDT', 'admin-bo', ['administrator']);
    // 2026 is known from the baseline: publishing it again without saying it amends is a conflict.
    const unmarked = await t.request('POST', '/api/v1/authorities/BGDDT/holiday-calendar/years/2026', {
      body: amended,
      token: ministry,
    });
    expect(unmarked.status).toBe(409);
    const published = await t.request('POST', '/api/v1/authorities/BGDDT/holiday-calendar/years/2026', {
      body: { ...amended, amends: true },
      token: ministry,
    });
    expect(published.status).toBe(201);
    expect(
      ((await (await t.request('GET', '/api/v1/authorities/SGD-HP/holiday-calendar/years/2026')).json()) as { holidays: unknown[] })
        .holidays,
    ).toHaveLength(baseline2026.holidays.length + 1);

    const holder = issued[8]!;
    const request = {
      requestId: 'bs-2026-0828',
      diplomaId: holder.diplomaId,
      requester: { kind: 'holder', fullName: holder.fullName, idDocument: { kind: 'CCCD', number: '031206000777' } },
      channel: 'counter',
      receivedAt: '2026-08-28T15:30:00+07:00',
      copies: 1,
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', { body: request })).status).toBe(201);
    const late = async (now: string) =>
      (
        (await (await t.request('GET', `/api/v1/authorities/SGD-HP/copy-requests/past-due?now=${now}`)).json()) as {
          requests: { requestId: string }[];
        }
      ).requests.map((r) => r.requestId);
    // Due Thursday 3/9 at the end of the working day (17:00 in Hà Nội, 10:00 UTC), not Monday 31/8.
    expect(
      await poll(
        () => late('2026-09-03T09:00:00Z'),
        (ids) => !ids.includes('bs-2026-0828'),
      ),
    ).not.toContain('bs-2026-0828');
    expect(
      await poll(
        () => late('2026-09-03T11:00:00Z'),
        (ids) => ids.includes('bs-2026-0828'),
      ),
    ).toContain('bs-2026-0828');
  });

  it.each([
    ['9999-12-31T09:00:00+07:00', 'DATE_IN_FUTURE'],
    ['1900-01-02T09:00:00+07:00', 'DATE_TOO_EARLY'],
  ])('issue 16: a copy request received at %s is 400 %s, and nothing is recorded', async (receivedAt, code) => {
    const holder = issued[9]!;
    const before = (await t.events()).length;
    const answer = await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', {
      body: {
        requestId: `bs-implausible-${code.toLowerCase().replace(/_/g, '-')}`,
        diplomaId: holder.diplomaId,
        requester: { kind: 'holder', fullName: holder.fullName, idDocument: { kind: 'CCCD', number: '031206000999' } },
        channel: 'counter',
        receivedAt,
        copies: 1,
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await answer.json()) as { fieldProblems?: { field: string; code: string }[] };
    expect(problem.fieldProblems?.map((p) => `${p.field} ${p.code}`)).toEqual([`receivedAt ${code}`]);
    expect((await t.events()).length).toBe(before);
  });

  it('answers a police letter about two people and prints the response letter with a QR pointing at the portal', async () => {
    const [a] = issued;
    const letter = {
      requestId: 'cv-ca-2026-17',
      organisation: 'Phòng Cảnh sát hình sự, Công an thành phố Hải Phòng',
      letterNumber: '217/PC02',
      letterDate: '2026-03-01',
      receivedOn: '2026-03-03',
      subjects: [
        { fullName: a!.fullName, birthDate: a!.birthDate, serial: a!.serial },
        { fullName: 'Trần Văn Giả', serial: 'HP 0209999' },
      ],
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/verification-requests', { body: letter })).status).toBe(201);
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/verification-requests/cv-ca-2026-17/answer', {
          body: { responseLetterNumber: '388/SGDĐT-QLCL', respondedOn: '2026-03-05', signerId: 'gd-sgd-hp' },
        })
      ).status,
    ).toBe(201);
    const answered = await poll(
      async () =>
        (await t.request('GET', '/api/v1/authorities/SGD-HP/verification-requests/cv-ca-2026-17')).json() as Promise<{
          answers: { result: string }[] | null;
        }>,
      (r) => Array.isArray(r.answers),
    );
    expect(answered.answers!.map((x) => x.result)).toEqual(['MATCH', 'NOT_FOUND']);
    const pdf = new Uint8Array(
      await (await t.request('GET', '/api/v1/authorities/SGD-HP/verification-requests/cv-ca-2026-17/letter.pdf')).arrayBuffer(),
    );
    const text = pdfPageTexts(pdf).join('\n');
    expect(text).toContain('388/SGDĐT-QLCL');
    expect(text).toContain(a!.fullName);
    // The letter balances the heading over two lines beside the national motto.
    expect(text).toMatch(/ỦY BAN NHÂN DÂN[\s\S]{0,120}THÀNH PHỐ HẢI PHÒNG/);
    const [url] = decodeQrCodes(pdf);
    expect(url).toBe(`${t.portalPublicUrl}/cong-van/cv-ca-2026-17`);
    // The QR lands on the portal, which confirms the letter without repeating its answers.
    const landing = await (await fetch(url!)).text();
    expect(landing).toContain('388/SGDĐT-QLCL');
    expect(landing).toContain('Phòng Cảnh sát hình sự');
    expect(landing).not.toContain(a!.fullName);
    expect(await (await fetch(`${t.portalPublicUrl}/cong-van/cv-gia-mao`)).text()).toContain('data-status="NOT_FOUND"');
  });
});
