import type { Database } from 'better-sqlite3';
import type { CertificateRegisterEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * Public verification of certificates (issue 18 item 3, §5.1): one row per certificate, found only by the
 * unguessable code its QR carries, with the kind in words and the fields its catalogue entry marks public.
 */
export const publicCertificatesProjection: Projection = {
  name: 'public-certificates',
  // v2: a correction decided shows the corrected name and birth date (rule 57), never what it was.
  // v3: a session opened and listed in bounded appends is public only once sealed (issue 20 item 2).
  version: 3,
  handles: [
    'CertificateSessionOpened',
    'CertificateSessionIssued',
    'CertificatesEntered',
    'CertificateRevoked',
    'CertificatesPrintedOnBlanks',
    'CertificateCorrected',
  ],
  // public_certificate_blanks came with certificate print runs (issue 18); its events are no older than the table.
  tables: ['public_certificate_sessions', 'public_certificates', 'public_certificate_blanks'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS public_certificate_sessions (
        session_key TEXT PRIMARY KEY, decision_number TEXT NOT NULL, decision_date TEXT NOT NULL,
        sealed INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS public_certificates (
        verification_code TEXT PRIMARY KEY, certificate_id TEXT NOT NULL UNIQUE, authority_code TEXT NOT NULL,
        kind_code TEXT NOT NULL, register_number TEXT NOT NULL, full_name TEXT NOT NULL, birth_date TEXT NOT NULL,
        in_words_vi TEXT NOT NULL, in_words_en TEXT NOT NULL, public_fields TEXT NOT NULL,
        decision_number TEXT NOT NULL, decision_date TEXT NOT NULL,
        revoked_on TEXT, revocation_ref TEXT, session_key TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS public_certificate_blanks (
        certificate_id TEXT PRIMARY KEY, serial TEXT NOT NULL, issue_date TEXT NOT NULL
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as CertificateRegisterEvent;
    switch (event.type) {
      case 'CertificateSessionOpened':
      case 'CertificateSessionIssued':
        // Opened: listed, not issued. The seal (or an earlier release's single-append session) issues it.
        prepared(
          db,
          `INSERT INTO public_certificate_sessions VALUES (?, ?, ?, ?)
             ON CONFLICT(session_key) DO UPDATE SET sealed = excluded.sealed`,
        ).run(
          `${recorded.stream}/${event.data.sessionId}`,
          event.data.decision.number,
          event.data.decision.date,
          event.type === 'CertificateSessionIssued' ? 1 : 0,
        );
        break;
      case 'CertificatesEntered': {
        const session = prepared<[string], { decision_number: string; decision_date: string }>(
          db,
          'SELECT decision_number, decision_date FROM public_certificate_sessions WHERE session_key = ?',
        ).get(`${recorded.stream}/${event.data.sessionId}`);
        const insert = prepared(db, 'INSERT INTO public_certificates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)');
        for (const c of event.data.certificates) {
          const [authorityCode = '', kindCode = ''] = c.certificateId.split('.');
          insert.run(
            c.verificationCode,
            c.certificateId,
            authorityCode,
            kindCode,
            c.registerNumber,
            c.fullName,
            c.birthDate,
            c.inWordsVi,
            c.inWordsEn,
            JSON.stringify(c.publicFields),
            session?.decision_number ?? '',
            session?.decision_date ?? '',
            `${recorded.stream}/${event.data.sessionId}`,
          );
        }
        break;
      }
      case 'CertificateRevoked':
        prepared(db, 'UPDATE public_certificates SET revoked_on = ?, revocation_ref = ? WHERE certificate_id = ?').run(
          event.data.revokedOn,
          event.data.decisionRef,
          event.data.certificateId,
        );
        break;
      case 'CertificatesPrintedOnBlanks': {
        // §5.1: the serial (số hiệu) and the issue date are public, so a paper can be compared with the register.
        const upsert = prepared(db, 'INSERT OR REPLACE INTO public_certificate_blanks VALUES (?, ?, ?)');
        for (const c of event.data.certificates) upsert.run(c.certificateId, c.serialLabel, event.data.issueDate);
        break;
      }
      case 'CertificateCorrected':
        for (const change of event.data.changes) {
          if (change.field === 'fullName')
            prepared(db, 'UPDATE public_certificates SET full_name = ? WHERE certificate_id = ?').run(
              change.after,
              event.data.certificateId,
            );
          if (change.field === 'birthDate')
            prepared(db, 'UPDATE public_certificates SET birth_date = ? WHERE certificate_id = ?').run(
              change.after,
              event.data.certificateId,
            );
        }
        break;
      default:
        break;
    }
  },
};

export interface PublicCertificate {
  readonly status: 'VALID' | 'REVOKED';
  readonly certificateId: string;
  readonly registerNumber: string;
  /** The blank's serial and the signature's date once printed on a blank (issue 18); null otherwise. */
  readonly serial: string | null;
  readonly issueDate: string | null;
  readonly issuerCode: string;
  readonly kindCode: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly inWordsVi: string;
  readonly inWordsEn: string;
  readonly publicFields: readonly { name: string; labelVi: string; labelEn: string; vi: string; en: string }[];
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly revocation: { readonly revokedOn: string; readonly decisionRef: string } | null;
}

/**
 * One certificate by the code of its QR; never listed, never found by its (sequential) number alone; never
 * one of a session not yet sealed (issue 20 item 2).
 */
export function publicCertificateOf(db: Database, verificationCode: string): PublicCertificate | undefined {
  const row = prepared<
    [string],
    {
      certificate_id: string;
      register_number: string;
      authority_code: string;
      kind_code: string;
      full_name: string;
      birth_date: string;
      in_words_vi: string;
      in_words_en: string;
      public_fields: string;
      decision_number: string;
      decision_date: string;
      revoked_on: string | null;
      revocation_ref: string | null;
      serial: string | null;
      issue_date: string | null;
    }
  >(
    db,
    `SELECT c.*, b.serial, b.issue_date FROM public_certificates c
       JOIN public_certificate_sessions s ON s.session_key = c.session_key AND s.sealed = 1
       LEFT JOIN public_certificate_blanks b ON b.certificate_id = c.certificate_id WHERE c.verification_code = ?`,
  ).get(verificationCode);
  if (!row) return undefined;
  return {
    status: row.revoked_on ? 'REVOKED' : 'VALID',
    certificateId: row.certificate_id,
    registerNumber: row.register_number,
    serial: row.serial ?? null,
    issueDate: row.issue_date ?? null,
    issuerCode: row.authority_code,
    kindCode: row.kind_code,
    fullName: row.full_name,
    birthDate: row.birth_date,
    inWordsVi: row.in_words_vi,
    inWordsEn: row.in_words_en,
    publicFields: JSON.parse(row.public_fields) as PublicCertificate['publicFields'],
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    revocation: row.revoked_on ? { revokedOn: row.revoked_on, decisionRef: row.revocation_ref ?? '' } : null,
  };
}
