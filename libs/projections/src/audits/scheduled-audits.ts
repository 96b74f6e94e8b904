import { createHmac } from 'node:crypto';
import Database, { type Database as Db } from 'better-sqlite3';
import { formatSerial } from '@so-goc/domain';
import { prepared } from '../prepared-statements';
import { createDetectionTable, recordDetection, type Detection } from './detections';
import { comparePublicWithRegister } from './public-register-diff';
import { classifyKnown, statusVi, type LotRow } from './serial-sightings.projection';

export const SCHEDULED_AUDIT_TABLE = 'audit_scheduled_detections';

export interface AuditSettings {
  /** §6 F11: spoiled blanks must reach the destruction council within this many days. */
  readonly spoiledDestroyWithinDays: number;
  /** Scenario 6: this many lookups of unknown serials by one client in one day is a search for valid numbers. */
  readonly unknownSerialBurst: number;
  /** Whose portal it is: lookups name no office, so their findings go here (default: who received the first blank lot). */
  readonly portalAuthorityCode?: string;
}

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = { spoiledDestroyWithinDays: 90, unknownSerialBurst: 20 };

export interface LookupLogSource {
  readonly file: string;
  /** The portal's hash key (`lookup-log.sqlite.key`): without it the log's serial hashes mean nothing. */
  readonly hashKey: Buffer;
}

/** The same keyed hash the portal's lookup log stores (apps/verify-portal/src/lookup-log). */
export function lookupLogHash(key: Buffer, purpose: 'client' | 'serial', value: string): string {
  return createHmac('sha256', key).update(`${purpose}\0${value}`).digest('base64url').slice(0, 22);
}

/**
 * The audits that are not a fold of events: they depend on the day (spoiled blanks awaiting the council),
 * compare two read models (F13), or read the portal's lookup log (F1, F4, F12, F14). They write their
 * detections into one table of the read-model database; each run takes only what is new since the last
 * (the lookup log by row id, blank lots by id), except the F13 comparison, which is whole by design.
 * Run on a schedule by the projector; `cli audit-report` runs it once too.
 */
export class ScheduledAudits {
  constructor(
    private readonly db: Db,
    private readonly settings: AuditSettings = DEFAULT_AUDIT_SETTINGS,
  ) {
    createDetectionTable(db, SCHEDULED_AUDIT_TABLE);
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_schedule_state (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS audit_serial_hashes (serial_hash TEXT PRIMARY KEY, lot_id TEXT NOT NULL, serial INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS audit_hashed_lots (lot_id TEXT PRIMARY KEY);
      CREATE TABLE IF NOT EXISTS audit_lookup_clients (client_hash TEXT NOT NULL, day TEXT NOT NULL, unknown INTEGER NOT NULL, forged INTEGER NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (client_hash, day)) WITHOUT ROWID;
    `);
  }

  /** Everything, as of `now`. Returns what each part looked at, for the bench and the CLI. */
  run(
    now: Date,
    lookupLog?: LookupLogSource,
  ): { publicDifferences: number; overdueSpoiled: number; lookupsRead: number; serialsHashed: number } {
    const publicDifferences = this.db.transaction(() => this.comparePublic(now))();
    const overdueSpoiled = this.db.transaction(() => this.spoiledNotDestroyed(now))();
    this.db.transaction(() => this.overdueStates(now))();
    const lookups = lookupLog ? this.readLookupLog(now, lookupLog) : { lookupsRead: 0, serialsHashed: 0 };
    return { publicDifferences, overdueSpoiled, ...lookups };
  }

  comparePublic(now: Date): number {
    const differences = comparePublicWithRegister(this.db);
    for (const d of differences) {
      this.detect({
        key: `F13:${d.diplomaId}:${d.difference}`,
        pattern: 'F13',
        severity: d.difference === 'status' || d.difference === 'extra' || d.difference === 'exempt_listed' ? 'critical' : 'high',
        policeReferral: false,
        authorityCode: d.authorityCode,
        subject: d.serial,
        summaryVi: `Tra cứu công khai khác sổ gốc (${d.difference}) ở văn bằng ${d.serial}: sổ gốc "${d.register ?? '—'}", công khai "${d.published ?? '—'}".`,
        summaryEn: `Public lookup differs from the register (${d.difference}) for diploma ${d.serial}: register "${d.register ?? '—'}", public "${d.published ?? '—'}".`,
        facts: { ...d },
        links: [`/api/v1/authorities/${d.authorityCode}/diplomas?serial=${encodeURIComponent(d.serial)}`],
        seenAt: now.toISOString(),
      });
    }
    return differences.length;
  }

  spoiledNotDestroyed(now: Date): number {
    const limit = new Date(now.getTime() - this.settings.spoiledDestroyWithinDays * 86_400_000).toISOString().slice(0, 10);
    const groups = prepared<
      [string],
      { authority_code: string; lot_id: string; prefix: string; width: number; count: number; oldest: string; serials: string }
    >(
      this.db,
      `
      SELECT s.authority_code, s.lot_id, l.prefix, l.width, COUNT(*) AS count, MIN(s.spoiled_on) AS oldest, json_group_array(s.serial) AS serials
      FROM audit_spoiled s JOIN audit_lots l USING (lot_id) WHERE s.spoiled_on < ? GROUP BY s.authority_code, s.lot_id`,
    ).all(limit);
    for (const g of groups) {
      const serials = (JSON.parse(g.serials) as number[]).map((n) => formatSerial(g.prefix, g.width, n));
      this.detect({
        key: `F11:spoiled-not-destroyed:${g.authority_code}:${g.lot_id}`,
        pattern: 'F11',
        severity: 'medium',
        policeReferral: false,
        authorityCode: g.authority_code,
        subject: `lô ${g.lot_id}`,
        summaryVi: `${g.count} phôi hỏng của lô ${g.lot_id} chưa được hội đồng hủy sau ${this.settings.spoiledDestroyWithinDays} ngày (cũ nhất từ ${g.oldest}).`,
        summaryEn: `${g.count} spoiled blanks of lot ${g.lot_id} not destroyed by the council after ${this.settings.spoiledDestroyWithinDays} days (oldest since ${g.oldest}).`,
        facts: {
          lotId: g.lot_id,
          count: g.count,
          oldestSpoiledOn: g.oldest,
          serials: serials.slice(0, 200),
          days: this.settings.spoiledDestroyWithinDays,
        },
        links: [`/api/v1/authorities/${g.authority_code}/blank-ledger`],
        seenAt: now.toISOString(),
      });
    }
    return groups.reduce((sum, g) => sum + g.count, 0);
  }

  /**
   * The overdue states an auditor follows (§6 audit reports): a revoked diploma not returned by its
   * 30-day deadline (rule 43), a correction answered late or not at all (rule 29), copies not issued by
   * their due time (rule 49). One detection per case; it stays until the finding is closed.
   */
  overdueStates(now: Date): number {
    const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const tables = new Set(this.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    let found = 0;
    const detect = (
      key: string,
      authorityCode: string,
      subject: string,
      vi: string,
      en: string,
      facts: Record<string, unknown>,
      link: string,
    ) => {
      found += 1;
      this.detect({
        key,
        pattern: 'OVERDUE',
        severity: 'medium',
        policeReferral: false,
        authorityCode,
        subject,
        summaryVi: vi,
        summaryEn: en,
        facts,
        links: [link],
        seenAt: now.toISOString(),
      });
    };
    if (tables.has('revocation_cases')) {
      for (const r of this.db
        .prepare<
          [string],
          { diploma_id: string; authority_code: string; serial_label: string; decision_number: string; return_due_by: string }
        >(
          "SELECT diploma_id, authority_code, serial_label, decision_number, return_due_by FROM revocation_cases WHERE returned_on IS NULL AND return_due_by IS NOT NULL AND return_due_by < ? AND ground <> 'issuer_error'",
        )
        .all(today)) {
        detect(
          `OVERDUE:revoked-not-returned:${r.diploma_id}`,
          r.authority_code,
          r.serial_label,
          `Văn bằng ${r.serial_label} bị thu hồi (QĐ ${r.decision_number}) chưa được nộp lại, quá hạn ${r.return_due_by}.`,
          `Revoked diploma ${r.serial_label} (decision ${r.decision_number}) not returned by ${r.return_due_by}.`,
          { diplomaId: r.diploma_id, decisionNumber: r.decision_number, returnDueBy: r.return_due_by },
          `/api/v1/authorities/${r.authority_code}/revocations/overdue-returns`,
        );
      }
    }
    if (tables.has('correction_requests')) {
      for (const c of this.db
        .prepare<[string], { request_id: string; diploma_id: string; authority_code: string; due_by: string }>(
          "SELECT request_id, diploma_id, authority_code, due_by FROM correction_requests WHERE (status = 'open' AND due_by < ?) OR (answered_on > due_by)",
        )
        .all(today)) {
        detect(
          `OVERDUE:correction:${c.request_id}`,
          c.authority_code,
          `đề nghị ${c.request_id}`,
          `Đề nghị chỉnh sửa ${c.request_id} không được giải quyết trong hạn (${c.due_by}).`,
          `Correction request ${c.request_id} not answered by its deadline (${c.due_by}).`,
          { requestId: c.request_id, diplomaId: c.diploma_id, dueBy: c.due_by },
          `/api/v1/authorities/${c.authority_code}/diplomas/${c.diploma_id}`,
        );
      }
    }
    if (tables.has('copy_requests')) {
      for (const c of this.db
        .prepare<[string], { request_id: string; authority_code: string; due_by: string }>(
          "SELECT request_id, authority_code, due_by FROM copy_requests WHERE status = 'open' AND due_by < ?",
        )
        .all(now.toISOString())) {
        detect(
          `OVERDUE:copies:${c.request_id}`,
          c.authority_code,
          `yêu cầu ${c.request_id}`,
          `Yêu cầu cấp bản sao ${c.request_id} quá hạn trả (${c.due_by}).`,
          `Copy request ${c.request_id} past its due time (${c.due_by}).`,
          { requestId: c.request_id, dueBy: c.due_by },
          `/api/v1/authorities/${c.authority_code}/copy-requests/past-due`,
        );
      }
    }
    return found;
  }

  /**
   * The log keeps serials only as keyed hashes, so the audit hashes every serial it knows (once per lot)
   * and looks each logged hash up: a hash of no known serial is a serial never received (F1); a known
   * one is judged like any other sighting (F4, F14). Unknown serials are counted per client and day.
   */
  readLookupLog(now: Date, source: LookupLogSource, chunk = 50_000): { lookupsRead: number; serialsHashed: number } {
    const serialsHashed = this.db.transaction(() => this.hashNewLots(source.hashKey))();
    const log = new Database(source.file, { readonly: true, fileMustExist: true });
    let lookupsRead = 0;
    try {
      const select = log.prepare<
        [number, number],
        { id: number; at: string; client_hash: string; query_kind: string; result: string; serial_hash: string | null }
      >('SELECT id, at, client_hash, query_kind, result, serial_hash FROM lookups WHERE id > ? ORDER BY id LIMIT ?');
      const portalAuthority = this.portalAuthority();
      for (;;) {
        const after = this.state('lookup_log_id');
        const rows = select.all(after, chunk);
        if (rows.length === 0) break;
        this.db.transaction(() => {
          for (const row of rows) this.judgeLookup(row, portalAuthority);
          this.setState('lookup_log_id', rows[rows.length - 1]!.id);
        })();
        lookupsRead += rows.length;
      }
    } finally {
      log.close();
    }
    void now;
    return { lookupsRead, serialsHashed };
  }

  private judgeLookup(
    row: { id: number; at: string; client_hash: string; query_kind: string; result: string; serial_hash: string | null },
    portalAuthority: string,
  ): void {
    const day = row.at.slice(0, 10);
    let unknown = 0;
    const forged = row.result === 'FORGED' ? 1 : 0;
    if (row.serial_hash) {
      const known = prepared<[string], { lot_id: string; serial: number }>(
        this.db,
        'SELECT lot_id, serial FROM audit_serial_hashes WHERE serial_hash = ?',
      ).get(row.serial_hash);
      if (!known) unknown = 1;
      else {
        const lot = prepared<[string], LotRow>(this.db, 'SELECT * FROM audit_lots WHERE lot_id = ?').get(known.lot_id)!;
        const verdict = classifyKnown(this.db, lot, known.serial);
        if (verdict) {
          const how = row.query_kind === 'qr' ? ['quét mã QR', 'scanned by QR'] : ['tra cứu công khai', 'looked up on the public portal'];
          this.detect({
            key: `${verdict.pattern}:lookup:${verdict.serial}`,
            pattern: verdict.pattern,
            severity: verdict.severity,
            policeReferral: verdict.policeReferral,
            authorityCode: verdict.authorityCode ?? portalAuthority,
            subject: verdict.serial,
            summaryVi: `${verdict.vi} được ${how[0]}.`,
            summaryEn: `${verdict.en} was ${how[1]}.`,
            facts: { ...verdict.facts, lookupId: row.id, queryKind: row.query_kind, result: row.result, clientHash: row.client_hash },
            links: verdict.links(verdict.authorityCode ?? portalAuthority),
            seenAt: row.at,
          });
        }
      }
    }
    prepared(
      this.db,
      `INSERT INTO audit_lookup_clients VALUES (?, ?, ?, ?, 1) ON CONFLICT DO UPDATE SET unknown = unknown + excluded.unknown, forged = forged + excluded.forged, total = total + 1`,
    ).run(row.client_hash, day, unknown, forged);
    if (!unknown && !forged) return;
    const client = prepared<[string, string], { unknown: number; forged: number; total: number }>(
      this.db,
      'SELECT unknown, forged, total FROM audit_lookup_clients WHERE client_hash = ? AND day = ?',
    ).get(row.client_hash, day)!;
    if (unknown && client.unknown >= this.settings.unknownSerialBurst) {
      this.detect({
        key: `F1:burst:${row.client_hash}:${day}`,
        pattern: 'F1',
        severity: 'high',
        policeReferral: false,
        authorityCode: portalAuthority,
        subject: `máy khách ${row.client_hash.slice(0, 8)}…`,
        summaryVi: `Ngày ${day} một máy khách tra ${client.unknown} số hiệu không thuộc lô phôi nào (trên ${client.total} lượt): dò số hiệu để làm bằng giả.`,
        summaryEn: `On ${day} one client looked up ${client.unknown} serials that belong to no blank lot (of ${client.total} lookups): probing for numbers to forge.`,
        facts: { clientHash: row.client_hash, day, unknownSerials: client.unknown, lookups: client.total, lastLookupId: row.id },
        links: [],
        seenAt: row.at,
      });
    }
    if (forged) {
      this.detect({
        key: `F12:forged:${row.client_hash}:${day}`,
        pattern: 'F12',
        severity: 'high',
        policeReferral: false,
        authorityCode: portalAuthority,
        subject: `máy khách ${row.client_hash.slice(0, 8)}…`,
        summaryVi: `Ngày ${day} một máy khách đưa ${client.forged} mã QR/mã xác thực giả mạo lên cổng tra cứu.`,
        summaryEn: `On ${day} one client presented ${client.forged} forged QR/verification tokens to the portal.`,
        facts: { clientHash: row.client_hash, day, forged: client.forged, lookups: client.total, lastLookupId: row.id },
        links: [],
        seenAt: row.at,
      });
    }
  }

  private hashNewLots(key: Buffer): number {
    const lots = prepared<[], LotRow>(this.db, 'SELECT * FROM audit_lots WHERE lot_id NOT IN (SELECT lot_id FROM audit_hashed_lots)').all();
    const insert = prepared(this.db, 'INSERT OR IGNORE INTO audit_serial_hashes VALUES (?, ?, ?)');
    let hashed = 0;
    for (const lot of lots) {
      for (let serial = lot.first; serial <= lot.last; serial++)
        insert.run(lookupLogHash(key, 'serial', formatSerial(lot.prefix, lot.width, serial)), lot.lot_id, serial);
      prepared(this.db, 'INSERT INTO audit_hashed_lots VALUES (?)').run(lot.lot_id);
      hashed += lot.last - lot.first + 1;
    }
    return hashed;
  }

  /** A logged lookup of an unknown serial names no office (its hash hides even the prefix): the portal's owner answers for it. */
  private portalAuthority(): string {
    return (
      this.settings.portalAuthorityCode ??
      prepared<[], string>(this.db, 'SELECT authority_code FROM audit_lots ORDER BY received_on, lot_id LIMIT 1').pluck().get() ??
      'PORTAL'
    );
  }

  private detect(detection: Detection): void {
    const next = this.state('change_seq') + 1;
    this.setState('change_seq', next);
    recordDetection(this.db, SCHEDULED_AUDIT_TABLE, detection, next);
  }

  private state(name: string): number {
    return prepared<[string], number>(this.db, 'SELECT value FROM audit_schedule_state WHERE name = ?').pluck().get(name) ?? 0;
  }

  private setState(name: string, value: number): void {
    prepared(this.db, 'INSERT INTO audit_schedule_state VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(
      name,
      value,
    );
  }
}

export { statusVi };
