import type { Database } from 'better-sqlite3';
import { formatRange, formatSerial } from '@so-goc/domain';

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
  /** Today's stock by state, counted serial by serial, to compare with the ledger's closing balance. */
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

  let onHandBySerial: Reconciliation['onHandBySerial'] = null;
  const breaks: string[] = [];
  if (to >= today) {
    const count = (status: string) =>
      db
        .prepare(
          'SELECT COALESCE(SUM(s.last - s.first + 1), 0) FROM blank_segments s JOIN blank_lots l USING (lot_id) WHERE s.holder = ? AND l.kind = ? AND s.status = ?',
        )
        .pluck()
        .get(authorityCode, kind, status) as number;
    const inStock = count('in_stock');
    const reserved = count('reserved');
    const spoiledAwaitingDestruction = count('spoiled');
    onHandBySerial = { inStock, reserved, spoiledAwaitingDestruction, total: inStock + reserved + spoiledAwaitingDestruction };
    if (onHandBySerial.total !== closing) {
      const perLot = db
        .prepare<[string, string, string, string], { lot_id: string; prefix: string; width: number; by_serial: number; by_ledger: number }>(
          `SELECT l.lot_id, l.prefix, l.width,
             (SELECT COALESCE(SUM(s.last - s.first + 1), 0) FROM blank_segments s WHERE s.lot_id = l.lot_id AND s.holder = ? AND s.status IN ('in_stock', 'reserved', 'spoiled')) AS by_serial,
             (SELECT COALESCE(SUM(m.delta), 0) FROM blank_movements m WHERE m.lot_id = l.lot_id AND m.authority_code = ?) AS by_ledger
           FROM blank_lots l WHERE l.kind = ? AND l.lot_id IN (SELECT lot_id FROM blank_movements WHERE authority_code = ?)`,
        )
        .all(authorityCode, authorityCode, kind, authorityCode);
      for (const lot of perLot.filter((l) => l.by_serial !== l.by_ledger)) {
        breaks.push(`${lot.lot_id}: ${lot.by_serial} theo số hiệu, ${lot.by_ledger} theo sổ`);
      }
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
