import type { Database } from 'better-sqlite3';
import type { DiplomaKind, Requester } from '@so-goc/domain';
import { prepared } from '../prepared-statements';

/**
 * What the console's after-issuance, copy and verification screens list, one page at a time (issue 13):
 * read from the same tables the API's lists and exports read.
 */

export interface CorrectionRequestRow {
  requestId: string;
  diplomaId: string;
  ground: string;
  dossierCompleteOn: string;
  dueBy: string;
  status: string;
  answeredOn: string | null;
  serial: string | null;
  fullName: string | null;
}

const CORRECTION_SELECT = `SELECT c.request_id AS requestId, c.diploma_id AS diplomaId, c.ground, c.dossier_complete_on AS dossierCompleteOn, c.due_by AS dueBy,
  c.status, c.answered_on AS answeredOn, e.serial_label AS serial, g.full_name AS fullName
  FROM correction_requests c LEFT JOIN register_entries e ON e.diploma_id = c.diploma_id LEFT JOIN graduates g ON g.graduate_id = e.graduate_id`;

/** The correction requests on one diploma, newest dossier first. */
export function correctionRequestsOf(db: Database, diplomaId: string): CorrectionRequestRow[] {
  return prepared<[string], CorrectionRequestRow>(
    db,
    `${CORRECTION_SELECT} WHERE c.diploma_id = ? ORDER BY c.dossier_complete_on DESC, c.request_id`,
  ).all(diplomaId);
}

/** An authority's open correction requests, the soonest due first (rule 29). */
export function openCorrectionRequestsPage(
  db: Database,
  authorityCode: string,
  offset: number,
  limit: number,
): { total: number; rows: CorrectionRequestRow[] } {
  const total = prepared<[string], { n: number }>(
    db,
    "SELECT COUNT(*) AS n FROM correction_requests WHERE authority_code = ? AND status = 'open'",
  ).get(authorityCode)!.n;
  const rows = prepared<[string, number, number], CorrectionRequestRow>(
    db,
    `${CORRECTION_SELECT} WHERE c.authority_code = ? AND c.status = 'open' ORDER BY c.due_by, c.request_id LIMIT ? OFFSET ?`,
  ).all(authorityCode, limit, offset);
  return { total, rows };
}

export interface RevocationCaseRow {
  diplomaId: string;
  serial: string;
  registerNumber: string;
  decisionNumber: string;
  decisionDate: string;
  ground: string;
  reasons: string;
  holderReceivedOn: string | null;
  returnDueBy: string | null;
  returnedOn: string | null;
  fullName: string | null;
}

const REVOCATION_SELECT = `SELECT r.diploma_id AS diplomaId, r.serial_label AS serial, r.register_label AS registerNumber, r.decision_number AS decisionNumber,
  r.decision_date AS decisionDate, r.ground, r.reasons, r.holder_received_on AS holderReceivedOn, r.return_due_by AS returnDueBy, r.returned_on AS returnedOn,
  g.full_name AS fullName
  FROM revocation_cases r LEFT JOIN register_entries e ON e.diploma_id = r.diploma_id LEFT JOIN graduates g ON g.graduate_id = e.graduate_id`;

export function revocationCaseOf(db: Database, diplomaId: string): RevocationCaseRow | undefined {
  return prepared<[string], RevocationCaseRow>(db, `${REVOCATION_SELECT} WHERE r.diploma_id = ?`).get(diplomaId);
}

/** An authority's revocations, the newest decision first: what is still to notify or to get back (rules 42, 43). */
export function revocationCasesPage(
  db: Database,
  authorityCode: string,
  offset: number,
  limit: number,
): { total: number; rows: RevocationCaseRow[] } {
  const total = prepared<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM revocation_cases WHERE authority_code = ?').get(
    authorityCode,
  )!.n;
  const rows = prepared<[string, number, number], RevocationCaseRow>(
    db,
    `${REVOCATION_SELECT} WHERE r.authority_code = ? ORDER BY r.decision_date DESC, r.diploma_id LIMIT ? OFFSET ?`,
  ).all(authorityCode, limit, offset);
  return { total, rows };
}

/** The replacement a reissue decision gave this diploma, if any (rule 39). */
export function reissueOf(db: Database, diplomaId: string): { newSerial: string | null; decisionNumber: string } | undefined {
  return prepared<[string], { newSerial: string | null; decisionNumber: string }>(
    db,
    "SELECT new_serial_label AS newSerial, decision_number AS decisionNumber FROM register_appendix WHERE diploma_id = ? AND action = 'reissue'",
  ).get(diplomaId);
}

/** The books of the appendix (kind and year) that have rows. */
export function appendixBooksOf(db: Database, authorityCode: string): { kind: DiplomaKind; year: number; entries: number }[] {
  return prepared<[string], { kind: DiplomaKind; year: number; entries: number }>(
    db,
    'SELECT kind, register_year AS year, COUNT(*) AS entries FROM register_appendix WHERE authority_code = ? GROUP BY kind, register_year ORDER BY register_year DESC, kind',
  ).all(authorityCode);
}

export interface CopyRequestRow {
  requestId: string;
  diplomaId: string;
  authorityCode: string;
  requester: Requester;
  channel: string;
  receivedAt: string;
  dossierCompleteAt: string | null;
  copies: number;
  feePerCopy: number;
  dueBy: string;
  status: string;
  extensionReason: string | null;
  /** The written refusal; its date is `answeredOn`. */
  refusal: { grounds: string[]; reasons: string; letterRef: string } | null;
  answeredOn: string | null;
  serial: string | null;
  fullName: string | null;
}

const COPY_REQUEST_SELECT = `SELECT r.*, e.serial_label AS serial, COALESCE(g.full_name, d.full_name) AS full_name
  FROM copy_requests r LEFT JOIN register_entries e ON e.diploma_id = r.diploma_id LEFT JOIN graduates g ON g.graduate_id = e.graduate_id
  LEFT JOIN digitised_entries d ON d.diploma_id = r.diploma_id`;

function toCopyRequest(r: Record<string, string | number | null>): CopyRequestRow {
  return {
    requestId: r['request_id'] as string,
    diplomaId: r['diploma_id'] as string,
    authorityCode: r['authority_code'] as string,
    requester: JSON.parse(r['requester'] as string) as Requester,
    channel: r['channel'] as string,
    receivedAt: r['received_at'] as string,
    dossierCompleteAt: (r['dossier_complete_at'] as string | null) ?? null,
    copies: r['copies'] as number,
    feePerCopy: r['fee_per_copy'] as number,
    dueBy: r['due_by'] as string,
    status: r['status'] as string,
    extensionReason: (r['extension_reason'] as string | null) ?? null,
    refusal: r['refusal'] ? (JSON.parse(r['refusal'] as string) as CopyRequestRow['refusal']) : null,
    answeredOn: (r['answered_on'] as string | null) ?? null,
    serial: (r['serial'] as string | null) ?? null,
    fullName: (r['full_name'] as string | null) ?? null,
  };
}

export function copyRequestById(db: Database, requestId: string): CopyRequestRow | undefined {
  const row = prepared<[string], Record<string, string | number | null>>(db, `${COPY_REQUEST_SELECT} WHERE r.request_id = ?`).get(
    requestId,
  );
  return row ? toCopyRequest(row) : undefined;
}

/** An authority's copy requests: the open ones first, soonest due first, then the answered ones, newest first. */
export function copyRequestsPage(
  db: Database,
  authorityCode: string,
  offset: number,
  limit: number,
): { total: number; rows: CopyRequestRow[] } {
  const total = prepared<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM copy_requests WHERE authority_code = ?').get(
    authorityCode,
  )!.n;
  const rows = prepared<[string, number, number], Record<string, string | number | null>>(
    db,
    `${COPY_REQUEST_SELECT} WHERE r.authority_code = ? ORDER BY CASE r.status WHEN 'open' THEN 0 ELSE 1 END, CASE r.status WHEN 'open' THEN r.due_by END, r.received_at DESC LIMIT ? OFFSET ?`,
  )
    .all(authorityCode, limit, offset)
    .map(toCopyRequest);
  return { total, rows };
}

/** The copies one request was served with, in copy-number order. */
export function copiesOfRequest(
  db: Database,
  requestId: string,
): { copyId: string; copyNumber: string; serial: string; issuedOn: string }[] {
  return prepared<[string], { copyId: string; copyNumber: string; serial: string; issuedOn: string }>(
    db,
    'SELECT copy_id AS copyId, copy_number AS copyNumber, serial, issued_on AS issuedOn FROM copy_register WHERE request_id = ? ORDER BY copy_number_value',
  ).all(requestId);
}

/** The copy register's books (kind and year) that have copies. */
export function copyBooksOf(db: Database, authorityCode: string): { kind: DiplomaKind; year: number; copies: number }[] {
  return prepared<[string], { kind: DiplomaKind; year: number; copies: number }>(
    db,
    'SELECT kind, register_year AS year, COUNT(*) AS copies FROM copy_register WHERE authority_code = ? GROUP BY kind, register_year ORDER BY register_year DESC, kind',
  ).all(authorityCode);
}

export interface VerificationLetterRow {
  requestId: string;
  organisation: string;
  letterNumber: string;
  letterDate: string;
  receivedOn: string;
  people: number;
  responseLetterNumber: string | null;
  respondedOn: string | null;
}

/** An authority's verification letters, the unanswered first, then by receipt, newest first. */
export function verificationLettersPage(
  db: Database,
  authorityCode: string,
  offset: number,
  limit: number,
): { total: number; rows: VerificationLetterRow[] } {
  const total = prepared<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM verification_requests WHERE authority_code = ?').get(
    authorityCode,
  )!.n;
  const rows = prepared<[string, number, number], VerificationLetterRow>(
    db,
    `SELECT request_id AS requestId, organisation, letter_number AS letterNumber, letter_date AS letterDate, received_on AS receivedOn,
       json_array_length(subjects) AS people, response_letter_number AS responseLetterNumber, responded_on AS respondedOn
     FROM verification_requests WHERE authority_code = ? ORDER BY CASE WHEN answers IS NULL THEN 0 ELSE 1 END, received_on DESC, request_id LIMIT ? OFFSET ?`,
  ).all(authorityCode, limit, offset);
  return { total, rows };
}
