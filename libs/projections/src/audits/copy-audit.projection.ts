import type { Database } from 'better-sqlite3';
import { HEIR_KINDS, type CopyRequestEvent, type ReissueEvent, type Requester, type RevocationEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';
import { changeSeqOf, createDetectionTable, occurredAt, recordDetection } from './detections';

export const COPY_AUDIT_TABLE = 'audit_copy_detections';

/**
 * F10, copy abuse (rules 48 and 55): copies issued to a requester the file does not show as entitled, or
 * of a diploma that was revoked or replaced before the copies were issued. The gaps in copy numbers are
 * watched with the register numbers (audit-register-sequence).
 */
export const copyAuditProjection: Projection = {
  name: 'audit-copies',
  version: 1,
  handles: ['DiplomaRevoked', 'DiplomaReissued', 'CopyRequestReceived', 'CopiesIssued'],
  tables: ['audit_dead_diplomas', 'audit_copy_requests', COPY_AUDIT_TABLE],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_dead_diplomas (diploma_id TEXT PRIMARY KEY, why TEXT NOT NULL, decision_number TEXT NOT NULL, decision_date TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS audit_copy_requests (request_id TEXT PRIMARY KEY, requester TEXT NOT NULL);
    `);
    createDetectionTable(db, COPY_AUDIT_TABLE);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as CopyRequestEvent | RevocationEvent | ReissueEvent;
    switch (event.type) {
      case 'DiplomaRevoked':
        prepared(db, 'INSERT OR REPLACE INTO audit_dead_diplomas VALUES (?, ?, ?, ?)').run(
          event.data.diplomaId,
          'revoked',
          event.data.decisionNumber,
          event.data.decisionDate,
        );
        return;
      case 'DiplomaReissued':
        prepared(db, 'INSERT OR IGNORE INTO audit_dead_diplomas VALUES (?, ?, ?, ?)').run(
          event.data.diplomaId,
          'superseded',
          event.data.decisionNumber,
          event.data.decisionDate,
        );
        return;
      case 'CopyRequestReceived':
        prepared(db, 'INSERT OR REPLACE INTO audit_copy_requests VALUES (?, ?)').run(
          event.data.requestId,
          JSON.stringify(event.data.requester),
        );
        return;
      case 'CopiesIssued': {
        const d = event.data;
        const copies = d.copies.map((c) => c.copyNumber);
        const links = [`/api/v1/authorities/${d.authorityCode}/copy-requests/${d.requestId}`];
        const record = (key: string, vi: string, en: string, facts: Record<string, unknown>) =>
          recordDetection(
            db,
            COPY_AUDIT_TABLE,
            {
              key,
              pattern: 'F10',
              severity: 'high',
              policeReferral: false,
              authorityCode: d.authorityCode,
              subject: `yêu cầu ${d.requestId}`,
              summaryVi: vi,
              summaryEn: en,
              facts: { requestId: d.requestId, diplomaId: d.diplomaId, copies, issuedOn: d.issuedOn, ...facts },
              links,
              seenAt: occurredAt(recorded),
            },
            changeSeqOf(recorded),
          );
        const dead = prepared<[string], { why: string; decision_number: string; decision_date: string }>(
          db,
          'SELECT why, decision_number, decision_date FROM audit_dead_diplomas WHERE diploma_id = ?',
        ).get(d.diplomaId);
        if (dead && dead.decision_date <= d.issuedOn) {
          record(
            `F10:dead-diploma:${d.requestId}`,
            `Cấp ${copies.length} bản sao (${copies.join(', ')}) của văn bằng đã ${dead.why === 'revoked' ? 'bị thu hồi' : 'được cấp lại'} theo quyết định ${dead.decision_number} (${dead.decision_date}).`,
            `${copies.length} copies (${copies.join(', ')}) issued of a diploma ${dead.why} by decision ${dead.decision_number} (${dead.decision_date}).`,
            { diplomaState: dead.why, decisionNumber: dead.decision_number, decisionDate: dead.decision_date },
          );
        }
        const json = prepared<[string], string>(db, 'SELECT requester FROM audit_copy_requests WHERE request_id = ?')
          .pluck()
          .get(d.requestId);
        const requester = json ? (JSON.parse(json) as Requester) : undefined;
        const gap = requester ? entitlementGap(requester) : undefined;
        if (gap) {
          record(
            `F10:not-entitled:${d.requestId}`,
            `Cấp bản sao (${copies.join(', ')}) cho ${requester!.fullName} (${requester!.kind}) khi hồ sơ ${gap.vi}.`,
            `Copies (${copies.join(', ')}) issued to ${requester!.fullName} (${requester!.kind}) while the file ${gap.en}.`,
            { requesterKind: requester!.kind },
          );
        }
        return;
      }
    }
  },
};

/** Rule 48 / TT21 Art. 30: anyone but the holder needs the paper that makes them entitled, heirs also the death certificate. */
function entitlementGap(requester: Requester): { vi: string; en: string } | undefined {
  if (requester.kind === 'holder') return undefined;
  if (!requester.entitlementDocument) return { vi: 'không có giấy tờ chứng minh quyền yêu cầu', en: 'holds no document of entitlement' };
  if (HEIR_KINDS.includes(requester.kind) && !requester.deathCertificate)
    return { vi: 'không có giấy chứng tử của người được cấp', en: 'holds no death certificate of the holder' };
  return undefined;
}
