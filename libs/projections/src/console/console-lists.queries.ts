import type { Database } from 'better-sqlite3';
import type { DiplomaKind } from '@so-goc/domain';
import { prepared } from '../prepared-statements';
import { ENTRY_SELECT, toView, type EntryRow, type RegisterEntryView } from '../register-book/register-book.queries';

/** Lists the officers' console pages through, one page at a time: a book of 20,000 lines is never sent whole. */
export interface DecisionListRow {
  decisionId: string;
  number: string;
  decisionDate: string;
  kind: DiplomaKind;
  graduateCount: number;
}

export function listDecisions(db: Database, authorityCode: string): DecisionListRow[] {
  return prepared<[string], DecisionListRow>(
    db,
    `SELECT decision_id AS decisionId, number, decision_date AS decisionDate, kind, graduate_count AS graduateCount
     FROM graduation_decisions WHERE authority_code = ? ORDER BY decision_date DESC, decision_id`,
  ).all(authorityCode);
}

export interface PrintRunListRow {
  printRunId: string;
  decisionId: string;
  kind: DiplomaKind;
  registerYear: number;
  status: string;
  openedOn: string;
  diplomaCount: number;
}

export function listPrintRuns(db: Database, authorityCode: string): PrintRunListRow[] {
  return prepared<[string], PrintRunListRow>(
    db,
    `SELECT print_run_id AS printRunId, decision_id AS decisionId, kind, register_year AS registerYear, status, opened_on AS openedOn, diploma_count AS diplomaCount
     FROM print_runs WHERE authority_code = ? ORDER BY opened_on DESC, print_run_id`,
  ).all(authorityCode);
}

/** The books an authority holds (kind and year), newest first, to choose from. */
export function registerBooksOf(db: Database, authorityCode: string): { kind: DiplomaKind; year: number; entries: number }[] {
  return prepared<[string], { kind: DiplomaKind; year: number; entries: number }>(
    db,
    'SELECT kind, register_year AS year, COUNT(*) AS entries FROM register_entries WHERE authority_code = ? GROUP BY kind, register_year ORDER BY register_year DESC, kind',
  ).all(authorityCode);
}

export function registerPage(
  db: Database,
  book: { authorityCode: string; kind: DiplomaKind; year: number; offset: number; limit: number },
): { total: number; entries: RegisterEntryView[] } {
  const total = prepared<[string, string, number], { n: number }>(
    db,
    'SELECT COUNT(*) AS n FROM register_entries WHERE authority_code = ? AND kind = ? AND register_year = ?',
  ).get(book.authorityCode, book.kind, book.year)!.n;
  const entries = prepared<[string, string, number, number, number], EntryRow>(
    db,
    `${ENTRY_SELECT} WHERE e.authority_code = ? AND e.kind = ? AND e.register_year = ? ORDER BY e.register_number LIMIT ? OFFSET ?`,
  )
    .all(book.authorityCode, book.kind, book.year, book.limit, book.offset)
    .map(toView);
  return { total, entries };
}

export function printRunPage(db: Database, printRunId: string, offset: number, limit: number): RegisterEntryView[] {
  return prepared<[string, number, number], EntryRow>(
    db,
    `${ENTRY_SELECT} WHERE e.print_run_id = ? ORDER BY e.register_number LIMIT ? OFFSET ?`,
  )
    .all(printRunId, limit, offset)
    .map(toView);
}

/** For the home page: spoiled blanks still held (rule 12: a council must destroy them) and stock on hand. */
export function blankCounts(db: Database, authorityCode: string): { spoiledAwaitingDestruction: number; onHand: number } {
  const spoiled = prepared<[string], { n: number }>(
    db,
    "SELECT COALESCE(SUM(last - first + 1), 0) AS n FROM blank_segments WHERE holder = ? AND status = 'spoiled'",
  ).get(authorityCode)!.n;
  const onHand = prepared<[string], { n: number }>(
    db,
    'SELECT COALESCE(SUM(on_hand), 0) AS n FROM blank_balances WHERE authority_code = ?',
  ).get(authorityCode)!.n;
  return { spoiledAwaitingDestruction: spoiled, onHand };
}

/** Lots an authority received or was handed, with what is still in stock, to open a print run on. */
export function blankLotsHeld(
  db: Database,
  authorityCode: string,
): { lotId: string; kind: string; templateVersion: string; inStock: number }[] {
  return prepared<[string], { lotId: string; kind: string; templateVersion: string; inStock: number }>(
    db,
    `SELECT l.lot_id AS lotId, l.kind, l.template_version AS templateVersion, COALESCE(SUM(CASE WHEN s.status = 'in_stock' THEN s.last - s.first + 1 END), 0) AS inStock
     FROM blank_lots l JOIN blank_segments s ON s.lot_id = l.lot_id AND s.holder = ?
     GROUP BY l.lot_id ORDER BY l.received_on, l.lot_id`,
  ).all(authorityCode);
}

export function printRunEntryByLabel(db: Database, printRunId: string, registerLabel: string): RegisterEntryView | undefined {
  const row = prepared<[string, string], EntryRow>(db, `${ENTRY_SELECT} WHERE e.register_label = ? AND e.print_run_id = ?`).get(
    registerLabel,
    printRunId,
  );
  return row ? toView(row) : undefined;
}

export interface DecisionGraduateRow {
  fullName: string;
  birthDate: string;
  school: string;
  state: string;
  registerLabel: string | null;
  serial: string | null;
}

/** A page of a decision's graduates in list order, with how many are not yet in a print run. */
export function decisionGraduatesPage(
  db: Database,
  decisionId: string,
  offset: number,
  limit: number,
): { rows: DecisionGraduateRow[]; total: number; waiting: number } {
  const counts = prepared<[string], { total: number; waiting: number }>(
    db,
    `SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN e.diploma_id IS NULL THEN 1 ELSE 0 END), 0) AS waiting
     FROM graduates g JOIN graduation_decisions d ON d.decision_id = g.decision_id LEFT JOIN register_entries e ON e.graduate_id = g.graduate_id WHERE g.decision_id = ?`,
  ).get(decisionId)!;
  const rows = prepared<[string, number, number], DecisionGraduateRow>(
    db,
    `SELECT g.full_name AS fullName, g.birth_date AS birthDate, g.school, COALESCE(e.state, 'waiting') AS state, e.register_label AS registerLabel, e.serial_label AS serial
     FROM graduates g JOIN graduation_decisions d ON d.decision_id = g.decision_id LEFT JOIN register_entries e ON e.graduate_id = g.graduate_id WHERE g.decision_id = ? ORDER BY g.source_row LIMIT ? OFFSET ?`,
  ).all(decisionId, limit, offset);
  return { rows, total: counts.total, waiting: counts.waiting };
}

/** One diploma line of an authority's register, or undefined when that authority holds no such line. */
export function registerEntryOf(db: Database, authorityCode: string, diplomaId: string): RegisterEntryView | undefined {
  const row = prepared<[string, string], EntryRow>(db, `${ENTRY_SELECT} WHERE e.diploma_id = ? AND e.authority_code = ?`).get(
    diplomaId,
    authorityCode,
  );
  return row ? toView(row) : undefined;
}
