import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import type { LookupStatus, QueryKind } from '../lookup/lookup-answer';

export type LookupChannel = 'page' | 'api';
export type LoggedResult = LookupStatus | 'INVALID_INPUT' | 'NOT_READY';

export interface LookupLogEntry {
  readonly channel: LookupChannel;
  /** 'letter': the QR of a verification response letter; 'recognition': a recognition document (QR or number). */
  readonly queryKind: QueryKind | 'letter' | 'recognition' | 'unknown';
  readonly result: LoggedResult;
  /** The client key (IP or IPv6 /64); stored only as a keyed hash. */
  readonly client: string;
  /** The serial asked about (or claimed by a token); stored only as a keyed hash. */
  readonly serial?: string;
}

export interface LookupLogOptions {
  readonly flushIntervalMs?: number;
  readonly maxBuffered?: number;
  /** Key of the hashes; without it one is made and kept beside the log, readable by the owner only. */
  readonly hashKey?: Buffer;
  readonly now?: () => Date;
  /** Lookup rows and refusal counts older than this are deleted (at start and hourly). */
  readonly retentionDays?: number;
}

interface Buffered extends LookupLogEntry {
  /** Epoch ms; made an ISO string in the batch, not on the request path. */
  readonly at: number;
}

const MINUTE_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;
const SERIAL_HASHES_KEPT = 50_000;
const MAX_PENDING = 50_000;

/**
 * Every public lookup, for the fraud audits (docs/domain.md §5.2): when, which client, how it asked and
 * what it was told — never the name, birth date or serial in clear. Clients and serials are HMACs under a
 * key kept outside the log, so the log alone cannot be reversed by hashing all IPv4 addresses or a serial
 * range, while an auditor holding the key can still ask "who looked up HP 0203418".
 *
 * Writes are batched off the request path: entries wait in memory up to `flushIntervalMs` or `maxBuffered`
 * entries, then go in one transaction. A crash loses at most that window.
 */
export class LookupLog {
  private buffer: Buffered[] = [];
  private readonly db: Db;
  private refusals = new Map<string, number>();
  private readonly insert: Statement<[string, string, string, string, string, string | null]>;
  private readonly addRefusals: Statement<[string, string, string, number]>;
  private readonly timer: NodeJS.Timeout;
  private readonly maxBuffered: number;
  private readonly hashKey: KeyObject;
  /** Popular serials are looked up again and again; their hash is kept rather than recomputed per row. */
  private serialHashes = new Map<string, string>();
  private readonly clock: () => number;
  private readonly retentionMs: number;
  private prunedAt = 0;
  private waitingForLock = false;
  private flushScheduled = false;
  private closed = false;

  constructor(file: string, options: LookupLogOptions = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS lookups (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, client_hash TEXT NOT NULL, channel TEXT NOT NULL,
        query_kind TEXT NOT NULL, result TEXT NOT NULL, serial_hash TEXT
      );
      CREATE INDEX IF NOT EXISTS lookups_by_serial ON lookups (serial_hash, at);
      CREATE INDEX IF NOT EXISTS lookups_by_client ON lookups (client_hash, at);
      CREATE INDEX IF NOT EXISTS lookups_by_time ON lookups (at);
      CREATE TABLE IF NOT EXISTS refusals (
        minute TEXT NOT NULL, client_hash TEXT NOT NULL, channel TEXT NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (minute, client_hash, channel)
      ) WITHOUT ROWID;
    `);
    this.insert = this.db.prepare(
      'INSERT INTO lookups (at, client_hash, channel, query_kind, result, serial_hash) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.addRefusals = this.db.prepare(
      'INSERT INTO refusals (minute, client_hash, channel, count) VALUES (?, ?, ?, ?) ON CONFLICT (minute, client_hash, channel) DO UPDATE SET count = count + excluded.count',
    );
    // A KeyObject made once: an HMAC keyed by a raw Buffer imports the key again on every call.
    this.hashKey = createSecretKey(options.hashKey ?? hashKeyBeside(file));
    this.maxBuffered = options.maxBuffered ?? 500;
    const now = options.now;
    this.clock = now ? () => now().getTime() : Date.now;
    this.retentionMs = (options.retentionDays ?? 365) * DAY_MS;
    this.prune();
    // From here on a batch never waits for the write lock: another process of the portal's cluster may
    // hold it, and better-sqlite3 would wait synchronously, stalling every request of this process.
    this.db.pragma('busy_timeout = 0');
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 100);
    this.timer.unref();
  }

  record(entry: LookupLogEntry): void {
    if (this.closed) return;
    this.buffer.push({
      channel: entry.channel,
      queryKind: entry.queryKind,
      result: entry.result,
      client: entry.client,
      serial: entry.serial,
      at: this.clock(),
    });
    // While another process holds the lock, the interval's flush retries; a flush per request would only spin.
    if (this.buffer.length >= this.maxBuffered && !this.flushScheduled && !this.waitingForLock) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * A refused (429) request is counted, not stored: a flood from one client adds one row per minute, not
   * one per request, and still shows the audits who was scraping and when (issue 16).
   */
  refused(client: string, channel: LookupChannel): void {
    if (this.closed) return;
    const key = `${Math.floor(this.clock() / MINUTE_MS)}\0${channel}\0${client}`;
    this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
  }

  /** Hashing happens here, in the batch, rather than on each request. */
  flush(): void {
    this.flushScheduled = false;
    if ((this.buffer.length === 0 && this.refusals.size === 0) || !this.db.open) return;
    const batch = this.buffer;
    const refusals = this.refusals;
    this.buffer = [];
    this.refusals = new Map();
    const clients = new Map<string, string>();
    const clientHash = (client: string): string => {
      let hashed = clients.get(client);
      if (hashed === undefined) clients.set(client, (hashed = this.hash('client', client)));
      return hashed;
    };
    const write = this.db.transaction(() => {
      for (const e of batch) {
        this.insert.run(
          new Date(e.at).toISOString(),
          clientHash(e.client),
          e.channel,
          e.queryKind,
          e.result,
          e.serial === undefined ? null : this.cachedSerialHash(e.serial),
        );
      }
      for (const [key, count] of refusals) {
        const [minute, channel, client] = key.split('\0') as [string, string, string];
        this.addRefusals.run(new Date(Number(minute) * MINUTE_MS).toISOString().slice(0, 16), clientHash(client), channel, count);
      }
    });
    try {
      // A backlog this large means the lock has been busy for long: wait for it rather than grow further.
      if (batch.length + this.buffer.length >= MAX_PENDING || this.closed) this.withBusyWait(write);
      else write();
    } catch (error) {
      if (!isBusy(error)) throw error;
      this.waitingForLock = true;
      // Kept, in order, for the next batch: nothing is lost because another process was writing.
      this.buffer = batch.concat(this.buffer);
      for (const [key, count] of refusals) this.refusals.set(key, (this.refusals.get(key) ?? 0) + count);
      return;
    }
    this.waitingForLock = false;
    if (this.clock() - this.prunedAt >= PRUNE_EVERY_MS) this.withBusyWait(() => this.prune());
  }

  private withBusyWait(work: () => void): void {
    this.db.pragma('busy_timeout = 5000');
    try {
      work();
    } finally {
      this.db.pragma('busy_timeout = 0');
    }
  }

  /** Deletes what is older than the retention; ISO strings compare in time order. */
  prune(): void {
    this.prunedAt = this.clock();
    const cutoff = new Date(this.prunedAt - this.retentionMs).toISOString();
    this.db.prepare('DELETE FROM lookups WHERE at < ?').run(cutoff);
    this.db.prepare('DELETE FROM refusals WHERE minute < ?').run(cutoff.slice(0, 16));
  }

  /** The hash an auditor computes to find the lookups of one serial (in its canonical spelling). */
  serialHash(serial: string): string {
    return this.hash('serial', serial);
  }

  close(): void {
    if (this.closed) return;
    clearInterval(this.timer);
    this.closed = true;
    this.flush();
    this.db.close();
  }

  private cachedSerialHash(serial: string): string {
    let hashed = this.serialHashes.get(serial);
    if (hashed === undefined) {
      if (this.serialHashes.size >= SERIAL_HASHES_KEPT) this.serialHashes = new Map();
      this.serialHashes.set(serial, (hashed = this.hash('serial', serial)));
    }
    return hashed;
  }

  private hash(purpose: 'client' | 'serial', value: string): string {
    return createHmac('sha256', this.hashKey).update(`${purpose}\0${value}`).digest('base64url').slice(0, 22);
  }
}

/** `<log>.key`, made once with mode 0600; the 'wx' flag lets two starting processes agree on one key. */
function hashKeyBeside(file: string): Buffer {
  const keyFile = `${file}.key`;
  try {
    writeFileSync(keyFile, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (!(typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST')) throw error;
  }
  chmodSync(keyFile, 0o600);
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64url');
  if (key.length < 16) throw new Error(`${keyFile} holds no usable key; delete it to have a new one made`);
  return key;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}
