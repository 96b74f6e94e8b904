import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { decodeQrCodes } from '@so-goc/documents/testing/pdf-checks';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { eventually, startTestSystem, type TestSystem } from '../support/embedded-system';
import { givenOfficer } from '../support/officers';

jest.setTimeout(180_000);

async function sheet(rows: (string | number | Date)[][]): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Sổ gốc 2001');
  ws.addRow(['SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG — SỔ GỐC NHẬP LẠI']);
  ws.addRow([
    'Loại văn bằng',
    'Năm',
    'Tập',
    'Trang',
    'Dòng',
    'Số vào sổ',
    'Số hiệu',
    'Họ và tên',
    'Ngày sinh',
    'Nơi sinh',
    'Giới tính',
    'Dân tộc',
    'Trường',
    'Ngày cấp',
    'Người ký',
    'Chức vụ',
    'Ghi chú',
  ]);
  for (const row of rows) ws.addRow(row);
  return new Blob([await workbook.xlsx.writeBuffer()]);
}

const line = (n: number, overrides: Partial<Record<'birth' | 'place', string>> = {}) => [
  'PTTH',
  2001,
  1,
  2,
  n,
  `${n}/2001`,
  `B ${String(700 + n).padStart(6, '0')}`,
  `Phạm Văn Số ${n}`,
  overrides.birth ?? '1983',
  overrides.place ?? 'An Hải, Hải Phòng',
  'Nam',
  'Kinh',
  'Trường PTTH Ngô Quyền',
  new Date(Date.UTC(2001, 7, 15)),
  'Trần Văn Bình',
  'Giám đốc',
  '',
];

describe('Paper registers over HTTP (issue 14)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    // The portal's per-client limit is not under test here; this file asks it many times from one address.
    process.env.SOGOC_PORTAL_RATE_PER_MINUTE = '6000';
    process.env.SOGOC_PORTAL_RATE_BURST = '1000';
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  it('registers a book, stores a page scan, imports a typed sheet (whole or nothing, idempotent), and a second officer’s check publishes the lines', async () => {
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
          body: { roles: ['administrator', 'registrar'], includeSubordinates: false },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/officers', {
          body: { officerId: 'kiem-tra', username: 'kiem.tra', fullName: 'Lê Thị Kiểm', roles: ['registrar'], includeSubordinates: false },
        })
      ).status,
    ).toBe(201);
    const checker = (
      (await (await t.request('POST', '/api/v1/authorities/SGD-HP/officers/kiem-tra/tokens', { body: { lifetimeDays: 7 } })).json()) as {
        token: string;
      }
    ).token;

    const book = await t.request('POST', '/api/v1/authorities/SGD-HP/legacy-books', {
      body: { kind: 'THPT', titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp PTTH', year: 2001, volume: 1, pageCount: 10 },
    });
    expect(book.status).toBe(201);
    const { bookId } = (await book.json()) as { bookId: string };
    expect(bookId).toBe('SGD-HP-THPT-2001-v1');

    const upload = (path: string, blob: Blob, name: string, token = t.adminToken) => {
      const form = new FormData();
      form.append('file', blob, name);
      return fetch(`${t.api}${path}`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      });
    };
    const notAScan = await upload(`/api/v1/authorities/SGD-HP/legacy-books/${bookId}/pages/2/scans`, new Blob(['GIF89a…']), 'trang-2.png');
    expect(notAScan.status).toBe(400);
    expect(await notAScan.json()).toMatchObject({ code: 'SCAN_NOT_IMAGE', field: 'file' });
    const png = new Blob([Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('page 2 of the 2001 book')])]);
    const scan = await upload(`/api/v1/authorities/SGD-HP/legacy-books/${bookId}/pages/2/scans`, png, 'trang-2.png');
    expect(scan.status).toBe(201);
    const { events } = (await scan.json()) as { events: { type: string }[] };
    expect(events.map((e) => e.type)).toEqual(['LegacyPageScanAttached']);
    const [attached] = await t.events(`legacy-book-${bookId}`).then((all) => all.filter((e) => e.type === 'LegacyPageScanAttached'));
    const sha256 = (attached!.data as { sha256: string }).sha256;
    const stored = await t.request('GET', `/api/v1/authorities/SGD-HP/legacy-books/${bookId}/scans/${sha256}`);
    expect(stored.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await stored.arrayBuffer()).equals(Buffer.from(await png.arrayBuffer()))).toBe(true);

    // A sheet with one bad row records nothing and names the row as Excel shows it.
    const bad = await upload(
      '/api/v1/authorities/SGD-HP/legacy-entries/import',
      await sheet([line(1), line(2, { birth: '2002' }), line(3)]),
      'so-goc-2001.xlsx',
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      code: 'LEGACY_SHEET_REJECTED',
      fieldProblems: [{ field: 'row 4: Ngày sinh', code: 'BIRTH_AFTER_ISSUE' }],
    });
    const good = await sheet([line(1), line(2, { birth: '5/1983', place: '[không đọc được]' }), line(3)]);
    const imported = await upload('/api/v1/authorities/SGD-HP/legacy-entries/import', good, 'so-goc-2001.xlsx');
    expect(imported.status).toBe(201);
    expect(await imported.json()).toEqual({ books: [{ bookId, entriesRecorded: 3, alreadyHandled: false }], rows: 3 });
    const again = await upload('/api/v1/authorities/SGD-HP/legacy-entries/import', good, 'so-goc-2001.xlsx');
    expect(await again.json()).toEqual({ books: [{ bookId, entriesRecorded: 0, alreadyHandled: false }], rows: 3 });

    const lookup = `${t.portal}/api/v1/lookup?serial=B%20000702&fullName=${encodeURIComponent('Phạm Văn Số 2')}&birthDate=05/1983`;
    expect(((await (await fetch(lookup)).json()) as { status: string }).status).toBe('NOT_FOUND');
    // Issue 12, item 8: If-Match on a book: a stale ETag gets 412 and records nothing; a scan refused so writes no file either.
    const bookEvents = (await t.events(`legacy-book-${bookId}`)).length;
    const staleCheck = await t.request('POST', `/api/v1/authorities/SGD-HP/legacy-books/${bookId}/checks`, {
      token: checker,
      body: { confirmed: ['p2-l1'] },
      headers: { 'if-match': '"0"' },
    });
    expect(staleCheck.status).toBe(412);
    const staleScan = await fetch(`${t.api}/api/v1/authorities/SGD-HP/legacy-books/${bookId}/pages/3/scans`, {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.append('file', png, 'trang-3.png');
        return form;
      })(),
      headers: { authorization: `Bearer ${t.adminToken}`, 'idempotency-key': randomUUID(), 'if-match': '"0"' },
    });
    expect(staleScan.status).toBe(412);
    expect(await t.events(`legacy-book-${bookId}`)).toHaveLength(bookEvents);
    const check = await t.request('POST', `/api/v1/authorities/SGD-HP/legacy-books/${bookId}/checks`, {
      token: checker,
      body: { confirmed: ['p2-l1', 'p2-l2', 'p2-l3'] },
      headers: { 'if-match': `"${bookEvents - 1}"` },
    });
    expect(check.status).toBe(201);

    let found: { status: string; diploma?: { serial: string } } = { status: '' };
    for (let i = 0; i < 200 && found.status !== 'VALID'; i += 1) {
      found = (await (await fetch(lookup)).json()) as typeof found;
      if (found.status !== 'VALID') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(found).toMatchObject({ status: 'VALID', diploma: { serial: 'B 000702' } });
    const register = (await (await eventually(() => t.request('GET', '/api/v1/authorities/SGD-HP/register-books/THPT/2001'))).json()) as {
      digitised: { diplomaId: string; source: string; marks: object }[];
    };
    expect(register.digitised[1]).toEqual(
      expect.objectContaining({
        diplomaId: 'legacy-sgd-hp-thpt-2001-v1-p2-l2',
        marks: { birthPlace: 'illegible', classification: 'blank' },
        source: 'Số hóa từ sổ gốc cấp bằng tốt nghiệp PTTH, tập 1, trang 2, dòng 2',
      }),
    );
    const progress = (await (await t.request('GET', `/api/v1/authorities/SGD-HP/legacy-books/${bookId}`)).json()) as object;
    expect(progress).toMatchObject({
      pages: [{ page: 2, scans: 1, checked: 3 }],
      typists: [{ officer: 'admin-hp', typed: 3 }],
      checkers: [{ officer: 'kiem-tra', checked: 3 }],
    });
  });

  it('the digitised diploma gets a copy from the register whose QR verifies, a correction into the appendix, and a police letter answered MATCH', async () => {
    const diplomaId = 'legacy-sgd-hp-thpt-2001-v1-p2-l1';
    await t.given({
      type: 'RegisterSigner',
      signerId: 'gd-sgd-hp',
      authorityCode: 'SGD-HP',
      fullName: 'Nguyễn Văn An',
      title: 'Giám đốc',
      role: 'head',
      validFrom: '2020-01-15',
    });
    const copyLot = {
      lotId: 'HP-BS-2026',
      kind: 'THPT_COPY',
      templateVersion: 'TT21-2019',
      prefix: 'BS',
      width: 7,
      from: 1,
      to: 50,
      supplier: 'Nhà in',
      deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
      receivedBy: 'Lan',
      receivedOn: '2026-01-05',
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/blank-lots', { body: copyLot })).status).toBe(201);
    const request = {
      requestId: 'bs-legacy-1',
      diplomaId,
      requester: { kind: 'holder', fullName: 'Phạm Văn Số 1', idDocument: { kind: 'CCCD', number: '031083000001' } },
      channel: 'counter',
      receivedAt: '2026-11-23T09:00:00+07:00',
      copies: 1,
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', { body: request })).status).toBe(201);
    const copies = await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests/bs-legacy-1/copies', {
      body: { lotId: 'HP-BS-2026', issuedOn: '2026-11-23', issuePlace: 'Hải Phòng', signerId: 'gd-sgd-hp' },
    });
    expect(copies.status).toBe(201);
    let response: Response | undefined;
    for (let i = 0; i < 200; i += 1) {
      response = await t.request('GET', '/api/v1/authorities/SGD-HP/copies/bs-legacy-1-1.pdf?mode=preview');
      if (response.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(response!.status).toBe(200);
    const pdf = new Uint8Array(await response!.arrayBuffer());
    const text = pdfPageTexts(pdf)[0]!;
    expect(text).toContain('BẢN SAO');
    expect(text).toContain('Phạm Văn Số 1');
    // The book's line supplies what a register row has no column for: school and year of the book.
    expect(text).toContain('Trường PTTH Ngô Quyền');
    expect(text).toMatch(/Năm tốt nghiệp:\s*2001/);
    const [url] = decodeQrCodes(pdf);
    const answer = (await (await fetch(url!.replace('/v/', '/api/v1/verify/'))).json()) as object;
    expect(answer).toMatchObject({ status: 'VALID', copy: { copyNumber: '000001/BS-THPT-2026' }, diploma: { serial: 'B 000701' } });

    const base = `/api/v1/authorities/SGD-HP/diplomas/${diplomaId}/correction-requests`;
    const correction = {
      requestId: 'cs-legacy-1',
      ground: 'civil_status_changed',
      changes: [{ field: 'birthPlace', after: 'Phường Đông Hải, thành phố Hải Phòng' }],
      document: { kind: 'Trích lục', number: '1/TLCC', date: '2026-11-02', issuedBy: 'UBND phường Đông Hải' },
      requestedBy: 'Phạm Văn Số 1',
      receivedOn: '2026-11-24',
      dossierCompleteOn: '2026-11-24',
    };
    expect((await t.request('POST', base, { body: correction })).status).toBe(201);
    // Issue 17: the head records the decision, not the officer who took the dossier.
    const head = await givenOfficer(t.eventsFile, 'SGD-HP', 'giam-doc-hp', ['signer']);
    expect(
      (
        await t.request('POST', `${base}/cs-legacy-1/decision`, {
          token: head,
          body: { decisionNumber: '90/QĐ-SGDĐT', decisionDate: '2026-11-25' },
        })
      ).status,
    ).toBe(201);
    let appendix: { rows?: { diplomaId: string; decisionNumber: string }[] } = {};
    for (let i = 0; i < 200 && !appendix.rows?.length; i += 1) {
      appendix = (await (await t.request('GET', '/api/v1/authorities/SGD-HP/register-appendix/THPT/2001')).json()) as typeof appendix;
      if (!appendix.rows?.length) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(appendix.rows).toMatchObject([{ diplomaId, decisionNumber: '90/QĐ-SGDĐT' }]);

    const letter = {
      requestId: 'cv-legacy-1',
      organisation: 'Công an thành phố Hải Phòng',
      letterNumber: '77/PC02',
      letterDate: '2026-11-20',
      receivedOn: '2026-11-23',
      legalBasis: 'Xác minh lý lịch',
      subjects: [{ fullName: 'Phạm Văn Số 3', birthDate: '1983', serial: 'B 000703' }],
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/verification-requests', { body: letter })).status).toBe(201);
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/verification-requests/cv-legacy-1/answer', {
          body: { responseLetterNumber: '901/SGDĐT-QLCL', respondedOn: '2026-11-25', signerId: 'gd-sgd-hp' },
        })
      ).status,
    ).toBe(201);
    let answered: { answers?: { result: string }[] | null } = {};
    for (let i = 0; i < 200 && !Array.isArray(answered.answers); i += 1) {
      answered = (await (await t.request('GET', '/api/v1/authorities/SGD-HP/verification-requests/cv-legacy-1')).json()) as typeof answered;
      if (!Array.isArray(answered.answers)) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(answered.answers!.map((a) => a.result)).toEqual(['MATCH']);
  });
  it('a NOT_FOUND names what the registry holds for the issuer and year asked: a complete book, a partial one, a book not started, a year never digitised (JSON and the Vietnamese page)', async () => {
    const checker = (
      (await (await t.request('POST', '/api/v1/authorities/SGD-HP/officers/kiem-tra/tokens', { body: { lifetimeDays: 7 } })).json()) as {
        token: string;
      }
    ).token;
    const typed = (year: number, page: number, n: number) => [
      'THPT',
      year,
      1,
      page,
      n,
      `${page}${n}/${year}`,
      `C ${year * 100 + page * 10 + n}`,
      `Đỗ Thị Dòng ${n}`,
      String(year - 18),
      'Kiến An, Hải Phòng',
      'Nữ',
      'Kinh',
      'Trường PTTH Kiến An',
      new Date(Date.UTC(year, 6, 30)),
      'Trần Văn Bình',
      'Giám đốc',
      '',
    ];
    const upload = async (blob: Blob) => {
      const form = new FormData();
      form.append('file', blob, 'so-goc.xlsx');
      const response = await fetch(`${t.api}/api/v1/authorities/SGD-HP/legacy-entries/import`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${t.adminToken}`, 'idempotency-key': randomUUID() },
      });
      expect({ status: response.status, body: response.status === 201 ? '' : await response.text() }).toEqual({ status: 201, body: '' });
    };
    const register = async (year: number, pageCount: number) => {
      const response = await t.request('POST', '/api/v1/authorities/SGD-HP/legacy-books', {
        body: { kind: 'THPT', titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp PTTH', year, volume: 1, pageCount },
      });
      expect({ status: response.status, body: response.status === 201 ? '' : await response.text() }).toEqual({ status: 201, body: '' });
    };
    // 2002: a two-page book, every line typed and checked. 2003: five pages, only page 1 checked, a line
    // of page 2 still waiting for its check. 2004: registered, nothing typed. 2005: nothing at all.
    await register(2002, 2);
    await register(2003, 5);
    await register(2004, 3);
    await upload(await sheet([typed(2002, 1, 1), typed(2002, 1, 2), typed(2002, 2, 1), typed(2003, 1, 1), typed(2003, 2, 1)]));
    // The checker compares each line with its page's scan, so the pages typed get one.
    for (const [year, page] of [
      [2002, 1],
      [2002, 2],
      [2003, 1],
      [2003, 2],
    ] as const) {
      const form = new FormData();
      const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from(`page ${page} of the ${year} book`)]);
      form.append('file', new Blob([png]), `trang-${page}.png`);
      const scan = await fetch(`${t.api}/api/v1/authorities/SGD-HP/legacy-books/SGD-HP-THPT-${year}-v1/pages/${page}/scans`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${t.adminToken}`, 'idempotency-key': randomUUID() },
      });
      expect(scan.status).toBe(201);
    }
    for (const [year, lines] of [
      [2002, ['p1-l1', 'p1-l2', 'p2-l1']],
      [2003, ['p1-l1']],
    ] as const) {
      const check = await t.request('POST', `/api/v1/authorities/SGD-HP/legacy-books/SGD-HP-THPT-${year}-v1/checks`, {
        token: checker,
        body: { confirmed: lines },
      });
      expect({ status: check.status, body: check.status === 201 ? '' : await check.text() }).toEqual({ status: 201, body: '' });
    }

    type Answer = { status: string; coverage?: { vi: string; en: string }; coverageOf?: { kinds: { books: object[] }[] } };
    const ask = async (year: number, who = 'fullName=' + encodeURIComponent('Không Có Ai') + '&birthDate=1977') =>
      (await (await fetch(`${t.portal}/api/v1/lookup?serial=C%20999999&${who}&issuerCode=sgd-hp&year=${year}`)).json()) as Answer;
    // The projector runs beside the API: wait (on the officers' side, not the rate-limited portal) until
    // the coverage read model has folded the four checks.
    for (let i = 0; i < 200; i += 1) {
      const rows = (
        (await (await t.request('GET', '/api/v1/authorities/SGD-HP/coverage')).json()) as {
          coverage: { year: number; digitisedChecked: number }[];
        }
      ).coverage;
      if (rows.filter((r) => r.year === 2002 || r.year === 2003).reduce((sum, r) => sum + r.digitisedChecked, 0) === 4) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const complete = await ask(2002);
    const holder = { code: 'SGD-HP', name: 'Sở Giáo dục và Đào tạo Hải Phòng' };
    expect(complete).toMatchObject({
      status: 'NOT_FOUND',
      coverageOf: {
        authority: holder,
        year: 2002,
        kinds: [
          {
            kind: 'THPT',
            issued: 0,
            books: [{ volume: 1, pageCount: 2, pagesChecked: 2, linesChecked: 3, linesUnchecked: 0, digitisation: 'complete', holder }],
          },
        ],
      },
    });
    expect(complete.coverage!.vi).toBe(
      'Sổ gốc THPT năm 2002, tập 1: đã số hóa và kiểm tra toàn bộ 2 trang; văn bằng không tìm thấy thì không có trong sổ này (sổ giấy do Sở Giáo dục và Đào tạo Hải Phòng giữ).',
    );
    const partial = await ask(2003);
    expect(partial.coverageOf!.kinds[0]!.books).toEqual([
      {
        volume: 1,
        title: 'Sổ gốc cấp bằng tốt nghiệp PTTH',
        pageCount: 5,
        pagesChecked: 1,
        linesChecked: 1,
        linesUnchecked: 1,
        digitisation: 'partial',
        holder,
      },
    ]);
    expect(partial.coverage!.vi).toContain('mới số hóa một phần (1/5 trang đã kiểm tra); không tìm thấy chưa chắc là văn bằng giả');
    expect((await ask(2004)).coverageOf!.kinds[0]!.books).toMatchObject([{ digitisation: 'not_started', holder }]);
    const never = await ask(2005);
    expect(never).toMatchObject({ status: 'NOT_FOUND', coverageOf: { year: 2005, kinds: [] } });
    expect(never.coverage!.vi).toContain('sổ gốc năm đó chưa được số hóa');

    // Issuer without a year is refused, with its field.
    const half = await fetch(`${t.portal}/api/v1/lookup?serial=C%20999999&registerNumber=1&issuerCode=SGD-HP`);
    expect(half.status).toBe(400);
    expect(await half.json()).toMatchObject({ code: 'YEAR_REQUIRED', field: 'year' });

    // Nothing about the person: a real line's serial with the wrong name, another person, or serial +
    // register number all get the same words for the same issuer and year.
    const others = [
      await ask(2002, `fullName=${encodeURIComponent('Đỗ Thị Dòng 1')}&birthDate=1976`),
      await ask(2002, `fullName=${encodeURIComponent('Lê Văn Khác')}&birthDate=01/01/1977`),
      await ask(2002, 'registerNumber=11%2F2002'),
    ];
    for (const other of others) expect({ ...other, checkedAt: undefined }).toEqual({ ...complete, checkedAt: undefined });
    // The Vietnamese page says the same under its "not found".
    const page = await fetch(`${t.portal}/tra-cuu`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `serial=C+999999&fullName=${encodeURIComponent('Không Có Ai')}&birthDate=1977&issuerCode=SGD-HP&year=2003`,
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<p data-coverage>Sổ gốc THPT năm 2003, tập 1: mới số hóa một phần (1/5 trang đã kiểm tra)');
    expect(html).toContain('hãy hỏi Sở Giáo dục và Đào tạo Hải Phòng, đơn vị đang giữ sổ giấy.');
    const form = await (await fetch(`${t.portal}/`)).text();
    expect(form).toContain('name="issuerCode"');
    expect(form).toContain('name="year"');
  });
});
