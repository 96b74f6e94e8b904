import type { Database } from 'better-sqlite3';
import { searchKey } from '@so-goc/domain';
import { prepared } from '../prepared-statements';

export const PUBLIC_DIPLOMA_STATUSES = ['valid', 'corrected', 'replaced', 'revoked', 'lost'] as const;
export type PublicDiplomaStatus = (typeof PUBLIC_DIPLOMA_STATUSES)[number];

/** A decision is all the public learns about a correction, never what it changed (docs/domain.md §5.1). */
export interface PublicDecisionRef {
  readonly decisionNumber: string;
  readonly decisionDate: string;
}

export interface PublicReplacement extends PublicDecisionRef {
  readonly serial: string;
}

/** One issued diploma as the public side may know it. Which of these fields a visitor sees is the portal's call. */
export interface PublicDiplomaRecord {
  readonly diplomaId: string;
  readonly serial: string;
  readonly registerNumber: string;
  readonly kind: string;
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly issueDate: string;
  readonly holderDigest: string;
  readonly status: PublicDiplomaStatus;
  readonly exemptFromPublicListing: boolean;
  readonly corrections: readonly PublicDecisionRef[];
  readonly replacement: PublicReplacement | null;
  readonly revocation: PublicDecisionRef | null;
}

interface Row {
  diploma_id: string;
  serial_label: string;
  register_label: string;
  kind: string;
  authority_code: string;
  authority_name: string;
  full_name: string;
  birth_date: string;
  birth_place: string;
  issue_date: string;
  holder_digest: string;
  status: PublicDiplomaStatus;
  exempt: number;
  corrections: string;
  replacement: string | null;
  revocation: string | null;
}

const SELECT = `SELECT diploma_id, serial_label, register_label, kind, authority_code, authority_name, full_name, birth_date, birth_place,
  issue_date, holder_digest, status, exempt, corrections, replacement, revocation FROM public_lookup`;

/*
 * Exact matches only, each on the unique serial or the primary key: the public side can confirm what a
 * visitor already holds, and has no statement that could list, page or prefix-search the register.
 */

export function publicDiplomaBySerialAndHolder(
  db: Database,
  query: { serial: string; fullName: string; birthDate: string },
): PublicDiplomaRecord | undefined {
  const nameKey = searchKey(query.fullName.normalize('NFC'));
  const row = prepared<[string, string, string, string, string], Row>(
    db,
    `${SELECT} WHERE serial_label = ? AND ((name_key = ? AND birth_date = ?) OR (printed_name_key = ? AND printed_birth_date = ?))`,
  ).get(canonicalSerial(query.serial), nameKey, query.birthDate, nameKey, query.birthDate);
  return row && toRecord(row);
}

export function publicDiplomaBySerialAndRegisterNumber(
  db: Database,
  query: { serial: string; registerNumber: string },
): PublicDiplomaRecord | undefined {
  const row = prepared<[string, string], Row>(db, `${SELECT} WHERE serial_label = ? AND register_label = ?`).get(
    canonicalSerial(query.serial),
    canonicalRegisterNumber(query.registerNumber),
  );
  return row && toRecord(row);
}

/** For the QR landing, once the token's signature has been checked. */
export function publicDiplomaById(db: Database, diplomaId: string): PublicDiplomaRecord | undefined {
  const row = prepared<[string], Row>(db, `${SELECT} WHERE diploma_id = ?`).get(diplomaId);
  return row && toRecord(row);
}

/**
 * Serials are printed "HP 0203418"; people type "hp0203418" or "HP  0203418". The spelling is made
 * canonical, never widened: the result must still equal one stored serial exactly.
 */
export function canonicalSerial(typed: string): string {
  const spaced = typed.normalize('NFC').toUpperCase().replace(/\s+/g, ' ').trim();
  const split = /^([A-Z]+)(\d+)$/.exec(spaced);
  return split ? `${split[1]} ${split[2]}` : spaced;
}

/** Register numbers are printed "000417/THPT-2024"; only case and stray spaces are forgiven. */
export function canonicalRegisterNumber(typed: string): string {
  return typed
    .normalize('NFC')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([/-]) ?/g, '$1')
    .trim();
}

function toRecord(row: Row): PublicDiplomaRecord {
  return {
    diplomaId: row.diploma_id,
    serial: row.serial_label,
    registerNumber: row.register_label,
    kind: row.kind,
    authorityCode: row.authority_code,
    authorityName: row.authority_name,
    fullName: row.full_name,
    birthDate: row.birth_date,
    birthPlace: row.birth_place,
    issueDate: row.issue_date,
    holderDigest: row.holder_digest,
    status: row.status,
    exemptFromPublicListing: row.exempt === 1,
    corrections: row.corrections === '[]' ? [] : (JSON.parse(row.corrections) as PublicDecisionRef[]),
    replacement: row.replacement === null ? null : (JSON.parse(row.replacement) as PublicReplacement),
    revocation: row.revocation === null ? null : (JSON.parse(row.revocation) as PublicDecisionRef),
  };
}

export interface PublicCopyRecord {
  readonly copyId: string;
  readonly copyNumber: string;
  readonly copySerial: string;
  readonly diplomaId: string;
  readonly authorityCode: string;
  readonly issuedOn: string;
}

/** A copy from the register (bản sao) by its id, for the QR printed on it. */
export function publicCopyById(db: Database, copyId: string): PublicCopyRecord | undefined {
  const row = prepared<
    [string],
    { copy_id: string; copy_number: string; copy_serial: string; diploma_id: string; authority_code: string; issued_on: string }
  >(db, 'SELECT copy_id, copy_number, copy_serial, diploma_id, authority_code, issued_on FROM public_lookup_copies WHERE copy_id = ?').get(
    copyId,
  );
  return (
    row && {
      copyId: row.copy_id,
      copyNumber: row.copy_number,
      copySerial: row.copy_serial,
      diplomaId: row.diploma_id,
      authorityCode: row.authority_code,
      issuedOn: row.issued_on,
    }
  );
}

/** A copy by the diploma it copies and its copy-register number, as a copy's QR names it. */
export function publicCopyOf(db: Database, diplomaId: string, copyNumber: string): PublicCopyRecord | undefined {
  const row = prepared<[string, string], { copy_id: string }>(
    db,
    'SELECT copy_id FROM public_lookup_copies WHERE diploma_id = ? AND copy_number = ?',
  ).get(diplomaId, copyNumber);
  return row && publicCopyById(db, row.copy_id);
}
