/**
 * `npm run bench:store`: what the event store costs through its port, next to raw better-sqlite3 on
 * the same machine, in the same run, with the same rows.
 *
 * Scenarios (each writer on its own fresh directory under os.tmpdir(), removed afterwards):
 *   - append, 100 events per append: 1 command = 1 transaction = 100 events on a new stream
 *     (BENCH_EVENTS / 100 streams, expected revision 'no_stream'); raw = 100-row transactions.
 *     At synchronous=FULL (the adapter's default) and at NORMAL.
 *   - append, 1 event per append: one command per transaction, on BENCH_EVENTS / 10 streams visited
 *     round-robin, each append pinned to the stream's current revision; raw = one autocommitted INSERT.
 *     At NORMAL (BENCH_SINGLE_NORMAL_EVENTS, default BENCH_EVENTS) and at FULL
 *     (BENCH_SINGLE_FULL_EVENTS, default 50,000: an fsync per commit makes a million take too long).
 *   - replay: a ProjectionRunner with a trivial projection (counts events per type, handles every type)
 *     catching up from zero over the file written by the port's batch-100 FULL run, timed until
 *     waitUntilCaughtUp(last position) resolves; raw = one sequential `SELECT … ORDER BY position`
 *     iterated with .raw() (mean of a scan before and one after the replay), and once with JSON.parse
 *     of data.
 * Raw and port always run at the same synchronous setting, on the same table (the adapter's own
 * schema function) with the same INSERT statement and the same payloads (checked byte for byte).
 * The raw and the port writer of a pair run alternately, in rounds of 1/20 of the events each (each
 * on its own file), so that whatever else the machine is doing falls on both alike.
 *
 * Then "where the rest goes". Writes: a ladder per scenario on one fresh file, from the raw loop to the
 * port, each rung adding one thing the port does (BEGIN IMMEDIATE, the MAX(revision) check, event
 * objects + JSON.stringify, the port's own glue); rungs interleaved in rounds, median per rung
 * (100,000 events per rung for batch-100, 50,000 / 5,000 for single NORMAL / FULL, or fewer when
 * BENCH_* is smaller). Replay: sequential passes adding the adapter's paging, StoredEvent, the async
 * iteration, the ProjectionLoop with a projection that handles nothing, and the projection's writes.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import { SqliteEventStore, type NewEvent, type Position, type RecordedEvent } from '@so-goc/event-store';
import { migrateEventStoreSchema } from '@so-goc/event-store/sqlite/schema';
import { EVENT_COLUMNS, StoredEvent, type EventRow } from '@so-goc/event-store/sqlite/stored-event';
import { openReadModelDatabase, ProjectionRunner, type Projection } from '@so-goc/projections';

type Synchronous = 'FULL' | 'NORMAL';

// ------------------------------------------------------------------------------------------------
// Configuration
// ------------------------------------------------------------------------------------------------

function intFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}

const EVENTS = intFromEnv('BENCH_EVENTS', 1_000_000);
const SINGLE_NORMAL_EVENTS = intFromEnv('BENCH_SINGLE_NORMAL_EVENTS', EVENTS);
const SINGLE_FULL_EVENTS = intFromEnv('BENCH_SINGLE_FULL_EVENTS', Math.min(EVENTS, 50_000));
const BATCH = 100;
/** Single-event appends spread over EVENTS / 10 streams: every stream ends with 10 events. */
const EVENTS_PER_SINGLE_STREAM = 10;
/** Iterations of the micro-measurements (stringify, lookups…). */
const SAMPLE = Math.min(EVENTS, 200_000);
const TARGET = 0.8;
/** A raw/port pair alternates in this many rounds. */
const PAIR_ROUNDS = 20;
/** A breakdown ladder interleaves its rungs in this many rounds, and keeps each rung's median. */
const LADDER_ROUNDS = 20;

// The adapter's own statements, repeated here so the raw baseline runs exactly the same SQL.
const INSERT_SQL = `INSERT INTO events (stream, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`;
const MAX_REVISION_SQL = 'SELECT MAX(revision) FROM events WHERE stream = ?';
const READ_PAGE_SQL = `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`;
const READ_ALL_SQL = `SELECT ${EVENT_COLUMNS} FROM events ORDER BY position`;
const ADAPTER_PAGE_SIZE = 500;

type InsertStatement = Statement<[string, number, string, string, string, string, number]>;

// ------------------------------------------------------------------------------------------------
// Payloads: a graduate record (~290 bytes of JSON, Vietnamese text) and the command metadata
// (~210 bytes). The port gets objects; raw gets the same JSON built by concatenation (checked equal).
// ------------------------------------------------------------------------------------------------

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Quang', 'Thanh', 'Xuân', 'Thị Thu', 'Hoàng'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Giang',
  'Hà',
  'Hương',
  'Khánh',
  'Linh',
  'Mai',
  'Nam',
  'Phúc',
  'Quân',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];
const PLACES = [
  'Thành phố Hà Nội',
  'Thành phố Hồ Chí Minh',
  'Tỉnh Nghệ An',
  'Tỉnh Thanh Hóa',
  'Thành phố Đà Nẵng',
  'Tỉnh Quảng Ninh',
  'Thành phố Cần Thơ',
];
const SCHOOLS = [
  'Trường Đại học Sư phạm Hà Nội',
  'Trường Đại học Bách khoa Hà Nội',
  'Trường Đại học Kinh tế Quốc dân',
  'Trường Đại học Khoa học Tự nhiên',
  'Trường Đại học Cần Thơ',
  'Trường Đại học Huế',
];
const MAJORS = ['Sư phạm Ngữ văn', 'Kỹ thuật Cơ điện tử', 'Kế toán', 'Công nghệ Thông tin', 'Quản trị Kinh doanh', 'Ngôn ngữ Anh'];
const ETHNICITIES = ['Kinh', 'Tày', 'Thái', 'Mường', 'Khmer', 'Hoa', 'Nùng', 'H’Mông'];
const RANKS = ['Xuất sắc', 'Giỏi', 'Khá', 'Trung bình'];
const EVENT_TYPES = ['GraduateRecorded', 'DiplomaIssued', 'DiplomaSerialAssigned', 'DiplomaCopyIssued'];

function pick<T>(values: readonly T[], index: number): T {
  return values[index % values.length]!;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

interface GraduateRecord {
  fullName: string;
  birthDate: string;
  birthPlace: string;
  gender: string;
  ethnicity: string;
  school: string;
  major: string;
  classification: string;
  graduationYear: number;
  serial: string;
}

interface CommandMetadata {
  commandId: string;
  correlationId: string;
  actor: { officerId: string; role: string; authorityCode: string };
  occurredAt: string;
}

function fullName(i: number): string {
  return `${pick(FAMILY, i)} ${pick(MIDDLE, (i * 7) >>> 2)} ${pick(GIVEN, (i * 13) >>> 3)}`;
}
function birthDate(i: number): string {
  return `${1996 + (i % 9)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}`;
}
function gender(i: number): string {
  return i % 2 === 0 ? 'Nữ' : 'Nam';
}
function graduationYear(i: number): number {
  return 2018 + (i % 8);
}
function serial(i: number): string {
  return `QH-${graduationYear(i)}-${pad(i % 10_000_000, 7)}`;
}
function officerId(i: number): string {
  return `cb-${pad(i % 1000, 4)}`;
}

function dataObject(i: number): GraduateRecord {
  return {
    fullName: fullName(i),
    birthDate: birthDate(i),
    birthPlace: pick(PLACES, i >>> 1),
    gender: gender(i),
    ethnicity: pick(ETHNICITIES, i >>> 5),
    school: pick(SCHOOLS, i >>> 4),
    major: pick(MAJORS, i >>> 2),
    classification: pick(RANKS, i >>> 3),
    graduationYear: graduationYear(i),
    serial: serial(i),
  };
}

/** Byte-identical to JSON.stringify(dataObject(i)) (no character needs escaping); checked at start. */
function dataJson(i: number): string {
  return (
    '{"fullName":"' +
    fullName(i) +
    '","birthDate":"' +
    birthDate(i) +
    '","birthPlace":"' +
    pick(PLACES, i >>> 1) +
    '","gender":"' +
    gender(i) +
    '","ethnicity":"' +
    pick(ETHNICITIES, i >>> 5) +
    '","school":"' +
    pick(SCHOOLS, i >>> 4) +
    '","major":"' +
    pick(MAJORS, i >>> 2) +
    '","classification":"' +
    pick(RANKS, i >>> 3) +
    '","graduationYear":' +
    graduationYear(i) +
    ',"serial":"' +
    serial(i) +
    '"}'
  );
}

function metadataObject(commandId: string, command: number, occurredAt: string): CommandMetadata {
  return {
    commandId,
    correlationId: commandId,
    actor: { officerId: officerId(command), role: 'registrar', authorityCode: 'SGD-HN' },
    occurredAt,
  };
}

function metadataJson(commandId: string, command: number, occurredAt: string): string {
  return (
    '{"commandId":"' +
    commandId +
    '","correlationId":"' +
    commandId +
    '","actor":{"officerId":"' +
    officerId(command) +
    '","role":"registrar","authorityCode":"SGD-HN"},"occurredAt":"' +
    occurredAt +
    '"}'
  );
}

function eventType(i: number): string {
  return pick(EVENT_TYPES, i);
}

function batchStream(batch: number): string {
  return `graduation-lot-${pad(batch, 7)}`;
}
function singleStream(index: number): string {
  return `graduate-${pad(index, 7)}`;
}

function checkPayloads(): { dataBytes: number; metadataBytes: number } {
  let dataBytes = 0;
  let metadataBytes = 0;
  const n = 10_000;
  for (let i = 0; i < n; i += 1) {
    const data = dataJson(i);
    if (data !== JSON.stringify(dataObject(i)))
      throw new Error(`raw and port payloads differ at ${i}:\n${data}\n${JSON.stringify(dataObject(i))}`);
    const id = randomUUID();
    const at = new Date().toISOString();
    const metadata = metadataJson(id, i, at);
    if (metadata !== JSON.stringify(metadataObject(id, i, at))) throw new Error(`raw and port metadata differ at ${i}`);
    dataBytes += Buffer.byteLength(data);
    metadataBytes += Buffer.byteLength(metadata);
  }
  return { dataBytes: dataBytes / n, metadataBytes: metadataBytes / n };
}

// ------------------------------------------------------------------------------------------------
// Plumbing: temp dirs, memory, timing, formatting
// ------------------------------------------------------------------------------------------------

const liveDirs = new Set<string>();

function freshDir(label: string): string {
  const path = mkdtempSync(join(tmpdir(), `so-goc-bench-${label}-`));
  liveDirs.add(path);
  return path;
}

function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
  liveDirs.delete(path);
}

process.on('exit', () => {
  for (const path of liveDirs) rmSync(path, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const collectGarbage = (globalThis as { gc?: () => void }).gc;

let peakRss = 0;
function sampleRss(): void {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
}
/** Starts a scenario's memory window: collect garbage, then track the peak from here. */
function resetRss(): void {
  collectGarbage?.();
  peakRss = 0;
  sampleRss();
}

function fileBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) if (existsSync(file + suffix)) total += statSync(file + suffix).size;
  return total;
}

function seconds(start: number): number {
  return (performance.now() - start) / 1000;
}

const MB = 1024 * 1024;
const int = (value: number): string => Math.round(value).toLocaleString('en-US');
const fixed = (value: number, digits: number): string => value.toFixed(digits);
const us = (value: number): string => fixed(value, 2);

interface Row {
  readonly scenario: string;
  readonly events: number;
  readonly seconds: number;
  readonly rawRate?: number;
  readonly peakRssMb: number;
  readonly dbMb?: number;
}

const rows: Row[] = [];

function rate(row: Pick<Row, 'events' | 'seconds'>): number {
  return row.events / row.seconds;
}

function record(row: Row): Row {
  rows.push(row);
  const ratio = row.rawRate !== undefined ? `  ${fixed((100 * rate(row)) / row.rawRate, 1)}% of raw` : '';
  console.error(`  done: ${row.scenario}: ${int(row.events)} events in ${fixed(row.seconds, 2)} s = ${int(rate(row))}/s${ratio}`);
  return row;
}

function progress(message: string): void {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

// ------------------------------------------------------------------------------------------------
// Writers: raw and port, 100 events per transaction or one
// ------------------------------------------------------------------------------------------------

function openRaw(file: string, synchronous: Synchronous): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  migrateEventStoreSchema(db);
  return db;
}

function expectRows(file: string, expected: number, scenario: string): void {
  const db = new Database(file, { readonly: true });
  try {
    const found = db.prepare<[], number>('SELECT COUNT(*) FROM events').pluck().get() ?? 0;
    if (found !== expected) throw new Error(`${scenario}: expected ${expected} rows, found ${found}`);
  } finally {
    db.close();
  }
}

interface Writer {
  /** Appends the next `count` events. */
  write(count: number): void | Promise<void>;
  close(): Promise<void>;
  /** Global position of the last event appended (port writers). */
  lastPosition(): Position | undefined;
}

type Kind = 'batch' | 'single';

/** Raw: 100 INSERTs of ready-made JSON strings in one db.transaction(), each lot on a new stream. */
function rawBatchWriter(file: string, synchronous: Synchronous): Writer {
  const db = openRaw(file, synchronous);
  const insert: InsertStatement = db.prepare(INSERT_SQL);
  const appendLot = db.transaction((batch: number, first: number, count: number) => {
    const now = Date.now();
    const metadata = metadataJson(randomUUID(), batch, new Date(now).toISOString());
    const stream = batchStream(batch);
    for (let k = 0; k < count; k += 1) insert.run(stream, k, randomUUID(), eventType(first + k), dataJson(first + k), metadata, now);
  });
  let written = 0;
  return {
    write(count: number): void {
      for (const end = written + count; written < end;) {
        const n = Math.min(BATCH, end - written);
        appendLot(Math.floor(written / BATCH), written, n);
        written += n;
      }
    },
    close: (): Promise<void> => {
      db.close();
      return Promise.resolve();
    },
    lastPosition: () => undefined,
  };
}

/** The port: appendToStream with a lot of 100 events on a new stream, expected revision 'no_stream'. */
function portBatchWriter(file: string, synchronous: Synchronous): Writer {
  const store = new SqliteEventStore({ file, synchronous });
  let written = 0;
  let last: Position | undefined;
  return {
    async write(count: number): Promise<void> {
      for (const end = written + count; written < end;) {
        const n = Math.min(BATCH, end - written);
        const batch = Math.floor(written / BATCH);
        const metadata = metadataObject(randomUUID(), batch, new Date().toISOString());
        const lot = new Array<NewEvent>(n);
        for (let k = 0; k < n; k += 1) {
          const i = written + k;
          lot[k] = { id: randomUUID(), type: eventType(i), data: dataObject(i), metadata };
        }
        last = (await store.appendToStream(batchStream(batch), lot, 'no_stream')).position;
        written += n;
      }
    },
    close: () => store.close(),
    lastPosition: () => last,
  };
}

/** Raw: one autocommitted INSERT per event, round-robin over `streams` streams. */
function rawSingleWriter(file: string, synchronous: Synchronous, streams: number): Writer {
  const db = openRaw(file, synchronous);
  const insert: InsertStatement = db.prepare(INSERT_SQL);
  const revisions = new Int32Array(streams).fill(-1);
  let next = 0;
  return {
    write(count: number): void {
      for (let k = 0; k < count; k += 1) {
        const i = next++;
        const s = i % streams;
        const revision = revisions[s]! + 1;
        const now = Date.now();
        const metadata = metadataJson(randomUUID(), i, new Date(now).toISOString());
        insert.run(singleStream(s), revision, randomUUID(), eventType(i), dataJson(i), metadata, now);
        revisions[s] = revision;
      }
    },
    close: (): Promise<void> => {
      db.close();
      return Promise.resolve();
    },
    lastPosition: () => undefined,
  };
}

/** The port: appendToStream with one event, pinned to the stream's revision, round-robin over `streams`. */
function portSingleWriter(file: string, synchronous: Synchronous, streams: number): Writer {
  const store = new SqliteEventStore({ file, synchronous });
  const revisions = new Int32Array(streams).fill(-1);
  let next = 0;
  let last: Position | undefined;
  return {
    async write(count: number): Promise<void> {
      for (let k = 0; k < count; k += 1) {
        const i = next++;
        const s = i % streams;
        const current = revisions[s]!;
        const metadata = metadataObject(randomUUID(), i, new Date().toISOString());
        const event: NewEvent = { id: randomUUID(), type: eventType(i), data: dataObject(i), metadata };
        last = (await store.appendToStream(singleStream(s), [event], current < 0 ? 'no_stream' : BigInt(current))).position;
        revisions[s] = current + 1;
      }
    },
    close: () => store.close(),
    lastPosition: () => last,
  };
}

interface PairResult {
  readonly raw: Row;
  readonly port: Row;
  readonly portFile: string;
  readonly lastPosition: Position;
  /** µs per call of the adapter's MAX(revision) statement alone, on the port's file. */
  readonly maxRevisionLookupUs: number;
}

/**
 * Raw and port, each on its own fresh file, alternately (rotating which goes first) in PAIR_ROUNDS
 * rounds. The port's directory is `portDir` when given (the caller removes it), else removed here.
 */
async function comparePair(kind: Kind, synchronous: Synchronous, events: number, portDir?: string): Promise<PairResult> {
  const names =
    kind === 'batch'
      ? { raw: `raw: 100-row transactions (${synchronous})`, port: `port: appendToStream, 100 events/append (${synchronous})` }
      : { raw: `raw: 1-row transactions (${synchronous})`, port: `port: appendToStream, 1 event/append (${synchronous})` };
  progress(`${names.raw} vs ${names.port}: ${int(events)} events each, alternating in ${PAIR_ROUNDS} rounds`);
  const rawDir = freshDir(`raw-${kind}`);
  const ownPortDir = portDir ?? freshDir(`port-${kind}`);
  const rawFile = join(rawDir, 'events.sqlite');
  const portFile = join(ownPortDir, 'events.sqlite');
  const streams = Math.ceil(events / EVENTS_PER_SINGLE_STREAM);
  try {
    const writers: Writer[] =
      kind === 'batch'
        ? [rawBatchWriter(rawFile, synchronous), portBatchWriter(portFile, synchronous)]
        : [rawSingleWriter(rawFile, synchronous, streams), portSingleWriter(portFile, synchronous, streams)];
    const unit = kind === 'batch' ? BATCH : 1;
    const chunk = Math.max(unit, Math.ceil(events / PAIR_ROUNDS / unit) * unit);
    const elapsed = [0, 0];
    const done = [0, 0];
    resetRss();
    for (let round = 0; done[0]! < events || done[1]! < events; round += 1) {
      for (const k of round % 2 === 0 ? [0, 1] : [1, 0]) {
        const count = Math.min(chunk, events - done[k]!);
        if (count <= 0) continue;
        const start = performance.now();
        await writers[k]!.write(count);
        elapsed[k]! += performance.now() - start;
        done[k]! += count;
        sampleRss();
      }
    }
    const lastPosition = writers[1]!.lastPosition();
    for (const writer of writers) await writer.close();
    expectRows(rawFile, events, names.raw);
    expectRows(portFile, events, names.port);
    if (!lastPosition) throw new Error(`${names.port}: no position`);
    const raw = record({
      scenario: names.raw,
      events,
      seconds: elapsed[0]! / 1000,
      peakRssMb: peakRss / MB,
      dbMb: fileBytes(rawFile) / MB,
    });
    const port = record({
      scenario: names.port,
      events,
      seconds: elapsed[1]! / 1000,
      rawRate: rate(raw),
      peakRssMb: peakRss / MB,
      dbMb: fileBytes(portFile) / MB,
    });
    const maxRevisionLookupUs =
      kind === 'batch'
        ? measureMaxRevisionLookup(portFile, Math.ceil(events / BATCH), batchStream)
        : measureMaxRevisionLookup(portFile, streams, singleStream);
    return { raw, port, portFile, lastPosition, maxRevisionLookupUs };
  } finally {
    removeDir(rawDir);
    if (!portDir) removeDir(ownPortDir);
  }
}

// ------------------------------------------------------------------------------------------------
// Reads: raw scan, replay through the ProjectionRunner
// ------------------------------------------------------------------------------------------------

/** One sequential scan in position order with .raw().iterate(), optionally JSON.parse(data); seconds. */
function rawScan(file: string, events: number, parse: boolean): number {
  const db = new Database(file, { readonly: true });
  try {
    const scan = db.prepare<[], EventRow>(READ_ALL_SQL).raw();
    const start = performance.now();
    let count = 0;
    let checksum = 0;
    for (const row of scan.iterate()) {
      count += 1;
      checksum += row[2];
      if (parse) checksum += (JSON.parse(row[5]) as GraduateRecord).graduationYear;
      if ((count & 65535) === 0) sampleRss();
    }
    const elapsed = seconds(start);
    if (count !== events || checksum < 0) throw new Error(`raw scan read ${count} rows, expected ${events}`);
    return elapsed;
  } finally {
    db.close();
  }
}

const EVENT_COUNTS_TABLE = 'bench_event_counts';

/** The trivial read model: one row per event type, counting. Handles every type. */
function countByTypeProjection(): Projection {
  let upsert: Statement<[string]> | undefined;
  let upsertDb: Db | undefined;
  return {
    name: 'bench_count_by_type',
    version: 1,
    handles: EVENT_TYPES,
    tables: [EVENT_COUNTS_TABLE],
    createTables(db: Db): void {
      db.exec(`CREATE TABLE IF NOT EXISTS ${EVENT_COUNTS_TABLE} (type TEXT PRIMARY KEY, events INTEGER NOT NULL)`);
    },
    apply(db: Db, event: RecordedEvent): void {
      if (upsertDb !== db || upsert === undefined) {
        upsert = db.prepare(
          `INSERT INTO ${EVENT_COUNTS_TABLE} (type, events) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET events = events + 1`,
        );
        upsertDb = db;
      }
      upsert.run(event.type);
    },
  };
}

/** For the breakdown: a projection that handles no type, so only the loop and its checkpoints run. */
const handlesNothingProjection: Projection = {
  name: 'bench_handles_nothing',
  version: 1,
  handles: [],
  tables: [],
  createTables: () => undefined,
  apply: () => undefined,
};

const quietLogger = { log: (): void => undefined, error: (message: string): void => console.error(message) };

/** Catches a ProjectionRunner up from zero on `eventsFile`; seconds until waitUntilCaughtUp resolves. */
async function replay(
  eventsFile: string,
  events: number,
  lastPosition: Position,
  projection: Projection,
  counts: boolean,
): Promise<number> {
  const dir = freshDir('replay-read-model');
  try {
    const readModel = openReadModelDatabase(join(dir, 'read-model.sqlite'));
    const store = new SqliteEventStore({ file: eventsFile });
    const runner = new ProjectionRunner(store, readModel, [projection], { logger: quietLogger });
    const sampler = setInterval(sampleRss, 50);
    const start = performance.now();
    runner.start();
    await runner.waitUntilCaughtUp(lastPosition, 24 * 3600 * 1000);
    const elapsed = seconds(start);
    clearInterval(sampler);
    sampleRss();
    const state = runner.states()[0];
    await runner.stop();
    await store.close();
    if (!state || state.status !== 'running' || state.position?.commit !== lastPosition.commit) {
      throw new Error(`replay did not catch up: ${state?.status ?? 'no state'} ${state?.error ?? ''}`);
    }
    if (counts) {
      const counted = readModel.prepare<[], number>(`SELECT SUM(events) FROM ${EVENT_COUNTS_TABLE}`).pluck().get();
      if (counted !== events) throw new Error(`replay counted ${counted} events, expected ${events}`);
    }
    readModel.close();
    return elapsed;
  } finally {
    removeDir(dir);
  }
}

interface ReadResult {
  readonly scan: Row;
  readonly scanParsed: Row;
  readonly replay: Row;
}

async function compareReads(eventsFile: string, events: number, lastPosition: Position): Promise<ReadResult> {
  progress(`raw scans and replay over the ${int(events)}-event file`);
  resetRss();
  const scanBefore = rawScan(eventsFile, events, false);
  const parsed = rawScan(eventsFile, events, true);
  const replayed = await replay(eventsFile, events, lastPosition, countByTypeProjection(), true);
  const scanAfter = rawScan(eventsFile, events, false);
  const peakRssMb = peakRss / MB;
  const scan = record({ scenario: 'raw: sequential read, .raw().iterate()', events, seconds: (scanBefore + scanAfter) / 2, peakRssMb });
  const scanParsed = record({ scenario: 'raw: sequential read + JSON.parse(data)', events, seconds: parsed, peakRssMb });
  const replayRow = record({
    scenario: 'port: replay into ProjectionRunner (count per type)',
    events,
    seconds: replayed,
    rawRate: rate(scan),
    peakRssMb,
  });
  rows.push({ ...replayRow, scenario: '  (same replay, vs raw read + JSON.parse)', rawRate: rate(scanParsed) });
  return { scan, scanParsed, replay: replayRow };
}

// ------------------------------------------------------------------------------------------------
// Where the rest goes
// ------------------------------------------------------------------------------------------------

function timeUs(iterations: number, body: (i: number) => void): number {
  for (let i = 0; i < Math.min(iterations, 5_000); i += 1) body(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) body(i);
  return ((performance.now() - start) * 1000) / iterations;
}

let sink = 0;

/** JSON.stringify(data) + JSON.stringify(metadata) alone, µs per event (on ready-made objects). */
function measureStringify(): number {
  const pool = 10_000;
  const at = new Date().toISOString();
  const objects = Array.from({ length: pool }, (_, i) => ({ data: dataObject(i), metadata: metadataObject(randomUUID(), i, at) }));
  return timeUs(SAMPLE, (i) => {
    const event = objects[i % pool]!;
    sink += JSON.stringify(event.data).length + JSON.stringify(event.metadata).length;
  });
}

/** The adapter's MAX(revision) statement alone, µs per call, over the streams of a file just written. */
function measureMaxRevisionLookup(file: string, streams: number, name: (index: number) => string): number {
  const db = new Database(file, { readonly: true });
  try {
    const lookup = db.prepare<[string], number | null>(MAX_REVISION_SQL).pluck();
    const distinct = Math.min(streams, 10_000);
    const names = Array.from({ length: distinct }, (_, k) => name(Math.floor((k * streams) / distinct)));
    return timeUs(Math.min(SAMPLE, 100_000), (i) => {
      sink += lookup.get(names[(i * 7919) % names.length]!) ?? 0;
    });
  } finally {
    db.close();
  }
}

/**
 * A write ladder: rung 0 is the raw baseline, each next rung adds one thing the port does, the last
 * rung is the port itself. All rungs append to one file, interleaved in rounds (rotating which goes
 * first) so that file growth, checkpoints and machine noise fall on every rung alike.
 */
interface Rung {
  readonly label: string;
  readonly run: (count: number) => void | Promise<void>;
}

interface Ladder {
  readonly title: string;
  readonly eventsPerRung: number;
  /** Median over the rounds of each rung's µs per event. */
  readonly rungs: readonly { readonly label: string; readonly us: number }[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function climb(title: string, eventsPerRung: number, unit: number, rungs: readonly Rung[]): Promise<Ladder> {
  progress(`breakdown: ${title}, ${int(eventsPerRung)} events per rung`);
  const samples = rungs.map((): number[] => []);
  const chunk = Math.max(unit, Math.floor(eventsPerRung / LADDER_ROUNDS / unit) * unit);
  for (const rung of rungs) await rung.run(unit); // warm-up, not timed
  for (let round = 0; round * chunk < eventsPerRung; round += 1) {
    for (let k = 0; k < rungs.length; k += 1) {
      const index = (k + round) % rungs.length;
      const start = performance.now();
      await rungs[index]!.run(chunk);
      samples[index]!.push(((performance.now() - start) * 1000) / chunk);
    }
  }
  return { title, eventsPerRung, rungs: rungs.map((rung, k) => ({ label: rung.label, us: median(samples[k]!) })) };
}

async function singleLadder(synchronous: Synchronous, eventsPerRung: number): Promise<Ladder> {
  const dir = freshDir('ladder-single');
  const file = join(dir, 'events.sqlite');
  const db = openRaw(file, synchronous);
  const store = new SqliteEventStore({ file, synchronous });
  try {
    const insert: InsertStatement = db.prepare(INSERT_SQL);
    const lastRevision = db.prepare<[string], number | null>(MAX_REVISION_SQL).pluck();
    const streams = Math.ceil((5 * (eventsPerRung + 1)) / EVENTS_PER_SINGLE_STREAM);
    const revisions = new Int32Array(streams).fill(-1);
    let next = 0;
    const each = (count: number, body: (i: number, stream: string, revision: number) => void): void => {
      for (let k = 0; k < count; k += 1) {
        const i = next++;
        const s = i % streams;
        const revision = revisions[s]! + 1;
        body(i, singleStream(s), revision);
        revisions[s] = revision;
      }
    };
    const insertStrings = (i: number, stream: string, revision: number): void => {
      const now = Date.now();
      insert.run(
        stream,
        revision,
        randomUUID(),
        eventType(i),
        dataJson(i),
        metadataJson(randomUUID(), i, new Date(now).toISOString()),
        now,
      );
    };
    const checkRevision = (stream: string, revision: number): void => {
      if ((lastRevision.get(stream) ?? -1) !== revision - 1) throw new Error(`unexpected revision on ${stream}`);
    };
    const wrapped = db.transaction(insertStrings);
    const checked = db.transaction((i: number, stream: string, revision: number) => {
      checkRevision(stream, revision);
      insertStrings(i, stream, revision);
    });
    const serialised = db.transaction((stream: string, revision: number, event: NewEvent) => {
      checkRevision(stream, revision);
      insert.run(stream, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata ?? {}), Date.now());
    });
    const newEvent = (i: number): NewEvent => ({
      id: randomUUID(),
      type: eventType(i),
      data: dataObject(i),
      metadata: metadataObject(randomUUID(), i, new Date().toISOString()),
    });
    return await climb(`1 event/append (${synchronous})`, eventsPerRung, 1, [
      { label: 'raw: one autocommitted INSERT of ready-made JSON strings', run: (count) => each(count, insertStrings) },
      {
        label: '+ explicit BEGIN IMMEDIATE … COMMIT around it',
        run: (count) => each(count, (i, stream, revision) => wrapped.immediate(i, stream, revision)),
      },
      {
        label: '+ SELECT MAX(revision) for the expected-revision check',
        run: (count) => each(count, (i, stream, revision) => checked.immediate(i, stream, revision)),
      },
      {
        label: '+ event objects and JSON.stringify(data), (metadata)',
        run: (count) => each(count, (i, stream, revision) => serialised.immediate(stream, revision, newEvent(i))),
      },
      {
        label: '+ the port glue: store.appendToStream (Promise, await, notify…)',
        run: async (count) => {
          for (let k = 0; k < count; k += 1) {
            const i = next++;
            const s = i % streams;
            const revision = revisions[s]! + 1;
            await store.appendToStream(singleStream(s), [newEvent(i)], revision === 0 ? 'no_stream' : BigInt(revision - 1));
            revisions[s] = revision;
          }
        },
      },
    ]);
  } finally {
    await store.close();
    db.close();
    removeDir(dir);
  }
}

async function batchLadder(synchronous: Synchronous, eventsPerRung: number): Promise<Ladder> {
  const dir = freshDir('ladder-batch');
  const file = join(dir, 'events.sqlite');
  const db = openRaw(file, synchronous);
  const store = new SqliteEventStore({ file, synchronous });
  try {
    const insert: InsertStatement = db.prepare(INSERT_SQL);
    const lastRevision = db.prepare<[string], number | null>(MAX_REVISION_SQL).pluck();
    let nextBatch = 0;
    const eachLot = (count: number, body: (batch: number, first: number) => void): void => {
      for (let k = 0; k < count; k += BATCH) {
        const batch = nextBatch++;
        body(batch, batch * BATCH);
      }
    };
    const insertLot = (batch: number, first: number): void => {
      const now = Date.now();
      const metadata = metadataJson(randomUUID(), batch, new Date(now).toISOString());
      const stream = batchStream(batch);
      for (let k = 0; k < BATCH; k += 1) insert.run(stream, k, randomUUID(), eventType(first + k), dataJson(first + k), metadata, now);
    };
    const checkNoStream = (stream: string): void => {
      if (lastRevision.get(stream) != null) throw new Error(`${stream} already exists`);
    };
    const deferred = db.transaction(insertLot);
    const checked = db.transaction((batch: number, first: number) => {
      checkNoStream(batchStream(batch));
      insertLot(batch, first);
    });
    const serialised = db.transaction((stream: string, lot: readonly NewEvent[]) => {
      checkNoStream(stream);
      const now = Date.now();
      let revision = 0;
      for (const event of lot) {
        insert.run(stream, revision++, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata ?? {}), now);
      }
    });
    const newLot = (batch: number, first: number): NewEvent[] => {
      const metadata = metadataObject(randomUUID(), batch, new Date().toISOString());
      const lot = new Array<NewEvent>(BATCH);
      for (let k = 0; k < BATCH; k += 1) lot[k] = { id: randomUUID(), type: eventType(first + k), data: dataObject(first + k), metadata };
      return lot;
    };
    return await climb(`100 events/append (${synchronous})`, eventsPerRung, BATCH, [
      { label: 'raw: 100 INSERTs of ready-made JSON strings, db.transaction()', run: (count) => eachLot(count, deferred) },
      {
        label: '+ BEGIN IMMEDIATE instead of a deferred BEGIN',
        run: (count) => eachLot(count, (batch, first) => deferred.immediate(batch, first)),
      },
      {
        label: '+ SELECT MAX(revision) for the expected-revision check',
        run: (count) => eachLot(count, (batch, first) => checked.immediate(batch, first)),
      },
      {
        label: '+ event objects and JSON.stringify(data), (metadata)',
        run: (count) => eachLot(count, (batch, first) => serialised.immediate(batchStream(batch), newLot(batch, first))),
      },
      {
        label: '+ the port glue: store.appendToStream (Promise, await, notify…)',
        run: async (count) => {
          for (let k = 0; k < count; k += BATCH) {
            const batch = nextBatch++;
            await store.appendToStream(batchStream(batch), newLot(batch, batch * BATCH), 'no_stream');
          }
        },
      },
    ]);
  } finally {
    await store.close();
    db.close();
    removeDir(dir);
  }
}

interface ReadCosts {
  /** Reading in the adapter's 500-row pages with .all(), µs per event. */
  readonly pagedUs: number;
  /** The same plus `new StoredEvent(row)`, µs per event. */
  readonly pagedStoredEventUs: number;
  /** `for await (… of store.subscribeToAll())` alone, no projection, µs per event. */
  readonly subscribeUs: number;
  /** The ProjectionRunner with a projection that handles no type (loop, batches, checkpoints), µs per event. */
  readonly loopUs: number;
  /** The projection's apply (one UPSERT) alone, in 500-event read-model transactions, µs per event. */
  readonly applyUs: number;
}

async function measureReadCosts(file: string, events: number, lastPosition: Position): Promise<ReadCosts> {
  progress('breakdown: replay (paged reads, StoredEvent, subscribeToAll alone, ProjectionRunner with a no-op projection)');
  const db = new Database(file, { readonly: true });
  const page = db.prepare<[number, number], EventRow>(READ_PAGE_SQL).raw();
  const pagedPass = (wrap: boolean): number => {
    const start = performance.now();
    let after = 0;
    let count = 0;
    for (;;) {
      const rowsOfPage = page.all(after, ADAPTER_PAGE_SIZE);
      for (const row of rowsOfPage) {
        after = row[0];
        count += 1;
        if (wrap) sink += new StoredEvent(row).type.length;
      }
      if (rowsOfPage.length < ADAPTER_PAGE_SIZE) break;
    }
    if (count !== events) throw new Error(`paged read found ${count} events, expected ${events}`);
    return ((performance.now() - start) * 1000) / events;
  };
  const pagedUs = pagedPass(false);
  const pagedStoredEventUs = pagedPass(true);
  db.close();

  const store = new SqliteEventStore({ file });
  const controller = new AbortController();
  let start = performance.now();
  let count = 0;
  for await (const event of store.subscribeToAll({ signal: controller.signal })) {
    sink += event.type.length;
    count += 1;
    if (count === events) {
      controller.abort();
      break;
    }
  }
  const subscribeUs = ((performance.now() - start) * 1000) / events;
  await store.close();

  const loopUs = ((await replay(file, events, lastPosition, handlesNothingProjection, false)) * 1e6) / events;

  const dir = freshDir('apply-only');
  let applyUs = 0;
  try {
    const readModel = openReadModelDatabase(join(dir, 'read-model.sqlite'));
    const projection = countByTypeProjection();
    projection.createTables(readModel);
    const fakes = EVENT_TYPES.map((type) => ({ type }) as RecordedEvent);
    const applyBatch = readModel.transaction((first: number, n: number) => {
      for (let i = first; i < first + n; i += 1) projection.apply(readModel, fakes[i % fakes.length]!);
    });
    start = performance.now();
    for (let first = 0; first < events; first += ADAPTER_PAGE_SIZE) applyBatch(first, Math.min(ADAPTER_PAGE_SIZE, events - first));
    applyUs = ((performance.now() - start) * 1000) / events;
    readModel.close();
  } finally {
    removeDir(dir);
  }
  return { pagedUs, pagedStoredEventUs, subscribeUs, loopUs, applyUs };
}

// ------------------------------------------------------------------------------------------------
// Report
// ------------------------------------------------------------------------------------------------

function printTable(): void {
  const header = ['scenario', 'events', 'seconds', 'events/s', 'raw events/s', 'port/raw', 'peak RSS MB', 'db MB'];
  const body = rows.map((row) => [
    row.scenario,
    int(row.events),
    fixed(row.seconds, 2),
    int(rate(row)),
    row.rawRate !== undefined ? int(row.rawRate) : '',
    row.rawRate !== undefined ? `${fixed((100 * rate(row)) / row.rawRate, 1)}%` : '',
    fixed(row.peakRssMb, 0),
    row.dbMb !== undefined ? fixed(row.dbMb, 1) : '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const line = (cells: string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const cells of body) console.log(line(cells));
}

const LABEL_WIDTH = 68;

function printSteps(
  title: string,
  base: { label: string; us: number },
  steps: readonly { label: string; us: number }[],
  total: { label: string; us: number },
): void {
  const gap = total.us - base.us;
  const share = (value: number): string => (gap > 0 ? `${fixed((100 * value) / gap, 0).padStart(4)}% of the gap` : '');
  console.log(title);
  console.log(`    ${base.label.padEnd(LABEL_WIDTH)} ${us(base.us).padStart(8)} µs/event  (${int(1e6 / base.us)}/s)`);
  for (const step of steps) {
    const sign = step.us >= 0 ? '+' : '-';
    console.log(`    ${step.label.padEnd(LABEL_WIDTH)} ${(sign + us(Math.abs(step.us))).padStart(8)} µs        ${share(step.us)}`);
  }
  console.log(
    `    ${total.label.padEnd(LABEL_WIDTH)} ${us(total.us).padStart(8)} µs/event  (${int(1e6 / total.us)}/s) = ${fixed((100 * base.us) / total.us, 1)}% of raw`,
  );
}

function printLadder(ladder: Ladder, fullRun: Row, alone: { stringifyUs: number; lookupUs: number; eventsPerAppend: number }): void {
  const [base, ...rest] = ladder.rungs;
  const top = rest[rest.length - 1];
  if (!base || !top) return;
  const steps = rest.map((rung, k) => ({ label: rung.label, us: rung.us - (k === 0 ? base.us : rest[k - 1]!.us) }));
  const fullRatio = fullRun.rawRate !== undefined ? `${fixed((100 * rate(fullRun)) / fullRun.rawRate, 1)}% in the full run above` : '';
  printSteps(
    `${ladder.title}: ${int(ladder.eventsPerRung)} events per rung, median of ${LADDER_ROUNDS} interleaved rounds on one file (${fullRatio})`,
    base,
    steps,
    { label: '= the port', us: top.us },
  );
  if (fullRun.rawRate === undefined) return;
  const rawUs = 1e6 / fullRun.rawRate;
  const extra = alone.stringifyUs + alone.lookupUs / alone.eventsPerAppend;
  console.log(
    `    check, full run: raw ${us(rawUs)} µs/event + stringify ${us(alone.stringifyUs)} + MAX(revision) ${us(alone.lookupUs / alone.eventsPerAppend)} ` +
      `(both measured alone) = ${us(rawUs + extra)} µs → ${fixed((100 * rawUs) / (rawUs + extra), 1)}% expected, ${fixed((100 * rate(fullRun)) / fullRun.rawRate, 1)}% measured`,
  );
}

async function main(): Promise<void> {
  const payload = checkPayloads();
  const sqliteVersion = new Database(':memory:').prepare<[], string>('SELECT sqlite_version()').pluck().get();
  const betterSqlite = (JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')) as { version: string }).version;
  const cpu = cpus();
  const load = (): string =>
    loadavg()
      .map((value) => fixed(value, 2))
      .join(' ');
  console.log('Sổ Gốc event store benchmark (bench/store.bench.ts)');
  console.log(
    `node ${process.version}, better-sqlite3 ${betterSqlite}, SQLite ${sqliteVersion}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, tmp ${tmpdir()}`,
  );
  console.log(
    `events: BENCH_EVENTS=${int(EVENTS)} (batch-100, replay), BENCH_SINGLE_NORMAL_EVENTS=${int(SINGLE_NORMAL_EVENTS)}, ` +
      `BENCH_SINGLE_FULL_EVENTS=${int(SINGLE_FULL_EVENTS)} (one fsync per commit)`,
  );
  console.log(
    `row: data ${fixed(payload.dataBytes, 0)} B (graduate record), metadata ${fixed(payload.metadataBytes, 0)} B, random (v4) UUID event ids, ` +
      `UNIQUE(stream, revision) + UNIQUE(event_id), WAL, default page cache; gc ${collectGarbage ? 'exposed' : 'NOT exposed (run with --expose-gc)'}`,
  );
  console.log(`load average at start: ${load()}`);
  const started = performance.now();

  // 1. Batch-100 at the adapter's default (FULL); the port's file is then read back for the replay.
  const batchDir = freshDir('port-batch');
  let batchFull: PairResult;
  let reads: ReadResult;
  let readCosts: ReadCosts;
  try {
    batchFull = await comparePair('batch', 'FULL', EVENTS, batchDir);
    reads = await compareReads(batchFull.portFile, EVENTS, batchFull.lastPosition);
    readCosts = await measureReadCosts(batchFull.portFile, EVENTS, batchFull.lastPosition);
  } finally {
    removeDir(batchDir);
  }
  // 2. Batch-100 at NORMAL; 3. one event per append, NORMAL then FULL.
  const batchNormal = await comparePair('batch', 'NORMAL', EVENTS);
  const singleNormal = await comparePair('single', 'NORMAL', SINGLE_NORMAL_EVENTS);
  const singleFull = await comparePair('single', 'FULL', SINGLE_FULL_EVENTS);

  // 4. Breakdown.
  progress('breakdown: JSON.stringify alone');
  const stringifyUs = measureStringify();
  const batchEvents = Math.max(BATCH, Math.floor(Math.min(EVENTS, 100_000) / BATCH) * BATCH);
  const ladders: [Ladder, PairResult, number][] = [
    [await batchLadder('FULL', batchEvents), batchFull, BATCH],
    [await batchLadder('NORMAL', batchEvents), batchNormal, BATCH],
    [await singleLadder('NORMAL', Math.min(SINGLE_NORMAL_EVENTS, 50_000)), singleNormal, 1],
    [await singleLadder('FULL', Math.min(SINGLE_FULL_EVENTS, 5_000)), singleFull, 1],
  ];

  console.log('');
  printTable();
  console.log('');
  console.log(
    `Every ratio compares raw and port at the same synchronous setting; each pair ran alternately (${PAIR_ROUNDS} rounds). ` +
      `The FULL single-event pair uses ${int(SINGLE_FULL_EVENTS)} events (BENCH_SINGLE_FULL_EVENTS), not ${int(EVENTS)}.`,
  );
  console.log(
    'Replay: raw events/s is the .raw().iterate() scan (mean of one scan before and one after the replay); ' +
      'the indented row compares the same replay with the scan + JSON.parse(data).',
  );
  console.log(
    `Peak RSS over the whole run: ${fixed((process.resourceUsage().maxRSS * 1024) / MB, 0)} MB (getrusage). Per row: process.memoryUsage.rss() ` +
      `sampled from a gc at the start of the pair / of the reads (shared by both rows of a pair). db MB: the file after close (WAL checkpointed).`,
  );
  const portRows = [batchFull.port, batchNormal.port, singleNormal.port, singleFull.port, reads.replay];
  const missed = portRows.filter((row) => row.rawRate !== undefined && rate(row) < TARGET * row.rawRate);
  console.log(
    missed.length === 0
      ? `Target (port ≥ ${TARGET * 100}% of raw): met by every scenario.`
      : `Target (port ≥ ${TARGET * 100}% of raw): missed by ${missed.map((row) => row.scenario.replace(/^port: /, '')).join('; ')}.`,
  );

  console.log('');
  console.log('Where the rest goes. Writes: each rung adds one thing the port does to the raw loop; µs per event.');
  for (const [ladder, pair, eventsPerAppend] of ladders) {
    printLadder(ladder, pair.port, { stringifyUs, lookupUs: pair.maxRevisionLookupUs, eventsPerAppend });
  }
  console.log(
    'Rungs are medians of interleaved rounds; steps of a few µs are within noise, and at FULL the fsync jitter (tens of µs) ' +
      'swamps the CPU-side steps: read the "check" line, which adds the costs measured alone to the full run\'s raw figure.',
  );
  console.log(
    `Measured alone: JSON.stringify(data) + JSON.stringify(metadata) ${us(stringifyUs)} µs/event; the MAX(revision) statement ` +
      `${us(batchFull.maxRevisionLookupUs)} µs on the ${int(EVENTS)}-event batch file, ${us(singleNormal.maxRevisionLookupUs)} µs on the ` +
      `${int(SINGLE_NORMAL_EVENTS)}-event single-event file; the projection's UPSERT ${us(readCosts.applyUs)} µs/event.`,
  );
  const rawReadUs = 1e6 / rate(reads.scan);
  const replayUs = 1e6 / rate(reads.replay);
  printSteps(
    `Replay (sequential passes over the ${int(EVENTS)}-event file):`,
    { label: 'raw: one SELECT … ORDER BY position, .raw().iterate()', us: rawReadUs },
    [
      { label: `+ ${ADAPTER_PAGE_SIZE}-row pages with .all(), as subscribeToAll reads`, us: readCosts.pagedUs - rawReadUs },
      { label: '+ new StoredEvent(row) (BigInt position and revision, Date)', us: readCosts.pagedStoredEventUs - readCosts.pagedUs },
      { label: '+ async generator, for await, setImmediate per page', us: readCosts.subscribeUs - readCosts.pagedStoredEventUs },
      { label: '+ ProjectionLoop with a no-op projection: race, batches, checkpoints', us: readCosts.loopUs - readCosts.subscribeUs },
      { label: "+ the projection's apply: one UPSERT per event", us: replayUs - readCosts.loopUs },
    ],
    { label: '= replay through ProjectionRunner', us: replayUs },
  );
  console.log(
    `    (subscribeToAll alone, no projection: ${int(1e6 / readCosts.subscribeUs)} events/s = ${fixed((100 * rawReadUs) / readCosts.subscribeUs, 1)}% of the raw scan)`,
  );
  console.log('');
  console.log(`Total ${fixed(seconds(started), 0)} s; load average at end: ${load()}`);
  if (sink === -1) console.log('');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
