import type { Database } from 'better-sqlite3';
import { blankReconciliation } from '../blanks/blank-ledger.queries';

/** One diploma kind's blanks over a period, from the blank ledger (sổ quản lý phôi). */
export interface BlankFigures {
  readonly opening: number;
  readonly received: number;
  readonly allocatedIn: number;
  readonly allocatedOut: number;
  readonly used: number;
  readonly spoiled: number;
  readonly destroyed: number;
  readonly lost: number;
  readonly returned: number;
  readonly onHand: number;
}

export interface DiplomaFigures {
  readonly issued: number;
  readonly notHandedOver: number;
  readonly reissued: number;
  readonly revoked: number;
  readonly revokedByGround: Readonly<Record<string, number>>;
  readonly corrected: number;
  readonly copiesIssued: number;
}

export interface KindReport {
  readonly kind: 'THCS' | 'THPT';
  readonly blanks: BlankFigures;
  readonly copyBlanks: BlankFigures;
  readonly diplomas: DiplomaFigures;
}

/** §4.9 / TT21 Art. 13 (rule 15): one issuer's report for a period. */
export interface AuthorityYearlyReport {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly kinds: readonly KindReport[];
  readonly verificationLettersAnswered: number;
  readonly openFindings: Readonly<Record<string, number>>;
}

export interface YearlyReport {
  readonly from: string;
  readonly to: string;
  /** The authority itself first, then its units; a Sở sees them side by side. */
  readonly authorities: readonly AuthorityYearlyReport[];
  /** Everything summed: the Sở's figure for the province. */
  readonly rolledUp: AuthorityYearlyReport;
}

const KINDS = ['THCS', 'THPT'] as const;

function blankFigures(db: Database, authorityCode: string, kind: string, from: string, to: string, today: string): BlankFigures {
  const r = blankReconciliation(db, authorityCode, kind, from, to, today);
  const spoiled = db
    .prepare<[string, string, string, string], number>(
      "SELECT COALESCE(SUM(quantity), 0) FROM blank_movements WHERE authority_code = ? AND kind = ? AND movement = 'spoiled' AND movement_date BETWEEN ? AND ?",
    )
    .pluck()
    .get(authorityCode, kind, from, to)!;
  return {
    opening: r.opening,
    received: r.received,
    allocatedIn: r.allocatedIn,
    allocatedOut: r.allocatedOut,
    used: r.issued + r.spoiledInPrinting,
    spoiled,
    destroyed: r.destroyed,
    lost: r.lost,
    returned: r.returned,
    onHand: r.closing,
  };
}

function count(db: Database, sql: string, ...params: (string | number)[]): number {
  return db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

function diplomaFigures(db: Database, authorityCode: string, kind: string, from: string, to: string): DiplomaFigures {
  const issuedIn = `FROM register_entries e JOIN print_runs r USING (print_run_id) WHERE e.authority_code = ? AND e.kind = ? AND r.issue_date BETWEEN ? AND ?`;
  const revocations = db
    .prepare<[string, string, string, string, string], { ground: string; n: number }>(
      `SELECT c.ground, COUNT(*) AS n FROM revocation_cases c
       LEFT JOIN register_entries e ON e.diploma_id = c.diploma_id LEFT JOIN replacement_diplomas d ON d.diploma_id = c.diploma_id
       WHERE c.authority_code = ? AND COALESCE(e.kind, d.kind) = ? AND c.decision_date BETWEEN ? AND ? AND c.ground != ? GROUP BY c.ground ORDER BY c.ground`,
    )
    .all(authorityCode, kind, from, to, 'issuer_error');
  const appendix = (action: string) =>
    count(
      db,
      'SELECT COUNT(*) FROM register_appendix WHERE authority_code = ? AND kind = ? AND action = ? AND decision_date BETWEEN ? AND ?',
      authorityCode,
      kind,
      action,
      from,
      to,
    );
  return {
    issued: count(db, `SELECT COUNT(*) ${issuedIn}`, authorityCode, kind, from, to),
    notHandedOver: count(db, `SELECT COUNT(*) ${issuedIn} AND e.state = 'issued'`, authorityCode, kind, from, to),
    reissued: appendix('reissue'),
    revoked: revocations.reduce((sum, r) => sum + r.n, 0),
    revokedByGround: Object.fromEntries(revocations.map((r) => [r.ground, r.n])),
    corrected: appendix('correction'),
    copiesIssued: count(
      db,
      'SELECT COUNT(*) FROM copy_register WHERE authority_code = ? AND kind = ? AND issued_on BETWEEN ? AND ?',
      authorityCode,
      kind,
      from,
      to,
    ),
  };
}

function authorityReport(db: Database, code: string, from: string, to: string, today: string): AuthorityYearlyReport {
  const name = db.prepare<[string], string>('SELECT name FROM authorities WHERE code = ?').pluck().get(code) ?? code;
  const findings = db
    .prepare<[string], { severity: string; n: number }>(
      "SELECT severity, COUNT(*) AS n FROM audit_findings WHERE authority_code = ? AND state != 'closed' GROUP BY severity",
    )
    .all(code);
  return {
    authorityCode: code,
    authorityName: name,
    kinds: KINDS.map((kind) => ({
      kind,
      blanks: blankFigures(db, code, kind, from, to, today),
      copyBlanks: blankFigures(db, code, `${kind}_COPY`, from, to, today),
      diplomas: diplomaFigures(db, code, kind, from, to),
    })),
    verificationLettersAnswered: count(
      db,
      'SELECT COUNT(*) FROM verification_requests WHERE authority_code = ? AND responded_on BETWEEN ? AND ?',
      code,
      from,
      to,
    ),
    openFindings: Object.fromEntries(findings.map((f) => [f.severity, f.n])),
  };
}

/**
 * The yearly report on blanks and diplomas (§4.9, rule 15) for `authorityCodes` (an authority and its
 * units, the authority first) over [from, to]: blanks from the blank ledger, diplomas from the sổ gốc
 * and its appendix, copies from the copy register, letters from the verification requests, and the
 * findings still open. Figures are counts of what the registers hold, so they reconcile with them.
 */
export function yearlyReport(db: Database, authorityCodes: readonly string[], from: string, to: string, today: string): YearlyReport {
  const authorities = authorityCodes.map((code) => authorityReport(db, code, from, to, today));
  const internal = (kind: string) => handedWithin(db, authorityCodes, kind, from, to);
  return { from, to, authorities, rolledUp: rollUp(authorityCodes[0] ?? '', authorities, internal) };
}

/**
 * Blanks one authority of the report handed to another in the period. In the rolled-up figure they are
 * neither received from above nor handed out: a Sở's lot passed to its Phòng is counted once, as the
 * Sở's receipt (issue 15: the roll-up showed it again as "received from the superior" and "handed to
 * units", so the province seemed to have taken in twice what arrived).
 */
function handedWithin(db: Database, authorityCodes: readonly string[], kind: string, from: string, to: string): number {
  return db
    .prepare<[string, string, string, string, string], number>(
      `SELECT COALESCE(SUM(quantity), 0) FROM blank_movements
       WHERE movement = 'allocation_out' AND kind = ? AND movement_date BETWEEN ? AND ?
         AND authority_code IN (SELECT value FROM json_each(?)) AND counterpart IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .get(kind, from, to, JSON.stringify(authorityCodes), JSON.stringify(authorityCodes))!;
}

/** The roll-up of several ledgers: sums, less what moved between them (it stays inside the group). */
function netOfInternal(sum: BlankFigures, internal: number): BlankFigures {
  return { ...sum, allocatedIn: sum.allocatedIn - internal, allocatedOut: sum.allocatedOut - internal };
}

function sumBlanks(list: readonly BlankFigures[]): BlankFigures {
  const keys = [
    'opening',
    'received',
    'allocatedIn',
    'allocatedOut',
    'used',
    'spoiled',
    'destroyed',
    'lost',
    'returned',
    'onHand',
  ] as const;
  return Object.fromEntries(keys.map((k) => [k, list.reduce((sum, b) => sum + b[k], 0)])) as unknown as BlankFigures;
}

function sumRecords(list: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const record of list) for (const [k, v] of Object.entries(record)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function rollUp(code: string, reports: readonly AuthorityYearlyReport[], internal: (kind: string) => number): AuthorityYearlyReport {
  return {
    authorityCode: code,
    authorityName: 'Tổng hợp',
    kinds: KINDS.map((kind) => {
      const mine = reports.map((r) => r.kinds.find((k) => k.kind === kind)!);
      const d = mine.map((k) => k.diplomas);
      const sum = (key: Exclude<keyof DiplomaFigures, 'revokedByGround'>) => d.reduce((s, x) => s + x[key], 0);
      return {
        kind,
        blanks: netOfInternal(sumBlanks(mine.map((k) => k.blanks)), internal(kind)),
        copyBlanks: netOfInternal(sumBlanks(mine.map((k) => k.copyBlanks)), internal(`${kind}_COPY`)),
        diplomas: {
          issued: sum('issued'),
          notHandedOver: sum('notHandedOver'),
          reissued: sum('reissued'),
          revoked: sum('revoked'),
          revokedByGround: sumRecords(d.map((x) => x.revokedByGround)),
          corrected: sum('corrected'),
          copiesIssued: sum('copiesIssued'),
        },
      };
    }),
    verificationLettersAnswered: reports.reduce((s, r) => s + r.verificationLettersAnswered, 0),
    openFindings: sumRecords(reports.map((r) => r.openFindings)),
  };
}
