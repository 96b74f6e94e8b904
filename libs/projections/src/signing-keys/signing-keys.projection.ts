import type { Database } from 'better-sqlite3';
import type { SigningKeyDirectoryEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import { prepared } from '../prepared-statements';
import type { Projection } from '../projection';

/**
 * The public keys every portal verifies tokens with, from the national signing-key directory: a token
 * signed on any API node verifies on any portal once its key's publication is projected here.
 */
export const signingKeysProjection: Projection = {
  name: 'signing-keys',
  version: 1,
  handles: ['SigningKeyPublished', 'SigningKeyRetired'],
  tables: ['signing_keys'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS signing_keys (
        kid TEXT PRIMARY KEY, authority_code TEXT NOT NULL, x TEXT NOT NULL, created_at TEXT NOT NULL, retired_at TEXT
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as SigningKeyDirectoryEvent;
    if (event.type === 'SigningKeyPublished') {
      const d = event.data;
      // The decider records a key once; OR IGNORE only keeps a replayed batch from failing.
      prepared(db, 'INSERT OR IGNORE INTO signing_keys VALUES (?, ?, ?, ?, NULL)').run(d.kid, d.authorityCode, d.x, d.createdAt);
    } else if (event.type === 'SigningKeyRetired') {
      prepared(db, 'UPDATE signing_keys SET retired_at = ? WHERE kid = ?').run(event.data.retiredAt, event.data.kid);
    }
  },
};

/** As a published key set (JWK members), for the portal's verifier and for /keys. */
export function publishedSigningKeys(db: Database): {
  keys: {
    kid: string;
    authorityCode: string;
    kty: 'OKP';
    crv: 'Ed25519';
    x: string;
    use: 'sig';
    alg: 'EdDSA';
    createdAt: string;
    retiredAt: string | null;
  }[];
} {
  const rows = prepared<[], { kid: string; authority_code: string; x: string; created_at: string; retired_at: string | null }>(
    db,
    'SELECT kid, authority_code, x, created_at, retired_at FROM signing_keys ORDER BY authority_code, created_at',
  ).all();
  return {
    keys: rows.map((row) => ({
      kid: row.kid,
      authorityCode: row.authority_code,
      kty: 'OKP',
      crv: 'Ed25519',
      x: row.x,
      use: 'sig',
      alg: 'EdDSA',
      createdAt: row.created_at,
      retiredAt: row.retired_at,
    })),
  };
}
