import type { Database } from 'better-sqlite3';
import type { VerificationRequestEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/** Agencies' letters and the office's answers, kept whole (§2.9). */
export const verificationRequestsProjection: Projection = {
  name: 'verification-requests',
  version: 1,
  handles: ['VerificationRequestReceived', 'VerificationRequestAnswered'],
  tables: ['verification_requests'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS verification_requests (
        request_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, organisation TEXT NOT NULL, letter_number TEXT NOT NULL, letter_date TEXT NOT NULL,
        received_on TEXT NOT NULL, subjects TEXT NOT NULL, answers TEXT, response_letter_number TEXT, responded_on TEXT, signer_name TEXT, signer_title TEXT
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as VerificationRequestEvent;
    if (event.type === 'VerificationRequestReceived') {
      const d = event.data;
      prepared(
        db,
        'INSERT INTO verification_requests (request_id, authority_code, organisation, letter_number, letter_date, received_on, subjects) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(d.requestId, d.authorityCode, d.organisation, d.letterNumber, d.letterDate, d.receivedOn, JSON.stringify(d.subjects));
    } else {
      const d = event.data;
      prepared(
        db,
        'UPDATE verification_requests SET answers = ?, response_letter_number = ?, responded_on = ?, signer_name = ?, signer_title = ? WHERE request_id = ?',
      ).run(JSON.stringify(d.answers), d.responseLetterNumber, d.respondedOn, d.signerName, d.signerTitle, d.requestId);
    }
  },
};

export interface VerificationRequestView {
  requestId: string;
  authorityCode: string;
  organisation: string;
  letterNumber: string;
  letterDate: string;
  receivedOn: string;
  subjects: { fullName: string; birthDate: string | null; serial: string | null; registerNumber: string | null }[];
  answers:
    | {
        result: string;
        mismatchedFields: string[];
        decisions: { decisionNumber: string; decisionDate: string }[];
        diplomaId: string | null;
      }[]
    | null;
  responseLetterNumber: string | null;
  respondedOn: string | null;
  signerName: string | null;
  signerTitle: string | null;
}

export function verificationRequestById(db: Database, requestId: string): VerificationRequestView | undefined {
  const r = prepared<[string], Record<string, string | null>>(db, 'SELECT * FROM verification_requests WHERE request_id = ?').get(
    requestId,
  );
  if (!r) return undefined;
  return {
    requestId: r['request_id']!,
    authorityCode: r['authority_code']!,
    organisation: r['organisation']!,
    letterNumber: r['letter_number']!,
    letterDate: r['letter_date']!,
    receivedOn: r['received_on']!,
    subjects: JSON.parse(r['subjects']!) as VerificationRequestView['subjects'],
    answers: r['answers'] ? (JSON.parse(r['answers']) as VerificationRequestView['answers']) : null,
    responseLetterNumber: r['response_letter_number'] ?? null,
    respondedOn: r['responded_on'] ?? null,
    signerName: r['signer_name'] ?? null,
    signerTitle: r['signer_title'] ?? null,
  };
}
