import type { Database } from 'better-sqlite3';
import { searchKey, type GraduationDecisionEvent, type PrintRunEvent } from '@so-goc/domain';
// The one module of documents needed here: importing the package index would load the PDF stack into the projector.
import { holderDigest } from '@so-goc/documents/verification/holder-digest';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import { canonicalRegisterNumber, canonicalSerial } from './public-lookup.queries';
import type { Projection } from '../projection';

/**
 * Only the event fields this projection reads. Typed here rather than through the domain's event unions so
 * that the diploma events growing (corrections, reissue, revocation) cannot change what this file means.
 */
type AuthorityNameEvent =
  | { type: 'AuthorityRegistered'; data: { code: string; name: string; registeredOn: string } }
  | { type: 'AuthorityRenamed'; data: { code: string; name: string; effectiveOn: string } };
type LostEvent = { type: 'DiplomaLostBeforeDelivery'; data: { diplomaId: string } };
type AfterIssuanceEvent =
  | {
      type: 'DiplomaCorrected';
      data: { diplomaId: string; decisionNumber: string; decisionDate: string; changes: { field: string; after: string }[] };
    }
  | { type: 'DiplomaRevoked'; data: { diplomaId: string; decisionNumber: string; decisionDate: string; ground: string } }
  | { type: 'DiplomaReissued'; data: { diplomaId: string; newSerialLabel: string; decisionNumber: string; decisionDate: string } }
  | {
      type: 'DiplomaIssuedAsReplacement';
      data: {
        diplomaId: string;
        replaces: string;
        authorityCode: string;
        kind: string;
        holder: { fullName: string; birthDate: string; birthPlace: string };
        serialLabel: string;
        registerLabel: string;
        issueDate: string;
      };
    }
  | {
      type: 'LegacyEntryChecked';
      data: {
        diplomaId: string;
        book: { authorityCode: string; kind: string; year: number };
        entry: {
          fields: {
            serial: string | null;
            registerNumber: string | null;
            fullName: string | null;
            birthDate: string | null;
            birthPlace: string | null;
            issueDate: string | null;
          };
        };
      };
    }
  | {
      type: 'CopiesIssued';
      data: {
        requestId: string;
        diplomaId: string;
        authorityCode: string;
        issuedOn: string;
        copies: { copyId: string; copyNumber: string; serial: string }[];
      };
    };
type PublicLookupEvent =
  AuthorityNameEvent | LostEvent | AfterIssuanceEvent | Extract<GraduationDecisionEvent, { type: 'GraduatesListed' }> | PrintRunEvent;

export const PUBLIC_LOOKUP_TABLE = 'public_lookup';

/**
 * What the public portal may answer from (docs/domain.md §5.1), one row per issued diploma. The row
 * appears when its print run is signed, never before: a planned or printed diploma is not a diploma yet.
 *
 * Nothing outside §5.1 ever enters these tables, not even the staging ones: no ethnicity, national ID, sex,
 * school or class, so that no future query or bug on the public side can leak them.
 *
 * `status` and the JSON columns are shaped for the after-issuance events (issue 6), which will add their
 * handlers here: corrections `[{decisionNumber, decisionDate}]` (the decision only, never what changed),
 * replacement `{serial, decisionNumber, decisionDate}`, revocation `{decisionNumber, decisionDate}`.
 */
export const publicLookupProjection: Projection = {
  name: 'public-lookup',
  version: 3,
  handles: [
    'LegacyEntryChecked',
    'AuthorityRegistered',
    'AuthorityRenamed',
    'GraduatesListed',
    'PrintRunOpened',
    'PrintRunEntriesPlanned',
    'PrintRunItemReprinted',
    'PrintRunSigned',
    'DiplomaLostBeforeDelivery',
    'DiplomaCorrected',
    'DiplomaRevoked',
    'DiplomaReissued',
    'DiplomaIssuedAsReplacement',
    'CopiesIssued',
  ],
  tables: [
    PUBLIC_LOOKUP_TABLE,
    'public_lookup_holders',
    'public_lookup_runs',
    'public_lookup_planned',
    'public_lookup_authority_names',
    'public_lookup_copies',
  ],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS public_lookup (
        diploma_id TEXT PRIMARY KEY, serial_label TEXT NOT NULL, register_label TEXT NOT NULL, kind TEXT NOT NULL,
        authority_code TEXT NOT NULL, authority_name TEXT NOT NULL, full_name TEXT NOT NULL, name_key TEXT NOT NULL,
        birth_date TEXT NOT NULL, birth_place TEXT NOT NULL, issue_date TEXT NOT NULL, holder_digest TEXT NOT NULL,
        printed_name_key TEXT NOT NULL, printed_birth_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('valid', 'corrected', 'replaced', 'revoked', 'lost')),
        exempt INTEGER NOT NULL CHECK (exempt IN (0, 1)),
        corrections TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(corrections)),
        replacement TEXT CHECK (replacement IS NULL OR json_valid(replacement)),
        revocation TEXT CHECK (revocation IS NULL OR json_valid(revocation))
      );
      CREATE UNIQUE INDEX IF NOT EXISTS public_lookup_by_serial ON public_lookup (serial_label);
      CREATE INDEX IF NOT EXISTS public_lookup_by_authority ON public_lookup (authority_code, issue_date);
      CREATE TABLE IF NOT EXISTS public_lookup_holders (
        graduate_id TEXT PRIMARY KEY, full_name TEXT NOT NULL, birth_date TEXT NOT NULL, birth_place TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS public_lookup_runs (
        print_run_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, kind TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS public_lookup_planned (
        diploma_id TEXT PRIMARY KEY, print_run_id TEXT NOT NULL, graduate_id TEXT NOT NULL, serial_label TEXT NOT NULL,
        register_label TEXT NOT NULL, register_number INTEGER NOT NULL, exempt INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS public_lookup_planned_by_run ON public_lookup_planned (print_run_id, register_number);
      CREATE TABLE IF NOT EXISTS public_lookup_authority_names (
        code TEXT NOT NULL, from_date TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (code, from_date)
      );
      CREATE TABLE IF NOT EXISTS public_lookup_copies (
        copy_id TEXT PRIMARY KEY, copy_number TEXT NOT NULL, copy_serial TEXT NOT NULL, diploma_id TEXT NOT NULL, authority_code TEXT NOT NULL, issued_on TEXT NOT NULL
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as PublicLookupEvent;
    switch (event.type) {
      case 'AuthorityRegistered':
        nameFrom(db, event.data.code, event.data.registeredOn, event.data.name);
        return;
      case 'AuthorityRenamed':
        nameFrom(db, event.data.code, event.data.effectiveOn, event.data.name);
        // A rename may be recorded after diplomas it already covers (effective on an earlier day).
        prepared(db, `UPDATE public_lookup SET authority_name = ${NAME_ON_ISSUE_DATE} WHERE authority_code = ?`).run(event.data.code);
        return;
      case 'GraduatesListed': {
        const insert = prepared(db, 'INSERT INTO public_lookup_holders VALUES (?, ?, ?, ?)');
        for (const g of event.data.graduates) insert.run(g.graduateId, g.fullName, g.birthDate, g.birthPlace);
        return;
      }
      case 'PrintRunOpened':
        prepared(db, 'INSERT INTO public_lookup_runs VALUES (?, ?, ?)').run(
          event.data.printRunId,
          event.data.authorityCode,
          event.data.kind,
        );
        return;
      case 'PrintRunEntriesPlanned': {
        const insert = prepared(db, 'INSERT INTO public_lookup_planned VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const e of event.data.entries) {
          insert.run(
            e.diplomaId,
            event.data.printRunId,
            e.graduateId,
            e.serialLabel,
            e.registerLabel,
            e.registerNumber,
            e.exemptFromPublicListing ? 1 : 0,
          );
        }
        return;
      }
      case 'PrintRunItemReprinted':
        // Before signing the diploma is still planned; the update of the public row covers a reprint after it.
        prepared(db, 'UPDATE public_lookup_planned SET serial_label = ? WHERE diploma_id = ?').run(
          event.data.newSerialLabel,
          event.data.diplomaId,
        );
        prepared(db, 'UPDATE public_lookup SET serial_label = ? WHERE diploma_id = ?').run(event.data.newSerialLabel, event.data.diplomaId);
        return;
      case 'PrintRunSigned':
        publishRun(db, event.data.printRunId, event.data.issueDate);
        return;
      case 'DiplomaLostBeforeDelivery':
        // Lost blanks that were signed must never verify as valid (F14): the portal answers "no longer valid".
        prepared(db, `UPDATE public_lookup SET status = 'lost' WHERE diploma_id = ?`).run(event.data.diplomaId);
        return;
      case 'DiplomaCorrected': {
        // The public learns that a decision corrected the diploma, never what it changed. Lookups match the
        // register as corrected and, since the paper is never reprinted (rule 30), the name and date printed on it.
        const d = event.data;
        prepared(
          db,
          `UPDATE public_lookup SET status = CASE status WHEN 'valid' THEN 'corrected' ELSE status END, corrections = json_insert(corrections, '$[#]', json(?)) WHERE diploma_id = ?`,
        ).run(JSON.stringify({ decisionNumber: d.decisionNumber, decisionDate: d.decisionDate }), d.diplomaId);
        const row = prepared<[string], { full_name: string; birth_date: string; birth_place: string }>(
          db,
          'SELECT full_name, birth_date, birth_place FROM public_lookup WHERE diploma_id = ?',
        ).get(d.diplomaId);
        if (!row) return;
        const current = { fullName: row.full_name, birthDate: row.birth_date, birthPlace: row.birth_place };
        for (const change of d.changes) if (change.field in current) current[change.field as keyof typeof current] = change.after;
        prepared(db, 'UPDATE public_lookup SET full_name = ?, name_key = ?, birth_date = ?, birth_place = ? WHERE diploma_id = ?').run(
          current.fullName,
          searchKey(current.fullName),
          current.birthDate,
          current.birthPlace,
          d.diplomaId,
        );
        return;
      }
      case 'DiplomaRevoked':
        // An issuer-error revocation comes with its reissue, which says "replaced" rather than "revoked".
        if (event.data.ground === 'issuer_error') return;
        prepared(db, `UPDATE public_lookup SET status = 'revoked', revocation = json(?) WHERE diploma_id = ?`).run(
          JSON.stringify({ decisionNumber: event.data.decisionNumber, decisionDate: event.data.decisionDate }),
          event.data.diplomaId,
        );
        return;
      case 'DiplomaReissued':
        prepared(db, `UPDATE public_lookup SET status = 'replaced', replacement = json(?) WHERE diploma_id = ?`).run(
          JSON.stringify({
            serial: event.data.newSerialLabel,
            decisionNumber: event.data.decisionNumber,
            decisionDate: event.data.decisionDate,
          }),
          event.data.diplomaId,
        );
        return;
      case 'DiplomaIssuedAsReplacement': {
        const d = event.data;
        const exempt =
          prepared<[string], { exempt: number }>(db, 'SELECT exempt FROM public_lookup WHERE diploma_id = ?').get(d.replaces)?.exempt ?? 0;
        insertPublicDiploma(
          db,
          {
            diplomaId: d.diplomaId,
            serial: d.serialLabel,
            registerLabel: d.registerLabel,
            kind: d.kind,
            authorityCode: d.authorityCode,
            issueDate: d.issueDate,
            exempt,
            holder: d.holder,
          },
          authorityNameOn(db, d.authorityCode, d.issueDate),
        );
        return;
      }
      case 'LegacyEntryChecked': {
        // A line of an old book, checked against its scan (issue 14): public like any diploma, with the name
        // and birth date as the book wrote them ("1980" when only the year was kept). A line without a
        // serial or a readable name cannot be looked up; a serial already public is a fraud signal, listed
        // by the legacy register, and never overwrites the diploma that holds it.
        const { diplomaId, book, entry } = event.data;
        const f = entry.fields;
        if (f.serial === null || f.fullName === null) return;
        const serial = canonicalSerial(f.serial);
        if (
          prepared<[string, string], { found: number }>(
            db,
            'SELECT 1 AS found FROM public_lookup WHERE serial_label = ? OR diploma_id = ?',
          ).get(serial, diplomaId)
        )
          return;
        const issueDate = f.issueDate ?? String(book.year);
        insertPublicDiploma(
          db,
          {
            diplomaId,
            serial,
            registerLabel: f.registerNumber === null ? '' : canonicalRegisterNumber(f.registerNumber),
            kind: book.kind,
            authorityCode: book.authorityCode,
            issueDate,
            exempt: 0,
            holder: { fullName: f.fullName, birthDate: f.birthDate ?? '', birthPlace: f.birthPlace ?? '' },
          },
          authorityNameOn(db, book.authorityCode, issueDate),
        );
        return;
      }
      case 'CopiesIssued': {
        const insert = prepared(db, 'INSERT INTO public_lookup_copies VALUES (?, ?, ?, ?, ?, ?)');
        for (const copy of event.data.copies)
          insert.run(copy.copyId, copy.copyNumber, copy.serial, event.data.diplomaId, event.data.authorityCode, event.data.issuedOn);
        return;
      }
      default:
        return;
    }
  },
};

/** The authority's name as printed on a diploma of that issue date; the earliest known name for older diplomas. */
const NAME_ON_ISSUE_DATE = `COALESCE(
  (SELECT n.name FROM public_lookup_authority_names n WHERE n.code = public_lookup.authority_code AND n.from_date <= public_lookup.issue_date ORDER BY n.from_date DESC LIMIT 1),
  (SELECT n.name FROM public_lookup_authority_names n WHERE n.code = public_lookup.authority_code ORDER BY n.from_date LIMIT 1),
  public_lookup.authority_code)`;

function nameFrom(db: Database, code: string, fromDate: string, name: string): void {
  prepared(db, 'INSERT OR REPLACE INTO public_lookup_authority_names VALUES (?, ?, ?)').run(code, fromDate, name);
}

interface PlannedRow {
  diploma_id: string;
  serial_label: string;
  register_label: string;
  exempt: number;
  kind: string;
  authority_code: string;
  full_name: string;
  birth_date: string;
  birth_place: string;
}

/** Signing issues every diploma of the run at once; the staging rows have served their purpose. */
function publishRun(db: Database, printRunId: string, issueDate: string): void {
  const rows = prepared<[string], PlannedRow>(
    db,
    `SELECT p.diploma_id, p.serial_label, p.register_label, p.exempt, r.kind, r.authority_code, h.full_name, h.birth_date, h.birth_place
     FROM public_lookup_planned p JOIN public_lookup_runs r ON r.print_run_id = p.print_run_id JOIN public_lookup_holders h ON h.graduate_id = p.graduate_id
     WHERE p.print_run_id = ? ORDER BY p.register_number`,
  ).all(printRunId);
  // A run has one issuer and one issue date, so one name for all its diplomas.
  const authorityName = rows[0] ? authorityNameOn(db, rows[0].authority_code, issueDate) : '';
  for (const row of rows) {
    insertPublicDiploma(
      db,
      {
        diplomaId: row.diploma_id,
        serial: row.serial_label,
        registerLabel: row.register_label,
        kind: row.kind,
        authorityCode: row.authority_code,
        issueDate,
        exempt: row.exempt,
        holder: { fullName: row.full_name, birthDate: row.birth_date, birthPlace: row.birth_place },
      },
      authorityName,
    );
  }
  prepared(db, 'DELETE FROM public_lookup_planned WHERE print_run_id = ?').run(printRunId);
}

/** The authority's name on a date: the one in force then, the earliest known for older dates, the code if none. */
function authorityNameOn(db: Database, code: string, date: string): string {
  return prepared<[string, string, string, string], { name: string }>(
    db,
    `SELECT COALESCE(
       (SELECT name FROM public_lookup_authority_names WHERE code = ? AND from_date <= ? ORDER BY from_date DESC LIMIT 1),
       (SELECT name FROM public_lookup_authority_names WHERE code = ? ORDER BY from_date LIMIT 1),
       ?) AS name`,
  ).get(code, date, code, code)!.name;
}

interface PublicDiploma {
  diplomaId: string;
  serial: string;
  registerLabel: string;
  kind: string;
  authorityCode: string;
  issueDate: string;
  exempt: number;
  holder: { fullName: string; birthDate: string; birthPlace: string };
}

/** A newly issued diploma (a signed run's, or a replacement) as the public may see it; printed name and date kept apart. */
function insertPublicDiploma(db: Database, d: PublicDiploma, authorityName: string): void {
  const nameKey = searchKey(d.holder.fullName);
  prepared(
    db,
    `INSERT INTO public_lookup (diploma_id, serial_label, register_label, kind, authority_code, authority_name, full_name, name_key, birth_date, birth_place, issue_date, holder_digest, status, exempt, printed_name_key, printed_birth_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'valid', ?, ?, ?)`,
  ).run(
    d.diplomaId,
    d.serial,
    d.registerLabel,
    d.kind,
    d.authorityCode,
    authorityName,
    d.holder.fullName,
    nameKey,
    d.holder.birthDate,
    d.holder.birthPlace,
    d.issueDate,
    holderDigest(d.holder.fullName, d.holder.birthDate),
    d.exempt,
    nameKey,
    d.holder.birthDate,
  );
}
