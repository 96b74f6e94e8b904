import type { Database } from 'better-sqlite3';
import { searchKey, type DiplomaEvent, type GraduationDecisionEvent, type PrintRunEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * Sổ gốc (docs/domain.md §4.1): one row per register number, per authority, kind and year, filled in
 * as the paper book is — entered, printed onto a serial, signed, handed over — with notes appended,
 * never rewritten. Also the graduates of each decision and the print runs, for officers' queries.
 */
export const registerBookProjection: Projection = {
  name: 'register-book',
  version: 1,
  handles: [
    'GraduationDecisionRecorded',
    'GraduatesListed',
    'PrintRunOpened',
    'PrintRunEntriesPlanned',
    'PrintRunPrinted',
    'PrintRunItemReprinted',
    'PrintRunSigned',
    'PrintRunClosed',
    'DiplomaDelivered',
    'DiplomaLostBeforeDelivery',
  ],
  tables: ['graduation_decisions', 'graduates', 'print_runs', 'register_entries'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS graduation_decisions (
        decision_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, number TEXT NOT NULL, decision_date TEXT NOT NULL, kind TEXT NOT NULL,
        school_year TEXT NOT NULL, exam_session TEXT, graduate_count INTEGER NOT NULL, source_file TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS graduates (
        graduate_id TEXT PRIMARY KEY, decision_id TEXT NOT NULL, source_row INTEGER NOT NULL, full_name TEXT NOT NULL, name_key TEXT NOT NULL,
        birth_date TEXT NOT NULL, birth_place TEXT NOT NULL, sex TEXT NOT NULL, ethnicity TEXT NOT NULL, national_id TEXT NOT NULL,
        school TEXT NOT NULL, class_name TEXT, classification TEXT, training_mode TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS graduates_by_decision ON graduates (decision_id, source_row);
      CREATE INDEX IF NOT EXISTS graduates_by_name ON graduates (name_key, birth_date);
      CREATE INDEX IF NOT EXISTS graduates_by_national_id ON graduates (national_id);
      CREATE TABLE IF NOT EXISTS print_runs (
        print_run_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, decision_id TEXT NOT NULL, kind TEXT NOT NULL, register_year INTEGER NOT NULL,
        lot_id TEXT NOT NULL, template_version TEXT NOT NULL, opened_on TEXT NOT NULL, status TEXT NOT NULL, diploma_count INTEGER NOT NULL,
        printed_on TEXT, signer_name TEXT, signer_title TEXT, delegation_ref TEXT, issue_date TEXT, issue_place TEXT, closed_on TEXT,
        reserved INTEGER NOT NULL, spoiled INTEGER NOT NULL DEFAULT 0, released INTEGER
      );
      CREATE INDEX IF NOT EXISTS print_runs_by_decision ON print_runs (decision_id);
      CREATE TABLE IF NOT EXISTS register_entries (
        diploma_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, kind TEXT NOT NULL, register_year INTEGER NOT NULL, register_number INTEGER NOT NULL,
        register_label TEXT NOT NULL, graduate_id TEXT NOT NULL, decision_id TEXT NOT NULL, print_run_id TEXT NOT NULL, serial_label TEXT NOT NULL,
        state TEXT NOT NULL, exempt_from_public INTEGER NOT NULL, recipient_name TEXT, recipient_kind TEXT, received_on TEXT, notes TEXT NOT NULL,
        UNIQUE (authority_code, kind, register_year, register_number)
      );
      CREATE INDEX IF NOT EXISTS register_entries_by_run ON register_entries (print_run_id);
      CREATE INDEX IF NOT EXISTS register_entries_by_graduate ON register_entries (graduate_id);
      CREATE UNIQUE INDEX IF NOT EXISTS register_entries_by_serial ON register_entries (serial_label);
      CREATE INDEX IF NOT EXISTS register_entries_by_label ON register_entries (register_label);
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as GraduationDecisionEvent | PrintRunEvent | DiplomaEvent;
    switch (event.type) {
      case 'GraduationDecisionRecorded': {
        const d = event.data;
        prepared(db, 'INSERT INTO graduation_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(d.decisionId, d.authorityCode, d.number, d.date, d.kind, d.schoolYear, d.examSession, d.graduateCount, JSON.stringify(d.sourceFile));
        return;
      }
      case 'GraduatesListed': {
        const insert = prepared(db, 'INSERT INTO graduates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
        for (const g of event.data.graduates) {
          insert.run(g.graduateId, event.data.decisionId, g.sourceRow, g.fullName, searchKey(g.fullName), g.birthDate, g.birthPlace, g.sex, g.ethnicity, g.nationalId, g.school, g.className, g.classification, g.trainingMode);
        }
        return;
      }
      case 'PrintRunOpened': {
        const d = event.data;
        const reserved = d.reserved.reduce((sum, r) => sum + r.to - r.from + 1, 0);
        prepared(db, `INSERT INTO print_runs (print_run_id, authority_code, decision_id, kind, register_year, lot_id, template_version, opened_on, status, diploma_count, reserved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`).run(
          d.printRunId, d.authorityCode, d.decisionId, d.kind, d.registerYear, d.lotId, d.templateVersion, d.openedOn, d.count, reserved,
        );
        return;
      }
      case 'PrintRunEntriesPlanned': {
        const run = prepared<[string], { authority_code: string; kind: string; register_year: number; decision_id: string }>(db, 'SELECT authority_code, kind, register_year, decision_id FROM print_runs WHERE print_run_id = ?').get(event.data.printRunId)!;
        const insert = prepared(db, `INSERT INTO register_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'entered', ?, NULL, NULL, NULL, '[]')`);
        for (const e of event.data.entries) {
          insert.run(e.diplomaId, run.authority_code, run.kind, run.register_year, e.registerNumber, e.registerLabel, e.graduateId, run.decision_id, event.data.printRunId, e.serialLabel, e.exemptFromPublicListing ? 1 : 0);
        }
        return;
      }
      case 'PrintRunPrinted':
        prepared(db, `UPDATE print_runs SET status = 'printed', printed_on = ? WHERE print_run_id = ?`).run(event.data.printedOn, event.data.printRunId);
        prepared(db, `UPDATE register_entries SET state = 'printed' WHERE print_run_id = ?`).run(event.data.printRunId);
        return;
      case 'PrintRunItemReprinted': {
        const d = event.data;
        const oldLabel = prepared<[string], { serial_label: string }>(db, 'SELECT serial_label FROM register_entries WHERE diploma_id = ?').get(d.diplomaId)!.serial_label;
        appendNote(db, d.diplomaId, { type: 'serial_replaced', oldSerial: oldLabel, newSerial: d.newSerialLabel, reason: d.reason, on: d.reprintedOn });
        prepared(db, 'UPDATE register_entries SET serial_label = ? WHERE diploma_id = ?').run(d.newSerialLabel, d.diplomaId);
        prepared(db, 'UPDATE print_runs SET spoiled = spoiled + 1, reserved = reserved + ? WHERE print_run_id = ?').run(d.newlyReserved ? 1 : 0, d.printRunId);
        return;
      }
      case 'PrintRunSigned': {
        const d = event.data;
        prepared(db, `UPDATE print_runs SET status = 'signed', signer_name = ?, signer_title = ?, delegation_ref = ?, issue_date = ?, issue_place = ? WHERE print_run_id = ?`).run(
          d.signerName, d.signerTitle, d.delegationRef, d.issueDate, d.issuePlace, d.printRunId,
        );
        prepared(db, `UPDATE register_entries SET state = 'issued' WHERE print_run_id = ?`).run(d.printRunId);
        return;
      }
      case 'PrintRunClosed':
        prepared(db, `UPDATE print_runs SET status = 'closed', closed_on = ?, released = ? WHERE print_run_id = ?`).run(event.data.closedOn, event.data.released, event.data.printRunId);
        return;
      case 'DiplomaDelivered': {
        const d = event.data;
        prepared(db, `UPDATE register_entries SET state = 'delivered', recipient_name = ?, recipient_kind = ?, received_on = ? WHERE diploma_id = ?`).run(d.recipient.fullName, d.recipient.kind, d.deliveredOn, d.diplomaId);
        if (d.recipient.kind === 'proxy') appendNote(db, d.diplomaId, { type: 'received_by_proxy', proxyName: d.recipient.fullName, authorisationRef: d.recipient.authorisationRef });
        return;
      }
      case 'DiplomaLostBeforeDelivery': {
        const d = event.data;
        prepared(db, `UPDATE register_entries SET state = 'lost_before_delivery' WHERE diploma_id = ?`).run(d.diplomaId);
        appendNote(db, d.diplomaId, { type: 'lost_before_delivery', minutesRef: d.minutesRef, policeUnit: d.policeUnit, on: d.lostOn });
        return;
      }
    }
  },
};

/** Notes only grow, like the notes column of the paper book. */
function appendNote(db: Database, diplomaId: string, note: Record<string, unknown>): void {
  prepared(db, `UPDATE register_entries SET notes = json_insert(notes, '$[#]', json(?)) WHERE diploma_id = ?`).run(JSON.stringify(note), diplomaId);
}
