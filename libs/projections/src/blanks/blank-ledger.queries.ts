import type { Database } from 'better-sqlite3';
import { assign, formatRange, formatSerial, type Segment } from '@so-goc/domain';

export interface LedgerRow {
  readonly date: string;
  readonly movement: string;
  readonly document: string | null;
  readonly kind: string;
  readonly lotId: string;
  readonly range: string;
  readonly quantity: number;
  readonly counterpart: string | null;
  readonly balanceAfter: number;
  readonly note: string | null;
}

interface MovementRow {
  movement_date: string;
  movement: string;
  document: string | null;
  kind: string;
  lot_id: string;
  prefix: string;
  width: number;
  first: number;
  last: number;
  quantity: number;
  counterpart: string | null;
  balance_after: number;
  note: string | null;
}

const toLedgerRow = (r: MovementRow): LedgerRow => ({
  date: r.movement_date,
  movement: r.movement,
  document: r.document,
  kind: r.kind,
  lotId: r.lot_id,
  range: formatRange(r.prefix, r.width, { from: r.first, to: r.last }),
  quantity: r.quantity,
  counterpart: r.counterpart,
  balanceAfter: r.balance_after,
  note: r.note,
});

/** One authority's blank ledger, in the order things happened, with the running balance per kind. */
export function blankLedger(db: Database, authorityCode: string, options: { kind?: string; from?: string; to?: string } = {}): LedgerRow[] {
  return db
    .prepare<[{ authority: string; kind: string | null; from: string | null; to: string | null }], MovementRow>(
      `SELECT m.*, l.prefix, l.width FROM blank_movements m JOIN blank_lots l USING (lot_id)
       WHERE m.authority_code = @authority AND (@kind IS NULL OR m.kind = @kind) AND (@from IS NULL OR m.movement_date >= @from) AND (@to IS NULL OR m.movement_date <= @to)
       ORDER BY m.seq`,
    )
    .all({ authority: authorityCode, kind: options.kind ?? null, from: options.from ?? null, to: options.to ?? null })
    .map(toLedgerRow);
}

export interface SerialStatus {
  readonly serial: string;
  readonly lotId: string;
  readonly kind: string;
  readonly templateVersion: string;
  readonly status: string;
  readonly holder: string;
  readonly printRunId: string | null;
  readonly reason: string | null;
  readonly history: LedgerRow[];
  readonly reuseAttempts: { attemptedOn: string; authorityCode: string; printRunId: string; statusAtAttempt: string }[];
}

/** "Where is HP 0203417 now, and what happened to it?" */
export function blankSerialStatus(db: Database, prefix: string, value: number): SerialStatus | undefined {
  const lot = db
    .prepare<[string, number, number], { lot_id: string; kind: string; template_version: string; width: number }>(
      'SELECT lot_id, kind, template_version, width FROM blank_lots WHERE prefix = ? AND first <= ? AND last >= ?',
    )
    .get(prefix, value, value);
  if (!lot) return undefined;
  const segment = db
    .prepare<[string, number, number], { status: string; holder: string; print_run_id: string | null; reason: string | null }>(
      'SELECT status, holder, print_run_id, reason FROM blank_segments WHERE lot_id = ? AND first <= ? AND last >= ?',
    )
    .get(lot.lot_id, value, value);
  const history = db
    .prepare<[string, number, number], MovementRow>(
      `SELECT m.*, l.prefix, l.width FROM blank_movements m JOIN blank_lots l USING (lot_id) WHERE m.lot_id = ? AND m.first <= ? AND m.last >= ? ORDER BY m.seq`,
    )
    .all(lot.lot_id, value, value)
    .map(toLedgerRow);
  const reuseAttempts = db
    .prepare<[string, number], { attemptedOn: string; authorityCode: string; printRunId: string; statusAtAttempt: string }>(
      'SELECT attempted_on AS attemptedOn, authority_code AS authorityCode, print_run_id AS printRunId, status AS statusAtAttempt FROM blank_fraud_signals WHERE lot_id = ? AND serial = ?',
    )
    .all(lot.lot_id, value);
  return {
    serial: formatSerial(prefix, lot.width, value),
    lotId: lot.lot_id,
    kind: lot.kind,
    templateVersion: lot.template_version,
    status: segment?.status ?? 'unknown',
    holder: segment?.holder ?? '',
    printRunId: segment?.print_run_id ?? null,
    reason: segment?.reason ?? null,
    history,
    reuseAttempts,
  };
}

export interface Reconciliation {
  readonly authorityCode: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  /** received + allocated in = allocated out + issued + destroyed + lost + returned + (closing − opening) */
  readonly opening: number;
  readonly received: number;
  readonly allocatedIn: number;
  readonly allocatedOut: number;
  /**
   * Blanks that left as diplomas: bound to a diploma and not recovered. An inspector compares it with the
   * sổ gốc's lines (issue 17: a misprint counted as bound and then recovered read as 3,001 for 3,000).
   */
  readonly issued: number;
  /** Printed on, then spoiled (misprint, signed but wrong): back in custody until the council destroys them. */
  readonly spoiledInPrinting: number;
  readonly destroyed: number;
  readonly lost: number;
  readonly returned: number;
  readonly closing: number;
  readonly balanced: boolean;
  /**
   * The stock at the period's end by state, counted serial by serial (today's states for a period that
   * runs to today, the states as of its last day otherwise), to compare with the ledger's closing balance.
   */
  readonly onHandBySerial: { inStock: number; reserved: number; spoiledAwaitingDestruction: number; total: number } | null;
  /** Serial ranges the two counts disagree on (empty when the books balance). */
  readonly breaks: string[];
}

/**
 * Rule 16 for one authority, kind and period. The ledger's flows give the closing balance; when the
 * period runs to today, the serials' own states are counted too, and any difference is listed.
 */
export function blankReconciliation(
  db: Database,
  authorityCode: string,
  kind: string,
  from: string,
  to: string,
  today: string,
): Reconciliation {
  const sum = (condition: string, ...params: (string | number)[]): number =>
    db
      .prepare(`SELECT COALESCE(SUM(quantity), 0) FROM blank_movements WHERE authority_code = ? AND kind = ? AND ${condition}`)
      .pluck()
      .get(authorityCode, kind, ...params) as number;
  const opening = db
    .prepare('SELECT COALESCE(SUM(delta), 0) FROM blank_movements WHERE authority_code = ? AND kind = ? AND movement_date < ?')
    .pluck()
    .get(authorityCode, kind, from) as number;
  const inPeriod = (movement: string) => sum('movement = ? AND movement_date BETWEEN ? AND ?', movement, from, to);
  const spoiledInPrinting = inPeriod('recovered_for_destruction');
  const flows = {
    received: inPeriod('receipt'),
    allocatedIn: inPeriod('allocation_in'),
    allocatedOut: inPeriod('allocation_out'),
    issued: inPeriod('bound') - spoiledInPrinting,
    spoiledInPrinting,
    destroyed: inPeriod('destroyed'),
    lost: inPeriod('lost'),
    returned: inPeriod('returned'),
  };
  const closing = db
    .prepare('SELECT COALESCE(SUM(delta), 0) FROM blank_movements WHERE authority_code = ? AND kind = ? AND movement_date <= ?')
    .pluck()
    .get(authorityCode, kind, to) as number;
  const balanced =
    opening + flows.received + flows.allocatedIn - flows.allocatedOut - flows.issued - flows.destroyed - flows.lost - flows.returned ===
    closing;

  const breaks: string[] = [];
  // Today's stock from the serials' current states; a period that ended in the past, from their
  // states as of its last day (issue 17: it used to be null).
  const stock = to >= today ? blankStockNow(db, authorityCode, kind) : blankStockAsOf(db, authorityCode, kind, to);
  const onHandBySerial: Reconciliation['onHandBySerial'] = {
    inStock: stock.inStock,
    reserved: stock.reserved,
    spoiledAwaitingDestruction: stock.spoiledAwaitingDestruction,
    total: stock.total,
  };
  if (onHandBySerial.total !== closing) {
    const ledgerByLot = db
      .prepare<[string, string, string, string], { lot_id: string; prefix: string; width: number; by_ledger: number }>(
        `SELECT l.lot_id, l.prefix, l.width,
           (SELECT COALESCE(SUM(m.delta), 0) FROM blank_movements m WHERE m.lot_id = l.lot_id AND m.authority_code = ? AND m.movement_date <= ?) AS by_ledger
         FROM blank_lots l WHERE l.kind = ? AND l.lot_id IN (SELECT lot_id FROM blank_movements WHERE authority_code = ?) ORDER BY l.lot_id`,
      )
      .all(authorityCode, to, kind, authorityCode);
    for (const lot of ledgerByLot) {
      const bySerial = stock.byLot.get(lot.lot_id) ?? 0;
      if (bySerial !== lot.by_ledger) breaks.push(`${lot.lot_id}: ${bySerial} theo số hiệu, ${lot.by_ledger} theo sổ`);
    }
  }
  return { authorityCode, kind, from, to, opening, ...flows, closing, balanced: balanced && breaks.length === 0, onHandBySerial, breaks };
}

export interface DestructionMinutes {
  readonly authorityCode: string;
  readonly minutesRef: string;
  readonly councilDecision: { number: string; date: string };
  readonly members: { fullName: string; title: string; role: string }[];
  readonly method: string;
  readonly place: string;
  readonly destroyedOn: string;
  readonly items: { kind: string; lotId: string; range: string; quantity: number; stateBefore: string; reason: string }[];
}

/** Biên bản huỷ phôi (§4.5): the council, and every serial destroyed under these minutes with its state before. */
export function destructionMinutes(db: Database, authorityCode: string, minutesRef: string): DestructionMinutes | undefined {
  const rows = db
    .prepare<
      [string, string],
      {
        lot_id: string;
        first: number;
        last: number;
        quantity: number;
        state_before: string;
        reason: string | null;
        council_decision: string;
        council_decision_date: string;
        members: string;
        method: string;
        place: string;
        destroyed_on: string;
        kind: string;
        prefix: string;
        width: number;
      }
    >(
      `SELECT d.*, l.kind, l.prefix, l.width FROM blank_destructions d JOIN blank_lots l USING (lot_id)
       WHERE d.authority_code = ? AND d.minutes_ref = ? ORDER BY l.prefix, d.first`,
    )
    .all(authorityCode, minutesRef);
  const first = rows[0];
  if (!first) return undefined;
  return {
    authorityCode,
    minutesRef,
    councilDecision: { number: first.council_decision, date: first.council_decision_date },
    members: JSON.parse(first.members) as DestructionMinutes['members'],
    method: first.method,
    place: first.place,
    destroyedOn: first.destroyed_on,
    items: rows.map((r) => ({
      kind: r.kind,
      lotId: r.lot_id,
      range: formatRange(r.prefix, r.width, { from: r.first, to: r.last }),
      quantity: r.quantity,
      stateBefore: r.state_before,
      reason: r.reason ?? '',
    })),
  };
}

/** Blanks in an authority's hands, by state, serial by serial; `byLot` for finding where two counts differ. */
export interface BlankStock {
  readonly inStock: number;
  readonly reserved: number;
  readonly spoiledAwaitingDestruction: number;
  readonly total: number;
  readonly byLot: ReadonlyMap<string, number>;
}

function stockOf(pieces: readonly { lot: string; status: string; size: number }[]): BlankStock {
  const byState = (status: string) => pieces.filter((p) => p.status === status).reduce((n, p) => n + p.size, 0);
  const byLot = new Map<string, number>();
  for (const p of pieces)
    if (p.status === 'in_stock' || p.status === 'reserved' || p.status === 'spoiled') byLot.set(p.lot, (byLot.get(p.lot) ?? 0) + p.size);
  const inStock = byState('in_stock');
  const reserved = byState('reserved');
  const spoiledAwaitingDestruction = byState('spoiled');
  return { inStock, reserved, spoiledAwaitingDestruction, total: inStock + reserved + spoiledAwaitingDestruction, byLot };
}

/** Today's stock: the serials' current states. */
export function blankStockNow(db: Database, authorityCode: string, kind: string): BlankStock {
  return stockOf(
    db
      .prepare<[string, string], { lot: string; status: string; size: number }>(
        `SELECT s.lot_id AS lot, s.status, SUM(s.last - s.first + 1) AS size FROM blank_segments s JOIN blank_lots l USING (lot_id)
         WHERE s.holder = ? AND l.kind = ? GROUP BY s.lot_id, s.status`,
      )
      .all(authorityCode, kind),
  );
}

/**
 * The stock an authority held at the end of day `date` (issue 17, rule 16): each lot's history of state
 * changes, dated by the act (received, handed over, reserved, printed on, spoiled, destroyed, lost,
 * returned), replayed up to that day, and the serials then in the authority's hands counted by state.
 * Only the lots this authority ever held are read.
 */
export function blankStockAsOf(db: Database, authorityCode: string, kind: string, date: string): BlankStock {
  const lots = db
    .prepare<[string, string], string>(
      `SELECT lot_id FROM blank_lots WHERE kind = ? AND lot_id IN (SELECT DISTINCT lot_id FROM blank_segment_changes WHERE holder = ?) ORDER BY lot_id`,
    )
    .pluck()
    .all(kind, authorityCode);
  const changes = db.prepare<[string, string], { first: number; last: number; status: Segment['status']; holder: string }>(
    'SELECT first, last, status, holder FROM blank_segment_changes WHERE lot_id = ? AND change_date <= ? ORDER BY seq',
  );
  const pieces: { lot: string; status: string; size: number }[] = [];
  for (const lot of lots) {
    let segments: Segment[] = [];
    for (const c of changes.iterate(lot, date)) {
      const range = { from: c.first, to: c.last };
      // The receipt lays the whole lot down first; every later change re-states serials already there.
      segments =
        segments.length === 0
          ? [{ ...range, status: c.status, holder: c.holder }]
          : assign(segments, [range], () => ({ status: c.status, holder: c.holder }));
    }
    for (const s of segments) if (s.holder === authorityCode) pieces.push({ lot, status: s.status, size: s.to - s.from + 1 });
  }
  return stockOf(pieces);
}
