import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';

/** The fraud patterns of docs/domain.md §6 that the registry's own data can show. */
/** OVERDUE: the overdue states of §6's audit reports (revoked not returned, corrections and copies past due). */
export const AUDIT_PATTERNS = ['F1', 'F4', 'F5', 'F6', 'F9', 'F10', 'F11', 'F12', 'F13', 'F14', 'OVERDUE'] as const;
export type AuditPattern = (typeof AUDIT_PATTERNS)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One thing an auditor must look at, as a detection saw it. The same key seen again is the same detection. */
export interface Detection {
  /** Stable: the same fact seen again lands on the same row (and later on the same finding). */
  readonly key: string;
  readonly pattern: AuditPattern;
  readonly severity: Severity;
  /** The authority whose records are concerned (who must act). */
  readonly authorityCode: string;
  /** What it is about, as an officer would say it: a serial, a print run, a register. */
  readonly subject: string;
  readonly summaryVi: string;
  readonly summaryEn: string;
  /** F4/F14: lost or dead paper resurfacing is a matter for the police (rules 13, 14, 18). */
  readonly policeReferral: boolean;
  readonly facts: Readonly<Record<string, unknown>>;
  /** Where the facts can be read: officers' API paths. */
  readonly links: readonly string[];
  /** ISO instant of the sighting (the event's occurred-at, or the lookup's time). */
  readonly seenAt: string;
}

export interface DetectionRow extends Detection {
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly occurrences: number;
  /** Grows with every change, so a sweeper can take only what changed since it last looked. */
  readonly changeSeq: number;
}

/** Each detection projection owns one table of this shape, so a rebuild of one never touches another. */
export function createDetectionTable(db: Database, table: string): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${table} (
      key TEXT PRIMARY KEY, pattern TEXT NOT NULL, severity TEXT NOT NULL, authority_code TEXT NOT NULL, subject TEXT NOT NULL,
      summary_vi TEXT NOT NULL, summary_en TEXT NOT NULL, police_referral INTEGER NOT NULL, facts TEXT NOT NULL, links TEXT NOT NULL,
      first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, occurrences INTEGER NOT NULL, change_seq INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${table}_by_change ON ${table} (change_seq);
  `);
}

/** Records a sighting: a new row, or the same row seen once more with the latest facts. */
export function recordDetection(db: Database, table: string, detection: Detection, changeSeq: number): void {
  prepared(
    db,
    `INSERT INTO ${table} VALUES (@key, @pattern, @severity, @authorityCode, @subject, @summaryVi, @summaryEn, @policeReferral, @facts, @links, @seenAt, @seenAt, 1, @changeSeq)
     ON CONFLICT (key) DO UPDATE SET severity = excluded.severity, summary_vi = excluded.summary_vi, summary_en = excluded.summary_en, facts = excluded.facts,
       links = excluded.links, last_seen = MAX(last_seen, excluded.last_seen), occurrences = occurrences + 1, change_seq = excluded.change_seq`,
  ).run({
    ...detection,
    policeReferral: detection.policeReferral ? 1 : 0,
    facts: JSON.stringify(detection.facts),
    links: JSON.stringify(detection.links),
    changeSeq,
  });
}

interface RawDetectionRow {
  key: string;
  pattern: AuditPattern;
  severity: Severity;
  authority_code: string;
  subject: string;
  summary_vi: string;
  summary_en: string;
  police_referral: number;
  facts: string;
  links: string;
  first_seen: string;
  last_seen: string;
  occurrences: number;
  change_seq: number;
}

const toRow = (r: RawDetectionRow): DetectionRow => ({
  key: r.key,
  pattern: r.pattern,
  severity: r.severity,
  authorityCode: r.authority_code,
  subject: r.subject,
  summaryVi: r.summary_vi,
  summaryEn: r.summary_en,
  policeReferral: r.police_referral === 1,
  facts: JSON.parse(r.facts) as Record<string, unknown>,
  links: JSON.parse(r.links) as string[],
  seenAt: r.last_seen,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  occurrences: r.occurrences,
  changeSeq: r.change_seq,
});

/** Rows changed after `afterSeq`, oldest change first: what a sweeper has not yet turned into findings. */
export function detectionsChangedAfter(db: Database, table: string, afterSeq: number, limit = 1000): DetectionRow[] {
  return prepared<[number, number], RawDetectionRow>(db, `SELECT * FROM ${table} WHERE change_seq > ? ORDER BY change_seq LIMIT ?`)
    .all(afterSeq, limit)
    .map(toRow);
}

export function allDetections(db: Database, table: string): DetectionRow[] {
  return prepared<[], RawDetectionRow>(db, `SELECT * FROM ${table} ORDER BY first_seen, key`).all().map(toRow);
}

/** The store's commit number: totally ordered, so it serves as the change sequence of event-fed detections. */
export function changeSeqOf(event: RecordedEvent): number {
  return Number(event.position.commit);
}

export function occurredAt(event: RecordedEvent): string {
  const metadata = event.metadata as { occurredAt?: unknown } | null;
  return typeof metadata?.occurredAt === 'string' ? metadata.occurredAt : event.recordedAt.toISOString();
}

export function actorOf(event: RecordedEvent): string | null {
  const metadata = event.metadata as { actor?: { officerId?: unknown } } | null;
  return typeof metadata?.actor?.officerId === 'string' ? metadata.actor.officerId : null;
}
