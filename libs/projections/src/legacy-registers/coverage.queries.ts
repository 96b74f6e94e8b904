import type { Database } from 'better-sqlite3';
import { prepared } from '../prepared-statements';

/** Per authority, kind and year: what the registry holds (issue 14 §7). */
export interface CoverageRow {
  readonly authorityCode: string;
  readonly kind: string;
  readonly year: number;
  /** Diplomas issued through the registry itself. */
  readonly issued: number;
  /** Lines of paper books digitised and checked against their scans. */
  readonly digitisedChecked: number;
  /** Lines typed but not yet checked (or disputed): not yet part of the register. */
  readonly digitisedUnchecked: number;
  /** Registered paper books of that year, whatever their progress. */
  readonly books: number;
}

/** Every authority, kind and year the registry knows of; a year absent here is not digitised at all. */
export function coverageRows(db: Database, authorityCodes?: readonly string[]): CoverageRow[] {
  const rows = prepared<
    [],
    { authority_code: string; kind: string; year: number; issued: number; checked: number; unchecked: number; books: number }
  >(
    db,
    `SELECT authority_code, kind, year, SUM(issued) AS issued, SUM(checked) AS checked, SUM(unchecked) AS unchecked, SUM(books) AS books FROM (
       SELECT authority_code, kind, register_year AS year, COUNT(*) AS issued, 0 AS checked, 0 AS unchecked, 0 AS books
         FROM register_entries WHERE state NOT IN ('entered', 'printed') GROUP BY authority_code, kind, register_year
       UNION ALL
       SELECT b.authority_code, b.kind, b.year, 0, SUM(e.status = 'checked'), SUM(e.status <> 'checked'), 0
         FROM legacy_entries e JOIN legacy_books b ON b.book_id = e.book_id GROUP BY b.authority_code, b.kind, b.year
       UNION ALL
       SELECT authority_code, kind, year, 0, 0, 0, COUNT(*) FROM legacy_books GROUP BY authority_code, kind, year
     ) GROUP BY authority_code, kind, year ORDER BY authority_code, kind, year`,
  ).all();
  return rows
    .filter((r) => !authorityCodes || authorityCodes.includes(r.authority_code))
    .map((r) => ({
      authorityCode: r.authority_code,
      kind: r.kind,
      year: r.year,
      issued: r.issued,
      digitisedChecked: r.checked,
      digitisedUnchecked: r.unchecked,
      books: r.books,
    }));
}

/** A year counts as held when its diplomas were issued here, or its books are digitised and all checked. */
export function isYearHeld(row: CoverageRow): boolean {
  return row.issued > 0 || (row.digitisedChecked > 0 && row.digitisedUnchecked === 0);
}

/** 1995, 1996, 1997, 2003 → "1995–1997, 2003". */
export function yearRanges(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j;
  }
  return parts.join(', ');
}

export interface CoverageStatement {
  readonly vi: string;
  readonly en: string;
}

const cache = new WeakMap<Database, { at: number; statement: CoverageStatement }>();

/**
 * What the portal says under "not found": which issuers' diplomas of which years this registry holds,
 * and that other years are not digitised yet and are for the issuer to answer. It is computed from the
 * registry's coverage only, never from the visitor's query, so it cannot tell anything about a person.
 * Recomputed at most every 30 s: a busy portal answers many not-founds.
 */
export function coverageStatement(db: Database, now = Date.now()): CoverageStatement {
  const cached = cache.get(db);
  if (cached && now - cached.at < 30_000) return cached.statement;
  const held = new Map<string, number[]>();
  for (const row of coverageRows(db)) {
    if (!isYearHeld(row)) continue;
    const key = `${row.authorityCode}\u0000${row.kind}`;
    held.set(key, [...(held.get(key) ?? []), row.year]);
  }
  const nameOf = (code: string) =>
    prepared<[string], { name: string }>(
      db,
      'SELECT name FROM public_lookup_authority_names WHERE code = ? ORDER BY from_date DESC LIMIT 1',
    ).get(code)?.name ?? code;
  const parts = [...held].map(([key, years]) => {
    const [code, kind] = key.split('\u0000') as [string, string];
    return {
      vi: `văn bằng ${kind} của ${nameOf(code)} năm ${yearRanges(years)}`,
      en: `${kind} diplomas of ${nameOf(code)} for ${yearRanges(years)}`,
    };
  });
  const statement: CoverageStatement =
    parts.length === 0
      ? {
          vi: 'Hệ thống chưa có dữ liệu văn bằng nào; hãy hỏi cơ quan đã cấp văn bằng.',
          en: 'This registry holds no diplomas yet; ask the issuing authority.',
        }
      : {
          vi: `Hệ thống này giữ ${parts.map((p) => p.vi).join('; ')}. Văn bằng của các năm khác chưa được số hóa: hãy hỏi cơ quan đã cấp văn bằng.`,
          en: `This registry holds ${parts.map((p) => p.en).join('; ')}. Other years are not yet digitised: ask the issuing authority.`,
        };
  cache.set(db, { at: now, statement });
  return statement;
}
