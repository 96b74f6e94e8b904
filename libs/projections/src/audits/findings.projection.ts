import type { Database } from 'better-sqlite3';
import type { FindingEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/** The findings as officers work them: current state per finding and the history of their handling. */
export const findingsProjection: Projection = {
  name: 'audit-findings',
  version: 1,
  handles: ['FindingRaised', 'FindingSeenAgain', 'FindingReopened', 'FindingAcknowledged', 'FindingAssigned', 'FindingClosed'],
  tables: ['audit_findings', 'audit_finding_history'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_findings (
        finding_id TEXT PRIMARY KEY, detection_key TEXT NOT NULL, pattern TEXT NOT NULL, severity TEXT NOT NULL, authority_code TEXT NOT NULL, subject TEXT NOT NULL,
        summary_vi TEXT NOT NULL, summary_en TEXT NOT NULL, police_referral INTEGER NOT NULL, facts TEXT NOT NULL, links TEXT NOT NULL,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, occurrences INTEGER NOT NULL, state TEXT NOT NULL, assignee TEXT, closed_note TEXT
      );
      CREATE INDEX IF NOT EXISTS audit_findings_by_authority ON audit_findings (authority_code, state, severity);
      CREATE TABLE IF NOT EXISTS audit_finding_history (position TEXT PRIMARY KEY, finding_id TEXT NOT NULL, action TEXT NOT NULL, by TEXT, at TEXT NOT NULL, note TEXT);
      CREATE INDEX IF NOT EXISTS audit_finding_history_by_finding ON audit_finding_history (finding_id, at);
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as FindingEvent;
    const history = (action: string, at: string, by: string | null = null, note: string | null = null): void =>
      void prepared(db, 'INSERT INTO audit_finding_history VALUES (?, ?, ?, ?, ?, ?)').run(
        `${recorded.position.commit}/${recorded.position.prepare}`,
        event.data.findingId,
        action,
        by,
        at,
        note,
      );
    switch (event.type) {
      case 'FindingRaised': {
        const d = event.data;
        prepared(db, `INSERT INTO audit_findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL)`).run(
          d.findingId,
          d.detectionKey,
          d.pattern,
          d.severity,
          d.authorityCode,
          d.subject,
          d.summaryVi,
          d.summaryEn,
          d.policeReferral ? 1 : 0,
          JSON.stringify(d.facts),
          JSON.stringify(d.links),
          d.firstSeen,
          d.lastSeen,
          d.occurrences,
        );
        return history('raised', d.firstSeen);
      }
      case 'FindingSeenAgain':
        prepared(db, 'UPDATE audit_findings SET last_seen = ?, occurrences = ?, severity = ?, facts = ? WHERE finding_id = ?').run(
          event.data.lastSeen,
          event.data.occurrences,
          event.data.severity,
          JSON.stringify(event.data.facts),
          event.data.findingId,
        );
        return history('seen_again', event.data.lastSeen);
      case 'FindingReopened':
        prepared(db, `UPDATE audit_findings SET state = 'open', last_seen = ?, occurrences = ?, facts = ? WHERE finding_id = ?`).run(
          event.data.lastSeen,
          event.data.occurrences,
          JSON.stringify(event.data.facts),
          event.data.findingId,
        );
        return history('reopened', event.data.reopenedAt);
      case 'FindingAcknowledged':
        prepared(db, `UPDATE audit_findings SET state = 'acknowledged' WHERE finding_id = ?`).run(event.data.findingId);
        return history('acknowledged', event.data.at, event.data.by, event.data.note);
      case 'FindingAssigned':
        prepared(db, 'UPDATE audit_findings SET assignee = ? WHERE finding_id = ?').run(event.data.assignee, event.data.findingId);
        return history('assigned', event.data.at, event.data.by, `${event.data.assignee}${event.data.note ? `: ${event.data.note}` : ''}`);
      case 'FindingClosed':
        prepared(db, `UPDATE audit_findings SET state = 'closed', closed_note = ? WHERE finding_id = ?`).run(
          event.data.note,
          event.data.findingId,
        );
        return history('closed', event.data.at, event.data.by, event.data.note);
    }
  },
};

export interface FindingView {
  readonly findingId: string;
  readonly pattern: string;
  readonly severity: string;
  readonly authorityCode: string;
  readonly subject: string;
  readonly summaryVi: string;
  readonly summaryEn: string;
  readonly policeReferral: boolean;
  readonly facts: Record<string, unknown>;
  readonly links: string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly occurrences: number;
  readonly state: string;
  readonly assignee: string | null;
  readonly closedNote: string | null;
}

export interface FindingFilter {
  readonly authorityCodes: readonly string[];
  readonly pattern?: string;
  readonly severity?: string;
  readonly state?: string;
}

const SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END";

/** Findings of these authorities, the most serious and most recent first. */
export function findings(db: Database, filter: FindingFilter): FindingView[] {
  const rows = db
    .prepare<unknown[], Record<string, string | number | null>>(
      `SELECT * FROM audit_findings WHERE authority_code IN (SELECT value FROM json_each(?)) AND (? IS NULL OR pattern = ?) AND (? IS NULL OR severity = ?) AND (? IS NULL OR state = ?)
       ORDER BY ${SEVERITY_ORDER}, last_seen DESC, finding_id`,
    )
    .all(
      JSON.stringify(filter.authorityCodes),
      filter.pattern ?? null,
      filter.pattern ?? null,
      filter.severity ?? null,
      filter.severity ?? null,
      filter.state ?? null,
      filter.state ?? null,
    );
  return rows.map((r) => ({
    findingId: r['finding_id'] as string,
    pattern: r['pattern'] as string,
    severity: r['severity'] as string,
    authorityCode: r['authority_code'] as string,
    subject: r['subject'] as string,
    summaryVi: r['summary_vi'] as string,
    summaryEn: r['summary_en'] as string,
    policeReferral: r['police_referral'] === 1,
    facts: JSON.parse(r['facts'] as string) as Record<string, unknown>,
    links: JSON.parse(r['links'] as string) as string[],
    firstSeen: r['first_seen'] as string,
    lastSeen: r['last_seen'] as string,
    occurrences: r['occurrences'] as number,
    state: r['state'] as string,
    assignee: r['assignee'] as string | null,
    closedNote: r['closed_note'] as string | null,
  }));
}

export function findingHistory(db: Database, findingId: string): { action: string; by: string | null; at: string; note: string | null }[] {
  return db
    .prepare<[string], { action: string; by: string | null; at: string; note: string | null }>(
      'SELECT action, by, at, note FROM audit_finding_history WHERE finding_id = ? ORDER BY position',
    )
    .all(findingId);
}
