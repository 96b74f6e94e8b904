import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { bigCsv } from '../../libs/documents/src/graduate-lists/testing/hostile-files';
import { loadConfig } from '@so-goc/platform';
import { serve } from '../../apps/cli/src/commands/serve';
import { ConsoleClient, enrolForConsole } from '../support/console-client';
import { cohortCsv } from '../support/console-cohort-csv';
import { issueThptCohortOverHttp } from '../support/issued-over-http';
import { givenOfficer } from '../support/officers';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

jest.setTimeout(300_000);

const PASSWORD = 'mật-khẩu-đủ-dài-2026';
const COHORT = 20_000;

interface Status {
  state: string;
  done: number;
  total: number | null;
  phase: string;
  percent: number | null;
  text: string;
}

/**
 * Long work in the console (issue 13 item 4) over real HTTP on the embedded system: a 20,000-row list
 * imported as a job whose progress comes from the rows the reader has read, a refused list's report, the
 * sổ gốc exported as a job and downloaded, another authority refused (403), and a node stopped mid-job
 * leaving its job interrupted, not lost and not stuck.
 */
describe('Officers’ console: long work as jobs (issue 13 item 4)', () => {
  let t: TestSystem;
  let hp: ConsoleClient;
  let lc: ConsoleClient;
  let importJob = '';

  /** A multipart form as the browser sends it: the CSRF token in the action URL, as the console's forms do. */
  async function upload(
    c: ConsoleClient,
    path: string,
    fields: Record<string, string>,
    name: string,
    bytes: Uint8Array,
  ): Promise<Response> {
    await c.get(path);
    const form = new FormData();
    form.set('_csrf', c.csrf());
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([bytes]), name);
    return fetch(`${c.base}${path}?_csrf=${encodeURIComponent(c.csrf())}`, {
      method: 'POST',
      headers: { cookie: c.cookieHeader() },
      body: form,
      redirect: 'manual',
    });
  }

  async function status(c: ConsoleClient, code: string, jobId: string): Promise<Status> {
    const ask = () => fetch(`${c.base}/console/${code}/jobs/${jobId}/status`, { headers: { cookie: c.cookieHeader() } });
    // Recording 20,000 graduates holds the process for seconds (the import's decider, not the job): a kept-alive
    // socket the server closed meanwhile is asked again once, as a browser does.
    const response = await ask().catch(() => ask());
    expect(response.status).toBe(200);
    return (await response.json()) as Status;
  }

  /** Polls like the page's script, keeping every answer seen. */
  async function until(c: ConsoleClient, jobId: string, ended: (s: Status) => boolean): Promise<Status[]> {
    const seen: Status[] = [];
    for (let i = 0; i < 6000; i += 1) {
      const s = await status(c, 'SGD-HP', jobId);
      seen.push(s);
      if (ended(s)) return seen;
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    throw new Error(`job ${jobId} never ended: ${JSON.stringify(seen.at(-1))}`);
  }

  const jobOf = (response: Response): string => {
    expect(response.status).toBe(303);
    const match = /\/console\/SGD-HP\/jobs\/(viec-[0-9a-f]+)$/.exec(response.headers.get('location') ?? '');
    expect(match).not.toBeNull();
    return match![1]!;
  };

  beforeAll(async () => {
    // Every piece of work goes straight to its job page: what a 20,000-row list does anyway.
    process.env['SOGOC_CONSOLE_JOB_WAIT_MILLIS'] = '0';
    t = await startTestSystem();
    await t.given({
      type: 'RegisterAuthority',
      code: 'PGD-LC',
      name: 'Phòng GDĐT Lê Chân',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    });
    await givenOfficer(t.eventsFile, 'SGD-HP', 'vb-hp', ['registrar']);
    await givenOfficer(t.eventsFile, 'PGD-LC', 'vb-lc', ['registrar']);
    await enrolForConsole(t, { authorityCode: 'SGD-HP', officerId: 'vb-hp', username: 'vb-hp' }, PASSWORD, false);
    await enrolForConsole(t, { authorityCode: 'PGD-LC', officerId: 'vb-lc', username: 'vb-lc' }, PASSWORD, false);
    hp = new ConsoleClient(t.api);
    await hp.signIn('vb-hp', PASSWORD);
    lc = new ConsoleClient(t.api);
    await lc.signIn('vb-lc', PASSWORD);
  });
  afterAll(async () => {
    delete process.env['SOGOC_CONSOLE_JOB_WAIT_MILLIS'];
    await t?.stop();
  });

  it('imports a 20,000-row list as a job: the rows read climb as the reader reads them, then the decision is recorded', async () => {
    const started = Date.now();
    importJob = jobOf(
      await upload(
        hp,
        '/console/SGD-HP/decisions/new',
        { number: '2024/QĐ-SGDĐT', date: '20/07/2024', kind: 'THPT', schoolYear: '2023-2024', examSession: '' },
        'danh-sach-20000.csv',
        cohortCsv(COHORT),
      ),
    );
    const page = await hp.get(`/console/SGD-HP/jobs/${importJob}`);
    expect(page.status).toBe(200);
    expect(hp.lastHtml).toContain('Nhập danh sách danh-sach-20000.csv');
    expect(hp.lastHtml).toContain('<progress');
    // Without JavaScript the running job's page refreshes itself; with it, console.js polls the status instead.
    expect(hp.lastHtml).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
    expect(hp.lastHtml).toContain(`data-job-status="/console/SGD-HP/jobs/${importJob}/status"`);
    const seen = await until(hp, importJob, (s) => s.state !== 'running');
    const final = seen.at(-1)!;
    if (final.state !== 'done') console.log(await (await hp.get(`/console/SGD-HP/jobs/${importJob}`)).text());
    expect(final).toMatchObject({ state: 'done', done: COHORT, total: COHORT, percent: 100 });
    // Counted by the reader as it went, not a timer: partial counts of the real total were seen on the way.
    const partial = seen.filter((s) => s.total === COHORT && s.done > 0 && s.done < COHORT);
    expect(partial.length).toBeGreaterThan(0);
    expect(seen.some((s) => s.phase === 'recording')).toBe(true);
    console.log(
      `20,000-row import as a job: ${((Date.now() - started) / 1000).toFixed(1)} s; ${seen.length} polls, partial counts seen: ${[
        ...new Set(partial.map((s) => s.done)),
      ]
        .slice(0, 8)
        .join(', ')}…`,
    );
    await hp.get(`/console/SGD-HP/jobs/${importJob}`);
    expect(hp.lastHtml).toContain('Xong. Đã ghi nhận.');
    expect(hp.lastHtml).toContain('/console/SGD-HP/decisions/sgd-hp-2024-qd-sgddt-2024?done=imported');
    expect(hp.lastHtml).not.toContain('http-equiv="refresh"');
    expect((await t.events('graduation-decision-sgd-hp-2024-qd-sgddt-2024')).length).toBeGreaterThan(0);
  });

  it('lists the job on the home page and on the jobs page; another authority’s officer gets 403 and sees nothing of it', async () => {
    await hp.get('/console/SGD-HP');
    expect(hp.lastHtml).toContain('Việc đang chạy');
    expect(hp.lastHtml).toContain(`/console/SGD-HP/jobs/${importJob}`);
    await hp.get('/console/SGD-HP/jobs');
    expect(hp.lastHtml).toContain(`/console/SGD-HP/jobs/${importJob}`);

    // The district's officer: not on the Sở's pages, nor the Sở's job under the district's own code.
    for (const path of [
      `/console/SGD-HP/jobs/${importJob}`,
      `/console/SGD-HP/jobs/${importJob}/status`,
      `/console/PGD-LC/jobs/${importJob}`,
      `/console/PGD-LC/jobs/${importJob}/status`,
      `/console/PGD-LC/jobs/${importJob}/download`,
    ]) {
      const response = await lc.get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(await response.text()).not.toContain('danh-sach-20000');
    }
    await lc.get('/console/PGD-LC/jobs');
    expect(lc.lastHtml).not.toContain(importJob);
    await lc.get('/console/PGD-LC');
    expect(lc.lastHtml).not.toContain(importJob);
  });

  it('shows a refused list’s failure with its rule and every bad row, and its report as Excel', async () => {
    // The fixture's rows over and over: every repeat is the same person twice in one list (rule 1).
    const jobId = jobOf(
      await upload(
        hp,
        '/console/SGD-HP/decisions/new',
        { number: '2025/QĐ-SGDĐT', date: '21/07/2024', kind: 'THPT', schoolYear: '2023-2024', examSession: '' },
        'danh-sach-lap.csv',
        bigCsv(3000),
      ),
    );
    const final = (await until(hp, jobId, (s) => s.state !== 'running')).at(-1)!;
    expect(final.state).toBe('failed');
    await hp.get(`/console/SGD-HP/jobs/${jobId}`);
    expect(hp.lastHtml).toContain('Việc không thành; chưa ghi nhận gì');
    expect(hp.lastHtml).toMatch(/Danh sách có \d+ lỗi/);
    expect(hp.lastHtml).toContain('<caption>Các dòng có lỗi (số dòng như Excel hiển thị)</caption>');
    const report = await hp.get(`/console/SGD-HP/jobs/${jobId}/report.xlsx`);
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toContain('spreadsheetml');
    expect((await report.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    // Nothing of the refused list was recorded.
    expect(await t.events('graduation-decision-sgd-hp-2025-qd-sgddt-2024')).toEqual([]);
  });

  it('exports the sổ gốc as a job, its lines counted as written, and downloads the file', async () => {
    // A book with lines: the 2,000-row fixture issued over the API (register numbers come with the print run).
    const issued = await issueThptCohortOverHttp(t);
    let jobId = '';
    let seen: Status[] = [];
    for (let i = 0; i < 200; i += 1) {
      // The read models follow the events: until the book holds every issued line, export again.
      jobId = jobOf(await hp.get('/console/SGD-HP/register/THPT/2024/export.xlsx'));
      seen = await until(hp, jobId, (s) => s.state !== 'running');
      if (seen.at(-1)!.total === issued.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen.at(-1)).toMatchObject({ state: 'done', done: issued.length, total: issued.length, percent: 100 });
    // Counts only go up.
    expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((x, y) => x - y));
    const file = await hp.get(`/console/SGD-HP/jobs/${jobId}/download`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('so-goc-SGD-HP-THPT-2024.xlsx');
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await hp.get(`/console/SGD-HP/jobs/${jobId}`);
    expect(hp.lastHtml).toContain('Tải tệp kết quả (XLSX)');
  });

  it('renders a signed run’s 2,000-page print file as a job, its pages counted as written, and downloads it with its hash', async () => {
    await hp.get('/console/SGD-HP/print-runs/thpt-2024-dot-1');
    const jobId = jobOf(await hp.post('/console/SGD-HP/print-runs/thpt-2024-dot-1/document', { mode: 'preview' }));
    const started = Date.now();
    const seen = await until(hp, jobId, (s) => s.state !== 'running');
    expect(seen.at(-1)).toMatchObject({ state: 'done', done: 2000, total: 2000, percent: 100 });
    expect(seen.some((s) => s.done > 0 && s.done < 2000)).toBe(true);
    console.log(`2,000-page print file as a job: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const file = await hp.get(`/console/SGD-HP/jobs/${jobId}/download`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('dot-in-thpt-2024-dot-1-preview.pdf');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.headers.get('x-content-sha256'));
    // The same record as the API keeps: which file, by its hash, was produced for the run.
    const recorded = (await t.events('print-run-thpt-2024-dot-1')).filter((e) => e.type === 'PrintRunDocumentRendered');
    expect(recorded.map((e) => (e.data as { sha256: string }).sha256)).toContain(file.headers.get('x-content-sha256'));
  });

  it('a node stopped in the middle of a job leaves it interrupted where it was, not lost and not running', async () => {
    const config = loadConfig({ SOGOC_DATA_DIR: dirname(t.eventsFile), SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0' });
    const node = await serve(config, ['registry-api'], { quiet: true });
    let jobId = '';
    try {
      const there = hp.on(node.apiUrl!);
      // The 20,000-row list again: reading it takes seconds, long enough to stop the node in the middle.
      jobId = jobOf(
        await upload(
          there,
          '/console/SGD-HP/decisions/new',
          { number: '2026/QĐ-SGDĐT', date: '22/07/2024', kind: 'THPT', schoolYear: '2023-2024', examSession: '' },
          'danh-sach-20000.csv',
          cohortCsv(COHORT),
        ),
      );
      await until(there, jobId, (s) => s.done > 0 || s.state !== 'running');
    } finally {
      await node.close();
    }
    const after = await status(hp, 'SGD-HP', jobId);
    expect(after.state).toBe('interrupted');
    expect(after.done).toBeGreaterThan(0);
    expect(after.done).toBeLessThan(COHORT);
    await hp.get(`/console/SGD-HP/jobs/${jobId}`);
    expect(hp.lastHtml).toContain('Việc bị gián đoạn');
    expect(hp.lastHtml).toContain('Chạy lại');
    expect((await hp.get(`/console/SGD-HP/jobs/${jobId}/download`)).status).toBe(404);
  });
});
