import type { Database } from 'better-sqlite3';
import type { AuthorityDirectoryEvent, PrintRunEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';
import { actorOf, changeSeqOf, createDetectionTable, occurredAt, recordDetection, type Detection } from './detections';

export const ISSUANCE_AUDIT_TABLE = 'audit_issuance_detections';

/**
 * Thresholds of the misprint-rate detection (F11). A run of a few dozen diplomas with one jam is normal;
 * one in twenty spoiled on a run, or an officer's own reprints running at that rate, is not.
 */
export const MISPRINT_LIMITS = { rate: 0.05, minimumReprints: 3 } as const;

interface RunRow {
  print_run_id: string;
  authority_code: string;
  decision_number: string;
  decision_date: string;
  planned: number;
  printed: number;
  reprints: number;
  signer_id: string | null;
  issue_date: string | null;
  exemption_basis: string | null;
}

interface SignerRow {
  signer_id: string;
  authority_code: string;
  full_name: string;
  role: string;
  valid_from: string;
  valid_to: string | null;
  delegation_ref: string | null;
}

/**
 * F6 (issue date before the graduation decision), F9 (a signer not entitled on the issue date, a deputy
 * without an assignment decision — including a mandate end recorded after the fact that uncovers earlier
 * signatures) and F11 (more printed than approved entries; misprint rates out of line per run and per
 * officer). Rules 4, 6, 16. Keeps per run and per signer only what the checks need.
 */
export const issuanceAuditProjection: Projection = {
  name: 'audit-issuance',
  version: 2,
  handles: [
    'SignerRegistered',
    'SignerMandateEnded',
    'PrintRunOpened',
    'PrintRunEntriesPlanned',
    'PrintRunPrinted',
    'PrintRunItemReprinted',
    'PrintRunSigned',
    'PrintRunClosed',
  ],
  tables: ['audit_runs', 'audit_signers', 'audit_officer_reprints', 'audit_exemptions', ISSUANCE_AUDIT_TABLE],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS audit_runs (
        print_run_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, decision_number TEXT NOT NULL, decision_date TEXT NOT NULL,
        planned INTEGER NOT NULL, printed INTEGER NOT NULL, reprints INTEGER NOT NULL, signer_id TEXT, issue_date TEXT, exemption_basis TEXT
      );
      CREATE TABLE IF NOT EXISTS audit_exemptions (
        diploma_id TEXT PRIMARY KEY, print_run_id TEXT NOT NULL, authority_code TEXT NOT NULL, serial_label TEXT NOT NULL, register_label TEXT NOT NULL,
        basis TEXT, set_by TEXT, set_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_exemptions_by_authority ON audit_exemptions (authority_code, set_at);
      CREATE INDEX IF NOT EXISTS audit_runs_by_signer ON audit_runs (signer_id, issue_date);
      CREATE TABLE IF NOT EXISTS audit_signers (
        signer_id TEXT PRIMARY KEY, authority_code TEXT NOT NULL, full_name TEXT NOT NULL, role TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT, delegation_ref TEXT
      );
      CREATE TABLE IF NOT EXISTS audit_officer_reprints (officer_id TEXT NOT NULL, authority_code TEXT NOT NULL, year INTEGER NOT NULL, reprints INTEGER NOT NULL, printed INTEGER NOT NULL, PRIMARY KEY (officer_id, authority_code, year));
    `);
    createDetectionTable(db, ISSUANCE_AUDIT_TABLE);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as PrintRunEvent | AuthorityDirectoryEvent;
    const detect = (d: Omit<Detection, 'seenAt' | 'policeReferral'>) =>
      recordDetection(db, ISSUANCE_AUDIT_TABLE, { ...d, policeReferral: false, seenAt: occurredAt(recorded) }, changeSeqOf(recorded));
    switch (event.type) {
      case 'SignerRegistered': {
        const d = event.data;
        prepared(db, 'INSERT OR REPLACE INTO audit_signers VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          d.signerId,
          d.authorityCode,
          d.fullName,
          d.role,
          d.validFrom,
          d.validTo,
          d.delegationRef,
        );
        return;
      }
      case 'SignerMandateEnded': {
        prepared(db, 'UPDATE audit_signers SET valid_to = ? WHERE signer_id = ?').run(event.data.validTo, event.data.signerId);
        const signer = signerById(db, event.data.signerId);
        const later = prepared<[string, string], RunRow>(db, 'SELECT * FROM audit_runs WHERE signer_id = ? AND issue_date > ?').all(
          event.data.signerId,
          event.data.validTo,
        );
        for (const run of later)
          detect(
            signerProblem(
              run,
              signer ?? null,
              `nhiệm kỳ kết thúc ngày ${event.data.validTo} (ghi nhận sau khi đã ký)`,
              `mandate ended on ${event.data.validTo} (recorded after the signature)`,
            ),
          );
        return;
      }
      case 'PrintRunOpened': {
        const d = event.data;
        prepared(db, 'INSERT OR IGNORE INTO audit_runs VALUES (?, ?, ?, ?, 0, 0, 0, NULL, NULL, ?)').run(
          d.printRunId,
          d.authorityCode,
          d.decisionNumber,
          d.decisionDate,
          d.exemptionBasis,
        );
        return;
      }
      case 'PrintRunEntriesPlanned': {
        prepared(db, 'UPDATE audit_runs SET planned = planned + ? WHERE print_run_id = ?').run(
          event.data.entries.length,
          event.data.printRunId,
        );
        const exempt = event.data.entries.filter((e) => e.exemptFromPublicListing);
        const run = exempt.length ? runById(db, event.data.printRunId) : undefined;
        if (!run) return;
        // §5.1: who kept these holders out of the public lookup, when, and on what basis.
        const insert = prepared(db, 'INSERT OR REPLACE INTO audit_exemptions VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
        for (const e of exempt)
          insert.run(
            e.diplomaId,
            run.print_run_id,
            run.authority_code,
            e.serialLabel,
            e.registerLabel,
            run.exemption_basis,
            actorOf(recorded),
            occurredAt(recorded),
          );
        if (!run.exemption_basis?.trim()) {
          detect({
            key: `F13:exempt-without-basis:${run.print_run_id}`,
            pattern: 'F13',
            severity: 'high',
            authorityCode: run.authority_code,
            subject: `đợt in ${run.print_run_id}`,
            summaryVi: `Đợt in ${run.print_run_id}: ${exempt.length} văn bằng không công khai tra cứu mà không ghi căn cứ.`,
            summaryEn: `Print run ${run.print_run_id}: ${exempt.length} diplomas kept out of the public lookup with no basis recorded.`,
            facts: { printRunId: run.print_run_id, diplomas: exempt.map((e) => e.serialLabel).slice(0, 200), setBy: actorOf(recorded) },
            links: [`/api/v1/authorities/${run.authority_code}/public-listing-exemptions`],
          });
        }
        return;
      }
      case 'PrintRunPrinted': {
        prepared(db, 'UPDATE audit_runs SET printed = ? WHERE print_run_id = ?').run(event.data.count, event.data.printRunId);
        const run = runById(db, event.data.printRunId);
        if (run) {
          bumpOfficer(db, recorded, run, 0, event.data.count);
          if (event.data.count > run.planned) overPrinted(run, event.data.count, 'printed');
        }
        return;
      }
      case 'PrintRunClosed': {
        const run = runById(db, event.data.printRunId);
        if (run && event.data.bound > run.planned) overPrinted(run, event.data.bound, 'bound');
        return;
      }
      case 'PrintRunItemReprinted': {
        prepared(db, 'UPDATE audit_runs SET reprints = reprints + 1 WHERE print_run_id = ?').run(event.data.printRunId);
        const run = runById(db, event.data.printRunId);
        if (!run) return;
        if (run.reprints >= MISPRINT_LIMITS.minimumReprints && run.reprints > MISPRINT_LIMITS.rate * run.planned) {
          detect({
            key: `F11:misprints:${run.print_run_id}`,
            pattern: 'F11',
            severity: 'medium',
            authorityCode: run.authority_code,
            subject: `đợt in ${run.print_run_id}`,
            summaryVi: `Đợt in ${run.print_run_id}: ${run.reprints} phôi in hỏng trên ${run.planned} văn bằng (${percent(run.reprints, run.planned)}), vượt mức ${percent(MISPRINT_LIMITS.rate, 1)}.`,
            summaryEn: `Print run ${run.print_run_id}: ${run.reprints} misprinted blanks for ${run.planned} diplomas (${percent(run.reprints, run.planned)}), above ${percent(MISPRINT_LIMITS.rate, 1)}.`,
            facts: { printRunId: run.print_run_id, reprints: run.reprints, planned: run.planned, limit: MISPRINT_LIMITS.rate },
            links: [`/api/v1/authorities/${run.authority_code}/print-runs/${run.print_run_id}`],
          });
        }
        const officer = bumpOfficer(db, recorded, run, 1, 0);
        if (
          officer &&
          officer.reprints >= MISPRINT_LIMITS.minimumReprints &&
          officer.reprints > MISPRINT_LIMITS.rate * Math.max(officer.printed, 1)
        ) {
          detect({
            key: `F11:officer-misprints:${officer.officer_id}:${run.authority_code}:${officer.year}`,
            pattern: 'F11',
            severity: 'medium',
            authorityCode: run.authority_code,
            subject: `cán bộ ${officer.officer_id}`,
            summaryVi: `Cán bộ ${officer.officer_id} ghi ${officer.reprints} phôi in hỏng năm ${officer.year} trên ${officer.printed} văn bằng đã in (${percent(officer.reprints, Math.max(officer.printed, 1))}).`,
            summaryEn: `Officer ${officer.officer_id} recorded ${officer.reprints} misprints in ${officer.year} for ${officer.printed} diplomas printed (${percent(officer.reprints, Math.max(officer.printed, 1))}).`,
            facts: {
              officerId: officer.officer_id,
              year: officer.year,
              reprints: officer.reprints,
              printed: officer.printed,
              lastPrintRunId: run.print_run_id,
            },
            links: [],
          });
        }
        return;
      }
      case 'PrintRunSigned': {
        const d = event.data;
        prepared(db, 'UPDATE audit_runs SET signer_id = ?, issue_date = ? WHERE print_run_id = ?').run(
          d.signerId,
          d.issueDate,
          d.printRunId,
        );
        const run = runById(db, d.printRunId);
        if (!run) return;
        if (d.issueDate < run.decision_date) {
          detect({
            key: `F6:issued-before-decision:${run.print_run_id}`,
            pattern: 'F6',
            severity: 'high',
            authorityCode: run.authority_code,
            subject: `đợt in ${run.print_run_id}`,
            summaryVi: `Đợt in ${run.print_run_id}: ngày cấp ${d.issueDate} trước ngày quyết định công nhận tốt nghiệp ${run.decision_number} (${run.decision_date}).`,
            summaryEn: `Print run ${run.print_run_id}: issue date ${d.issueDate} is before graduation decision ${run.decision_number} (${run.decision_date}).`,
            facts: {
              printRunId: run.print_run_id,
              issueDate: d.issueDate,
              decisionNumber: run.decision_number,
              decisionDate: run.decision_date,
            },
            links: [`/api/v1/authorities/${run.authority_code}/print-runs/${run.print_run_id}`],
          });
        }
        const signer = signerById(db, d.signerId);
        const problem = !signer
          ? ['không có trong danh sách người ký', 'not in the signer registry']
          : signer.authority_code !== run.authority_code
            ? [`là người ký của ${signer.authority_code}`, `signs for ${signer.authority_code}`]
            : d.issueDate < signer.valid_from || (signer.valid_to !== null && d.issueDate > signer.valid_to)
              ? [
                  `ngoài nhiệm kỳ ${signer.valid_from}–${signer.valid_to ?? '…'}`,
                  `outside the mandate ${signer.valid_from}–${signer.valid_to ?? '…'}`,
                ]
              : signer.role === 'deputy_in_charge' && !d.delegationRef && !signer.delegation_ref
                ? [
                    'là cấp phó phụ trách nhưng không có quyết định giao nhiệm vụ (rule 6)',
                    'is a deputy in charge without an assignment decision (rule 6)',
                  ]
                : undefined;
        if (problem) detect(signerProblem(run, signer ?? null, problem[0]!, problem[1]!, d.signerName));
        return;
      }
    }

    function overPrinted(run: RunRow, count: number, what: 'printed' | 'bound'): void {
      detect({
        key: `F11:over-printed:${run.print_run_id}`,
        pattern: 'F11',
        severity: 'critical',
        authorityCode: run.authority_code,
        subject: `đợt in ${run.print_run_id}`,
        summaryVi: `Đợt in ${run.print_run_id}: ${what === 'printed' ? 'in' : 'gắn phôi cho'} ${count} văn bằng, nhiều hơn ${run.planned} người được công nhận trong đợt (in thừa).`,
        summaryEn: `Print run ${run.print_run_id}: ${count} diplomas ${what}, more than the ${run.planned} approved entries (over-printing).`,
        facts: { printRunId: run.print_run_id, [what]: count, approvedEntries: run.planned, decisionNumber: run.decision_number },
        links: [`/api/v1/authorities/${run.authority_code}/print-runs/${run.print_run_id}`],
      });
    }
  },
};

function signerProblem(
  run: RunRow,
  signer: SignerRow | null,
  vi: string,
  en: string,
  name?: string,
): Omit<Detection, 'seenAt' | 'policeReferral'> {
  const who = signer?.full_name ?? name ?? run.signer_id ?? '?';
  return {
    key: `F9:signer:${run.print_run_id}`,
    pattern: 'F9',
    severity: 'critical',
    authorityCode: run.authority_code,
    subject: `đợt in ${run.print_run_id}`,
    summaryVi: `Đợt in ${run.print_run_id} ký ngày ${run.issue_date}: người ký ${who} ${vi}.`,
    summaryEn: `Print run ${run.print_run_id} signed on ${run.issue_date}: signer ${who} ${en}.`,
    facts: {
      printRunId: run.print_run_id,
      signerId: run.signer_id,
      signerName: who,
      issueDate: run.issue_date,
      mandateFrom: signer?.valid_from ?? null,
      mandateTo: signer?.valid_to ?? null,
    },
    links: [`/api/v1/authorities/${run.authority_code}/print-runs/${run.print_run_id}`],
  };
}

function runById(db: Database, id: string): RunRow | undefined {
  return prepared<[string], RunRow>(db, 'SELECT * FROM audit_runs WHERE print_run_id = ?').get(id);
}

function signerById(db: Database, id: string): SignerRow | undefined {
  return prepared<[string], SignerRow>(db, 'SELECT * FROM audit_signers WHERE signer_id = ?').get(id);
}

function bumpOfficer(db: Database, recorded: RecordedEvent, run: RunRow, reprints: number, printed: number) {
  const officer = actorOf(recorded);
  if (!officer) return undefined;
  const year = Number(occurredAt(recorded).slice(0, 4));
  prepared(
    db,
    'INSERT INTO audit_officer_reprints VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET reprints = reprints + excluded.reprints, printed = printed + excluded.printed',
  ).run(officer, run.authority_code, year, reprints, printed);
  return prepared<[string, string, number], { officer_id: string; year: number; reprints: number; printed: number }>(
    db,
    'SELECT * FROM audit_officer_reprints WHERE officer_id = ? AND authority_code = ? AND year = ?',
  ).get(officer, run.authority_code, year);
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1).replace('.', ',')}%`;

export interface ExemptionRecord {
  readonly diplomaId: string;
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly serial: string;
  readonly registerNumber: string;
  readonly basis: string | null;
  readonly setBy: string | null;
  readonly setAt: string;
}

/** The exempt-listing audit (§5.1, §6): every diploma kept out of the public lookup, who decided it, when, why. */
export function publicListingExemptions(db: Database, authorityCodes: readonly string[]): ExemptionRecord[] {
  return db
    .prepare<[string], ExemptionRecord>(
      `SELECT diploma_id AS diplomaId, print_run_id AS printRunId, authority_code AS authorityCode, serial_label AS serial, register_label AS registerNumber, basis, set_by AS setBy, set_at AS setAt
       FROM audit_exemptions WHERE authority_code IN (SELECT value FROM json_each(?)) ORDER BY set_at, diploma_id`,
    )
    .all(JSON.stringify(authorityCodes));
}
