/**
 * `npm run bench:console`: every console page an officer opens, timed over HTTP against the embedded
 * system with the bench:cohort cohort (20,000 THPT graduates by default, COHORT=… to change) imported,
 * printed and signed. Each page is fetched once to warm up, then ROUNDS times in a row as a signed-in
 * registrar; the median, p95 and worst are printed against the 200 ms target. Not a pass/fail test.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { CommandContext } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import {
  authorityDirectoryCache,
  enrolConsoleLogin,
  importGraduationDecision,
  loadConfig,
  openPrintRun,
  receiveBlankLot,
  recordPrinting,
  SecretBox,
  signPrintRun,
} from '@so-goc/platform';
import { cliContext } from '../apps/cli/src/commands/create-admin';
import { loadDemoProvinceInto } from '../apps/cli/src/commands/demo-province';
import { serve } from '../apps/cli/src/commands/serve';

const COHORT = Number(process.env.COHORT ?? 20_000);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PASSWORD = 'bench-console-password';
const GIVEN = ['Thuỷ', 'Hoà', 'Yến', 'Hưng', 'Ánh', 'Dũng', 'Khoa', 'Lan', 'Mai', 'Tuấn', 'Phương', 'Quỳnh', 'Sơn', 'Trang'];

const context = (role: 'registrar' | 'signer' = 'registrar', officerId = 'bench'): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId, role, authorityCode: 'SGD-HP' },
    occurredAt: '2024-08-15T02:00:00.000Z',
  };
};

async function cohortWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách');
  sheet.addRow([
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'Nơi sinh',
    'Giới tính',
    'Dân tộc',
    'Số định danh cá nhân',
    'Trường',
    'Lớp',
    'Xếp loại',
    'Hình thức đào tạo',
  ]);
  for (let i = 0; i < COHORT; i += 1) {
    sheet.addRow([
      i + 1,
      `Nguyễn Văn ${GIVEN[i % GIVEN.length]}`,
      // Day of 2006 by i % 365: with 14 names and 61 schools no two rows are the same person (the list refuses those).
      new Date(Date.UTC(2006, 0, 1 + (i % 365))),
      'Hải Phòng',
      i % 2 ? 'Nữ' : 'Nam',
      'Kinh',
      31206000000 + i,
      `Trường THPT số ${1 + (i % 61)}`,
      `12A${1 + (i % 9)}`,
      '',
      'Chính quy',
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The first row's school and class (row i is in school 1 + i % 61, class 12A(1 + i % 9)): about 36 diplomas. */
const CLASS_OF_THE_BENCH = 'Trường THPT số 1 · 12A1';

async function loadCohort(eventsFile: string, dataDir: string): Promise<void> {
  const store = new SqliteEventStore({ file: eventsFile, synchronous: 'NORMAL' });
  try {
    await loadDemoProvinceInto(store);
    await receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'HP-THPT-2024',
        authorityCode: 'SGD-HP',
        kind: 'THPT',
        templateVersion: 'TT21-2019',
        prefix: 'HP',
        width: 7,
        from: 200001,
        to: 200000 + COHORT + 1000,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
        receivedBy: 'Lan',
        receivedOn: '2024-05-20',
      },
      context(),
    );
    await importGraduationDecision(
      store,
      {
        decisionId: 'sgd-hp-1234-2024',
        authorityCode: 'SGD-HP',
        number: '1234/QĐ-SGDĐT',
        date: '2024-07-20',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: null,
        fileName: 'cohort.xlsx',
        bytes: await cohortWorkbook(),
      },
      context(),
    );
    await openPrintRun(
      store,
      {
        printRunId: 'thpt-2024',
        authorityCode: 'SGD-HP',
        decisionId: 'sgd-hp-1234-2024',
        lotId: 'HP-THPT-2024',
        templateVersion: 'TT21-2019',
        openedOn: '2024-08-05',
        spareBlanks: 50,
      },
      context(),
    );
    await recordPrinting(store, { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', printedOn: '2024-08-06' }, context());
    const directory = await authorityDirectoryCache(store).current();
    await signPrintRun(
      store,
      directory,
      { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
      // Only the signer's own account (the demo province's ky-hp) records a signature (rule 25, issue 17).
      context('signer', 'ky-hp'),
    );
    await enrolConsoleLogin(
      store,
      SecretBox.forFile(join(dataDir, 'console-secret.key')),
      { authorityCode: 'SGD-HP', officerId: 'vanbang-hp', username: 'lan.nguyen', password: PASSWORD, withTotp: false },
      cliContext('bench'),
    );
  } finally {
    await store.close();
  }
}

/** A signed-in browser, reduced to its cookie. */
async function signIn(api: string): Promise<string> {
  const first = await fetch(`${api}/console/login`);
  const cookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await first.text())![1]!;
  const signed = await fetch(`${api}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username: 'lan.nguyen', password: PASSWORD }),
  });
  if (signed.status !== 303) throw new Error(`sign-in refused: ${signed.status}`);
  return signed.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-console-'));
  try {
    process.stdout.write(`Loading a cohort of ${COHORT.toLocaleString('en')} THPT graduates (imported, printed, signed; not timed)…\n`);
    await loadCohort(join(dir, 'events.sqlite'), dir);
    const config = loadConfig({ SOGOC_DATA_DIR: dir, SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0', SOGOC_SQLITE_SYNCHRONOUS: 'NORMAL' });
    const system = await serve(config, undefined, { quiet: true });
    try {
      const api = system.apiUrl!;
      const cookie = await signIn(api);
      const get = (path: string) => fetch(`${api}${path}`, { headers: { cookie }, redirect: 'manual' });
      // Pages read the projections, which the projector fills after start: wait until the book is whole.
      for (let i = 0; i < 600; i += 1) {
        const html = await (await get('/console/SGD-HP/register')).text();
        if (html.includes(`>${COHORT}<`)) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const last = Math.ceil(COHORT / 50);
      const pages = [
        '/console/SGD-HP',
        '/console/SGD-HP/blanks',
        '/console/SGD-HP/blanks/receive',
        '/console/SGD-HP/decisions',
        '/console/SGD-HP/decisions/new',
        '/console/SGD-HP/decisions/sgd-hp-1234-2024',
        `/console/SGD-HP/decisions/sgd-hp-1234-2024?page=${last}`,
        '/console/SGD-HP/print-runs',
        '/console/SGD-HP/print-runs/new',
        '/console/SGD-HP/print-runs/thpt-2024',
        `/console/SGD-HP/print-runs/thpt-2024?page=${last}`,
        '/console/SGD-HP/register',
        '/console/SGD-HP/register/THPT/2024',
        `/console/SGD-HP/register/THPT/2024?page=${last}`,
        '/console/SGD-HP/register/search?serial=HP+0210000',
        `/console/SGD-HP/register/search?fullName=Nguyen+Van+Lan&birthDate=${encodeURIComponent('08/08/2006')}`,
        // The blanks-after-receipt, class hand-over and paper-register screens (branch consoleadmin).
        '/console/SGD-HP/blanks/act/allocate',
        '/console/SGD-HP/blanks/act/destroy',
        '/console/SGD-HP/blanks/serial?serial=HP+0210000',
        `/console/SGD-HP/blanks/reconciliation?kind=THPT&from=${encodeURIComponent('01/01/2024')}&to=${encodeURIComponent('31/12/2024')}`,
        '/console/SGD-HP/hand-over',
        '/console/SGD-HP/hand-over?run=thpt-2024',
        `/console/SGD-HP/hand-over?run=thpt-2024&class=${encodeURIComponent(CLASS_OF_THE_BENCH)}`,
        '/console/SGD-HP/legacy-books',
        '/console/SGD-HP/legacy-books/hand-over',
        '/console/SGD-HP/admin/directory',
        '/console/SGD-HP/admin/holidays',
        '/console/SGD-HP/after-issuance',
        '/console/SGD-HP/register-appendix/THPT/2024',
        '/console/SGD-HP/copies',
        '/console/SGD-HP/copies/receive',
        '/console/SGD-HP/copy-register/THPT/2026',
        '/console/SGD-HP/verification',
        '/console/SGD-HP/verification/new',
        '/console/login',
      ];
      process.stdout.write(`\n${'page'.padEnd(64)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'worst'.padStart(8)}\n`);
      let over = 0;
      for (const path of pages) {
        const warm = await get(path);
        if (warm.status !== 200) throw new Error(`${path} answered ${warm.status}`);
        await warm.arrayBuffer();
        const times: number[] = [];
        for (let i = 0; i < ROUNDS; i += 1) {
          const started = performance.now();
          await (await get(path)).arrayBuffer();
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
        if (at(0.95) >= 200) over += 1;
        process.stdout.write(
          `${path.padEnd(64)} ${at(0.5).toFixed(1).padStart(6)}ms ${at(0.95).toFixed(1).padStart(6)}ms ${times[times.length - 1]!.toFixed(1).padStart(6)}ms\n`,
        );
      }
      process.stdout.write(
        `\n${over === 0 ? 'Every page' : `${pages.length - over} of ${pages.length} pages`} under 200 ms at p95 (${ROUNDS} requests each, one at a time).\n`,
      );
    } finally {
      await system.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
