import type { Database } from 'better-sqlite3';
import type { AuthorityEvent } from '@so-goc/domain';
import type { RecordedEvent } from '@so-goc/event-store';
import type { Projection } from '../projection';

/** The list of authorities as officers look them up; `revision` lets a client pin its next command. */
export const authoritiesProjection: Projection = {
  name: 'authorities',
  version: 1,
  handles: ['AuthorityRegistered', 'AuthorityRenamed'],
  tables: ['authorities'],
  createTables(db: Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS authorities (
        code          TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        kind          TEXT NOT NULL,
        parent_code   TEXT,
        registered_on TEXT NOT NULL,
        revision      INTEGER NOT NULL
      );
    `);
  },
  apply(db: Database, recorded: RecordedEvent): void {
    const event = { type: recorded.type, data: recorded.data } as AuthorityEvent;
    switch (event.type) {
      case 'AuthorityRegistered':
        db.prepare('INSERT INTO authorities (code, name, kind, parent_code, registered_on, revision) VALUES (?, ?, ?, ?, ?, ?)').run(
          event.data.code,
          event.data.name,
          event.data.kind,
          event.data.parentCode,
          event.data.registeredOn,
          recorded.revision,
        );
        return;
      case 'AuthorityRenamed':
        db.prepare('UPDATE authorities SET name = ?, revision = ? WHERE code = ?').run(event.data.name, recorded.revision, event.data.code);
        return;
    }
  },
};

export interface AuthorityView {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly parentCode: string | null;
  readonly registeredOn: string;
  readonly revision: number;
}

export function findAuthority(db: Database, code: string): AuthorityView | undefined {
  return db
    .prepare<[string], AuthorityView>(
      'SELECT code, name, kind, parent_code AS parentCode, registered_on AS registeredOn, revision FROM authorities WHERE code = ?',
    )
    .get(code);
}
