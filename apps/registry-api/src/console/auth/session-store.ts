import { createHash, randomBytes } from 'node:crypto';
import type { OnApplicationShutdown } from '@nestjs/common';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';

export type SessionStage = 'anonymous' | 'second-factor' | 'signed-in';

export interface ConsoleSession {
  readonly stage: SessionStage;
  readonly csrf: string;
  readonly officerId?: string;
  lastSeenAt: number;
}

interface SessionRow {
  stage: SessionStage;
  csrf: string;
  officer_id: string | null;
  last_seen_at: number;
}

/** Writing the last-seen time on every request would be a write per page view; once a minute is close enough for a 30-minute idle limit. */
const TOUCH_RESOLUTION_MILLIS = 60_000;
/** Expired rows are swept at most this often, on the way through `create`. */
const SWEEP_EVERY_MILLIS = 60_000;

/**
 * Server-side sessions kept in their own SQLite file beside the event store (issue 13): a restart of
 * the process, or a second node serving the same data directory, keeps officers signed in. The cookie
 * holds only a random id and the table is keyed by its SHA-256, so a copy of the file gives no working
 * cookie. The file holds no fact of the register: sessions are not events, and deleting the file only
 * signs everyone out (the safe direction). A disabled officer's sessions are refused by the guard,
 * which checks the access-control stream on every request, and then deleted here for every node.
 */
export class SessionStore implements OnApplicationShutdown {
  private readonly db: Database;
  private readonly insert: Statement<[string, string, string, string | null, number]>;
  private readonly select: Statement<[string], SessionRow>;
  private readonly touchRow: Statement<[number, string]>;
  private readonly deleteRow: Statement<[string]>;
  private readonly deleteOfficer: Statement<[string]>;
  private readonly deleteIdle: Statement<[number]>;
  private lastSweep = 0;

  /** `file` ':memory:' keeps sessions in this process only (unit use). */
  constructor(
    readonly idleMillis: number,
    file = ':memory:',
  ) {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS console_sessions (
      key TEXT PRIMARY KEY,
      stage TEXT NOT NULL,
      csrf TEXT NOT NULL,
      officer_id TEXT,
      last_seen_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS console_sessions_officer ON console_sessions(officer_id);
    CREATE INDEX IF NOT EXISTS console_sessions_seen ON console_sessions(last_seen_at);`);
    this.insert = this.db.prepare('INSERT INTO console_sessions (key, stage, csrf, officer_id, last_seen_at) VALUES (?, ?, ?, ?, ?)');
    this.select = this.db.prepare('SELECT stage, csrf, officer_id, last_seen_at FROM console_sessions WHERE key = ?');
    this.touchRow = this.db.prepare('UPDATE console_sessions SET last_seen_at = ? WHERE key = ?');
    this.deleteRow = this.db.prepare('DELETE FROM console_sessions WHERE key = ?');
    this.deleteOfficer = this.db.prepare('DELETE FROM console_sessions WHERE officer_id = ?');
    this.deleteIdle = this.db.prepare('DELETE FROM console_sessions WHERE last_seen_at < ?');
  }

  /** A new id on every change of stage, so a session id seen before sign-in is worthless after it (fixation). */
  create(stage: SessionStage, officerId?: string, now = Date.now()): { id: string; session: ConsoleSession } {
    this.sweep(now);
    const id = randomBytes(32).toString('base64url');
    const session: ConsoleSession = {
      stage,
      csrf: randomBytes(32).toString('base64url'),
      ...(officerId ? { officerId } : {}),
      lastSeenAt: now,
    };
    this.insert.run(digest(id), stage, session.csrf, officerId ?? null, now);
    return { id, session };
  }

  /** The live session for a cookie; an idle one is dropped and treated as absent. */
  touch(id: string | undefined, now = Date.now()): ConsoleSession | undefined {
    if (!id) return undefined;
    const key = digest(id);
    const row = this.select.get(key);
    if (!row) return undefined;
    if (now - row.last_seen_at > this.idleMillis) {
      this.deleteRow.run(key);
      return undefined;
    }
    if (now - row.last_seen_at >= TOUCH_RESOLUTION_MILLIS) this.touchRow.run(now, key);
    return {
      stage: row.stage,
      csrf: row.csrf,
      ...(row.officer_id ? { officerId: row.officer_id } : {}),
      lastSeenAt: now,
    };
  }

  destroy(id: string | undefined): void {
    if (id) this.deleteRow.run(digest(id));
  }

  /** Ends every session of an officer (disabled account, password changed), on every node sharing the file. */
  destroyOfficer(officerId: string): void {
    this.deleteOfficer.run(officerId);
  }

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MILLIS) return;
    this.lastSweep = now;
    this.deleteIdle.run(now - this.idleMillis);
  }
}

function digest(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export const SESSION_COOKIE = 'sogoc_console';
