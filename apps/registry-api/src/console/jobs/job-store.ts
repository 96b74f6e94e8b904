import type { OnApplicationShutdown } from '@nestjs/common';
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import type { RowProblem } from '@so-goc/domain';

export type JobKind = 'import' | 'print' | 'book';
export type JobState = 'running' | 'done' | 'failed' | 'interrupted';
/** What the count counts: rows of a list read, pages of a print file rendered, lines of a book written. */
export type JobUnit = 'rows' | 'pages' | 'lines';
/** A stage of the work with no count of its own (recording the read list, for one). */
export type JobPhase = 'queued' | 'working' | 'recording' | 'finishing';

export interface JobFailure {
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  /** Number of the rule in docs/domain.md §3 the refusal enforces, when it is one. */
  readonly rule?: number;
  /** A refused list's rows (rules 1–4), every one; the page shows the first of them. */
  readonly rows?: readonly RowProblem[];
}

export interface JobResult {
  /** The file's name inside the jobs directory of the data dir (the job's id and the format). */
  readonly file: string;
  readonly format: 'pdf' | 'xlsx';
  /** The download's name, without extension. */
  readonly name: string;
  readonly sha256?: string;
}

export interface Job {
  readonly id: string;
  readonly authorityCode: string;
  readonly officerId: string;
  readonly kind: JobKind;
  readonly titleVi: string;
  readonly titleEn: string;
  readonly state: JobState;
  readonly unit: JobUnit;
  readonly done: number;
  readonly total: number | null;
  readonly phase: JobPhase;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  /** The page the work was started from; once done, where its product is seen when it is not a file. */
  readonly link: string;
  readonly result: JobResult | null;
  readonly failure: JobFailure | null;
}

interface JobRow {
  id: string;
  authority_code: string;
  officer_id: string;
  kind: JobKind;
  title_vi: string;
  title_en: string;
  state: JobState;
  unit: JobUnit;
  done: number;
  total: number | null;
  phase: JobPhase;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
  link: string;
  result_json: string | null;
  failure_json: string | null;
  owner: string;
}

export interface NewJob {
  readonly id: string;
  readonly authorityCode: string;
  readonly officerId: string;
  readonly kind: JobKind;
  readonly titleVi: string;
  readonly titleEn: string;
  readonly unit: JobUnit;
  readonly total: number | null;
  /** The page the work was started from, to start it again. */
  readonly link: string;
}

/**
 * A running job writes its progress at least this often (a heartbeat when the count does not move): one
 * whose owner has been silent for `staleMillis` died with its process and is shown as interrupted.
 */
export const HEARTBEAT_MILLIS = 5_000;

/**
 * The console's long work (issue 13 item 4) in its own SQLite file beside the event store, as the
 * console's sessions are: an officer can leave the page and come back, on this node or another one, and
 * after a restart a job cut short shows as interrupted, neither lost nor stuck at 40 %. A job is not a
 * fact of the register: what it records goes through the commands as always; this file only says how
 * far the work went and where its file is. Each process owns the jobs it runs (`owner`): on a clean
 * shutdown it marks those still running as interrupted at once; after a crash its heartbeat stops and
 * they read as interrupted once stale.
 */
export class JobStore implements OnApplicationShutdown {
  private readonly db: Database;
  private readonly insertRow: Statement<
    [string, string, string, string, string, string, string, number | null, number, number, string, string]
  >;
  private readonly selectRow: Statement<[string], JobRow>;
  private readonly selectAuthority: Statement<[string, number], JobRow>;
  private readonly progressRow: Statement<[number, number | null, string, number, string, string]>;
  private readonly finishRow: Statement<[string, number, number, string | null, string | null, string | null, string, string]>;
  private readonly interruptOwned: Statement<[number, string]>;
  private readonly interruptStale: Statement<[number, number]>;
  private readonly selectExpired: Statement<[number], JobRow>;
  private readonly deleteRow: Statement<[string]>;

  constructor(
    /** This process's id among the nodes sharing the file. */
    readonly owner: string,
    file = ':memory:',
    private readonly staleMillis = 6 * HEARTBEAT_MILLIS,
  ) {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS console_jobs (
      id TEXT PRIMARY KEY,
      authority_code TEXT NOT NULL,
      officer_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      title_vi TEXT NOT NULL,
      title_en TEXT NOT NULL,
      state TEXT NOT NULL,
      unit TEXT NOT NULL,
      done INTEGER NOT NULL DEFAULT 0,
      total INTEGER,
      phase TEXT NOT NULL DEFAULT 'queued',
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER,
      link TEXT NOT NULL,
      result_json TEXT,
      failure_json TEXT,
      owner TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS console_jobs_authority ON console_jobs(authority_code, started_at);
    CREATE INDEX IF NOT EXISTS console_jobs_state ON console_jobs(state, updated_at);`);
    this.insertRow = this.db.prepare(
      `INSERT INTO console_jobs (id, authority_code, officer_id, kind, title_vi, title_en, state, unit, total, started_at, updated_at, link, owner)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
    );
    this.selectRow = this.db.prepare('SELECT * FROM console_jobs WHERE id = ?');
    this.selectAuthority = this.db.prepare('SELECT * FROM console_jobs WHERE authority_code = ? ORDER BY started_at DESC LIMIT ?');
    this.progressRow = this.db.prepare(
      `UPDATE console_jobs SET done = ?, total = ?, phase = ?, updated_at = ? WHERE id = ? AND state = 'running' AND owner = ?`,
    );
    this.finishRow = this.db.prepare(
      `UPDATE console_jobs SET state = ?, updated_at = ?, finished_at = ?, link = COALESCE(?, link), result_json = ?, failure_json = ?
       WHERE id = ? AND state = 'running' AND owner = ?`,
    );
    this.interruptOwned = this.db.prepare(
      `UPDATE console_jobs SET state = 'interrupted', finished_at = ? WHERE state = 'running' AND owner = ?`,
    );
    this.interruptStale = this.db.prepare(
      `UPDATE console_jobs SET state = 'interrupted', finished_at = ? WHERE state = 'running' AND updated_at < ?`,
    );
    this.selectExpired = this.db.prepare(`SELECT * FROM console_jobs WHERE state <> 'running' AND finished_at < ?`);
    this.deleteRow = this.db.prepare('DELETE FROM console_jobs WHERE id = ?');
  }

  create(job: NewJob, now = Date.now()): void {
    this.insertRow.run(
      job.id,
      job.authorityCode,
      job.officerId,
      job.kind,
      job.titleVi.normalize('NFC'),
      job.titleEn,
      job.unit,
      job.total,
      now,
      now,
      job.link,
      this.owner,
    );
  }

  get(id: string, now = Date.now()): Job | undefined {
    this.markStale(now);
    const row = this.selectRow.get(id);
    return row ? jobOf(row) : undefined;
  }

  /** The authority's jobs, newest first. */
  ofAuthority(authorityCode: string, limit = 50, now = Date.now()): Job[] {
    this.markStale(now);
    return this.selectAuthority.all(authorityCode, limit).map(jobOf);
  }

  progress(id: string, done: number, total: number | null, phase: JobPhase, now = Date.now()): void {
    if (this.db.open) this.progressRow.run(done, total, phase, now, id, this.owner);
  }

  finish(
    id: string,
    outcome: { state: 'done' | 'failed'; link?: string; result?: JobResult; failure?: JobFailure },
    now = Date.now(),
  ): void {
    if (!this.db.open) return;
    this.finishRow.run(
      outcome.state,
      now,
      now,
      outcome.link ?? null,
      outcome.result ? JSON.stringify(outcome.result) : null,
      outcome.failure ? JSON.stringify(outcome.failure) : null,
      id,
      this.owner,
    );
  }

  /** Finished jobs older than `before`, removed; their files are the caller's to delete. */
  expire(before: number): Job[] {
    const expired = this.selectExpired.all(before).map(jobOf);
    for (const job of expired) this.deleteRow.run(job.id);
    return expired;
  }

  /** This process stops: whatever it was still running will never finish. */
  onApplicationShutdown(): void {
    if (!this.db.open) return;
    this.interruptOwned.run(Date.now(), this.owner);
    this.db.close();
  }

  private markStale(now: number): void {
    this.interruptStale.run(now, now - this.staleMillis);
  }
}

function jobOf(row: JobRow): Job {
  return {
    id: row.id,
    authorityCode: row.authority_code,
    officerId: row.officer_id,
    kind: row.kind,
    titleVi: row.title_vi,
    titleEn: row.title_en,
    state: row.state,
    unit: row.unit,
    done: row.done,
    total: row.total,
    phase: row.phase,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    link: row.link,
    result: row.result_json ? (JSON.parse(row.result_json) as JobResult) : null,
    failure: row.failure_json ? (JSON.parse(row.failure_json) as JobFailure) : null,
  };
}
