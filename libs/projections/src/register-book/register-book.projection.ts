import type { Database } from 'better-sqlite3';
import { searchKey, type DiplomaEvent, type GraduationDecisionEvent, type LegacyBookEvent, type PrintRunEvent } from '@so-goc/domain';
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
  version: 2,
  handles: [
    'LegacyEntryChecked',
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
    'DiplomaCorrectionRequested',
    'DiplomaCorrectionRefused',
    'DiplomaCorrected',
    'DiplomaRevoked',
    'DiplomaRevocationNotified',
    'RevokedDiplomaReturned',
    'DiplomaReissued',
    'DiplomaIssuedAsReplacement',
  ],
  tables: [
    'graduation_decisions',
    'graduates',
    'print_runs',
    'register_entries',
    'replacement_diplomas',
    'register_appendix',
    'revocation_cases',
    'correction_requests',
    'digitised_entries',
  ],
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
      CREATE TABLE IF NOT EXISTS replacement_diplomas (
        diploma_id TEXT PRIMARY KEY, replaces TEXT NOT NULL, original_id TEXT NOT NULL, graduate_id TEXT NOT NULL, authority_code TEXT NOT NULL,
        kind TEXT NOT NULL, register_label TEXT NOT NULL, serial_label TEXT NOT NULL, issue_date TEXT NOT NULL, state TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS register_appendix (
        authority_code TEXT NOT NULL, kind TEXT NOT NULL, register_year INTEGER NOT NULL, row_number INTEGER NOT NULL,
        action TEXT NOT NULL, diploma_id TEXT NOT NULL, graduate_id TEXT NOT NULL, serial_label TEXT NOT NULL, register_label TEXT NOT NULL,
        new_serial_label TEXT, new_register_label TEXT, changes TEXT NOT NULL, decision_number TEXT NOT NULL, decision_date TEXT NOT NULL,
        note TEXT, PRIMARY KEY (authority_code, kind, register_year, row_number)
      );
      CREATE TABLE IF NOT EXISTS correction_requests (
        request_id TEXT NOT NULL, diploma_id TEXT NOT NULL, authority_code TEXT NOT NULL, ground TEXT NOT NULL, dossier_complete_on TEXT NOT NULL,
        due_by TEXT NOT NULL, status TEXT NOT NULL, answered_on TEXT, PRIMARY KEY (diploma_id, request_id)
      );
      CREATE INDEX IF NOT EXISTS correction_requests_open ON correction_requests (authority_code, status, due_by);
      CREATE TABLE IF NOT EXISTS revocation_cases (
        diploma_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, issuer_code TEXT NOT NULL, serial_label TEXT NOT NULL, register_label TEXT NOT NULL,
        decision_number TEXT NOT NULL, decision_date TEXT NOT NULL, ground TEXT NOT NULL, reasons TEXT NOT NULL,
        holder_received_on TEXT, return_due_by TEXT, returned_on TEXT
      );
      CREATE TABLE IF NOT EXISTS digitised_entries (
        diploma_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, kind TEXT NOT NULL, register_year INTEGER NOT NULL, serial_label TEXT NOT NULL,
        register_label TEXT NOT NULL, full_name TEXT NOT NULL, name_key TEXT NOT NULL, birth_date TEXT NOT NULL, state TEXT NOT NULL, notes TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS digitised_entries_by_serial ON digitised_entries (serial_label);
      CREATE INDEX IF NOT EXISTS digitised_entries_by_label ON digitised_entries (register_label);
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as
      GraduationDecisionEvent | PrintRunEvent | DiplomaEvent | Extract<LegacyBookEvent, { type: 'LegacyEntryChecked' }>;
    switch (event.type) {
      case 'LegacyEntryChecked': {
        // A line of an old paper book, checked against its scan (issue 14): its appendix, notes and state
        // follow it here like an original's, in the book of its authority, kind and year.
        const { diplomaId, book, entry } = event.data;
        const f = entry.fields;
        prepared(db, `INSERT OR IGNORE INTO digitised_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', '[]')`).run(
          diplomaId,
          book.authorityCode,
          book.kind,
          book.year,
          f.serial ?? '',
          f.registerNumber ?? '',
          f.fullName ?? '',
          searchKey(f.fullName ?? ''),
          f.birthDate ?? '',
        );
        return;
      }
      case 'GraduationDecisionRecorded': {
        const d = event.data;
        prepared(db, 'INSERT INTO graduation_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          d.decisionId,
          d.authorityCode,
          d.number,
          d.date,
          d.kind,
          d.schoolYear,
          d.examSession,
          d.graduateCount,
          JSON.stringify(d.sourceFile),
        );
        return;
      }
      case 'GraduatesListed': {
        const insert = prepared(db, 'INSERT INTO graduates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
        for (const g of event.data.graduates) {
          insert.run(
            g.graduateId,
            event.data.decisionId,
            g.sourceRow,
            g.fullName,
            searchKey(g.fullName),
            g.birthDate,
            g.birthPlace,
            g.sex,
            g.ethnicity,
            g.nationalId,
            g.school,
            g.className,
            g.classification,
            g.trainingMode,
          );
        }
        return;
      }
      case 'PrintRunOpened': {
        const d = event.data;
        const reserved = d.reserved.reduce((sum, r) => sum + r.to - r.from + 1, 0);
        prepared(
          db,
          `INSERT INTO print_runs (print_run_id, authority_code, decision_id, kind, register_year, lot_id, template_version, opened_on, status, diploma_count, reserved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
        ).run(
          d.printRunId,
          d.authorityCode,
          d.decisionId,
          d.kind,
          d.registerYear,
          d.lotId,
          d.templateVersion,
          d.openedOn,
          d.count,
          reserved,
        );
        return;
      }
      case 'PrintRunEntriesPlanned': {
        const run = prepared<[string], { authority_code: string; kind: string; register_year: number; decision_id: string }>(
          db,
          'SELECT authority_code, kind, register_year, decision_id FROM print_runs WHERE print_run_id = ?',
        ).get(event.data.printRunId)!;
        const insert = prepared(
          db,
          `INSERT INTO register_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'entered', ?, NULL, NULL, NULL, '[]')`,
        );
        for (const e of event.data.entries) {
          insert.run(
            e.diplomaId,
            run.authority_code,
            run.kind,
            run.register_year,
            e.registerNumber,
            e.registerLabel,
            e.graduateId,
            run.decision_id,
            event.data.printRunId,
            e.serialLabel,
            e.exemptFromPublicListing ? 1 : 0,
          );
        }
        return;
      }
      case 'PrintRunPrinted':
        prepared(db, `UPDATE print_runs SET status = 'printed', printed_on = ? WHERE print_run_id = ?`).run(
          event.data.printedOn,
          event.data.printRunId,
        );
        prepared(db, `UPDATE register_entries SET state = 'printed' WHERE print_run_id = ?`).run(event.data.printRunId);
        return;
      case 'PrintRunItemReprinted': {
        const d = event.data;
        const oldLabel = prepared<[string], { serial_label: string }>(
          db,
          'SELECT serial_label FROM register_entries WHERE diploma_id = ?',
        ).get(d.diplomaId)!.serial_label;
        appendNote(db, d.diplomaId, {
          type: 'serial_replaced',
          oldSerial: oldLabel,
          newSerial: d.newSerialLabel,
          reason: d.reason,
          on: d.reprintedOn,
        });
        prepared(db, 'UPDATE register_entries SET serial_label = ? WHERE diploma_id = ?').run(d.newSerialLabel, d.diplomaId);
        prepared(db, 'UPDATE print_runs SET spoiled = spoiled + 1, reserved = reserved + ? WHERE print_run_id = ?').run(
          d.newlyReserved ? 1 : 0,
          d.printRunId,
        );
        return;
      }
      case 'PrintRunSigned': {
        const d = event.data;
        prepared(
          db,
          `UPDATE print_runs SET status = 'signed', signer_name = ?, signer_title = ?, delegation_ref = ?, issue_date = ?, issue_place = ? WHERE print_run_id = ?`,
        ).run(d.signerName, d.signerTitle, d.delegationRef, d.issueDate, d.issuePlace, d.printRunId);
        prepared(db, `UPDATE register_entries SET state = 'issued' WHERE print_run_id = ?`).run(d.printRunId);
        return;
      }
      case 'PrintRunClosed':
        prepared(db, `UPDATE print_runs SET status = 'closed', closed_on = ?, released = ? WHERE print_run_id = ?`).run(
          event.data.closedOn,
          event.data.released,
          event.data.printRunId,
        );
        return;
      case 'DiplomaDelivered': {
        const d = event.data;
        prepared(
          db,
          `UPDATE register_entries SET state = 'delivered', recipient_name = ?, recipient_kind = ?, received_on = ? WHERE diploma_id = ?`,
        ).run(d.recipient.fullName, d.recipient.kind, d.deliveredOn, d.diplomaId);
        if (d.recipient.kind === 'proxy')
          appendNote(db, d.diplomaId, {
            type: 'received_by_proxy',
            proxyName: d.recipient.fullName,
            authorisationRef: d.recipient.authorisationRef,
          });
        return;
      }
      case 'DiplomaLostBeforeDelivery': {
        const d = event.data;
        prepared(db, `UPDATE register_entries SET state = 'lost_before_delivery' WHERE diploma_id = ?`).run(d.diplomaId);
        appendNote(db, d.diplomaId, { type: 'lost_before_delivery', minutesRef: d.minutesRef, policeUnit: d.policeUnit, on: d.lostOn });
        return;
      }
      case 'DiplomaCorrectionRequested': {
        const d = event.data;
        prepared(db, `INSERT INTO correction_requests VALUES (?, ?, ?, ?, ?, ?, 'open', NULL)`).run(
          d.requestId,
          d.diplomaId,
          d.authorityCode,
          d.ground,
          d.dossierCompleteOn,
          d.dueBy,
        );
        return;
      }
      case 'DiplomaCorrectionRefused':
        prepared(db, `UPDATE correction_requests SET status = 'refused', answered_on = ? WHERE diploma_id = ? AND request_id = ?`).run(
          event.data.refusedOn,
          event.data.diplomaId,
          event.data.requestId,
        );
        return;
      case 'DiplomaCorrected': {
        prepared(db, `UPDATE correction_requests SET status = 'decided', answered_on = ? WHERE diploma_id = ? AND request_id = ?`).run(
          event.data.decisionDate,
          event.data.diplomaId,
          event.data.requestId,
        );
        // Rule 22: the correction is written into the appendix; the book's row only gains a note (rule 30).
        const d = event.data;
        const line = lineOf(db, d.diplomaId);
        if (!line) return;
        const row = appendixRow(db, line, {
          action: 'correction',
          diplomaId: d.diplomaId,
          newSerial: null,
          newRegister: null,
          changes: d.changes,
          decisionNumber: d.decisionNumber,
          decisionDate: d.decisionDate,
          note: null,
        });
        appendNote(db, line.originalId, {
          type: 'corrected',
          decisionNumber: d.decisionNumber,
          decisionDate: d.decisionDate,
          appendixRow: row,
        });
        return;
      }
      case 'DiplomaRevoked': {
        const d = event.data;
        prepared(
          db,
          'INSERT INTO revocation_cases (diploma_id, authority_code, issuer_code, serial_label, register_label, decision_number, decision_date, ground, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          d.diplomaId,
          d.authorityCode,
          d.issuerCode,
          d.serialLabel,
          d.registerLabel,
          d.decisionNumber,
          d.decisionDate,
          d.ground,
          d.reasons,
        );
        const line = lineOf(db, d.diplomaId);
        // An issuer-error revocation is noted with its reissue (next event), not on its own.
        if (line && d.ground !== 'issuer_error')
          appendNote(db, line.originalId, {
            type: 'revoked',
            decisionNumber: d.decisionNumber,
            decisionDate: d.decisionDate,
            ground: d.ground,
          });
        setState(db, d.diplomaId, 'revoked');
        return;
      }
      case 'DiplomaRevocationNotified':
        prepared(db, 'UPDATE revocation_cases SET holder_received_on = ?, return_due_by = ? WHERE diploma_id = ?').run(
          event.data.holderReceivedOn,
          event.data.returnDueBy,
          event.data.diplomaId,
        );
        return;
      case 'RevokedDiplomaReturned':
        prepared(db, 'UPDATE revocation_cases SET returned_on = ? WHERE diploma_id = ?').run(event.data.returnedOn, event.data.diplomaId);
        return;
      case 'DiplomaReissued': {
        const d = event.data;
        const line = lineOf(db, d.diplomaId);
        if (!line) return;
        appendixRow(db, line, {
          action: 'reissue',
          diplomaId: d.diplomaId,
          newSerial: d.newSerialLabel,
          newRegister: d.newRegisterLabel,
          changes: d.changes,
          decisionNumber: d.decisionNumber,
          decisionDate: d.decisionDate,
          note: d.issuerError,
        });
        appendNote(db, line.originalId, {
          type: 'reissued',
          decisionNumber: d.decisionNumber,
          decisionDate: d.decisionDate,
          newSerial: d.newSerialLabel,
          newRegisterNumber: d.newRegisterLabel,
        });
        setState(db, d.diplomaId, 'superseded');
        return;
      }
      case 'DiplomaIssuedAsReplacement': {
        const d = event.data;
        const original = lineOf(db, d.replaces)?.originalId ?? d.replaces;
        prepared(db, `INSERT INTO replacement_diplomas VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued')`).run(
          d.diplomaId,
          d.replaces,
          original,
          d.graduateId,
          d.authorityCode,
          d.kind,
          d.registerLabel,
          d.serialLabel,
          d.issueDate,
        );
        return;
      }
    }
  },
};

/**
 * The book a diploma's appendix row belongs to: the original's (authority, kind, year). A replacement
 * points back to its original, so every act on one diploma line lands in the same appendix.
 */
interface Line {
  originalId: string;
  authorityCode: string;
  kind: string;
  year: number;
  graduateId: string;
  serialLabel: string;
  registerLabel: string;
}

function lineOf(db: Database, diplomaId: string): Line | undefined {
  const original = prepared<
    [string],
    { authority_code: string; kind: string; register_year: number; graduate_id: string; serial_label: string; register_label: string }
  >(
    db,
    'SELECT authority_code, kind, register_year, graduate_id, serial_label, register_label FROM register_entries WHERE diploma_id = ?',
  ).get(diplomaId);
  if (original)
    return {
      originalId: diplomaId,
      authorityCode: original.authority_code,
      kind: original.kind,
      year: original.register_year,
      graduateId: original.graduate_id,
      serialLabel: original.serial_label,
      registerLabel: original.register_label,
    };
  const digitised = prepared<
    [string],
    { authority_code: string; kind: string; register_year: number; serial_label: string; register_label: string }
  >(db, 'SELECT authority_code, kind, register_year, serial_label, register_label FROM digitised_entries WHERE diploma_id = ?').get(
    diplomaId,
  );
  if (digitised)
    return {
      originalId: diplomaId,
      authorityCode: digitised.authority_code,
      kind: digitised.kind,
      year: digitised.register_year,
      graduateId: diplomaId,
      serialLabel: digitised.serial_label,
      registerLabel: digitised.register_label,
    };
  const replacement = prepared<[string], { original_id: string; serial_label: string; register_label: string }>(
    db,
    'SELECT original_id, serial_label, register_label FROM replacement_diplomas WHERE diploma_id = ?',
  ).get(diplomaId);
  if (!replacement) return undefined;
  const line = lineOf(db, replacement.original_id);
  return line ? { ...line, serialLabel: replacement.serial_label, registerLabel: replacement.register_label } : undefined;
}

function appendixRow(
  db: Database,
  line: Line,
  row: {
    action: string;
    diplomaId: string;
    newSerial: string | null;
    newRegister: string | null;
    changes: unknown;
    decisionNumber: string;
    decisionDate: string;
    note: string | null;
  },
): number {
  const next = prepared<[string, string, number], { n: number }>(
    db,
    'SELECT COALESCE(MAX(row_number), 0) + 1 AS n FROM register_appendix WHERE authority_code = ? AND kind = ? AND register_year = ?',
  ).get(line.authorityCode, line.kind, line.year)!.n;
  prepared(db, 'INSERT INTO register_appendix VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    line.authorityCode,
    line.kind,
    line.year,
    next,
    row.action,
    row.diplomaId,
    line.graduateId,
    line.serialLabel,
    line.registerLabel,
    row.newSerial,
    row.newRegister,
    JSON.stringify(row.changes),
    row.decisionNumber,
    row.decisionDate,
    row.note,
  );
  return next;
}

/** A book row's state follows its diploma; a replacement's lives in its own table. */
function setState(db: Database, diplomaId: string, state: string): void {
  prepared(db, 'UPDATE register_entries SET state = ? WHERE diploma_id = ?').run(state, diplomaId);
  prepared(db, 'UPDATE replacement_diplomas SET state = ? WHERE diploma_id = ?').run(state, diplomaId);
  prepared(db, 'UPDATE digitised_entries SET state = ? WHERE diploma_id = ?').run(state, diplomaId);
}

/** Notes only grow, like the notes column of the paper book. */
function appendNote(db: Database, diplomaId: string, note: Record<string, unknown>): void {
  prepared(db, `UPDATE register_entries SET notes = json_insert(notes, '$[#]', json(?)) WHERE diploma_id = ?`).run(
    JSON.stringify(note),
    diplomaId,
  );
  prepared(db, `UPDATE digitised_entries SET notes = json_insert(notes, '$[#]', json(?)) WHERE diploma_id = ?`).run(
    JSON.stringify(note),
    diplomaId,
  );
}
