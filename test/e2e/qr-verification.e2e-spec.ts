import { createHash } from 'node:crypto';
import { decodeQrCodes, qpdfCheck } from '@so-goc/documents/testing/pdf-checks';
import { pdfPageTexts } from '@so-goc/documents/testing/poppler';
import { startTestSystem, type TestSystem } from '../support/embedded-system';
import { issueThptCohortOverHttp, type IssuedEntry } from '../support/issued-over-http';

jest.setTimeout(180_000);

/** Issue 7's end-to-end check: paper → QR → portal, as a police officer with a phone would do it. */
describe('A diploma’s QR verified by the portal: valid, then revoked; an altered token is forged', () => {
  let t: TestSystem;
  let issued: IssuedEntry[];
  beforeAll(async () => {
    t = await startTestSystem();
    issued = await issueThptCohortOverHttp(t);
  });
  afterAll(() => t.stop());

  const portalStatus = async (url: string): Promise<string | undefined> =>
    /data-status="([A-Z_]+)"/.exec(await (await fetch(url)).text())?.[1];

  it('renders the diploma, decodes its QR from the rasterised page, and the portal answers valid; after revocation, revoked; a flipped character, forged', async () => {
    const holder = issued[41]!;
    const response = await t.request(
      'GET',
      `/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/diplomas/${holder.diplomaId}.pdf?mode=preview`,
    );
    expect(response.status).toBe(200);
    const pdf = new Uint8Array(await response.arrayBuffer());
    expect(response.headers.get('x-content-sha256')).toBe(createHash('sha256').update(pdf).digest('hex'));
    qpdfCheck(pdf);
    expect(pdfPageTexts(pdf)[0]).toContain(holder.fullName);

    const [url] = decodeQrCodes(pdf);
    expect(url).toMatch(new RegExp(`^${t.portalPublicUrl}/v/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    expect(await portalStatus(url!)).toBe('VALID');
    const page = await (await fetch(url!)).text();
    expect(page).toContain(holder.fullName);

    const token = url!.slice(url!.lastIndexOf('/') + 1);
    const flipped = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    expect(await portalStatus(`${t.portalPublicUrl}/v/${flipped}`)).toBe('FORGED');

    const revoked = await t.request('POST', `/api/v1/authorities/SGD-HP/diplomas/${holder.diplomaId}/revocation`, {
      body: {
        decisionNumber: '99/QĐ-SGDĐT',
        decisionDate: '2026-02-01',
        ground: 'fraud',
        reasons: 'Học bạ giả trong hồ sơ dự thi',
        source: 'police',
      },
    });
    expect(revoked.status).toBe(201);
    let status: string | undefined;
    for (let i = 0; i < 200 && status !== 'REVOKED'; i += 1) {
      status = ((await (await fetch(`${t.portalPublicUrl}/api/v1/verify/${token}`)).json()) as { status: string }).status;
      if (status !== 'REVOKED') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe('REVOKED');
    expect(await (await fetch(url!)).text()).toContain('99/QĐ-SGDĐT');
  });

  it('records the SHA-256 of a rendered print job, which is the same for the same data', async () => {
    const render = () =>
      t.request('POST', '/api/v1/authorities/SGD-HP/print-runs/thpt-2024-dot-1/documents', { body: { mode: 'overlay' } });
    const first = await render();
    expect(first.status).toBe(201);
    const bytes = new Uint8Array(await first.arrayBuffer());
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(first.headers.get('x-content-sha256')).toBe(sha);
    expect((await render()).headers.get('x-content-sha256')).toBe(sha);
    const recorded = (await t.events('print-run-thpt-2024-dot-1'))
      .filter((e) => e.type === 'PrintRunDocumentRendered')
      .map((e) => e.data as { sha256: string; pageCount: number; mode: string });
    expect(recorded.map(({ sha256, pageCount, mode }) => ({ sha256, pageCount, mode }))).toEqual([
      { sha256: sha, pageCount: 2000, mode: 'overlay' },
      { sha256: sha, pageCount: 2000, mode: 'overlay' },
    ]);
  });

  it('a copy from the register carries "BẢN SAO" and a QR the portal reads as copy no. X of diploma Y, valid', async () => {
    const holder = issued[99]!;
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
      requestId: 'bs-2026-0001',
      diplomaId: holder.diplomaId,
      requester: { kind: 'holder', fullName: holder.fullName, idDocument: { kind: 'CCCD', number: '031206000999' } },
      channel: 'counter',
      receivedAt: '2026-11-23T09:00:00+07:00',
      copies: 1,
    };
    expect((await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests', { body: request })).status).toBe(201);
    expect(
      (
        await t.request('POST', '/api/v1/authorities/SGD-HP/copy-requests/bs-2026-0001/copies', {
          body: { lotId: 'HP-BS-2026', issuedOn: '2026-11-23', issuePlace: 'Hải Phòng', signerId: 'gd-sgd-hp' },
        })
      ).status,
    ).toBe(201);
    let response: Response | undefined;
    for (let i = 0; i < 200; i += 1) {
      response = await t.request('GET', '/api/v1/authorities/SGD-HP/copies/bs-2026-0001-1.pdf?mode=preview');
      if (response.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const pdf = new Uint8Array(await response!.arrayBuffer());
    const text = pdfPageTexts(pdf)[0]!;
    expect(text).toContain('BẢN SAO');
    expect(text).toContain('000001/BS-THPT-2026');
    // Issue 17: the original's date and serial, the year (not the exam session), and the copy's own date.
    expect(text).toMatch(/Bản chính cấp ngày \d{2}\/\d{2}\/2024/);
    expect(text).toContain(`Số hiệu bản chính: ${holder.serial}`);
    expect(text).toMatch(/Năm tốt nghiệp:\s+2024/);
    expect(text).toContain('Cấp bản sao: Hải Phòng, ngày 23 tháng 11 năm 2026');
    const [url] = decodeQrCodes(pdf);
    const answer = (await (await fetch(url!.replace('/v/', '/api/v1/verify/'))).json()) as {
      status: string;
      copy: { copyNumber: string };
      diploma: { serial: string };
    };
    expect(answer).toMatchObject({ status: 'VALID', copy: { copyNumber: '000001/BS-THPT-2026' }, diploma: { serial: holder.serial } });
    expect(await (await fetch(url!)).text()).toContain('bản sao số 000001/BS-THPT-2026');
  });
});
