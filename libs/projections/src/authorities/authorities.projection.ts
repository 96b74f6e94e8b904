import type { Database } from 'better-sqlite3';
import { letterheadSuperior, type AuthorityDirectoryEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import type { Projection } from '../projection';

/** Authorities and their signers, as officers look them up. */
export const authoritiesProjection: Projection = {
  name: 'authorities',
  version: 3,
  handles: [
    'AuthorityRegistered',
    'AuthorityGoverningBodySet',
    'AuthorityRenamed',
    'AuthorityMerged',
    'AuthorityAbolished',
    'SignerRegistered',
    'SignerMandateEnded',
  ],
  tables: ['authorities', 'authority_signers'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS authorities (
        code           TEXT PRIMARY KEY,
        name           TEXT NOT NULL,
        kind           TEXT NOT NULL,
        parent_code    TEXT,
        governing_body TEXT,
        registered_on  TEXT NOT NULL,
        ended_how      TEXT,
        ended_on       TEXT,
        successor_code TEXT,
        end_decision   TEXT
      );
      CREATE INDEX IF NOT EXISTS authorities_by_parent ON authorities (parent_code);
      CREATE TABLE IF NOT EXISTS authority_signers (
        signer_id      TEXT PRIMARY KEY,
        authority_code TEXT NOT NULL,
        full_name      TEXT NOT NULL,
        title          TEXT NOT NULL,
        role           TEXT NOT NULL,
        valid_from     TEXT NOT NULL,
        valid_to       TEXT,
        delegation_ref TEXT
      );
      CREATE INDEX IF NOT EXISTS authority_signers_by_authority ON authority_signers (authority_code);
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as AuthorityDirectoryEvent;
    switch (event.type) {
      case 'AuthorityRegistered': {
        const { code, name, kind, parentCode, registeredOn, governingBody } = event.data;
        db.prepare('INSERT INTO authorities (code, name, kind, parent_code, governing_body, registered_on) VALUES (?, ?, ?, ?, ?, ?)').run(
          code,
          name,
          kind,
          parentCode,
          governingBody ?? null,
          registeredOn,
        );
        return;
      }
      case 'AuthorityGoverningBodySet':
        db.prepare('UPDATE authorities SET governing_body = ? WHERE code = ?').run(event.data.governingBody, event.data.code);
        return;
      case 'AuthorityRenamed':
        db.prepare('UPDATE authorities SET name = ? WHERE code = ?').run(event.data.name, event.data.code);
        return;
      case 'AuthorityMerged':
      case 'AuthorityAbolished': {
        const successor = event.type === 'AuthorityMerged' ? event.data.intoCode : event.data.successorCode;
        const how = event.type === 'AuthorityMerged' ? 'merged' : 'abolished';
        db.prepare('UPDATE authorities SET ended_how = ?, ended_on = ?, successor_code = ?, end_decision = ? WHERE code = ?').run(
          how,
          event.data.effectiveOn,
          successor,
          event.data.decisionRef,
          event.data.code,
        );
        return;
      }
      case 'SignerRegistered': {
        const d = event.data;
        db.prepare(
          'INSERT INTO authority_signers (signer_id, authority_code, full_name, title, role, valid_from, valid_to, delegation_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(d.signerId, d.authorityCode, d.fullName, d.title, d.role, d.validFrom, d.validTo, d.delegationRef);
        return;
      }
      case 'SignerMandateEnded':
        db.prepare('UPDATE authority_signers SET valid_to = ? WHERE signer_id = ?').run(event.data.validTo, event.data.signerId);
        return;
    }
  },
};

export interface AuthorityView {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parentCode: string | null;
  readonly governingBody: string | null;
  readonly registeredOn: string;
  readonly end: { how: string; effectiveOn: string; successorCode: string; decisionRef: string } | null;
}

interface AuthorityRow {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  governing_body: string | null;
  registered_on: string;
  ended_how: string | null;
  ended_on: string | null;
  successor_code: string | null;
  end_decision: string | null;
}

const toView = (row: AuthorityRow): AuthorityView => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  parentCode: row.parent_code,
  governingBody: row.governing_body,
  registeredOn: row.registered_on,
  end: row.ended_how
    ? { how: row.ended_how, effectiveOn: row.ended_on!, successorCode: row.successor_code!, decisionRef: row.end_decision! }
    : null,
});

export function findAuthority(db: Database, code: string): AuthorityView | undefined {
  const row = db.prepare<[string], AuthorityRow>('SELECT * FROM authorities WHERE code = ?').get(code);
  return row ? toView(row) : undefined;
}

/** What heads the authority's papers: its name under its governing body (Nghị định 30/2020; issue 17). */
export function letterheadOf(db: Database, code: string): { authorityName: string; superiorName: string | null } {
  const authority = findAuthority(db, code);
  if (!authority) return { authorityName: code, superiorName: null };
  const parent = authority.parentCode ? findAuthority(db, authority.parentCode) : undefined;
  return { authorityName: authority.name, superiorName: letterheadSuperior(authority, parent) };
}

/** Authorities merged into or succeeded by this one: their registers are held here now. */
export function listPredecessors(db: Database, code: string): AuthorityView[] {
  return db
    .prepare<[string], AuthorityRow>('SELECT * FROM authorities WHERE successor_code = ? ORDER BY ended_on, code')
    .all(code)
    .map(toView);
}

export function listSubordinates(db: Database, code: string): AuthorityView[] {
  return db.prepare<[string], AuthorityRow>('SELECT * FROM authorities WHERE parent_code = ? ORDER BY kind, code').all(code).map(toView);
}

export interface SignerView {
  readonly signerId: string;
  readonly fullName: string;
  readonly title: string;
  readonly role: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly delegationRef: string | null;
}

export function listSigners(db: Database, authorityCode: string): SignerView[] {
  return db
    .prepare<[string], SignerView>(
      `SELECT signer_id AS signerId, full_name AS fullName, title, role, valid_from AS validFrom, valid_to AS validTo, delegation_ref AS delegationRef
       FROM authority_signers WHERE authority_code = ? ORDER BY valid_from, signer_id`,
    )
    .all(authorityCode);
}
