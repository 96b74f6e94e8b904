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
});
