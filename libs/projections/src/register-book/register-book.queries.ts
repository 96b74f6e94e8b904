import type { Database } from 'better-sqlite3';
import { issuanceDeadline, searchKey, type DiplomaKind } from '@so-goc/domain';
import { prepared } from '../prepared-statements';

export type RegisterEntryState = 'entered' | 'printed' | 'issued' | 'delivered' | 'lost_before_delivery';

/** One diploma as the book and the officers' screens show it (§4.1, plus the registry-only columns). */
export interface RegisterEntryView {
  diplomaId: string;
  graduateId: string;
  decisionId: string;
  printRunId: string;
  registerNumber: number;
  registerLabel: string;
  serial: string;
  state: RegisterEntryState;
  fullName: string;
  birthDate: string;
  birthPlace: string;
  sex: 'male' | 'female';
  ethnicity: string;
  nationalId: string;
  school: string;
  className: string | null;
  classification: string | null;
  trainingMode: 'regular' | 'continuing';
  issueDate: string | null;
  recipientName: string | null;
  recipientKind: 'holder' | 'proxy' | null;
  receivedOn: string | null;
  exemptFromPublicListing: boolean;
  notes: Record<string, unknown>[];
}

export interface EntryRow {
  diploma_id: string;
  graduate_id: string;
  decision_id: string;
  print_run_id: string;
  register_number: number;
  register_label: string;
  serial_label: string;
  state: RegisterEntryState;
  full_name: string;
  birth_date: string;
  birth_place: string;
  sex: 'male' | 'female';
  ethnicity: string;
  national_id: string;
  school: string;
  class_name: string | null;
  classification: string | null;
  training_mode: 'regular' | 'continuing';
  issue_date: string | null;
  recipient_name: string | null;
  recipient_kind: 'holder' | 'proxy' | null;
  received_on: string | null;
  exempt_from_public: number;
  notes: string;
}

export const ENTRY_SELECT = `
  SELECT e.diploma_id, e.graduate_id, e.decision_id, e.print_run_id, e.register_number, e.register_label, e.serial_label, e.state,
         g.full_name, g.birth_date, g.birth_place, g.sex, g.ethnicity, g.national_id, g.school, g.class_name, g.classification, g.training_mode,
         r.issue_date, e.recipient_name, e.recipient_kind, e.received_on, e.exempt_from_public, e.notes
  FROM register_entries e JOIN graduates g ON g.graduate_id = e.graduate_id JOIN print_runs r ON r.print_run_id = e.print_run_id`;

export const toView = (r: EntryRow): RegisterEntryView => ({
  diplomaId: r.diploma_id,
  graduateId: r.graduate_id,
  decisionId: r.decision_id,
  printRunId: r.print_run_id,
  registerNumber: r.register_number,
  registerLabel: r.register_label,
  serial: r.serial_label,
  state: r.state,
  fullName: r.full_name,
  birthDate: r.birth_date,
  birthPlace: r.birth_place,
  sex: r.sex,
  ethnicity: r.ethnicity,
  nationalId: r.national_id,
  school: r.school,
  className: r.class_name,
  classification: r.classification,
  trainingMode: r.training_mode,
  issueDate: r.issue_date,
  recipientName: r.recipient_name,
  recipientKind: r.recipient_kind,
  receivedOn: r.received_on,
  exemptFromPublicListing: r.exempt_from_public === 1,
  notes: JSON.parse(r.notes) as Record<string, unknown>[],
});

export interface RegisterBookSectionView {
  decisionId: string;
  decisionNumber: string;
  decisionDate: string;
  examSession: string | null;
  schoolYear: string;
  signerName: string | null;
  signerTitle: string | null;
  issueDate: string | null;
  issuePlace: string | null;
  entries: RegisterEntryView[];
}

/**
 * One book (authority, kind, calendar year) in register-number order, cut into sections wherever the
 * print run changes, since each run has its own decision, signer and issue date (§4.1 book header).
 */
export function registerBook(db: Database, book: { authorityCode: string; kind: DiplomaKind; year: number }): RegisterBookSectionView[] {
  const rows = prepared<[string, string, number], EntryRow>(
    db,
    `${ENTRY_SELECT} WHERE e.authority_code = ? AND e.kind = ? AND e.register_year = ? ORDER BY e.register_number`,
  ).all(book.authorityCode, book.kind, book.year);
  const runs = new Map<string, RunRow>();
  const sections: RegisterBookSectionView[] = [];
  let current: RegisterBookSectionView | undefined;
  let currentRun: string | undefined;
  for (const row of rows) {
    if (row.print_run_id !== currentRun) {
      currentRun = row.print_run_id;
      const run = runs.get(currentRun) ?? printRunRow(db, currentRun);
      runs.set(currentRun, run);
      current = {
        decisionId: run.decision_id,
        decisionNumber: run.number,
        decisionDate: run.decision_date,
        examSession: run.exam_session,
        schoolYear: run.school_year,
        signerName: run.signer_name,
        signerTitle: run.signer_title,
        issueDate: run.issue_date,
        issuePlace: run.issue_place,
        entries: [],
      };
      sections.push(current);
    }
    current!.entries.push(toView(row));
  }
  return sections;
}

interface RunRow {
  decision_id: string;
  number: string;
  decision_date: string;
  exam_session: string | null;
  school_year: string;
  signer_name: string | null;
  signer_title: string | null;
  issue_date: string | null;
  issue_place: string | null;
}

function printRunRow(db: Database, printRunId: string): RunRow {
  return prepared<[string], RunRow>(
    db,
    `SELECT r.decision_id, d.number, d.decision_date, d.exam_session, d.school_year, r.signer_name, r.signer_title, r.issue_date, r.issue_place
     FROM print_runs r JOIN graduation_decisions d ON d.decision_id = r.decision_id WHERE r.print_run_id = ?`,
  ).get(printRunId)!;
}

export type DiplomaQuery = { serial: string } | { registerNumber: string } | { fullName: string; birthDate: string };

/** Officers' lookups within the authorities they act for; a name matches without diacritics or case. */
export function findDiplomas(db: Database, authorityCodes: readonly string[], query: DiplomaQuery): RegisterEntryView[] {
  const scope = `e.authority_code IN (${authorityCodes.map(() => '?').join(', ')})`;
  let rows: EntryRow[];
  if ('serial' in query)
    rows = db
      .prepare<unknown[], EntryRow>(`${ENTRY_SELECT} WHERE e.serial_label = ? AND ${scope}`)
      .all(query.serial.trim().toUpperCase(), ...authorityCodes);
  else if ('registerNumber' in query)
    rows = db
      .prepare<unknown[], EntryRow>(`${ENTRY_SELECT} WHERE e.register_label = ? AND ${scope}`)
      .all(query.registerNumber.trim().toUpperCase(), ...authorityCodes);
  else
    rows = db
      .prepare<unknown[], EntryRow>(
        `${ENTRY_SELECT} WHERE g.name_key = ? AND g.birth_date = ? AND ${scope} ORDER BY e.register_year, e.register_number`,
      )
      .all(searchKey(query.fullName), query.birthDate, ...authorityCodes);
  return rows.map(toView);
}

/** Every graduate of a decision with the state of their diploma ('waiting' before any print run). */
export function decisionDiplomas(
  db: Database,
  decisionId: string,
): {
  graduateId: string;
  fullName: string;
  birthDate: string;
  school: string;
  state: RegisterEntryState | 'waiting';
  registerLabel: string | null;
  serial: string | null;
  printRunId: string | null;
}[] {
  return prepared<
    [string],
    {
      graduate_id: string;
      full_name: string;
      birth_date: string;
      school: string;
      state: RegisterEntryState | null;
      register_label: string | null;
      serial_label: string | null;
      print_run_id: string | null;
    }
  >(
    db,
    `SELECT g.graduate_id, g.full_name, g.birth_date, g.school, e.state, e.register_label, e.serial_label, e.print_run_id
     FROM graduates g JOIN graduation_decisions d ON d.decision_id = g.decision_id
     LEFT JOIN register_entries e ON e.graduate_id = g.graduate_id WHERE g.decision_id = ? ORDER BY g.source_row`,
  )
    .all(decisionId)
    .map((r) => ({
      graduateId: r.graduate_id,
      fullName: r.full_name,
      birthDate: r.birth_date,
      school: r.school,
      state: r.state ?? 'waiting',
      registerLabel: r.register_label,
      serial: r.serial_label,
      printRunId: r.print_run_id,
    }));
}

export interface OverdueDecision {
  decisionId: string;
  decisionNumber: string;
  decisionDate: string;
  kind: DiplomaKind;
  dueBy: string;
  deadlineDays: number;
  deadlineConfirmed: boolean;
  notIssued: number;
}

/** Rule 7: decisions with graduates still without an issued diploma after the regime's deadline. */
export function overdueIssuance(db: Database, authorityCode: string, today: string): OverdueDecision[] {
  const decisions = prepared<[string], { decision_id: string; number: string; decision_date: string; kind: DiplomaKind }>(
    db,
    'SELECT decision_id, number, decision_date, kind FROM graduation_decisions WHERE authority_code = ? ORDER BY decision_date',
  ).all(authorityCode);
  const count = prepared<[string], { n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM graduates g LEFT JOIN register_entries e ON e.graduate_id = g.graduate_id
     WHERE g.decision_id = ? AND (e.state IS NULL OR e.state IN ('entered', 'printed'))`,
  );
  const overdue: OverdueDecision[] = [];
  for (const d of decisions) {
    const deadline = issuanceDeadline(d.kind, d.decision_date);
    if (!deadline || deadline.dueBy >= today) continue;
    const notIssued = count.get(d.decision_id)!.n;
    if (notIssued > 0)
      overdue.push({
        decisionId: d.decision_id,
        decisionNumber: d.number,
        decisionDate: d.decision_date,
        kind: d.kind,
        dueBy: deadline.dueBy,
        deadlineDays: deadline.days,
        deadlineConfirmed: deadline.confirmed,
        notIssued,
      });
  }
  return overdue;
}

export interface PrintRunView {
  printRunId: string;
  authorityCode: string;
  decisionId: string;
  kind: string;
  registerYear: number;
  lotId: string;
  templateVersion: string;
  status: string;
  openedOn: string;
  printedOn: string | null;
  issueDate: string | null;
  issuePlace: string | null;
  signerName: string | null;
  signerTitle: string | null;
  closedOn: string | null;
  /** The decision's exam session and school year, printed as the graduation year. */
  examSession: string | null;
  schoolYear: string;
  counts: { diplomas: number; reserved: number; spoiled: number; released: number | null };
  /** What goes on each blank, in register order: the print job. */
  entries: RegisterEntryView[];
}

export function printRunView(db: Database, printRunId: string): PrintRunView | undefined {
  const summary = printRunSummary(db, printRunId);
  if (!summary) return undefined;
  const entries = prepared<[string], EntryRow>(db, `${ENTRY_SELECT} WHERE e.print_run_id = ? ORDER BY e.register_number`)
    .all(printRunId)
    .map(toView);
  return { ...summary, entries };
}

/** A print run without its entries (a run can hold 20,000): a page shows them a page at a time. */
export function printRunSummary(db: Database, printRunId: string): Omit<PrintRunView, 'entries'> | undefined {
  const r = prepared<[string], Record<string, string | number | null>>(
    db,
    'SELECT r.*, d.exam_session, d.school_year FROM print_runs r JOIN graduation_decisions d ON d.decision_id = r.decision_id WHERE r.print_run_id = ?',
  ).get(printRunId);
  if (!r) return undefined;
  return {
    printRunId,
    authorityCode: r['authority_code'] as string,
    decisionId: r['decision_id'] as string,
    kind: r['kind'] as string,
    registerYear: r['register_year'] as number,
    lotId: r['lot_id'] as string,
    templateVersion: r['template_version'] as string,
    status: r['status'] as string,
    openedOn: r['opened_on'] as string,
    printedOn: r['printed_on'] as string | null,
    issueDate: r['issue_date'] as string | null,
    issuePlace: r['issue_place'] as string | null,
    signerName: r['signer_name'] as string | null,
    signerTitle: r['signer_title'] as string | null,
    closedOn: r['closed_on'] as string | null,
    examSession: r['exam_session'] as string | null,
    schoolYear: r['school_year'] as string,
    counts: {
      diplomas: r['diploma_count'] as number,
      reserved: r['reserved'] as number,
      spoiled: r['spoiled'] as number,
      released: r['released'] as number | null,
    },
  };
}

export interface DiplomaGraduate {
  nationalId: string;
  decisionNumber: string;
  school: string;
  classification: string | null;
  trainingMode: 'regular' | 'continuing';
  examSession: string | null;
  schoolYear: string;
}

/**
 * The graduate behind a diploma line, original or replacement: for the office's own registers (national
 * ID, decision) and for what a copy prints besides the holder (school, classification, mode, year).
 */
export function diplomaGraduate(db: Database, diplomaId: string): DiplomaGraduate | undefined {
  return prepared<[string, string], DiplomaGraduate>(
    db,
    `SELECT g.national_id AS nationalId, d.number AS decisionNumber, g.school, g.classification, g.training_mode AS trainingMode, d.exam_session AS examSession, d.school_year AS schoolYear
     FROM graduates g JOIN graduation_decisions d ON d.decision_id = g.decision_id
     WHERE g.graduate_id = COALESCE((SELECT graduate_id FROM register_entries WHERE diploma_id = ?), (SELECT graduate_id FROM replacement_diplomas WHERE diploma_id = ?))`,
  ).get(diplomaId, diplomaId);
}

/** The authority whose decision this is, or undefined when there is no such decision. */
export function decisionAuthority(db: Database, decisionId: string): string | undefined {
  return prepared<[string], { authority_code: string }>(db, 'SELECT authority_code FROM graduation_decisions WHERE decision_id = ?').get(
    decisionId,
  )?.authority_code;
}

/** The classes of a print run with diplomas still to hand over (issued, not delivered), for the class-list hand-over. */
export function classesAwaitingHandOver(db: Database, printRunId: string): { school: string; className: string | null; waiting: number }[] {
  return prepared<[string], { school: string; className: string | null; waiting: number }>(
    db,
    `SELECT g.school, g.class_name AS className, COUNT(*) AS waiting
     FROM register_entries e JOIN graduates g ON g.graduate_id = e.graduate_id
     WHERE e.print_run_id = ? AND e.state = 'issued' GROUP BY g.school, g.class_name ORDER BY g.school, g.class_name`,
  ).all(printRunId);
}

/** One class's diplomas of a print run still to hand over, in register order. */
export function classAwaitingHandOver(db: Database, printRunId: string, school: string, className: string | null): RegisterEntryView[] {
  return prepared<[string, string, string | null, string | null], EntryRow>(
    db,
    `${ENTRY_SELECT} WHERE e.print_run_id = ? AND e.state = 'issued' AND g.school = ? AND (g.class_name = ? OR (? IS NULL AND g.class_name IS NULL)) ORDER BY e.register_number`,
  )
    .all(printRunId, school, className, className)
    .map(toView);
}
