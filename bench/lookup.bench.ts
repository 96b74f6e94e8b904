/**
 * `npm run bench:lookup`: the public portal's JSON API under load, on 10,000 issued diplomas, beside the
 * bare reference in the same run.
 *
 * Seeding goes through the real path (decision import, one print run, printing, signing on the SQLite
 * store, then the projector) into a temp data dir. Each server then runs alone in a child process, in turn:
 * the reference (node:http + one SQLite lookup, nothing else), the portal as `serve --only verify-portal`
 * starts it with one process (SOGOC_PORTAL_WORKERS=1), then with one process per core. The rate limit is
 * raised through SOGOC_PORTAL_RATE_PER_MINUTE. autocannon (50 connections, 10 s) runs in this process and
 * rotates through every diploma. Validation, the Ed25519 signature check, the rate limiter and the lookup
 * log are all on the measured path. BENCH_PROFILE=dir writes a CPU profile of each portal process there.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID, createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { holderDigest, signVerificationToken, verifyVerificationToken } from '@so-goc/documents';
import { graduationDecisionStream, printRunStream, type CommandContext, type ListedGraduate, type PrintRunEntry } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import {
  authorityDirectoryCache,
  FileKeyring,
  importGraduationDecision,
  loadConfig,
  openPrintRun,
  receiveBlankLot,
  recordPrinting,
  signPrintRun,
} from '@so-goc/platform';
import { ALL_PROJECTIONS, openReadModelDatabase, ProjectionRunner, publicDiplomaBySerialAndHolder } from '@so-goc/projections';
import { loadDemoProvinceInto } from '../apps/cli/src/commands/demo-province';

/*
 * The portal's cluster hands each client address to one worker (so that the rate limit holds), and
 * autocannon opens every connection from 127.0.0.1: all of them would meet one worker. Each connection
 * is given its own loopback address (Linux routes all of 127/8 to lo) so that the load looks like many
 * clients, as a city's phones would. `require`, not `import`: autocannon must see the patched module.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const net = require('node:net') as typeof import('node:net');
const connectFrom127 = net.connect;
let nextClientAddress = 0;
(net as { connect: unknown }).connect = (...args: unknown[]) => {
  const [port, host] = args;
  if (typeof port !== 'number' || host !== '127.0.0.1') return (connectFrom127 as (...a: unknown[]) => unknown)(...args);
  const n = nextClientAddress++;
  return connectFrom127({ port, host, localAddress: `127.0.${1 + (Math.floor(n / 250) % 250)}.${2 + (n % 250)}` });
};

const DIPLOMAS = Number(process.env.DIPLOMAS ?? 10_000);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.DURATION ?? 10);
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Quốc', 'Hoàng', 'Thanh'];
const GIVEN = [
  'Thuỷ',
  'Hoà',
  'Yến',
  'Hưng',
  'Ánh',
  'Dũng',
  'Khoa',
  'Lan',
  'Mai',
  'Tuấn',
  'Phương',
  'Quỳnh',
  'Sơn',
  'Trang',
  'Việt',
  'Nhung',
  'Đạt',
  'Hằng',
];

const context = (): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'bench', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2024-08-15T02:00:00.000Z',
  };
};

/** Name, birth date and school vary together so that no two rows are the same person (rule 1 refuses those). */
function graduateList(count: number): Uint8Array {
  const names = FAMILY.length * MIDDLE.length * GIVEN.length;
  const lines = ['STT,Họ và tên,Ngày sinh,Nơi sinh,Giới tính,Dân tộc,Số định danh cá nhân,Trường,Lớp,Xếp loại,Hình thức đào tạo'];
  for (let i = 0; i < count; i++) {
    const n = i % names;
    const name = `${FAMILY[n % FAMILY.length]} ${MIDDLE[Math.floor(n / FAMILY.length) % MIDDLE.length]} ${GIVEN[Math.floor(n / (FAMILY.length * MIDDLE.length))]}`;
    const born = new Date(Date.UTC(2006, 0, 1 + ((i * 37) % 360) + Math.floor(i / names)));
    const female = i % 2 === 1;
    const dmy = `${String(born.getUTCDate()).padStart(2, '0')}/${String(born.getUTCMonth() + 1).padStart(2, '0')}/${born.getUTCFullYear()}`;
    lines.push(
      `${i + 1},${name},${dmy},Hải Phòng,${female ? 'Nữ' : 'Nam'},Kinh,031${female ? 3 : 2}06${String(i).padStart(6, '0')},Trường THPT số ${1 + (i % 40)} Hải Phòng,12A${1 + (i % 9)},,Chính quy`,
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

interface Seeded {
  readonly lookups: string[];
  /** The same lookups as JSON bodies, for POST. */
  readonly bodies: string[];
  readonly verifies: string[];
}

async function seed(dir: string): Promise<Seeded> {
  const config = loadConfig({ SOGOC_DATA_DIR: dir });
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
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
      to: 200000 + DIPLOMAS + 100,
      supplier: 'Nhà in Bộ GDĐT',
      deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
      receivedBy: 'Lan',
      receivedOn: '2024-05-20',
    },
    context(),
  );
  const decisionId = 'sgd-hp-1234-2024';
  await importGraduationDecision(
    store,
    {
      decisionId,
      authorityCode: 'SGD-HP',
      number: '1234/QĐ-SGDĐT',
      date: '2024-07-20',
      kind: 'THPT',
      schoolYear: '2023-2024',
      examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
      fileName: 'cohort.csv',
      bytes: graduateList(DIPLOMAS),
    },
    context(),
  );
  await openPrintRun(
    store,
    {
      printRunId: 'thpt-2024',
      authorityCode: 'SGD-HP',
      decisionId,
      lotId: 'HP-THPT-2024',
      templateVersion: 'TT21-2019',
      openedOn: '2024-08-05',
    },
    context(),
  );
  await recordPrinting(store, { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', printedOn: '2024-08-06' }, context());
  await signPrintRun(
    store,
    await authorityDirectoryCache(store).current(),
    { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
    { ...context(), actor: { officerId: 'ky-hp', role: 'signer', authorityCode: 'SGD-HP' } },
  );

  const db = openReadModelDatabase(config.readModelFile);
  const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, {
    logger: { log: () => undefined, error: (m: string) => console.error(m) },
  });
  runner.start();
  await runner.waitUntilCaughtUp((await store.headPosition())!, 600_000);
  await runner.stop();

  const graduates = new Map<string, ListedGraduate>();
  for (const e of (await store.readStream(graduationDecisionStream(decisionId))).events) {
    if (e.type === 'GraduatesListed') for (const g of (e.data as { graduates: ListedGraduate[] }).graduates) graduates.set(g.graduateId, g);
  }
  const entries = (await store.readStream(printRunStream('thpt-2024'))).events
    .filter((e) => e.type === 'PrintRunEntriesPlanned')
    .flatMap((e) => (e.data as { entries: PrintRunEntry[] }).entries);
  await store.close();

  const key = FileKeyring.forConfig(config).activeSigningKey('SGD-HP');
  const lookups: string[] = [];
  const bodies: string[] = [];
  const verifies: string[] = [];
  for (const entry of entries) {
    const g = graduates.get(entry.graduateId)!;
    const typed = g.birthDate.split('-').reverse().join('/');
    lookups.push(
      `/api/v1/lookup?serial=${encodeURIComponent(entry.serialLabel)}&fullName=${encodeURIComponent(g.fullName)}&birthDate=${encodeURIComponent(typed)}`,
    );
    bodies.push(JSON.stringify({ serial: entry.serialLabel, fullName: g.fullName, birthDate: typed }));
    const token = signVerificationToken(
      {
        v: 1,
        kid: key.kid,
        kind: 'diploma',
        diplomaId: entry.diplomaId,
        serial: entry.serialLabel,
        registerNumber: entry.registerLabel,
        authorityCode: 'SGD-HP',
        issueDate: '2024-08-14',
        holderDigest: holderDigest(g.fullName, g.birthDate),
      },
      key.privateKey,
    );
    verifies.push(`/api/v1/verify/${token}`);
  }
  const sample = entries[0]!;
  const found = publicDiplomaBySerialAndHolder(db, {
    serial: sample.serialLabel,
    fullName: graduates.get(sample.graduateId)!.fullName,
    birthDate: graduates.get(sample.graduateId)!.birthDate,
  });
  if (!found) throw new Error('seeding did not produce a public row for the first diploma');
  microCosts(db, entries, graduates, verifies, config);
  db.close();
  return { lookups, bodies, verifies };
}

/** What one request costs without HTTP, to tell the framework's share from the work's. */
function microCosts(
  db: ReturnType<typeof openReadModelDatabase>,
  entries: PrintRunEntry[],
  graduates: Map<string, ListedGraduate>,
  verifies: string[],
  config: ReturnType<typeof loadConfig>,
): void {
  const rounds = 20_000;
  let started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const e = entries[i % entries.length]!;
    const g = graduates.get(e.graduateId)!;
    publicDiplomaBySerialAndHolder(db, { serial: e.serialLabel, fullName: g.fullName, birthDate: g.birthDate });
  }
  const queryUs = ((performance.now() - started) * 1000) / rounds;
  const keys = FileKeyring.forConfig(config).verificationKeySet();
  const tokens = verifies.map((path) => path.slice('/api/v1/verify/'.length));
  started = performance.now();
  for (let i = 0; i < rounds / 4; i++) verifyVerificationToken(tokens[i % tokens.length]!, keys);
  const verifyUs = ((performance.now() - started) * 1000) / (rounds / 4);
  // The bare signature check, to see how much of the token check is Ed25519 itself.
  const [published] = FileKeyring.forConfig(config).publishedKeySet().keys;
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: published!.x }, format: 'jwk' });
  const [payload, signature] = tokens[0]!.split('.') as [string, string];
  const message = Buffer.concat([Buffer.from('sogoc-vt-v1\0', 'latin1'), Buffer.from(payload, 'base64url')]);
  started = performance.now();
  for (let i = 0; i < rounds / 4; i++) verifySignature(null, message, publicKey, Buffer.from(signature, 'base64url'));
  const ed25519Us = ((performance.now() - started) * 1000) / (rounds / 4);
  process.stdout.write(
    `  per request without HTTP: lookup query ${queryUs.toFixed(1)} µs, token check ${verifyUs.toFixed(1)} µs (Ed25519 verify alone ${ed25519Us.toFixed(1)} µs)\n`,
  );
}

interface Measured {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly total: number;
  /** CPU time the server process spent per answered request (user + system), when /proc can tell. */
  readonly cpuUsPerRequest: number | undefined;
}

type Load =
  | { readonly method: 'GET'; readonly paths: readonly string[] }
  | { readonly method: 'POST'; readonly path: string; readonly bodies: readonly string[] };

/**
 * The server's CPU time from /proc (Linux), in ms. On a machine shared with other work the request rate
 * moves with the neighbours' load; the CPU time a request costs moves much less, so both are printed.
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

async function load(name: string, base: string, what: Load, durationS: number, pid?: number): Promise<Measured> {
  let next = 0;
  const request =
    what.method === 'GET'
      ? { method: 'GET' as const, setupRequest: (r: autocannon.Request) => ({ ...r, path: what.paths[next++ % what.paths.length]! }) }
      : {
          method: 'POST' as const,
          path: what.path,
          headers: { 'content-type': 'application/json' },
          setupRequest: (r: autocannon.Request) => ({ ...r, body: what.bodies[next++ % what.bodies.length]! }),
        };
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url: base, connections: CONNECTIONS, duration: durationS, requests: [request] });
  const cpuAfter = cpuMs(pid);
  const total = result.requests.total;
  const cpuUsPerRequest =
    cpuBefore === undefined || cpuAfter === undefined || total === 0 ? undefined : ((cpuAfter - cpuBefore) * 1000) / total;
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    total,
    cpuUsPerRequest,
  };
}

/**
 * The ceiling on this machine at this moment: node:http with one SQLite lookup by serial and a JSON body,
 * no framework, no validation, no log. Measured in the same run so that the portal's numbers can be read
 * against it whatever else the machine is doing.
 */
function serveReference(dir: string): void {
  const db = openReadModelDatabase(loadConfig({ SOGOC_DATA_DIR: dir }).readModelFile, { readonly: true });
  const bySerial = db.prepare<[string], Record<string, unknown>>('SELECT * FROM public_lookup WHERE serial_label = ?');
  const server = createServer((request, response) => {
    const serial = new URLSearchParams((request.url ?? '').split('?')[1] ?? '').get('serial') ?? '';
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify({ status: 'VALID', diploma: bySerial.get(serial) ?? null }));
  });
  server.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  process.on('message', (message) => {
    if (message === 'stop') server.close(() => (db.close(), process.exit(0)));
  });
}

function startReference(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(__filename, ['reference', dir], { execArgv: process.execArgv });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, url: (message as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`reference process exited with ${code}`)));
  });
}

function stopReference(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

/** The portal as deployed alone: its own main, read models read-only, no store; `workers` processes. */
async function startPortal(dir: string, workers: number): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, join(__dirname, '..', 'apps', 'verify-portal', 'src', 'main.js')], {
    env: {
      ...process.env,
      SOGOC_DATA_DIR: dir,
      SOGOC_HOST: '127.0.0.1',
      SOGOC_PORTAL_PORT: String(port),
      SOGOC_PORTAL_WORKERS: String(workers),
      SOGOC_PORTAL_RATE_PER_MINUTE: process.env.SOGOC_PORTAL_RATE_PER_MINUTE ?? '100000000',
      SOGOC_PORTAL_RATE_BURST: process.env.SOGOC_PORTAL_RATE_BURST ?? '100000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve({ child, url: `http://127.0.0.1:${port}` }));
    child.once('exit', (code) => reject(new Error(`portal exited with ${code}`)));
  });
}

function stopPortal(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function line(r: Measured): string {
  const cpu = r.cpuUsPerRequest === undefined ? '' : `   ${r.cpuUsPerRequest.toFixed(0).padStart(4)} µs CPU/request`;
  return `  ${r.name.padEnd(58)} ${Math.round(r.requestsPerSecond).toLocaleString('en').padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(4)} ms${cpu}   (${r.total.toLocaleString('en')} requests, ${r.errors} errors, ${r.non2xx} non-2xx)\n`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-lookup-'));
  const cores = cpus().length;
  try {
    process.stdout.write(`Seeding ${DIPLOMAS.toLocaleString('en')} issued diplomas (one print run, projected)…\n`);
    const started = performance.now();
    const seeded = await seed(dir);
    process.stdout.write(`  seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    process.stdout.write(
      `autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per run, on ${cores} cores shared with the load generator\n`,
    );
    const lookups: Load = { method: 'GET', paths: seeded.lookups };
    const posts: Load = { method: 'POST', path: '/api/v1/lookup', bodies: seeded.bodies };
    const verifies: Load = { method: 'GET', paths: seeded.verifies };

    const reference = await startReference(dir);
    let bare: Measured;
    try {
      await load('warm-up', reference.url, lookups, 2);
      bare = await load('reference: node:http + 1 SQLite lookup, no framework', reference.url, lookups, DURATION_S, reference.child.pid);
    } finally {
      await stopReference(reference.child);
    }
    process.stdout.write(line(bare));

    const one = await startPortal(dir, 1);
    let health: Measured, lookup: Measured, posted: Measured, verify: Measured;
    try {
      await load('warm-up', one.url, lookups, 2);
      const pid = one.child.pid;
      health = await load('portal, 1 process: GET /health (the floor)', one.url, { method: 'GET', paths: ['/health'] }, DURATION_S, pid);
      lookup = await load('portal, 1 process: GET /api/v1/lookup (serial+name+birth)', one.url, lookups, DURATION_S, pid);
      await load('warm-up', one.url, posts, 2);
      posted = await load('portal, 1 process: POST /api/v1/lookup (JSON body)', one.url, posts, DURATION_S, pid);
      await load('warm-up', one.url, verifies, 2);
      verify = await load('portal, 1 process: GET /api/v1/verify/:token (Ed25519)', one.url, verifies, DURATION_S, pid);
    } finally {
      await stopPortal(one.child);
    }
    for (const r of [health, lookup, posted, verify]) process.stdout.write(line(r));

    const all = await startPortal(dir, cores);
    let lookupAll: Measured, verifyAll: Measured;
    try {
      // Every worker compiles its hot paths on its own share of the warm-up.
      await load('warm-up', all.url, lookups, 2 * cores);
      lookupAll = await load(`portal, ${cores} processes: GET /api/v1/lookup`, all.url, lookups, DURATION_S);
      await load('warm-up', all.url, verifies, 2 * cores);
      verifyAll = await load(`portal, ${cores} processes: GET /api/v1/verify/:token`, all.url, verifies, DURATION_S);
    } finally {
      await stopPortal(all.child);
    }
    for (const r of [lookupAll, verifyAll]) process.stdout.write(line(r));

    const ratio = (r: Measured) => `${((100 * r.requestsPerSecond) / bare.requestsPerSecond).toFixed(0)}%`;
    const cpuRatio =
      lookup.cpuUsPerRequest !== undefined && bare.cpuUsPerRequest !== undefined
        ? ` (by CPU time per request, which other load on the machine moves less: ${((100 * bare.cpuUsPerRequest) / lookup.cpuUsPerRequest).toFixed(0)}%)`
        : '';
    const aims = [
      `Lookup, one process each: ${ratio(lookup)} of the bare reference (GET; POST ${ratio(posted)})${cpuRatio}; aim ≥ 60%: ${lookup.requestsPerSecond >= 0.6 * bare.requestsPerSecond ? 'met' : 'not met'}`,
      `Lookup p99 at ${CONNECTIONS} connections: ${lookup.p99} ms (reference ${bare.p99} ms); aim < 10 ms: ${lookup.p99 < 10 ? 'met' : 'not met'}`,
      `Token check: ${Math.round(verify.requestsPerSecond).toLocaleString('en')} req/s in one process, ${Math.round(verifyAll.requestsPerSecond).toLocaleString('en')} req/s on ${cores} processes; aim ≥ 5,000 on all cores: ${verifyAll.requestsPerSecond >= 5_000 ? 'met' : 'not met'}`,
    ];
    process.stdout.write(`${aims.join('\n')}\n`);
    if ([lookup, posted, verify, lookupAll, verifyAll].some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'reference') serveReference(process.argv[3]!);
else
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
