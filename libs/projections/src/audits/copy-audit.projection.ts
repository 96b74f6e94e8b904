import type { Database } from 'better-sqlite3';
import {
  formatRange,
  formatSerial,
  HEIR_KINDS,
  parseSerial,
  type BlankLotEvent,
  type CopyRequestEvent,
  type ReissueEvent,
  type Requester,
  type RevocationEvent,
  type SerialRange,
} from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';
import { changeSeqOf, createDetectionTable, occurredAt, recordDetection } from './detections';

export const COPY_AUDIT_TABLE = 'audit_copy_detections';

/** Blank events that move copy blanks (rule 53): the copy-blank ledger of this projection, its own copy. */
const COPY_BLANK_EVENTS = [
  'BlankLotReceived',
  'BlanksAllocated',
  'BlanksBound',
  'BlanksSpoiled',
  'BlanksDestroyed',
  'BlanksLost',
  'BlanksReturned',
] as const;

/** The longest run of skipped serials examined one by one; a longer skip is reported by its ends. */
const GAP_SCAN_LIMIT = 10_000;

/**
 * F10, copy abuse (rules 48, 53 and 55; docs/domain.md §6 F10): copies issued to a requester the file
 * does not show as entitled, or of a diploma that was revoked or replaced before the copies were issued;
 * and copy-blank gaps — copies are printed on serial-numbered copy blanks taken lowest first (rule 9),
 * so when an office's copies jump from one serial to a later one, every serial in between must be
 * accounted for (spoiled, destroyed, lost, returned, missing at receipt, or held by another office).
 * A skipped serial that is still in stock or was bound to something that is not a copy in the copy
 * register is a copy blank that left the ledger (F10 "copy blanks leaking", rule 11). The gaps in copy
 * numbers are watched with the register numbers (audit-register-sequence).
 */
export const copyAuditProjection: Projection = {
  name: 'audit-copies',
  version: 2,
  handles: ['DiplomaRevoked', 'DiplomaReissued', 'CopyRequestReceived', 'CopiesIssued', ...COPY_BLANK_EVENTS],
  tables: [
    'audit_dead_diplomas',
    'audit_copy_requests',
    'audit_copy_lots',
    'audit_copy_lot_holders',
    'audit_copy_lot_out',
    'audit_copy_lot_bound',
    'audit_copy_lot_copies',
    'audit_copy_lot_last',
    COPY_AUDIT_TABLE,
  ],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_dead_diplomas (diploma_id TEXT PRIMARY KEY, why TEXT NOT NULL, decision_number TEXT NOT NULL, decision_date TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS audit_copy_requests (request_id TEXT PRIMARY KEY, requester TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS audit_copy_lots (
        lot_id TEXT PRIMARY KEY, kind TEXT NOT NULL, prefix TEXT NOT NULL, width INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, receiver TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS audit_copy_lot_holders (lot_id TEXT NOT NULL, seq INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, holder TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS audit_copy_lot_holders_by_lot ON audit_copy_lot_holders (lot_id, first);
      CREATE TABLE IF NOT EXISTS audit_copy_lot_out (lot_id TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, how TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS audit_copy_lot_out_by_lot ON audit_copy_lot_out (lot_id, first);
      CREATE TABLE IF NOT EXISTS audit_copy_lot_bound (
        lot_id TEXT NOT NULL, serial INTEGER NOT NULL, print_run_id TEXT NOT NULL, diploma_id TEXT NOT NULL, bound_on TEXT NOT NULL, PRIMARY KEY (lot_id, serial)
      );
      CREATE INDEX IF NOT EXISTS audit_copy_lot_bound_by_paper ON audit_copy_lot_bound (lot_id, diploma_id);
      CREATE TABLE IF NOT EXISTS audit_copy_lot_copies (lot_id TEXT NOT NULL, serial INTEGER NOT NULL, request_id TEXT NOT NULL, PRIMARY KEY (lot_id, serial));
      CREATE TABLE IF NOT EXISTS audit_copy_lot_last (lot_id TEXT NOT NULL, authority_code TEXT NOT NULL, last_serial INTEGER NOT NULL, PRIMARY KEY (lot_id, authority_code));
    `);
    createDetectionTable(db, COPY_AUDIT_TABLE);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as CopyRequestEvent | RevocationEvent | ReissueEvent | BlankLotEvent;
    if ((COPY_BLANK_EVENTS as readonly string[]).includes(event.type)) return applyCopyBlankEvent(db, recorded, event as BlankLotEvent);
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
        copyBlankGaps(db, recorded, event.data);
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

interface CopyLot {
  lot_id: string;
  kind: string;
  prefix: string;
  width: number;
  first: number;
  last: number;
  receiver: string;
}

/** A lot of copy blanks (kind `*_COPY`, rule 53), or undefined for a lot of diploma blanks. */
const copyLot = (db: Database, lotId: string): CopyLot | undefined => {
  const lot = prepared<[string], CopyLot>(db, 'SELECT * FROM audit_copy_lots WHERE lot_id = ?').get(lotId);
  return lot?.kind.endsWith('_COPY') ? lot : undefined;
};

/** The copy-blank ledger, kept only for lots of copy blanks (kind `*_COPY`); other lots are only listed. */
function applyCopyBlankEvent(db: Database, recorded: RecordedEvent, event: BlankLotEvent): void {
  if (event.type === 'BlankLotReceived') {
    const d = event.data;
    // Every lot is listed with its kind (one row a lot), so later events of a diploma-blank lot are
    // recognised and skipped with one lookup; only copy-blank lots keep a ledger.
    prepared(db, 'INSERT OR REPLACE INTO audit_copy_lots VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      d.lotId,
      d.kind,
      d.prefix,
      d.width,
      d.range.from,
      d.range.to,
      d.receivingAuthority,
    );
    if (!d.kind.endsWith('_COPY')) return;
    markOut(db, d.lotId, d.missing, 'missing');
    markOut(db, d.lotId, d.damaged, 'spoiled');
    return;
  }
  const lotId = recorded.stream.replace(/^blank-lot-/, '');
  if (!copyLot(db, lotId)) return;
  switch (event.type) {
    case 'BlanksAllocated': {
      const add = prepared(db, 'INSERT INTO audit_copy_lot_holders VALUES (?, ?, ?, ?, ?)');
      for (const r of event.data.ranges) add.run(lotId, changeSeqOf(recorded), r.from, r.to, event.data.toAuthority);
      return;
    }
    case 'BlanksBound': {
      const add = prepared(db, 'INSERT OR REPLACE INTO audit_copy_lot_bound VALUES (?, ?, ?, ?, ?)');
      for (const b of event.data.bindings) add.run(lotId, b.serial, event.data.printRunId, b.diplomaId, event.data.boundOn);
      return;
    }
    case 'BlanksSpoiled':
      return markOut(db, lotId, event.data.ranges, 'spoiled');
    case 'BlanksDestroyed':
      return markOut(db, lotId, event.data.ranges, 'destroyed');
    case 'BlanksLost':
      return markOut(db, lotId, event.data.ranges, 'lost');
    case 'BlanksReturned':
      return markOut(db, lotId, event.data.ranges, 'returned');
    default:
      return;
  }
}

function markOut(db: Database, lotId: string, ranges: readonly SerialRange[], how: string): void {
  const add = prepared(db, 'INSERT INTO audit_copy_lot_out VALUES (?, ?, ?, ?)');
  for (const r of ranges) add.run(lotId, r.from, r.to, how);
}

/** Who holds serial `x` of the lot: the last allocation that covers it, else the office that received the lot. */
function holderOf(db: Database, lot: CopyLot, x: number): string {
  return (
    prepared<[string, number, number], string>(
      db,
      'SELECT holder FROM audit_copy_lot_holders WHERE lot_id = ? AND first <= ? AND last >= ? ORDER BY seq DESC LIMIT 1',
    )
      .pluck()
      .get(lot.lot_id, x, x) ?? lot.receiver
  );
}

/** The serial before the first one this office ever held in the lot: where its copies start counting. */
function startOf(db: Database, lot: CopyLot, authorityCode: string): number {
  if (authorityCode === lot.receiver) return lot.first - 1;
  const first = prepared<[string, string], number | null>(
    db,
    'SELECT MIN(first) FROM audit_copy_lot_holders WHERE lot_id = ? AND holder = ?',
  )
    .pluck()
    .get(lot.lot_id, authorityCode);
  return (first ?? lot.first) - 1;
}

type Unaccounted = { serial: number; state: 'unbound' | 'bound'; printRunId?: string; paperId?: string };

/** A serial skipped by `authorityCode`'s copies, or undefined when it is accounted for (rules 11, 16, 53). */
function unaccounted(db: Database, lot: CopyLot, authorityCode: string, x: number): Unaccounted | undefined {
  if (prepared(db, 'SELECT 1 FROM audit_copy_lot_copies WHERE lot_id = ? AND serial = ?').get(lot.lot_id, x)) return undefined;
  if (prepared(db, 'SELECT 1 FROM audit_copy_lot_out WHERE lot_id = ? AND first <= ? AND last >= ? LIMIT 1').get(lot.lot_id, x, x))
    return undefined;
  if (holderOf(db, lot, x) !== authorityCode) return undefined;
  const bound = prepared<[string, number], { print_run_id: string; diploma_id: string }>(
    db,
    'SELECT print_run_id, diploma_id FROM audit_copy_lot_bound WHERE lot_id = ? AND serial = ?',
  ).get(lot.lot_id, x);
  return bound ? { serial: x, state: 'bound', printRunId: bound.print_run_id, paperId: bound.diploma_id } : { serial: x, state: 'unbound' };
}

/**
 * F10 copy-blank gaps: the copies just issued are compared with the last copy serial this office used in
 * the lot. Honest work takes the lowest blank in stock, so nothing lies between; whatever does lie between
 * and is not accounted for is one finding per gap, naming each serial and what the ledger says of it.
 * The work is proportional to the gap, not to the lot.
 */
function copyBlankGaps(db: Database, recorded: RecordedEvent, d: Extract<CopyRequestEvent, { type: 'CopiesIssued' }>['data']): void {
  const lot = copyLot(db, d.lotId);
  if (!lot) return;
  const serials = d.copies
    .map(
      (c) =>
        prepared<[string, string], number>(db, 'SELECT serial FROM audit_copy_lot_bound WHERE lot_id = ? AND diploma_id = ?')
          .pluck()
          .get(lot.lot_id, c.copyId) ?? parseSerial(c.serial)?.value,
    )
    .filter((s): s is number => s !== undefined)
    .sort((a, b) => a - b);
  const addCopy = prepared(db, 'INSERT OR REPLACE INTO audit_copy_lot_copies VALUES (?, ?, ?)');
  for (const s of serials) addCopy.run(lot.lot_id, s, d.requestId);
  let previous =
    prepared<[string, string], number>(db, 'SELECT last_serial FROM audit_copy_lot_last WHERE lot_id = ? AND authority_code = ?')
      .pluck()
      .get(lot.lot_id, d.authorityCode) ?? startOf(db, lot, d.authorityCode);
  for (const s of serials) {
    if (s <= previous) continue;
    const skipped: Unaccounted[] = [];
    for (let x = previous + 1; x < s && x <= previous + GAP_SCAN_LIMIT; x++) {
      const found = unaccounted(db, lot, d.authorityCode, x);
      if (found) skipped.push(found);
    }
    if (skipped.length > 0) recordGap(db, recorded, d, lot, s, skipped);
    previous = s;
  }
  prepared(db, 'INSERT OR REPLACE INTO audit_copy_lot_last VALUES (?, ?, ?)').run(lot.lot_id, d.authorityCode, previous);
}

function recordGap(
  db: Database,
  recorded: RecordedEvent,
  d: Extract<CopyRequestEvent, { type: 'CopiesIssued' }>['data'],
  lot: CopyLot,
  usedSerial: number,
  skipped: readonly Unaccounted[],
): void {
  const label = (x: number) => formatSerial(lot.prefix, lot.width, x);
  const first = skipped[0]!.serial;
  const last = skipped[skipped.length - 1]!.serial;
  const span = formatRange(lot.prefix, lot.width, { from: first, to: last });
  const bound = skipped.filter((u) => u.state === 'bound');
  recordDetection(
    db,
    COPY_AUDIT_TABLE,
    {
      key: `F10:copy-blank-gap:${lot.lot_id}:${label(first)}`,
      pattern: 'F10',
      severity: 'high',
      policeReferral: false,
      authorityCode: d.authorityCode,
      subject: `phôi bản sao ${span}`,
      summaryVi:
        `Bản sao in trên phôi ${label(usedSerial)} bỏ qua ${skipped.length} phôi bản sao (${span}) không có trong sổ cấp bản sao, ` +
        `không hỏng, không hủy, không mất, không trả lại` +
        (bound.length > 0 ? `; ${bound.length} phôi đã được dùng ngoài sổ cấp bản sao.` : '.'),
      summaryEn:
        `The copy on blank ${label(usedSerial)} skipped ${skipped.length} copy blank(s) (${span}) that are not in the copy register, ` +
        `nor spoiled, destroyed, lost or returned` +
        (bound.length > 0 ? `; ${bound.length} were used outside the copy register.` : '.'),
      facts: {
        lotId: lot.lot_id,
        kind: lot.kind,
        requestId: d.requestId,
        usedSerial: label(usedSerial),
        issuedOn: d.issuedOn,
        skipped: skipped.slice(0, 50).map((u) => ({
          serial: label(u.serial),
          state: u.state,
          ...(u.printRunId ? { printRunId: u.printRunId, paperId: u.paperId } : {}),
        })),
        skippedCount: skipped.length,
      },
      links: [
        `/api/v1/authorities/${d.authorityCode}/blank-serials/${encodeURIComponent(label(first))}`,
        `/api/v1/authorities/${d.authorityCode}/blank-ledger`,
        `/api/v1/authorities/${d.authorityCode}/copy-requests/${d.requestId}`,
      ],
      seenAt: occurredAt(recorded),
    },
    changeSeqOf(recorded),
  );
}
