import type { Database } from 'better-sqlite3';
import {
  assign,
  formatSerial,
  normalizeRanges,
  parseSerial,
  type BlankLotEvent,
  type BlankStatus,
  type HandOverEvent,
  type Segment,
  type SerialRange,
  type VerificationRequestEvent,
} from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';
import { changeSeqOf, createDetectionTable, occurredAt, recordDetection, type Detection } from './detections';

export const SERIAL_SIGHTINGS_TABLE = 'audit_serial_detections';

/** Dead paper (rule 18): it can never carry a diploma again, so any sighting of it is a fake on stolen paper. */
const DEAD: readonly BlankStatus[] = ['lost', 'destroyed', 'returned', 'missing'];
/** Paper that never carried a diploma: presenting it as one means it left custody unprinted (F4). */
const NEVER_BOUND: readonly BlankStatus[] = ['in_stock', 'reserved', 'spoiled'];

/**
 * F4, F5 and F14 from the events, and F1 for serials named in verification letters (docs/domain.md §6):
 * the state of every serial kept as segments (its own copy, so that it never depends on another
 * projection's progress), the diplomas lost before hand-over, and every time a serial is presented —
 * to a print run (BlankReuseAttempted) or in an official letter (VerificationRequestReceived). Each event
 * touches only the segments of the serials it names.
 */
export const serialSightingsProjection: Projection = {
  name: 'audit-serial-sightings',
  version: 1,
  handles: [
    'BlankLotReceived',
    'BlanksAllocated',
    'BlanksReserved',
    'BlanksReleased',
    'BlanksBound',
    'BlanksSpoiled',
    'BlanksDestroyed',
    'BlanksLost',
    'BlanksReturned',
    'BlankReuseAttempted',
    'DiplomaLostBeforeDelivery',
    'VerificationRequestReceived',
  ],
  tables: ['audit_lots', 'audit_segments', 'audit_spoiled', 'audit_lost_diplomas', SERIAL_SIGHTINGS_TABLE],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_lots (
        lot_id TEXT PRIMARY KEY, kind TEXT NOT NULL, prefix TEXT NOT NULL, width INTEGER NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
        authority_code TEXT NOT NULL, received_on TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_lots_by_prefix ON audit_lots (prefix, first);
      CREATE TABLE IF NOT EXISTS audit_segments (lot_id TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, status TEXT NOT NULL, holder TEXT NOT NULL, PRIMARY KEY (lot_id, first));
      CREATE TABLE IF NOT EXISTS audit_spoiled (lot_id TEXT NOT NULL, serial INTEGER NOT NULL, authority_code TEXT NOT NULL, spoiled_on TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (lot_id, serial));
      CREATE INDEX IF NOT EXISTS audit_spoiled_by_date ON audit_spoiled (spoiled_on);
      CREATE TABLE IF NOT EXISTS audit_lost_diplomas (
        serial_label TEXT PRIMARY KEY, diploma_id TEXT NOT NULL, authority_code TEXT NOT NULL, lost_on TEXT NOT NULL, minutes_ref TEXT NOT NULL, police_unit TEXT NOT NULL
      );
    `);
    createDetectionTable(db, SERIAL_SIGHTINGS_TABLE);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as BlankLotEvent | HandOverEvent | VerificationRequestEvent;
    const lotId = recorded.stream.replace(/^blank-lot-/, '');
    const segments = new LotSegments(db, lotId);
    switch (event.type) {
      case 'BlankLotReceived': {
        const d = event.data;
        prepared(db, 'INSERT INTO audit_lots VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          d.lotId,
          d.kind,
          d.prefix,
          d.width,
          d.range.from,
          d.range.to,
          d.receivingAuthority,
          d.receivedOn,
        );
        let initial: Segment[] = [{ from: d.range.from, to: d.range.to, status: 'in_stock', holder: d.receivingAuthority }];
        initial = assign(initial, d.missing, (s) => ({ status: 'missing', holder: s.holder }));
        initial = assign(initial, d.damaged, (s) => ({ status: 'spoiled', holder: s.holder }));
        segments.write(initial);
        markSpoiled(db, lotId, d.damaged, d.receivingAuthority, d.receivedOn, 'damaged_at_receipt');
        return;
      }
      case 'BlanksAllocated':
        return segments.change(event.data.ranges, null, event.data.toAuthority);
      case 'BlanksReserved':
        return segments.change(event.data.ranges, 'reserved');
      case 'BlanksReleased':
        return segments.change(event.data.ranges, 'in_stock');
      case 'BlanksBound':
        return segments.change(
          event.data.bindings.map((b) => ({ from: b.serial, to: b.serial })),
          'bound',
        );
      case 'BlanksSpoiled':
        segments.change(event.data.ranges, 'spoiled');
        return markSpoiled(db, lotId, event.data.ranges, event.data.authorityCode, event.data.spoiledOn, event.data.reason);
      case 'BlanksDestroyed': {
        const remove = prepared(db, 'DELETE FROM audit_spoiled WHERE lot_id = ? AND serial BETWEEN ? AND ?');
        for (const range of event.data.ranges) remove.run(lotId, range.from, range.to);
        return segments.change(event.data.ranges, 'destroyed');
      }
      case 'BlanksLost':
        return segments.change(event.data.ranges, 'lost');
      case 'BlanksReturned':
        return segments.change(event.data.ranges, 'returned');
      case 'BlankReuseAttempted': {
        const lot = lotById(db, lotId);
        for (const s of event.data.serials) {
          const serial = lot ? formatSerial(lot.prefix, lot.width, s.serial) : String(s.serial);
          const dead = DEAD.includes(s.status);
          const facts = {
            serial,
            statusAtAttempt: s.status,
            printRunId: event.data.printRunId,
            attemptedOn: event.data.attemptedOn,
            lotId,
          };
          const links = [
            `/api/v1/authorities/${event.data.authorityCode}/blank-serials/${encodeURIComponent(serial)}`,
            `/api/v1/authorities/${event.data.authorityCode}/print-runs/${event.data.printRunId}`,
          ];
          record(
            db,
            recorded,
            dead
              ? {
                  key: `F4:bind:${serial}`,
                  pattern: 'F4',
                  severity: 'critical',
                  policeReferral: true,
                  authorityCode: event.data.authorityCode,
                  subject: serial,
                  summaryVi: `Phôi ${serial} (${statusVi(s.status)}) bị đưa vào in lại trong đợt in ${event.data.printRunId}.`,
                  summaryEn: `Blank ${serial} (${s.status}) was presented for printing in print run ${event.data.printRunId}.`,
                  facts,
                  links,
                }
              : {
                  key: `F5:bind:${serial}`,
                  pattern: 'F5',
                  severity: 'high',
                  policeReferral: false,
                  authorityCode: event.data.authorityCode,
                  subject: serial,
                  summaryVi: `Phôi ${serial} (${statusVi(s.status)}) bị dùng lại trong đợt in ${event.data.printRunId}.`,
                  summaryEn: `Blank ${serial} (${s.status}) was presented again in print run ${event.data.printRunId}.`,
                  facts,
                  links,
                },
          );
        }
        return;
      }
      case 'DiplomaLostBeforeDelivery': {
        const d = event.data;
        prepared(db, 'INSERT OR REPLACE INTO audit_lost_diplomas VALUES (?, ?, ?, ?, ?, ?)').run(
          d.serialLabel,
          d.diplomaId,
          authorityOfLostDiploma(recorded),
          d.lostOn,
          d.minutesRef,
          d.policeUnit,
        );
        return;
      }
      case 'VerificationRequestReceived': {
        const d = event.data;
        d.subjects.forEach((subject, index) => {
          if (!subject.serial) return;
          const sighting = classify(db, subject.serial);
          if (!sighting) return;
          const facts = {
            ...sighting.facts,
            requestId: d.requestId,
            organisation: d.organisation,
            letterNumber: d.letterNumber,
            letterDate: d.letterDate,
            subjectIndex: index + 1,
          };
          const links = [`/api/v1/authorities/${d.authorityCode}/verification-requests/${d.requestId}`, ...sighting.links(d.authorityCode)];
          const where = `công văn ${d.letterNumber} của ${d.organisation}`;
          const whereEn = `letter ${d.letterNumber} from ${d.organisation}`;
          record(db, recorded, {
            key: `${sighting.pattern}:letter:${sighting.serial}`,
            pattern: sighting.pattern,
            severity: sighting.severity,
            policeReferral: sighting.policeReferral,
            authorityCode: sighting.authorityCode ?? d.authorityCode,
            subject: sighting.serial,
            summaryVi: `${sighting.vi} được nêu trong ${where}.`,
            summaryEn: `${sighting.en} was named in ${whereEn}.`,
            facts,
            links,
          });
        });
        return;
      }
    }
  },
};

function record(db: Database, recorded: RecordedEvent, detection: Omit<Detection, 'seenAt'>): void {
  recordDetection(db, SERIAL_SIGHTINGS_TABLE, { ...detection, seenAt: occurredAt(recorded) }, changeSeqOf(recorded));
}

function authorityOfLostDiploma(recorded: RecordedEvent): string {
  const metadata = recorded.metadata as { actor?: { authorityCode?: unknown } } | null;
  return typeof metadata?.actor?.authorityCode === 'string' ? metadata.actor.authorityCode : '';
}

export interface SerialVerdict {
  readonly pattern: 'F1' | 'F4' | 'F14';
  readonly severity: Detection['severity'];
  readonly policeReferral: boolean;
  readonly serial: string;
  readonly authorityCode: string | null;
  readonly vi: string;
  readonly en: string;
  readonly facts: Record<string, unknown>;
  links(actingAuthority: string): string[];
}

/**
 * What presenting this serial as a diploma means, or undefined when that is normal (a bound serial of
 * a diploma in its holder's hands). Shared by the letter detection and the lookup-log audit.
 */
export function classify(db: Database, serialText: string): SerialVerdict | undefined {
  const parsed = parseSerial(serialText);
  const lot = parsed
    ? prepared<[string, number, number, number], LotRow>(
        db,
        'SELECT * FROM audit_lots WHERE prefix = ? AND first <= ? AND last >= ? AND width = ?',
      ).get(parsed.prefix, parsed.value, parsed.value, parsed.width)
    : undefined;
  if (!parsed || !lot) {
    const serial = serialText.trim().toUpperCase();
    return {
      pattern: 'F1',
      severity: 'high',
      policeReferral: false,
      serial,
      authorityCode: null,
      vi: `Số hiệu ${serial} không thuộc lô phôi nào đã nhận`,
      en: `Serial ${serial}, in no blank lot ever received,`,
      facts: { serial },
      links: () => [],
    };
  }
  return classifyKnown(db, lot, parsed.value);
}

export function classifyKnown(db: Database, lot: LotRow, value: number): SerialVerdict | undefined {
  const serial = formatSerial(lot.prefix, lot.width, value);
  const links = (authority: string) => [`/api/v1/authorities/${authority}/blank-serials/${encodeURIComponent(serial)}`];
  if (lot.kind.endsWith('_COPY')) {
    return {
      pattern: 'F1',
      severity: 'high',
      policeReferral: false,
      serial,
      authorityCode: lot.authority_code,
      vi: `Số hiệu ${serial} là phôi bản sao (${lot.kind}), không phải phôi bằng`,
      en: `Serial ${serial} is a copy blank (${lot.kind}), not a diploma blank, and`,
      facts: { serial, lotId: lot.lot_id, kind: lot.kind },
      links,
    };
  }
  // The segment starting at or before the serial, found through the primary key, not by a scan of the lot.
  const segment = prepared<[string, number], { status: BlankStatus; holder: string; last: number }>(
    db,
    'SELECT status, holder, last FROM audit_segments WHERE lot_id = ? AND first <= ? ORDER BY first DESC LIMIT 1',
  ).get(lot.lot_id, value);
  if (!segment || segment.last < value) return undefined;
  const facts = { serial, lotId: lot.lot_id, kind: lot.kind, statusWhenSeen: segment.status, holder: segment.holder };
  if (DEAD.includes(segment.status)) {
    return {
      pattern: 'F4',
      severity: 'critical',
      policeReferral: true,
      serial,
      authorityCode: segment.holder,
      vi: `Phôi ${serial} (${statusVi(segment.status)})`,
      en: `Blank ${serial} (${segment.status})`,
      facts,
      links,
    };
  }
  if (NEVER_BOUND.includes(segment.status)) {
    return {
      pattern: 'F4',
      severity: 'high',
      policeReferral: true,
      serial,
      authorityCode: segment.holder,
      vi: `Phôi ${serial} chưa từng in văn bằng (${statusVi(segment.status)})`,
      en: `Blank ${serial}, never printed as a diploma (${segment.status}),`,
      facts,
      links,
    };
  }
  const lost = prepared<
    [string],
    { diploma_id: string; authority_code: string; lost_on: string; minutes_ref: string; police_unit: string }
  >(db, 'SELECT * FROM audit_lost_diplomas WHERE serial_label = ?').get(serial);
  if (lost) {
    return {
      pattern: 'F14',
      severity: 'critical',
      policeReferral: true,
      serial,
      authorityCode: lost.authority_code || segment.holder,
      vi: `Văn bằng số hiệu ${serial} đã mất trước khi phát (biên bản ${lost.minutes_ref})`,
      en: `Diploma ${serial}, lost before hand-over (minutes ${lost.minutes_ref}),`,
      facts: { ...facts, diplomaId: lost.diploma_id, lostOn: lost.lost_on, minutesRef: lost.minutes_ref, policeUnit: lost.police_unit },
      links: (authority) => [...links(authority), `/api/v1/authorities/${authority}/diplomas?serial=${encodeURIComponent(serial)}`],
    };
  }
  return undefined;
}

export interface LotRow {
  lot_id: string;
  kind: string;
  prefix: string;
  width: number;
  first: number;
  last: number;
  authority_code: string;
  received_on: string;
}

function lotById(db: Database, lotId: string): LotRow | undefined {
  return prepared<[string], LotRow>(db, 'SELECT * FROM audit_lots WHERE lot_id = ?').get(lotId);
}

function markSpoiled(db: Database, lotId: string, ranges: readonly SerialRange[], authority: string, on: string, reason: string): void {
  const insert = prepared(db, 'INSERT OR REPLACE INTO audit_spoiled VALUES (?, ?, ?, ?, ?)');
  for (const range of ranges) for (let serial = range.from; serial <= range.to; serial++) insert.run(lotId, serial, authority, on, reason);
}

const STATUS_VI: Record<BlankStatus, string> = {
  missing: 'thiếu khi nhận',
  in_stock: 'còn trong kho',
  reserved: 'đã giữ cho đợt in',
  bound: 'đã in văn bằng',
  spoiled: 'hỏng chờ hủy',
  destroyed: 'đã hủy',
  lost: 'đã mất',
  returned: 'đã trả lại',
};
export const statusVi = (status: BlankStatus): string => STATUS_VI[status];

/** Keeps one lot's segments: an event rewrites only the segments its ranges cross. */
class LotSegments {
  constructor(
    private readonly db: Database,
    private readonly lotId: string,
  ) {}

  write(segments: readonly Segment[]): void {
    const insert = prepared(this.db, 'INSERT INTO audit_segments VALUES (?, ?, ?, ?, ?)');
    for (const s of segments) insert.run(this.lotId, s.from, s.to, s.status, s.holder);
  }

  change(ranges: readonly SerialRange[], status: BlankStatus | null, holder?: string): void {
    const span = normalizeRanges(ranges);
    if (span.length === 0) return;
    const low = span[0]!.from;
    // From the segment holding the lowest serial up to the highest: a range query on the primary key.
    const start =
      prepared<[string, number], number>(
        this.db,
        'SELECT first FROM audit_segments WHERE lot_id = ? AND first <= ? ORDER BY first DESC LIMIT 1',
      )
        .pluck()
        .get(this.lotId, low) ?? low;
    const rows = prepared<[string, number, number], { first: number; last: number; status: BlankStatus; holder: string }>(
      this.db,
      'SELECT first, last, status, holder FROM audit_segments WHERE lot_id = ? AND first >= ? AND first <= ? ORDER BY first',
    ).all(this.lotId, start, span[span.length - 1]!.to);
    const remove = prepared(this.db, 'DELETE FROM audit_segments WHERE lot_id = ? AND first = ?');
    for (const row of rows) remove.run(this.lotId, row.first);
    this.write(
      assign(
        rows.map((r) => ({ from: r.first, to: r.last, status: r.status, holder: r.holder })),
        span,
        (s) => ({ status: status ?? s.status, holder: holder ?? s.holder }),
      ),
    );
  }
}
