import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { eventually, startTestSystem, type TestSystem } from '../support/embedded-system';

jest.setTimeout(180_000);

async function sheet(rows: (string | number | Date)[][]): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Sổ gốc 2001');
  ws.addRow(['SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG — SỔ GỐC NHẬP LẠI']);
  ws.addRow(['Loại văn bằng', 'Năm', 'Tập', 'Trang', 'Dòng', 'Số vào sổ', 'Số hiệu', 'Họ và tên', 'Ngày sinh', 'Nơi sinh', 'Giới tính', 'Dân tộc', 'Trường', 'Ngày cấp', 'Người ký', 'Chức vụ', 'Ghi chú']);
  for (const row of rows) ws.addRow(row);
  return new Blob([await workbook.xlsx.writeBuffer()]);
}

const line = (n: number, overrides: Partial<Record<'birth' | 'place', string>> = {}) =>
  ['PTTH', 2001, 1, 2, n, `${n}/2001`, `B ${String(700 + n).padStart(6, '0')}`, `Phạm Văn Số ${n}`, overrides.birth ?? '1983', overrides.place ?? 'An Hải, Hải Phòng', 'Nam', 'Kinh', 'Trường PTTH Ngô Quyền', new Date(Date.UTC(2001, 7, 15)), 'Trần Văn Bình', 'Giám đốc', ''];

describe('Paper registers over HTTP (issue 14)', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(() => t.stop());

  it('registers a book, stores a page scan, imports a typed sheet (whole or nothing, idempotent), and a second officer’s check publishes the lines', async () => {
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', { body: { roles: ['administrator', 'registrar'], includeSubordinates: false } })).status).toBe(201);
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/officers', { body: { officerId: 'kiem-tra', username: 'kiem.tra', fullName: 'Lê Thị Kiểm', roles: ['registrar'], includeSubordinates: false } })).status).toBe(201);
    const checker = ((await (await t.request('POST', '/api/v1/authorities/SGD-HP/officers/kiem-tra/tokens', { body: { lifetimeDays: 7 } })).json()) as { token: string }).token;

    const book = await t.request('POST', '/api/v1/authorities/SGD-HP/legacy-books', { body: { kind: 'THPT', titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp PTTH', year: 2001, volume: 1, pageCount: 10 } });
    expect(book.status).toBe(201);
    const { bookId } = (await book.json()) as { bookId: string };
    expect(bookId).toBe('SGD-HP-THPT-2001-v1');

    const upload = (path: string, blob: Blob, name: string, token = t.adminToken) => {
      const form = new FormData();
      form.append('file', blob, name);
      return fetch(`${t.api}${path}`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() } });
    };
    const notAScan = await upload(`/api/v1/authorities/SGD-HP/legacy-books/${bookId}/pages/2/scans`, new Blob(['GIF89a…']), 'trang-2.png');
    expect(notAScan.status).toBe(400);
    expect(await notAScan.json()).toMatchObject({ code: 'SCAN_NOT_IMAGE', field: 'file' });
    const png = new Blob([Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.from('page 2 of the 2001 book')])]);
    const scan = await upload(`/api/v1/authorities/SGD-HP/legacy-books/${bookId}/pages/2/scans`, png, 'trang-2.png');
    expect(scan.status).toBe(201);

    // A sheet with one bad row records nothing and names the row as Excel shows it.
    const bad = await upload('/api/v1/authorities/SGD-HP/legacy-entries/import', await sheet([line(1), line(2, { birth: '2002' }), line(3)]), 'so-goc-2001.xlsx');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'LEGACY_SHEET_REJECTED', fieldProblems: [{ field: 'row 4: Ngày sinh', code: 'BIRTH_AFTER_ISSUE' }] });
    const good = await sheet([line(1), line(2, { birth: '5/1983', place: '[không đọc được]' }), line(3)]);
    const imported = await upload('/api/v1/authorities/SGD-HP/legacy-entries/import', good, 'so-goc-2001.xlsx');
    expect(imported.status).toBe(201);
    expect(await imported.json()).toEqual({ books: [{ bookId, entriesRecorded: 3, alreadyHandled: false }], rows: 3 });
    const again = await upload('/api/v1/authorities/SGD-HP/legacy-entries/import', good, 'so-goc-2001.xlsx');
    expect(await again.json()).toEqual({ books: [{ bookId, entriesRecorded: 0, alreadyHandled: false }], rows: 3 });

    const lookup = `${t.portal}/api/v1/lookup?serial=B%20000702&fullName=${encodeURIComponent('Phạm Văn Số 2')}&birthDate=05/1983`;
    expect(((await (await fetch(lookup)).json()) as { status: string }).status).toBe('NOT_FOUND');
    const check = await t.request('POST', `/api/v1/authorities/SGD-HP/legacy-books/${bookId}/checks`, { token: checker, body: { confirmed: ['p2-l1', 'p2-l2', 'p2-l3'] } });
    expect(check.status).toBe(201);

    let found: { status: string; diploma?: { serial: string } } = { status: '' };
    for (let i = 0; i < 200 && found.status !== 'VALID'; i += 1) {
      found = (await (await fetch(lookup)).json()) as typeof found;
      if (found.status !== 'VALID') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(found).toMatchObject({ status: 'VALID', diploma: { serial: 'B 000702' } });
    const register = (await (await eventually(() => t.request('GET', '/api/v1/authorities/SGD-HP/register-books/THPT/2001'))).json()) as { digitised: { diplomaId: string; source: string; marks: object }[] };
    expect(register.digitised[1]).toEqual(expect.objectContaining({ diplomaId: 'legacy-sgd-hp-thpt-2001-v1-p2-l2', marks: { birthPlace: 'illegible', classification: 'blank' }, source: 'Số hóa từ sổ gốc cấp bằng tốt nghiệp PTTH, tập 1, trang 2, dòng 2' }));
    const progress = (await (await t.request('GET', `/api/v1/authorities/SGD-HP/legacy-books/${bookId}`)).json()) as object;
    expect(progress).toMatchObject({ pages: [{ page: 2, scans: 1, checked: 3 }], typists: [{ officer: 'admin-hp', typed: 3 }], checkers: [{ officer: 'kiem-tra', checked: 3 }] });
  });
});
