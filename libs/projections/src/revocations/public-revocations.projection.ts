import type { Database } from 'better-sqlite3';
import type { RevocationEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * The public list of revoked diplomas (rule 42, §5.1): what a verifier needs to recognise a revoked
 * paper — serial, register number, issuer, decision and date — and nothing about the holder.
 */
export const publicRevocationsProjection: Projection = {
  name: 'public-revocations',
  version: 1,
  handles: ['DiplomaRevoked', 'DiplomaRevocationPublished'],
  tables: ['public_revocations'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS public_revocations (
        serial_label TEXT PRIMARY KEY, register_label TEXT NOT NULL, issuer_code TEXT NOT NULL, revoked_by TEXT NOT NULL,
        decision_number TEXT NOT NULL, decision_date TEXT NOT NULL, published_on TEXT, diploma_id TEXT NOT NULL UNIQUE
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as RevocationEvent;
    if (event.type === 'DiplomaRevoked') {
      const d = event.data;
      prepared(db, 'INSERT INTO public_revocations VALUES (?, ?, ?, ?, ?, ?, NULL, ?)').run(
        d.serialLabel,
        d.registerLabel,
        d.issuerCode,
        d.authorityCode,
        d.decisionNumber,
        d.decisionDate,
        d.diplomaId,
      );
    } else if (event.type === 'DiplomaRevocationPublished') {
      prepared(db, 'UPDATE public_revocations SET published_on = ? WHERE diploma_id = ?').run(event.data.publishedOn, event.data.diplomaId);
    }
  },
};

export interface PublicRevocation {
  serial: string;
  registerNumber: string;
  issuerCode: string;
  decisionNumber: string;
  decisionDate: string;
  publishedOn: string | null;
}

/** One revocation by serial; the public side never lists them all at once. */
export function publicRevocationOf(db: Database, serial: string): PublicRevocation | undefined {
  const row = prepared<
    [string],
    {
      serial_label: string;
      register_label: string;
      issuer_code: string;
      decision_number: string;
      decision_date: string;
      published_on: string | null;
    }
  >(
    db,
    'SELECT serial_label, register_label, issuer_code, decision_number, decision_date, published_on FROM public_revocations WHERE serial_label = ?',
  ).get(serial.trim().toUpperCase());
  return row
    ? {
        serial: row.serial_label,
        registerNumber: row.register_label,
        issuerCode: row.issuer_code,
        decisionNumber: row.decision_number,
        decisionDate: row.decision_date,
        publishedOn: row.published_on,
      }
    : undefined;
}

/** An authority's own revocations, for its publication page (rule 42: published on the issuer's website). */
export function revocationsPublishedBy(db: Database, authorityCode: string): PublicRevocation[] {
  return prepared<
    [string],
    {
      serial_label: string;
      register_label: string;
      issuer_code: string;
      decision_number: string;
      decision_date: string;
      published_on: string | null;
    }
  >(
    db,
    'SELECT serial_label, register_label, issuer_code, decision_number, decision_date, published_on FROM public_revocations WHERE revoked_by = ? ORDER BY decision_date, serial_label',
  )
    .all(authorityCode)
    .map((row) => ({
      serial: row.serial_label,
      registerNumber: row.register_label,
      issuerCode: row.issuer_code,
      decisionNumber: row.decision_number,
      decisionDate: row.decision_date,
      publishedOn: row.published_on,
    }));
}
