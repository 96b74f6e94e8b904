import type { Database } from 'better-sqlite3';
import type { DiplomaKind } from '@so-goc/domain';
import { prepared } from '../prepared-statements';

export interface AppendixRowView {
  rowNumber: number;
  action: 'correction' | 'reissue';
  diplomaId: string;
  holderId: string;
  fullName: string;
  birthDate: string;
  serial: string;
  registerNumber: string;
  newSerial: string | null;
  newRegisterNumber: string | null;
  changes: { field: 'fullName' | 'birthDate' | 'birthPlace' | 'sex' | 'ethnicity'; before: string; after: string }[];
  decisionNumber: string;
  decisionDate: string;
  note: string | null;
}

/** Phụ lục sổ gốc (§4.2): the book's corrections and reissues in the order they were decided. */
export function registerAppendix(db: Database, book: { authorityCode: string; kind: DiplomaKind; year: number }): AppendixRowView[] {
  return prepared<[string, string, number], Record<string, string | number | null>>(
    db,
    // A digitised diploma (issue 14) has no graduate row: its holder is the line of the old book, without an ID number.
    `SELECT a.*, COALESCE(g.national_id, '') AS national_id, COALESCE(g.full_name, d.full_name) AS full_name, COALESCE(g.birth_date, d.birth_date) AS birth_date
     FROM register_appendix a LEFT JOIN graduates g ON g.graduate_id = a.graduate_id LEFT JOIN digitised_entries d ON d.diploma_id = a.graduate_id
     WHERE (g.graduate_id IS NOT NULL OR d.diploma_id IS NOT NULL) AND a.authority_code = ? AND a.kind = ? AND a.register_year = ? ORDER BY a.row_number`,
  )
    .all(book.authorityCode, book.kind, book.year)
    .map((r) => ({
      rowNumber: r['row_number'] as number,
      action: r['action'] as AppendixRowView['action'],
      diplomaId: r['diploma_id'] as string,
      holderId: r['national_id'] as string,
      fullName: r['full_name'] as string,
      birthDate: r['birth_date'] as string,
      serial: r['serial_label'] as string,
      registerNumber: r['register_label'] as string,
      newSerial: r['new_serial_label'] as string | null,
      newRegisterNumber: r['new_register_label'] as string | null,
      changes: JSON.parse(r['changes'] as string) as AppendixRowView['changes'],
      decisionNumber: r['decision_number'] as string,
      decisionDate: r['decision_date'] as string,
      note: r['note'] as string | null,
    }));
}

export interface OverdueReturn {
  diplomaId: string;
  serial: string;
  registerNumber: string;
  decisionNumber: string;
  decisionDate: string;
  holderReceivedOn: string;
  returnDueBy: string;
}

/** Rule 43: revoked diplomas not back 30 days after the holder received the decision. */
export function overdueReturns(db: Database, authorityCode: string, today: string): OverdueReturn[] {
  return prepared<[string, string], Record<string, string>>(
    db,
    `SELECT diploma_id, serial_label, register_label, decision_number, decision_date, holder_received_on, return_due_by FROM revocation_cases
     WHERE authority_code = ? AND returned_on IS NULL AND return_due_by IS NOT NULL AND return_due_by < ? AND ground <> 'issuer_error' ORDER BY return_due_by`,
  )
    .all(authorityCode, today)
    .map((r) => ({
      diplomaId: r['diploma_id']!,
      serial: r['serial_label']!,
      registerNumber: r['register_label']!,
      decisionNumber: r['decision_number']!,
      decisionDate: r['decision_date']!,
      holderReceivedOn: r['holder_received_on']!,
      returnDueBy: r['return_due_by']!,
    }));
}

/** Rule 29: correction dossiers complete for more than 5 working days without a decision or a refusal. */
export function correctionRequestsPastDue(
  db: Database,
  authorityCode: string,
  today: string,
): { requestId: string; diplomaId: string; dossierCompleteOn: string; dueBy: string }[] {
  return prepared<[string, string], Record<string, string>>(
    db,
    `SELECT request_id, diploma_id, dossier_complete_on, due_by FROM correction_requests WHERE authority_code = ? AND status = 'open' AND due_by < ? ORDER BY due_by`,
  )
    .all(authorityCode, today)
    .map((r) => ({
      requestId: r['request_id']!,
      diplomaId: r['diploma_id']!,
      dossierCompleteOn: r['dossier_complete_on']!,
      dueBy: r['due_by']!,
    }));
}
