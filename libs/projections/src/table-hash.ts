import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/**
 * A digest of the tables' contents, independent of insertion order: rows are sorted by every column.
 * Used to show that a rebuilt projection equals the live one.
 */
export function hashTables(db: Database, tables: readonly string[]): string {
  const hash = createHash('sha256');
  for (const table of [...tables].sort()) {
    const columns = db
      .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
      .all(table)
      .map((c) => c.name);
    if (columns.length === 0) throw new Error(`No such table: ${table}`);
    const order = columns.map((_, index) => String(index + 1)).join(', ');
    hash.update(`table ${table} (${columns.join(',')})\n`);
    for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
