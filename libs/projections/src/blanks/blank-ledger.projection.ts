import type { Database } from 'better-sqlite3';
import { assign, normalizeRanges, segmentsWithin, type BlankLotEvent, type Segment, type SerialRange } from '@so-goc/domain';
import { positionToString, type RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * Sổ quản lý phôi (docs/domain.md §4.4): every physical movement of blanks in each authority's ledger
 * with its running balance per kind, the current state of every serial (as segments), and the fraud
 * signals raised when a dead serial is presented again.
 */
export const blankLedgerProjection: Projection = {
  name: 'blank-ledger',
  version: 3,
  handles: [
    'BlankLotReceived',
    'BlanksAllocated',
    'BlanksBound',
    'BlanksSpoiled',
    'BlanksDestroyed',
    'BlanksLost',
    'BlanksReturned',
    'BlanksReserved',
    'BlanksReleased',
    'BlankReuseAttempted',
  ],
  tables: [
    'blank_lots',
    'blank_movements',
    'blank_balances',
    'blank_segments',
    'blank_segment_changes',
    'blank_fraud_signals',
    'blank_destructions',
  ],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS blank_lots (
        lot_id TEXT PRIMARY KEY, kind TEXT NOT NULL, template_version TEXT NOT NULL, prefix TEXT NOT NULL, width INTEGER NOT NULL,
        first INTEGER NOT NULL, last INTEGER NOT NULL, receiving_authority TEXT NOT NULL, supplier TEXT NOT NULL,
        delivery_note TEXT NOT NULL, delivery_note_date TEXT NOT NULL, received_by TEXT NOT NULL, received_on TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS blank_lots_by_prefix ON blank_lots (prefix, first);
      CREATE TABLE IF NOT EXISTS blank_movements (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, position TEXT NOT NULL, authority_code TEXT NOT NULL, lot_id TEXT NOT NULL, kind TEXT NOT NULL,
        movement TEXT NOT NULL, movement_date TEXT NOT NULL, document TEXT, first INTEGER NOT NULL, last INTEGER NOT NULL,
        quantity INTEGER NOT NULL, delta INTEGER NOT NULL, counterpart TEXT, balance_after INTEGER NOT NULL, note TEXT
      );
      -- Issue 17: every change of state of a range of serials with the date of the act, so the stock on
      -- hand can be counted serial by serial as of any past date (blankStockAsOf).
      CREATE TABLE IF NOT EXISTS blank_segment_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, lot_id TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
        status TEXT NOT NULL, holder TEXT NOT NULL, change_date TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS blank_segment_changes_by_lot ON blank_segment_changes (lot_id, seq);
      CREATE INDEX IF NOT EXISTS blank_movements_by_ledger ON blank_movements (authority_code, kind, movement_date, seq);
      CREATE INDEX IF NOT EXISTS blank_movements_by_serial ON blank_movements (lot_id, first, last);
      CREATE TABLE IF NOT EXISTS blank_balances (authority_code TEXT NOT NULL, kind TEXT NOT NULL, on_hand INTEGER NOT NULL, PRIMARY KEY (authority_code, kind));
      CREATE TABLE IF NOT EXISTS blank_segments (
        lot_id TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL, status TEXT NOT NULL, holder TEXT NOT NULL,
        print_run_id TEXT, reason TEXT, PRIMARY KEY (lot_id, first)
      );
      CREATE TABLE IF NOT EXISTS blank_destructions (
        minutes_ref TEXT NOT NULL, authority_code TEXT NOT NULL, lot_id TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
        quantity INTEGER NOT NULL, state_before TEXT NOT NULL, reason TEXT, council_decision TEXT NOT NULL, council_decision_date TEXT NOT NULL,
        members TEXT NOT NULL, method TEXT NOT NULL, place TEXT NOT NULL, destroyed_on TEXT NOT NULL, PRIMARY KEY (lot_id, first)
      );
      CREATE INDEX IF NOT EXISTS blank_destructions_by_minutes ON blank_destructions (authority_code, minutes_ref);
      CREATE TABLE IF NOT EXISTS blank_fraud_signals (
        position TEXT NOT NULL, lot_id TEXT NOT NULL, serial INTEGER NOT NULL, status TEXT NOT NULL, authority_code TEXT NOT NULL,
        print_run_id TEXT NOT NULL, attempted_on TEXT NOT NULL, PRIMARY KEY (position, serial)
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as BlankLotEvent;
    const lotId = recorded.stream.replace(/^blank-lot-/, '');
    const position = positionToString(recorded.position);
    const ledger = new LedgerWriter(db, lotId, position);
    switch (event.type) {
      case 'BlankLotReceived': {
        const d = event.data;
        prepared(db, 'INSERT INTO blank_lots VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          d.lotId,
          d.kind,
          d.templateVersion,
          d.prefix,
          d.width,
          d.range.from,
          d.range.to,
          d.receivingAuthority,
          d.supplier,
          d.deliveryNote.number,
          d.deliveryNote.date,
          d.receivedBy,
          d.receivedOn,
        );
        let segments: Segment[] = [{ from: d.range.from, to: d.range.to, status: 'in_stock', holder: d.receivingAuthority }];
        segments = assign(segments, d.missing, (s) => ({ status: 'missing', holder: s.holder }));
        segments = assign(segments, d.damaged, (s) => ({ status: 'spoiled', holder: s.holder, reason: 'damaged_at_receipt' }));
        ledger.writeSegments(segments);
        ledger.history([{ from: d.range.from, to: d.range.to, status: 'in_stock', holder: d.receivingAuthority }], d.receivedOn);
        ledger.history(
          segments.filter((x) => x.status !== 'in_stock'),
          d.receivedOn,
        );
        const delivered = subtract(d.range, d.missing);
        const note = d.missing.length ? `Thiếu ${d.missing.map((r) => `${r.from}–${r.to}`).join(', ')}` : null;
        for (const range of delivered)
          ledger.move(d.receivingAuthority, 'receipt', d.receivedOn, d.deliveryNote.number, range, +1, d.supplier, note);
        for (const range of d.damaged)
          ledger.move(d.receivingAuthority, 'spoiled', d.receivedOn, d.deliveryNote.number, range, 0, null, 'damaged_at_receipt');
        return;
      }
      case 'BlanksAllocated':
        ledger.change(event.data.ranges, () => ({ status: 'in_stock', holder: event.data.toAuthority }), event.data.allocatedOn);
        for (const range of event.data.ranges) {
          ledger.move(
            event.data.fromAuthority,
            'allocation_out',
            event.data.allocatedOn,
            event.data.handover.number,
            range,
            -1,
            event.data.toAuthority,
          );
          ledger.move(
            event.data.toAuthority,
            'allocation_in',
            event.data.allocatedOn,
            event.data.handover.number,
            range,
            +1,
            event.data.fromAuthority,
          );
        }
        return;
      case 'BlanksReserved':
        ledger.change(
          event.data.ranges,
          (s) => ({ status: 'reserved', holder: s.holder, printRunId: event.data.printRunId }),
          event.data.reservedOn,
        );
        return;
      case 'BlanksReleased':
        ledger.change(event.data.ranges, (s) => ({ status: 'in_stock', holder: s.holder }), event.data.releasedOn);
        return;
      case 'BlanksBound': {
        const ranges = normalizeRanges(event.data.bindings.map((b) => ({ from: b.serial, to: b.serial })));
        ledger.change(ranges, (s) => ({ status: 'bound', holder: s.holder, printRunId: event.data.printRunId }), event.data.boundOn);
        for (const range of ranges)
          ledger.move(event.data.authorityCode, 'bound', event.data.boundOn, event.data.printRunId, range, -1, null);
        return;
      }
      case 'BlanksSpoiled': {
        // A signed diploma written wrongly comes back into custody as a spoiled blank awaiting the council.
        const recovered = ledger.rangesWithStatus(event.data.ranges, 'bound');
        ledger.change(event.data.ranges, (s) => ({ status: 'spoiled', holder: s.holder, reason: event.data.reason }), event.data.spoiledOn);
        for (const range of event.data.ranges)
          ledger.move(
            event.data.authorityCode,
            'spoiled',
            event.data.spoiledOn,
            null,
            range,
            0,
            null,
            `${event.data.reason}: ${event.data.note}`,
          );
        for (const range of recovered)
          ledger.move(event.data.authorityCode, 'recovered_for_destruction', event.data.spoiledOn, null, range, +1, null, event.data.note);
        return;
      }
      case 'BlanksDestroyed': {
        const d = event.data;
        const insert = prepared(db, 'INSERT INTO blank_destructions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
        for (const piece of ledger.segmentsIn(d.ranges)) {
          insert.run(
            d.minutesRef,
            d.authorityCode,
            lotId,
            piece.from,
            piece.to,
            piece.to - piece.from + 1,
            piece.status,
            piece.reason ?? null,
            d.councilDecision.number,
            d.councilDecision.date,
            JSON.stringify(d.members),
            d.method,
            d.place,
            d.destroyedOn,
          );
        }
        ledger.change(event.data.ranges, (s) => ({ status: 'destroyed', holder: s.holder }), event.data.destroyedOn);
        for (const range of event.data.ranges)
          ledger.move(
            event.data.authorityCode,
            'destroyed',
            event.data.destroyedOn,
            event.data.minutesRef,
            range,
            -1,
            null,
            `${event.data.method}; QĐ ${event.data.councilDecision.number}`,
          );
        return;
      }
      case 'BlanksLost':
        ledger.change(event.data.ranges, (s) => ({ status: 'lost', holder: s.holder }), event.data.lostOn);
        for (const range of event.data.ranges)
          ledger.move(
            event.data.authorityCode,
            'lost',
            event.data.lostOn,
            event.data.minutesRef,
            range,
            -1,
            event.data.policeUnit,
            event.data.circumstances,
          );
        return;
      case 'BlanksReturned':
        ledger.change(event.data.ranges, (s) => ({ status: 'returned', holder: s.holder }), event.data.returnedOn);
        for (const range of event.data.ranges)
          ledger.move(event.data.authorityCode, 'returned', event.data.returnedOn, event.data.document.number, range, -1, null);
        return;
      case 'BlankReuseAttempted': {
        const insert = prepared(db, 'INSERT INTO blank_fraud_signals VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const s of event.data.serials)
          insert.run(position, lotId, s.serial, s.status, event.data.authorityCode, event.data.printRunId, event.data.attemptedOn);
        return;
      }
    }
  },
};

interface SegmentRow {
  first: number;
  last: number;
  status: Segment['status'];
  holder: string;
  print_run_id: string | null;
  reason: Segment['reason'] | null;
}

/** Writes one event's effect on one lot: its segments and its ledger rows. */
class LedgerWriter {
  private lotKind: string | undefined;

  constructor(
    private readonly db: Database,
    private readonly lotId: string,
    private readonly position: string,
  ) {}

  private get kind(): string {
    this.lotKind ??= prepared(this.db, 'SELECT kind FROM blank_lots WHERE lot_id = ?').pluck().get(this.lotId) as string;
    return this.lotKind;
  }

  writeSegments(segments: readonly Segment[]): void {
    const insert = prepared(this.db, 'INSERT INTO blank_segments VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const s of segments) insert.run(this.lotId, s.from, s.to, s.status, s.holder, s.printRunId ?? null, s.reason ?? null);
  }

  /** Re-segments only the rows the ranges touch. */
  change(ranges: readonly SerialRange[], update: (segment: Segment) => Omit<Segment, 'from' | 'to'>, date: string): void {
    const span = normalizeRanges(ranges);
    const low = span[0]!.from;
    const high = span[span.length - 1]!.to;
    const rows = prepared<[string, number, number], SegmentRow>(
      this.db,
      'SELECT first, last, status, holder, print_run_id, reason FROM blank_segments WHERE lot_id = ? AND last >= ? AND first <= ? ORDER BY first',
    ).all(this.lotId, low, high);
    const touched: Segment[] = rows.map((r) => ({
      from: r.first,
      to: r.last,
      status: r.status,
      holder: r.holder,
      ...(r.print_run_id ? { printRunId: r.print_run_id } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
    }));
    const remove = prepared(this.db, 'DELETE FROM blank_segments WHERE lot_id = ? AND first = ?');
    for (const row of rows) remove.run(this.lotId, row.first);
    const changed = assign(touched, span, update);
    this.writeSegments(changed);
    this.history(
      span.flatMap((range) => segmentsWithin(changed, range)),
      date,
    );
  }

  /** Appends the new state of these serials, dated by the act, to the lot's history. */
  history(pieces: readonly Segment[], date: string): void {
    const insert = prepared(
      this.db,
      'INSERT INTO blank_segment_changes (lot_id, first, last, status, holder, change_date) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const p of pieces) insert.run(this.lotId, p.from, p.to, p.status, p.holder, date);
  }

  /** The current segments clipped to `ranges`, i.e. each serial's state just before this event. */
  segmentsIn(ranges: readonly SerialRange[]): Segment[] {
    const select = prepared<[string, number, number], SegmentRow>(
      this.db,
      'SELECT first, last, status, holder, print_run_id, reason FROM blank_segments WHERE lot_id = ? AND last >= ? AND first <= ? ORDER BY first',
    );
    return normalizeRanges(ranges).flatMap((range) =>
      select.all(this.lotId, range.from, range.to).map((r) => ({
        from: Math.max(r.first, range.from),
        to: Math.min(r.last, range.to),
        status: r.status,
        holder: r.holder,
        ...(r.reason ? { reason: r.reason } : {}),
      })),
    );
  }

  rangesWithStatus(ranges: readonly SerialRange[], status: Segment['status']): SerialRange[] {
    const select = prepared<[string, number, number, string], { first: number; last: number }>(
      this.db,
      'SELECT first, last FROM blank_segments WHERE lot_id = ? AND last >= ? AND first <= ? AND status = ?',
    );
    return ranges.flatMap((range) =>
      select
        .all(this.lotId, range.from, range.to, status)
        .map((r) => ({ from: Math.max(r.first, range.from), to: Math.min(r.last, range.to) })),
    );
  }

  move(
    authority: string,
    movement: string,
    date: string,
    document: string | null,
    range: SerialRange,
    sign: -1 | 0 | 1,
    counterpart: string | null,
    note: string | null = null,
  ): void {
    const quantity = range.to - range.from + 1;
    const delta = sign * quantity;
    prepared(
      this.db,
      'INSERT INTO blank_balances (authority_code, kind, on_hand) VALUES (?, ?, ?) ON CONFLICT (authority_code, kind) DO UPDATE SET on_hand = on_hand + excluded.on_hand',
    ).run(authority, this.kind, delta);
    const balance = prepared(this.db, 'SELECT on_hand FROM blank_balances WHERE authority_code = ? AND kind = ?')
      .pluck()
      .get(authority, this.kind) as number;
    prepared(
      this.db,
      `INSERT INTO blank_movements (position, authority_code, lot_id, kind, movement, movement_date, document, first, last, quantity, delta, counterpart, balance_after, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.position,
      authority,
      this.lotId,
      this.kind,
      movement,
      date,
      document,
      range.from,
      range.to,
      quantity,
      delta,
      counterpart,
      balance,
      note,
    );
  }
}

function subtract(range: SerialRange, holes: readonly SerialRange[]): SerialRange[] {
  const result: SerialRange[] = [];
  let start = range.from;
  for (const hole of normalizeRanges(holes)) {
    if (hole.from > start) result.push({ from: start, to: hole.from - 1 });
    start = Math.max(start, hole.to + 1);
  }
  if (start <= range.to) result.push({ from: start, to: range.to });
  return result;
}
