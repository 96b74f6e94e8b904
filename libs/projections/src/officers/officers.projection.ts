import type { Database } from 'better-sqlite3';
import type { AccessControlEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import type { Projection } from '../projection';

/** Officer accounts and their tokens for administrators. Secret hashes are never copied here. */
export const officersProjection: Projection = {
  name: 'officers',
  version: 1,
  handles: ['OfficerAccountCreated', 'OfficerRolesChanged', 'OfficerAccountDisabled', 'OfficerTokenIssued', 'OfficerTokenRevoked'],
  tables: ['officers', 'officer_tokens'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS officers (
        officer_id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        authority_code TEXT NOT NULL,
        roles TEXT NOT NULL,
        include_subordinates INTEGER NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS officers_by_authority ON officers (authority_code);
      CREATE TABLE IF NOT EXISTS officer_tokens (
        token_id TEXT PRIMARY KEY,
        officer_id TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as AccessControlEvent;
    switch (event.type) {
      case 'OfficerAccountCreated': {
        const d = event.data;
        db.prepare(
          'INSERT INTO officers (officer_id, username, full_name, authority_code, roles, include_subordinates) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(d.officerId, d.username, d.fullName, d.authorityCode, d.roles.join(','), d.includeSubordinates ? 1 : 0);
        return;
      }
      case 'OfficerRolesChanged':
        db.prepare('UPDATE officers SET roles = ?, include_subordinates = ? WHERE officer_id = ?').run(
          event.data.roles.join(','),
          event.data.includeSubordinates ? 1 : 0,
          event.data.officerId,
        );
        return;
      case 'OfficerAccountDisabled':
        db.prepare('UPDATE officers SET disabled = 1 WHERE officer_id = ?').run(event.data.officerId);
        return;
      case 'OfficerTokenIssued':
        db.prepare('INSERT INTO officer_tokens (token_id, officer_id, issued_at, expires_at) VALUES (?, ?, ?, ?)').run(
          event.data.tokenId,
          event.data.officerId,
          (recorded.metadata as { occurredAt?: string }).occurredAt ?? recorded.recordedAt.toISOString(),
          event.data.expiresAt,
        );
        return;
      case 'OfficerTokenRevoked':
        db.prepare('UPDATE officer_tokens SET revoked = 1 WHERE token_id = ?').run(event.data.tokenId);
        return;
    }
  },
};

export interface OfficerView {
  readonly officerId: string;
  readonly username: string;
  readonly fullName: string;
  readonly roles: string[];
  readonly includeSubordinates: boolean;
  readonly disabled: boolean;
  readonly tokens: { tokenId: string; issuedAt: string; expiresAt: string; revoked: boolean }[];
}

export function listOfficers(db: Database, authorityCode: string): OfficerView[] {
  const officers = db
    .prepare<
      [string],
      { officer_id: string; username: string; full_name: string; roles: string; include_subordinates: number; disabled: number }
    >('SELECT * FROM officers WHERE authority_code = ? ORDER BY username')
    .all(authorityCode);
  const tokens = db.prepare<[string], { token_id: string; issued_at: string; expires_at: string; revoked: number }>(
    'SELECT token_id, issued_at, expires_at, revoked FROM officer_tokens WHERE officer_id = ? ORDER BY issued_at',
  );
  return officers.map((o) => ({
    officerId: o.officer_id,
    username: o.username,
    fullName: o.full_name,
    roles: o.roles.split(','),
    includeSubordinates: o.include_subordinates === 1,
    disabled: o.disabled === 1,
    tokens: tokens
      .all(o.officer_id)
      .map((t) => ({ tokenId: t.token_id, issuedAt: t.issued_at, expiresAt: t.expires_at, revoked: t.revoked === 1 })),
  }));
}
