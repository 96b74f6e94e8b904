import type { Database } from 'better-sqlite3';
import type { RecognitionApplication, RecognitionEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * Applications for recognition of foreign diplomas and what became of them (§8): the officers' list,
 * the recognition register (sổ theo dõi công nhận văn bằng) and the portal's verification read this
 * one table. Rows are updated as the application moves on; the events stay the record.
 */
export const recognitionsProjection: Projection = {
  name: 'recognitions',
  // v2: revocation of a recognition document (issue 18), its own column.
  version: 2,
  handles: [
    'RecognitionApplicationReceived',
    'RecognitionVerificationSent',
    'RecognitionVerificationAnswered',
    'ForeignDiplomaRecognised',
    'RecognitionRefused',
    'RecognitionRevoked',
  ],
  tables: ['recognitions'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS recognitions (
        recognition_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, status TEXT NOT NULL, received_on TEXT NOT NULL, due_on TEXT NOT NULL,
        application TEXT NOT NULL, verification TEXT, decision TEXT, refusal TEXT,
        decided_on TEXT, document_number TEXT UNIQUE, register_year INTEGER, register_number INTEGER, revocation TEXT
      );
      CREATE INDEX IF NOT EXISTS recognitions_by_authority ON recognitions (authority_code, status, due_on);
      CREATE INDEX IF NOT EXISTS recognitions_register ON recognitions (authority_code, decided_on);
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as RecognitionEvent;
    switch (event.type) {
      case 'RecognitionApplicationReceived': {
        const d = event.data;
        prepared(
          db,
          `INSERT INTO recognitions (recognition_id, authority_code, status, received_on, due_on, application) VALUES (?, ?, 'received', ?, ?, ?)
           ON CONFLICT (recognition_id) DO NOTHING`,
        ).run(d.recognitionId, d.authorityCode, d.receivedOn, d.dueOn, JSON.stringify(d));
        return;
      }
      case 'RecognitionVerificationSent': {
        const d = event.data;
        const verification = { sentOn: d.sentOn, letterNumber: d.letterNumber, addressee: d.addressee, answer: null };
        prepared(db, `UPDATE recognitions SET status = 'verifying', due_on = ?, verification = ? WHERE recognition_id = ?`).run(
          d.dueOn,
          JSON.stringify(verification),
          d.recognitionId,
        );
        return;
      }
      case 'RecognitionVerificationAnswered': {
        const d = event.data;
        const row = prepared<[string], { verification: string | null }>(
          db,
          'SELECT verification FROM recognitions WHERE recognition_id = ?',
        ).get(d.recognitionId);
        const verification = { ...(row?.verification ? (JSON.parse(row.verification) as object) : {}), answer: d };
        prepared(db, `UPDATE recognitions SET status = 'verified', verification = ? WHERE recognition_id = ?`).run(
          JSON.stringify(verification),
          d.recognitionId,
        );
        return;
      }
      case 'ForeignDiplomaRecognised': {
        const d = event.data;
        prepared(
          db,
          `UPDATE recognitions SET status = 'recognised', decision = ?, decided_on = ?, document_number = ?, register_year = ?, register_number = ?
           WHERE recognition_id = ?`,
        ).run(JSON.stringify(d), d.decidedOn, d.documentNumber, d.registerYear, d.registerNumber, d.recognitionId);
        return;
      }
      case 'RecognitionRefused': {
        const d = event.data;
        prepared(db, `UPDATE recognitions SET status = 'refused', refusal = ?, decided_on = ? WHERE recognition_id = ?`).run(
          JSON.stringify(d),
          d.refusedOn,
          d.recognitionId,
        );
        return;
      }
      case 'RecognitionRevoked': {
        // The register row stays as decided (rule 19: nothing erased); the revocation is written beside it.
        const d = event.data;
        prepared(db, `UPDATE recognitions SET status = 'revoked', revocation = ? WHERE recognition_id = ?`).run(
          JSON.stringify(d),
          d.recognitionId,
        );
        return;
      }
    }
  },
};

type Decision = Extract<RecognitionEvent, { type: 'ForeignDiplomaRecognised' }>['data'];
type Refusal = Extract<RecognitionEvent, { type: 'RecognitionRefused' }>['data'];
type Revocation = Extract<RecognitionEvent, { type: 'RecognitionRevoked' }>['data'];
type Answer = Extract<RecognitionEvent, { type: 'RecognitionVerificationAnswered' }>['data'];

export interface RecognitionView {
  readonly recognitionId: string;
  readonly authorityCode: string;
  readonly status: 'received' | 'verifying' | 'verified' | 'recognised' | 'refused' | 'revoked';
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly application: RecognitionApplication;
  readonly verification: { sentOn: string; letterNumber: string; addressee: string; answer: Answer | null } | null;
  readonly decision: Decision | null;
  readonly refusal: Refusal | null;
  readonly revocation: Revocation | null;
}

interface Row {
  recognition_id: string;
  authority_code: string;
  status: RecognitionView['status'];
  received_on: string;
  due_on: string;
  application: string;
  verification: string | null;
  decision: string | null;
  refusal: string | null;
  revocation: string | null;
}

function view(r: Row): RecognitionView {
  return {
    recognitionId: r.recognition_id,
    authorityCode: r.authority_code,
    status: r.status,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    application: JSON.parse(r.application) as RecognitionApplication,
    verification: r.verification ? (JSON.parse(r.verification) as RecognitionView['verification']) : null,
    decision: r.decision ? (JSON.parse(r.decision) as Decision) : null,
    refusal: r.refusal ? (JSON.parse(r.refusal) as Refusal) : null,
    revocation: r.revocation ? (JSON.parse(r.revocation) as Revocation) : null,
  };
}

export function recognitionById(db: Database, recognitionId: string): RecognitionView | undefined {
  const r = prepared<[string], Row>(db, 'SELECT * FROM recognitions WHERE recognition_id = ?').get(recognitionId);
  return r ? view(r) : undefined;
}

/**
 * The portal's lookup: a recognition document by its exact number — recognised, or revoked since (the portal
 * answers REVOKED with the decision). A refused application has none.
 */
export function recognisedByDocumentNumber(db: Database, documentNumber: string): RecognitionView | undefined {
  const r = prepared<[string], Row>(db, `SELECT * FROM recognitions WHERE document_number = ? AND status IN ('recognised', 'revoked')`).get(
    documentNumber,
  );
  return r ? view(r) : undefined;
}

/**
 * The recognition register of one Sở and year: every application decided that year, recognised ones
 * with their consecutive number, refusals with their letter and reasons, in the order they were decided.
 */
export function recognitionRegister(db: Database, authorityCode: string, year: number): RecognitionView[] {
  return prepared<[string, string, string], Row>(
    db,
    `SELECT * FROM recognitions WHERE authority_code = ? AND decided_on >= ? AND decided_on <= ?
     ORDER BY decided_on, register_number IS NULL, register_number, recognition_id`,
  )
    .all(authorityCode, `${year}-01-01`, `${year}-12-31`)
    .map(view);
}

/** Applications still open on `today` whose legal deadline has passed. */
export function recognitionsOverdue(db: Database, authorityCode: string, today: string): RecognitionView[] {
  return prepared<[string, string], Row>(
    db,
    `SELECT * FROM recognitions WHERE authority_code = ? AND status IN ('received', 'verifying', 'verified') AND due_on < ?
     ORDER BY due_on, recognition_id`,
  )
    .all(authorityCode, today)
    .map(view);
}

export function recognitionsOf(db: Database, authorityCode: string): RecognitionView[] {
  return prepared<[string], Row>(db, 'SELECT * FROM recognitions WHERE authority_code = ? ORDER BY received_on DESC, recognition_id')
    .all(authorityCode)
    .map(view);
}
