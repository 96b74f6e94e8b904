import type { Database } from 'better-sqlite3';
import { searchKey, type SubjectAnswer, type VerificationSubject } from '@so-goc/domain';
import { prepared } from '../prepared-statements';

interface Candidate {
  diploma_id: string;
  original_id: string;
  register_label: string;
  state: string;
  full_name: string;
  birth_date: string;
}

const ORIGINALS = `SELECT e.diploma_id, e.diploma_id AS original_id, e.register_label, e.state, g.full_name, g.birth_date
  FROM register_entries e JOIN graduates g ON g.graduate_id = e.graduate_id`;
const REPLACEMENTS = `SELECT r.diploma_id, r.original_id, r.register_label, r.state, g.full_name, g.birth_date
  FROM replacement_diplomas r JOIN graduates g ON g.graduate_id = r.graduate_id`;

const DIGITISED = `SELECT d.diploma_id, d.diploma_id AS original_id, d.register_label, d.state, d.full_name, d.birth_date FROM digitised_entries d`;

/**
 * Answers one person of an agency's letter from the registers (sổ gốc, appendix, revocations) of the
 * authorities the office answers for: the register's data with corrections in force is compared with
 * what the letter says. A lookup for a report, not an invariant: the answer is recorded as given.
 */
export function matchVerificationSubject(db: Database, authorityCodes: readonly string[], subject: VerificationSubject): SubjectAnswer {
  const candidate = findCandidate(db, authorityCodes, subject);
  if (!candidate) return { result: 'NOT_FOUND', mismatchedFields: [], decisions: [], diplomaId: null };
  const corrections = prepared<[string, string], { changes: string; decision_number: string; decision_date: string }>(
    db,
    `SELECT changes, decision_number, decision_date FROM register_appendix WHERE action = 'correction' AND diploma_id IN (SELECT ? UNION SELECT diploma_id FROM replacement_diplomas WHERE original_id = ?) ORDER BY row_number`,
  ).all(candidate.diploma_id, candidate.original_id);
  const current = { fullName: candidate.full_name, birthDate: candidate.birth_date };
  for (const correction of corrections) {
    for (const change of JSON.parse(correction.changes) as { field: string; after: string }[]) {
      if (change.field === 'fullName') current.fullName = change.after;
      if (change.field === 'birthDate') current.birthDate = change.after;
    }
  }
  const revocation = prepared<[string], { decision_number: string; decision_date: string }>(
    db,
    'SELECT decision_number, decision_date FROM revocation_cases WHERE diploma_id = ?',
  ).get(candidate.diploma_id);
  if (revocation)
    return {
      result: 'REVOKED',
      mismatchedFields: [],
      decisions: [{ decisionNumber: revocation.decision_number, decisionDate: revocation.decision_date }],
      diplomaId: candidate.diploma_id,
    };
  const mismatched: string[] = [];
  if (searchKey(subject.fullName) !== searchKey(current.fullName)) mismatched.push('fullName');
  if (subject.birthDate && subject.birthDate !== current.birthDate) mismatched.push('birthDate');
  if (subject.registerNumber && subject.registerNumber !== candidate.register_label) mismatched.push('registerNumber');
  if (mismatched.length > 0) return { result: 'MISMATCH', mismatchedFields: mismatched, decisions: [], diplomaId: candidate.diploma_id };
  if (corrections.length > 0)
    return {
      result: 'CORRECTED',
      mismatchedFields: [],
      decisions: corrections.map((c) => ({ decisionNumber: c.decision_number, decisionDate: c.decision_date })),
      diplomaId: candidate.diploma_id,
    };
  return { result: 'MATCH', mismatchedFields: [], decisions: [], diplomaId: candidate.diploma_id };
}

function findCandidate(db: Database, authorityCodes: readonly string[], subject: VerificationSubject): Candidate | undefined {
  const scope = authorityCodes.map(() => '?').join(', ');
  const one = (sql: string, ...params: unknown[]) => db.prepare<unknown[], Candidate>(sql).all(...params, ...authorityCodes);
  let found: Candidate[] = [];
  if (subject.serial) {
    found = [
      ...one(`${ORIGINALS} WHERE e.serial_label = ? AND e.authority_code IN (${scope})`, subject.serial),
      ...one(`${REPLACEMENTS} WHERE r.serial_label = ? AND r.authority_code IN (${scope})`, subject.serial),
      ...one(`${DIGITISED} WHERE d.serial_label = ? AND d.authority_code IN (${scope})`, subject.serial),
    ];
  } else if (subject.registerNumber) {
    found = [
      ...one(`${ORIGINALS} WHERE e.register_label = ? AND e.authority_code IN (${scope})`, subject.registerNumber),
      ...one(`${REPLACEMENTS} WHERE r.register_label = ? AND r.authority_code IN (${scope})`, subject.registerNumber),
      ...one(`${DIGITISED} WHERE d.register_label = ? AND d.authority_code IN (${scope})`, subject.registerNumber),
    ];
  } else if (subject.birthDate) {
    // Without a serial or number, only one living diploma for that name and date identifies the person.
    found = [
      ...one(
        `${ORIGINALS} WHERE g.name_key = ? AND g.birth_date = ? AND e.state <> 'superseded' AND e.authority_code IN (${scope})`,
        searchKey(subject.fullName),
        subject.birthDate,
      ),
      ...one(
        `${DIGITISED} WHERE d.name_key = ? AND d.birth_date = ? AND d.state <> 'superseded' AND d.authority_code IN (${scope})`,
        searchKey(subject.fullName),
        subject.birthDate,
      ),
    ];
    if (found.length !== 1) return undefined;
  }
  return found[0];
}
