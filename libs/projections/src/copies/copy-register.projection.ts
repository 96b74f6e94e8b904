import type { Database } from 'better-sqlite3';
import type { CopyRequestEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * Sổ cấp bản sao (§4.3): one row per copy, numbered per authority, kind and year (rule 52), with the
 * request it answered; and the requests themselves with their due time, for the list of late ones.
 */
export const copyRegisterProjection: Projection = {
  name: 'copy-register',
  version: 2,
  handles: ['CopyRequestReceived', 'CopyRequestExtended', 'CopyRequestRefused', 'CopiesIssued'],
  tables: ['copy_requests', 'copy_register'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS copy_requests (
        request_id TEXT PRIMARY KEY, diploma_id TEXT NOT NULL, authority_code TEXT NOT NULL, requester TEXT NOT NULL, channel TEXT NOT NULL,
        received_at TEXT NOT NULL, dossier_complete_at TEXT, copies INTEGER NOT NULL, fee_per_copy INTEGER NOT NULL, due_by TEXT NOT NULL,
        status TEXT NOT NULL, extension_reason TEXT, refusal TEXT, answered_on TEXT
      );
      CREATE INDEX IF NOT EXISTS copy_requests_open ON copy_requests (authority_code, status, due_by);
      CREATE TABLE IF NOT EXISTS copy_register (
        authority_code TEXT NOT NULL, kind TEXT NOT NULL, register_year INTEGER NOT NULL, copy_number_value INTEGER NOT NULL, copy_number TEXT NOT NULL,
        copy_id TEXT NOT NULL UNIQUE, request_id TEXT NOT NULL, diploma_id TEXT NOT NULL, serial TEXT NOT NULL, issued_on TEXT NOT NULL, content TEXT NOT NULL,
        signer_name TEXT NOT NULL, signer_title TEXT NOT NULL, issue_place TEXT NOT NULL, PRIMARY KEY (authority_code, kind, register_year, copy_number_value)
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as CopyRequestEvent;
    switch (event.type) {
      case 'CopyRequestReceived': {
        const d = event.data;
        prepared(db, `INSERT INTO copy_requests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, NULL, NULL)`).run(
          d.requestId,
          d.diplomaId,
          d.authorityCode,
          JSON.stringify(d.requester),
          d.channel,
          d.receivedAt,
          d.dossierCompleteAt,
          d.copies,
          d.feePerCopy,
          d.dueBy,
        );
        return;
      }
      case 'CopyRequestExtended':
        prepared(db, 'UPDATE copy_requests SET due_by = ?, extension_reason = ? WHERE request_id = ?').run(
          event.data.dueBy,
          event.data.reason,
          event.data.requestId,
        );
        return;
      case 'CopyRequestRefused':
        prepared(db, `UPDATE copy_requests SET status = 'refused', refusal = ?, answered_on = ? WHERE request_id = ?`).run(
          JSON.stringify({ grounds: event.data.grounds, reasons: event.data.reasons, letterRef: event.data.letterRef }),
          event.data.refusedOn,
          event.data.requestId,
        );
        return;
      case 'CopiesIssued': {
        const d = event.data;
        prepared(db, `UPDATE copy_requests SET status = 'issued', answered_on = ? WHERE request_id = ?`).run(d.issuedOn, d.requestId);
        const insert = prepared(db, 'INSERT INTO copy_register VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
        for (const copy of d.copies) {
          insert.run(
            d.authorityCode,
            d.content.kind,
            Number(d.issuedOn.slice(0, 4)),
            copy.copyNumberValue,
            copy.copyNumber,
            copy.copyId,
            d.requestId,
            d.diplomaId,
            copy.serial,
            d.issuedOn,
            JSON.stringify(d.content),
            d.signerName,
            d.signerTitle,
            d.issuePlace,
          );
        }
        return;
      }
    }
  },
};
