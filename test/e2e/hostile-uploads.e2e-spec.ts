import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { graduateListReader } from '@so-goc/documents';
import { bigCsv, xlsxZipBomb } from '../../libs/documents/src/graduate-lists/testing/hostile-files';
import { startTestSystem, type TestSystem } from '../support/embedded-system';

/**
 * Issue 16, over the real HTTP server of the embedded system: the graduate lists an attacker (or a
 * careless export) would upload are refused quickly, in bounded memory, while the public portal in the
 * same process keeps answering, and nothing is recorded.
 */
interface Problem {
  code: string;
  fieldProblems?: { field: string; code: string; messageVi: string; messageEn: string }[];
}

const GIB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

/** Peak resident memory of this process since the last reset (Linux: VmHWM, reset through clear_refs). */
function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}
function peakRssBytes(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

describe('hostile graduate lists over HTTP (issue 16)', () => {
  let t: TestSystem;
  let dir: string;
  beforeAll(async () => {
    t = await startTestSystem();
    const roles = await t.request('POST', '/api/v1/authorities/SGD-HP/officers/admin-hp/roles', {
      body: { roles: ['administrator', 'registrar'], includeSubordinates: false },
    });
    expect(roles.status).toBe(201);
    dir = mkdtempSync(join(tmpdir(), 'sogoc-hostile-'));
    writeFileSync(join(dir, 'danh-sach.csv'), bigCsv(250_000));
    writeFileSync(join(dir, 'danh-sach.xlsx'), await xlsxZipBomb(GIB));
    writeFileSync(join(dir, 'warm-up.csv'), 'Họ và tên\n');
    // As `npm start` does at start-up; from TypeScript sources the worker compiles for a few seconds.
    await graduateListReader.warmUp();
  }, 120_000);
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The slowest /health answer, and the longest event-loop delay of this process, over `ms` with no upload
   * going on: how slow this machine is right now (jest's other worker and Chromium share its two cores).
   */
  async function idleHealth(ms: number): Promise<{ slowestHealth: number; longestLoopDelay: number }> {
    const times: number[] = [];
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    for (const until = performance.now() + ms; performance.now() < until;) {
      const started = performance.now();
      await (await fetch(`${t.portal}/health`)).arrayBuffer();
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    loopDelay.disable();
    return { slowestHealth: Math.max(...times), longestLoopDelay: loopDelay.max / 1e6 };
  }

  /**
   * Uploads the file with curl, from another process as an attacker would (building a 29 MB request body
   * here would block this thread and be blamed on the server), while polling the portal's /health every
   * 20 ms; returns the answer and what was measured.
   */
  async function uploadWatched(fileName: string) {
    const path = join(dir, fileName);
    const fields = {
      decisionId: `sgd-hp-hostile-${fileName.replace('.', '-')}`,
      number: '99/QĐ-SGDĐT',
      date: '2024-07-20',
      kind: 'THPT',
      schoolYear: '2023-2024',
    };
    const curlArgs = [
      '-s',
      '-o',
      '-',
      '-w',
      '\n%{time_pretransfer} %{time_starttransfer} %{time_total} %{speed_upload}\n%{http_code}',
      '-H',
      `authorization: Bearer ${t.adminToken}`,
      '-H',
      `idempotency-key: ${randomUUID()}`,
      ...Object.entries(fields).flatMap(([name, value]) => ['-F', `${name}=${value}`]),
      '-F',
      `file=@${path}`,
      `${t.api}/api/v1/authorities/SGD-HP/decisions`,
    ];
    const healthTimes: number[] = [];
    let uploading = true;
    const watch = (async () => {
      while (uploading) {
        const started = performance.now();
        const health = await fetch(`${t.portal}/health`);
        await health.arrayBuffer();
        healthTimes.push(performance.now() - started);
        if (health.status !== 200) throw new Error(`portal /health answered ${health.status}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    resetPeakRss();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const { stdout } = await promisify(execFile)('curl', curlArgs, { maxBuffer: 16 * MB });
    const ms = performance.now() - started;
    const [body = '', curlTimes = '', status = ''] = stdout.split('\n');
    console.info(`curl: pretransfer, first byte, total (s), upload B/s: ${curlTimes}`);
    const response = { status: Number(status) };
    const problem = JSON.parse(body) as Problem;
    const peakRss = peakRssBytes();
    loopDelay.disable();
    const longestLoopDelay = loopDelay.max / 1e6;
    uploading = false;
    await watch;
    const slowestHealth = Math.max(...healthTimes);
    console.info(
      `${fileName} (${(readFileSync(path).length / MB).toFixed(1)} MB): ${response.status} ${problem.fieldProblems?.[0]?.code} in ${ms.toFixed(0)} ms; ` +
        `process RSS ${(rssBefore / MB).toFixed(0)} MB before, peak ${(peakRss / MB).toFixed(0)} MB (+${((peakRss - rssBefore) / MB).toFixed(0)} MB); ` +
        `portal /health answered ${healthTimes.length} times, slowest ${slowestHealth.toFixed(0)} ms; longest event-loop delay ${longestLoopDelay.toFixed(0)} ms`,
    );
    return { status: response.status, problem, ms, rssBefore, peakRss, healthTimes, slowestHealth, longestLoopDelay };
  }

  it.each([
    ['a 250,000-row CSV (29 MB)', 'danh-sach.csv', 'TOO_MANY_ROWS'],
    ['an .xlsx zip bomb (1 GiB inflated)', 'danh-sach.xlsx', 'SUSPICIOUS_ARCHIVE'],
  ])(
    '%s is refused within 2 s in bounded memory, the portal answering within 100 ms throughout, nothing recorded',
    async (_what, fileName, code) => {
      // The machines these tests run on are shared (2 cores, several test runs at once): the bounds below are
      // the (2 s, 100 ms) on a quiet machine, stretched by how much slower the portal answers right
      // now with no upload at all (at most tenfold). The raw numbers are printed either way.
      // A worker retired after the previous large list is replaced at once; from TypeScript sources its
      // successor compiles for seconds, which `npm start`'s compiled build does not.
      await graduateListReader.warmUp();
      // A first upload through the same route loads (and, from TypeScript sources, compiles) the modules the
      // route needs on this thread; the compiled server has them at start-up. Its answer does not matter.
      await uploadWatched('warm-up.csv');
      const before = (await t.events()).length;
      const idle = await idleHealth(2000);
      const slowness = Math.min(10, Math.max(1, idle.slowestHealth / 20, idle.longestLoopDelay / 20));
      console.info(
        `idle: portal /health slowest ${idle.slowestHealth.toFixed(0)} ms, event-loop delay at most ` +
          `${idle.longestLoopDelay.toFixed(0)} ms over 2 s, so the time bounds are ×${slowness.toFixed(1)}`,
      );
      const outcome = await uploadWatched(fileName);
      expect(outcome.status).toBe(400);
      expect(outcome.problem.code).toBe('GRADUATE_LIST_REJECTED');
      expect(outcome.problem.fieldProblems?.map((p) => `${p.field} ${p.code}`)).toEqual([`row 0:  ${code}`]);
      expect(outcome.ms).toBeLessThan(2000 * slowness);
      // What the upload costs the process. Its absolute peak also holds this test's own TypeScript
      // compiler and jest (about 470 MB before any upload); the compiled server starts far lower.
      expect(outcome.peakRss - outcome.rssBefore).toBeLessThan(300 * MB);
      expect(outcome.healthTimes.length).toBeGreaterThan(0);
      // Issue 16: the portal answers within 100 ms throughout. Polling every 20 ms can miss a short stall, so the
      // event loop's longest delay over the whole upload is held to the same bound: no request could have
      // waited longer than that for the thread.
      expect(outcome.slowestHealth).toBeLessThan(100 * slowness);
      expect(outcome.longestLoopDelay).toBeLessThan(100 * slowness);
      expect((await t.events()).length).toBe(before);
    },
  );
});
