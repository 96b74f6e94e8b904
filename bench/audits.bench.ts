/**
 * `npm run bench:audits [-- --events N --lookups M]`: the fraud detections over a province's history.
 * Writes N events (default 1,000,000: blank lots, print runs with their register numbers, bindings,
 * misprints and signatures, hand-overs, verification letters, a few planted frauds) and M rows of the
 * portal's lookup log (default 1,000,000, keyed hashes as the portal writes them, a share of them serial
 * guesses), then runs every audit projection from zero and the scheduled audits (lookup log, F13,
 * spoiled overdue), printing time and peak memory. Then it adds 1% more of each and runs again: the
 * second pass costs in proportion to what was added, not to what is there (incremental detections).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SqliteEventStore, type NewEvent } from '@so-goc/event-store';
import {
  AUDIT_PROJECTIONS,
  everyDetection,
  lookupLogHash,
  openReadModelDatabase,
  ProjectionRunner,
  ScheduledAudits,
} from '@so-goc/projections';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const EVENTS = arg('events', 1_000_000);
const LOOKUPS = arg('lookups', 1_000_000);
const RUN_SIZE = 100;
const LOT_SIZE = 20_000;
const KEY = Buffer.alloc(32, 9);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
/** CPU seconds beside wall seconds: on a shared machine the wall clock mostly measures the neighbours. */
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

const meta = (occurredAt: string) => ({
  schemaVersion: 1,
  commandId: randomUUID(),
  correlationId: 'bench',
  causationId: 'bench',
  actor: { officerId: 'bench', role: 'registrar', authorityCode: 'SGD-BENCH' },
  occurredAt,
});
const event = (type: string, data: unknown, occurredAt = '2024-08-01T02:00:00.000Z'): NewEvent => ({
  id: randomUUID(),
  type,
  data: data as never,
  metadata: meta(occurredAt),
});

/** Appends a province's history until `target` events exist; returns the serials bound, for lookups. */
class History {
  written = 0;
  runs = 0;
  lots = 0;
  serial = 0;
  lotEnd = 0;
  register = 0;
  bound: number[] = [];
  constructor(private readonly store: SqliteEventStore) {}

  async until(target: number): Promise<void> {
    if (this.written === 0)
      await this.append('authority-directory', [
        event('SignerRegistered', {
          signerId: 'gd',
          authorityCode: 'SGD-BENCH',
          fullName: 'Giám đốc',
          title: 'Giám đốc',
          role: 'head',
          validFrom: '2020-01-01',
          validTo: null,
          delegationRef: null,
        }),
      ]);
    while (this.written < target) await this.run();
  }

  private async append(stream: string, events: NewEvent[]): Promise<void> {
    await this.store.appendToStream(stream, events, 'any');
    this.written += events.length;
  }

  private lotId(): string {
    return `L${this.lots}`;
  }

  private async run(): Promise<void> {
    if (this.serial + RUN_SIZE + 10 > this.lotEnd) {
      this.lots += 1;
      this.serial = this.lotEnd;
      this.lotEnd += LOT_SIZE;
      await this.append(`blank-lot-${this.lotId()}`, [
        event('BlankLotReceived', {
          lotId: this.lotId(),
          kind: 'THPT',
          templateVersion: 'TT21',
          prefix: 'BK',
          width: 7,
          range: { from: this.serial + 1, to: this.lotEnd },
          receivingAuthority: 'SGD-BENCH',
          supplier: 'Bộ',
          deliveryNote: { number: 'P', date: '2024-05-20' },
          receivedBy: 'x',
          receivedOn: '2024-05-20',
          missing: [],
          damaged: [],
        }),
      ]);
    }
    const id = `r${(this.runs += 1)}`;
    const lot = `blank-lot-${this.lotId()}`;
    const first = this.serial + 1;
    const reserved = { from: first, to: first + RUN_SIZE + 1 };
    this.serial = reserved.to;
    const diplomas = Array.from({ length: RUN_SIZE }, (_, i) => `${id}-${i}`);
    const registerFirst = this.register + 1;
    this.register += RUN_SIZE;
    await this.append(lot, [
      event('BlanksReserved', {
        ranges: [reserved],
        authorityCode: 'SGD-BENCH',
        printRunId: id,
        reservedOn: '2024-08-01',
        quantity: RUN_SIZE + 2,
      }),
    ]);
    await this.append(`register-SGD-BENCH-THPT-2024`, [
      event('RegisterNumbersAssigned', {
        printRunId: id,
        first: registerFirst,
        last: this.register,
        count: RUN_SIZE,
        diplomaIds: diplomas,
      }),
    ]);
    const entries = diplomas.map((d, i) => ({
      diplomaId: d,
      graduateId: d,
      registerNumber: registerFirst + i,
      registerLabel: `${registerFirst + i}`,
      serial: first + i,
      serialLabel: `BK ${String(first + i).padStart(7, '0')}`,
      exemptFromPublicListing: false,
    }));
    await this.append(`print-run-${id}`, [
      event('PrintRunOpened', {
        printRunId: id,
        authorityCode: 'SGD-BENCH',
        decisionId: 'd',
        decisionNumber: '1/QĐ',
        decisionDate: '2024-07-20',
        kind: 'THPT',
        registerYear: 2024,
        lotId: this.lotId(),
        prefix: 'BK',
        width: 7,
        templateVersion: 'TT21',
        openedOn: '2024-08-01',
        reserved: [reserved],
        count: RUN_SIZE,
        exemptionBasis: null,
      }),
      event('PrintRunEntriesPlanned', { printRunId: id, entries }),
      event('PrintRunPrinted', { printRunId: id, printedOn: '2024-08-02', count: RUN_SIZE }),
      event('PrintRunItemReprinted', {
        printRunId: id,
        diplomaId: diplomas[0],
        registerLabel: '1',
        oldSerial: first,
        newSerial: reserved.to,
        newSerialLabel: 'x',
        reason: 'misprint',
        note: 'kẹt giấy',
        reprintedOn: '2024-08-02',
        newlyReserved: false,
      }),
      event('PrintRunSigned', {
        printRunId: id,
        signerId: 'gd',
        signerName: 'Giám đốc',
        signerTitle: 'Giám đốc',
        signerRole: 'head',
        delegationRef: null,
        issueDate: '2024-08-14',
        issuePlace: 'HP',
        regime: 'TT21',
        legalBasis: 'TT21',
      }),
      event('PrintRunClosed', {
        printRunId: id,
        closedOn: '2024-08-15',
        reserved: RUN_SIZE + 2,
        bound: RUN_SIZE,
        spoiled: 1,
        released: 1,
        releasedRanges: [{ from: reserved.to - 1, to: reserved.to - 1 }],
      }),
    ]);
    await this.append(lot, [
      event('BlanksBound', {
        authorityCode: 'SGD-BENCH',
        printRunId: id,
        boundOn: '2024-08-02',
        bindings: diplomas.map((d, i) => ({ serial: i === 0 ? reserved.to : first + i, diplomaId: d })),
      }),
      event('BlanksSpoiled', {
        ranges: [{ from: first, to: first }],
        authorityCode: 'SGD-BENCH',
        reason: 'misprint',
        note: 'kẹt giấy',
        spoiledOn: '2024-08-02',
        quantity: 1,
      }),
      event('BlanksReleased', {
        ranges: [{ from: reserved.to - 1, to: reserved.to - 1 }],
        authorityCode: 'SGD-BENCH',
        printRunId: id,
        releasedOn: '2024-08-15',
        quantity: 1,
      }),
    ]);
    for (let i = 1; i < RUN_SIZE; i++) this.bound.push(first + i);
    // Hand-overs: one event per diploma stream, as the counter records them (a tenth of them, to keep generation short).
    for (const d of diplomas.filter((_, i) => i % 10 === 0))
      await this.append(`diploma-${d}`, [
        event('DiplomaDelivered', {
          diplomaId: d,
          printRunId: id,
          recipient: { kind: 'holder', fullName: 'x', authorisationRef: null, idDocument: null },
          deliveredOn: '2024-09-01',
          deliveredBy: 'x',
        }),
      ]);
    await this.append(`verification-request-${id}`, [
      event('VerificationRequestReceived', {
        requestId: id,
        authorityCode: 'SGD-BENCH',
        organisation: 'Công ty',
        letterNumber: `${id}/CV`,
        letterDate: '2024-09-03',
        receivedOn: '2024-09-04',
        legalBasis: null,
        subjects: [
          { fullName: 'x', birthDate: null, serial: `BK ${String(first + 5).padStart(7, '0')}`, registerNumber: null },
          { fullName: 'y', birthDate: null, serial: `BK ${String(first).padStart(7, '0')}`, registerNumber: null },
        ],
      }),
    ]);
  }
}

function writeLookups(file: string, count: number, bound: readonly number[], offset: number): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    `CREATE TABLE IF NOT EXISTS lookups (id INTEGER PRIMARY KEY, at TEXT NOT NULL, client_hash TEXT NOT NULL, channel TEXT NOT NULL, query_kind TEXT NOT NULL, result TEXT NOT NULL, serial_hash TEXT)`,
  );
  const insert = db.prepare('INSERT INTO lookups (at, client_hash, channel, query_kind, result, serial_hash) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const n = offset + i;
      // One lookup in ten is a guess at a serial no lot holds (scenario 6), from a few clients.
      const guess = n % 10 === 0;
      const serial = guess ? 9_000_000 + n : bound[n % bound.length]!;
      const at = new Date(Date.UTC(2024, 8, 1) + (n % 90) * 86_400_000 + (n % 86_400) * 1000).toISOString();
      insert.run(
        at,
        lookupLogHash(KEY, 'client', guess ? `guesser-${n % 7}` : `client-${n % 50_000}`),
        'page',
        'serial_holder',
        guess ? 'NOT_FOUND' : 'VALID',
        lookupLogHash(KEY, 'serial', `BK ${String(serial).padStart(7, '0')}`),
      );
    }
  })();
  db.close();
}

async function catchUp(store: SqliteEventStore, runner: ProjectionRunner): Promise<void> {
  await runner.waitUntilCaughtUp((await store.headPosition())!, 3600_000);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-audits-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  const logFile = join(dir, 'lookup-log.sqlite');
  try {
    console.log(`bench:audits — ${EVENTS.toLocaleString('en')} events, ${LOOKUPS.toLocaleString('en')} lookup-log rows (data in ${dir})`);
    let t = performance.now();
    const history = new History(store);
    await history.until(EVENTS);
    writeLookups(logFile, LOOKUPS, history.bound, 0);
    console.log(
      `  generated ${history.written.toLocaleString('en')} events (${history.runs} print runs, ${history.lots} lots, ${history.bound.length.toLocaleString('en')} diplomas) and the log in ${((performance.now() - t) / 1000).toFixed(1)} s (not part of the measure)`,
    );

    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, db, AUDIT_PROJECTIONS, { logger: { log: () => undefined, error: (m) => console.error(m) } });
    peakRss = process.memoryUsage().rss;
    t = performance.now();
    let cpu = process.cpuUsage();
    runner.start();
    await catchUp(store, runner);
    const projSeconds = (performance.now() - t) / 1000;
    console.log(
      `  detections from zero over ${history.written.toLocaleString('en')} events: ${projSeconds.toFixed(1)} s wall, ${cpuSince(cpu).toFixed(1)} s CPU (${Math.round(history.written / projSeconds).toLocaleString('en')} events/s wall), peak RSS ${mb(peakRss)}`,
    );

    const scheduled = new ScheduledAudits(db, { spoiledDestroyWithinDays: 90, unknownSerialBurst: 20, portalAuthorityCode: 'SGD-BENCH' });
    peakRss = process.memoryUsage().rss;
    t = performance.now();
    cpu = process.cpuUsage();
    const hashed = scheduled.readLookupLog(new Date('2024-12-31T00:00:00Z'), { file: logFile, hashKey: KEY });
    const logSeconds = (performance.now() - t) / 1000;
    console.log(
      `  lookup log from zero: ${hashed.lookupsRead.toLocaleString('en')} rows and ${hashed.serialsHashed.toLocaleString('en')} serials hashed in ${logSeconds.toFixed(1)} s wall, ${cpuSince(cpu).toFixed(1)} s CPU, peak RSS ${mb(peakRss)}`,
    );
    t = performance.now();
    const overdue = scheduled.spoiledNotDestroyed(new Date('2024-12-31T00:00:00Z'));
    console.log(`  spoiled-not-destroyed check: ${overdue} overdue blanks in ${(performance.now() - t).toFixed(0)} ms`);

    const before = everyDetection(db).length;
    // Stopped while the 1% more is written, so that the second pass measures only the catch-up.
    await runner.stop();
    const extraEvents = Math.max(1000, Math.round(EVENTS / 100));
    const extraLookups = Math.max(1000, Math.round(LOOKUPS / 100));
    const start = history.written;
    await history.until(start + extraEvents);
    writeLookups(logFile, extraLookups, history.bound, LOOKUPS);
    t = performance.now();
    cpu = process.cpuUsage();
    runner.start();
    await catchUp(store, runner);
    const incEvents = (performance.now() - t) / 1000;
    const incEventsCpu = cpuSince(cpu);
    t = performance.now();
    cpu = process.cpuUsage();
    const more = scheduled.readLookupLog(new Date('2024-12-31T00:00:00Z'), { file: logFile, hashKey: KEY });
    const incLog = (performance.now() - t) / 1000;
    console.log(
      `  incremental: +${(history.written - start).toLocaleString('en')} events in ${(incEvents * 1000).toFixed(0)} ms wall, ${(incEventsCpu * 1000).toFixed(0)} ms CPU; +${more.lookupsRead.toLocaleString('en')} lookups (+${more.serialsHashed.toLocaleString('en')} new serials hashed) in ${(incLog * 1000).toFixed(0)} ms wall, ${(cpuSince(cpu) * 1000).toFixed(0)} ms CPU`,
    );
    console.log(`  detections: ${before} after the first pass, ${everyDetection(db).length} after the second`);
    await runner.stop();
    db.close();
  } finally {
    clearInterval(sampler);
    await store.close();
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

void main();
