import type { Database } from 'better-sqlite3';
import type { CopyContent, DiplomaKind, Requester } from '@so-goc/domain';
import { prepared } from '../prepared-statements';

export interface CopyRegisterRow {
  copyNumber: string;
  copyId: string;
  serial: string;
  issuedOn: string;
  diplomaId: string;
  requestId: string;
  content: CopyContent;
  signerName: string;
  signerTitle: string;
  issuePlace: string;
  /** The authority that issued the copy: the register's holder on that day (rule 46). */
  copiedBy: string;
  requester: Requester;
  channel: string;
  receivedAt: string;
}

/** The copy register of one authority, kind and year, in copy-number order. */
export function copyRegister(db: Database, book: { authorityCode: string; kind: DiplomaKind | string; year: number }): CopyRegisterRow[] {
  return prepared<[string, string, number], Record<string, string>>(
    db,
    `SELECT c.copy_number, c.copy_id, c.serial, c.issued_on, c.diploma_id, c.request_id, c.content, c.signer_name, c.signer_title, c.issue_place, c.authority_code, r.requester, r.channel, r.received_at
     FROM copy_register c JOIN copy_requests r ON r.request_id = c.request_id
     WHERE c.authority_code = ? AND c.kind = ? AND c.register_year = ? ORDER BY c.copy_number_value`,
  )
    .all(book.authorityCode, book.kind, book.year)
    .map((r) => ({
      copyNumber: r['copy_number']!,
      copyId: r['copy_id']!,
      serial: r['serial']!,
      issuedOn: r['issued_on']!,
      diplomaId: r['diploma_id']!,
      requestId: r['request_id']!,
      content: JSON.parse(r['content']!) as CopyContent,
      signerName: r['signer_name']!,
      signerTitle: r['signer_title']!,
      issuePlace: r['issue_place']!,
      copiedBy: r['authority_code']!,
      requester: JSON.parse(r['requester']!) as Requester,
      channel: r['channel']!,
      receivedAt: r['received_at']!,
    }));
}

/** One copy by id, for its PDF and for the portal's answer about a copy's QR. */
export function copyById(db: Database, copyId: string): CopyRegisterRow | undefined {
  const row = prepared<[string], { authority_code: string; kind: DiplomaKind; register_year: number }>(
    db,
    'SELECT authority_code, kind, register_year FROM copy_register WHERE copy_id = ?',
  ).get(copyId);
  return row
    ? copyRegister(db, { authorityCode: row.authority_code, kind: row.kind, year: row.register_year }).find((c) => c.copyId === copyId)
    : undefined;
}

/** Rule 49: requests still open after their due time. */
export function copyRequestsPastDue(
  db: Database,
  authorityCode: string,
  now: string,
): { requestId: string; diplomaId: string; dueBy: string; receivedAt: string; channel: string }[] {
  return prepared<[string, string], Record<string, string>>(
    db,
    `SELECT request_id, diploma_id, due_by, received_at, channel FROM copy_requests WHERE authority_code = ? AND status = 'open' AND due_by < ? ORDER BY due_by`,
  )
    .all(authorityCode, now)
    .map((r) => ({
      requestId: r['request_id']!,
      diplomaId: r['diploma_id']!,
      dueBy: r['due_by']!,
      receivedAt: r['received_at']!,
      channel: r['channel']!,
    }));
}
