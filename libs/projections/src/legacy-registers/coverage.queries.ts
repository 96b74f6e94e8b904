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

/** Every authority, kind and year the registry knows of; a year absent here is not digitised at all. Read from the coverage projection. */
export function coverageRows(db: Database, authorityCodes?: readonly string[]): CoverageRow[] {
  const rows = prepared<
    [],
    { authority_code: string; kind: string; year: number; issued: number; checked: number; unchecked: number; books: number }
  >(
    db,
    `SELECT authority_code, kind, year, SUM(issued) AS issued, SUM(checked) AS checked, SUM(unchecked) AS unchecked, SUM(books) AS books FROM (
       SELECT authority_code, kind, year, issued, 0 AS checked, 0 AS unchecked, 0 AS books FROM coverage_issued
       UNION ALL
       SELECT authority_code, kind, year, 0, lines_checked, lines_typed - lines_checked, 1 FROM coverage_books
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

/**
 * How far one paper book is digitised, as the public may know it:
 * - complete: every page has a checked line and no typed line waits for its check;
 * - partial: some lines are typed or checked, but not all pages, or some lines wait for a check;
 * - not_started: the book is registered, nothing typed yet.
 */
export type BookDigitisation = 'complete' | 'partial' | 'not_started';

export interface CoverageBook {
  readonly volume: number;
  readonly title: string;
  readonly pageCount: number;
  readonly pagesChecked: number;
  readonly linesChecked: number;
  readonly linesUnchecked: number;
  readonly digitisation: BookDigitisation;
  /** Who holds the paper book today: the custodian on the book, then whoever received it by a recorded hand-over. */
  readonly holder: { readonly code: string; readonly name: string };
}

export interface IssuerYearCoverage {
  readonly authority: { readonly code: string; readonly name: string };
  readonly year: number;
  /** Per kind held for that issuer and year: diplomas issued here and the paper books, by volume. */
  readonly kinds: readonly { readonly kind: string; readonly issued: number; readonly books: readonly CoverageBook[] }[];
}

/** The authority's current public name, or its code when the directory does not know it. */
function authorityName(db: Database, code: string): string {
  return (
    prepared<[string], { name: string }>(
      db,
      'SELECT name FROM public_lookup_authority_names WHERE code = ? ORDER BY from_date DESC LIMIT 1',
    ).get(code)?.name ?? code
  );
}

/** Follows recorded hand-overs of that kind from the custodian (at most 10 links), as of `today`. */
function holderOf(db: Database, custodian: string, kind: string, today: string): string {
  let holder = custodian;
  for (let hops = 0; hops < 10; hops++) {
    const next = prepared<[string, string, string], { to_code: string }>(
      db,
      'SELECT to_code FROM coverage_hand_overs WHERE from_code = ? AND kind = ? AND effective_on <= ? ORDER BY effective_on DESC LIMIT 1',
    ).get(holder, kind, today);
    if (!next || next.to_code === holder) break;
    holder = next.to_code;
  }
  return holder;
}

/**
 * What the registry holds for one issuer and one year (issue 14 §7), from the coverage projection:
 * nothing in it depends on who was looked up, so it can be shown under any "not found".
 */
export function coverageForIssuerYear(db: Database, authorityCode: string, year: number, today: string): IssuerYearCoverage {
  const issued = prepared<[string, number], { kind: string; issued: number }>(
    db,
    'SELECT kind, issued FROM coverage_issued WHERE authority_code = ? AND year = ? ORDER BY kind',
  ).all(authorityCode, year);
  const books = prepared<
    [string, number],
    {
      kind: string;
      volume: number;
      title: string;
      page_count: number;
      custodian_code: string;
      lines_typed: number;
      lines_checked: number;
      pages_checked: number;
    }
  >(
    db,
    `SELECT kind, volume, title, page_count, custodian_code, lines_typed, lines_checked, pages_checked FROM coverage_books
      WHERE authority_code = ? AND year = ? ORDER BY kind, volume`,
  ).all(authorityCode, year);
  const kinds = [...new Set([...issued.map((r) => r.kind), ...books.map((b) => b.kind)])].sort();
  return {
    authority: { code: authorityCode, name: authorityName(db, authorityCode) },
    year,
    kinds: kinds.map((kind) => ({
      kind,
      issued: issued.find((r) => r.kind === kind)?.issued ?? 0,
      books: books
        .filter((b) => b.kind === kind)
        .map((b) => {
          const unchecked = b.lines_typed - b.lines_checked;
          const holder = holderOf(db, b.custodian_code, kind, today);
          return {
            volume: b.volume,
            title: b.title,
            pageCount: b.page_count,
            pagesChecked: b.pages_checked,
            linesChecked: b.lines_checked,
            linesUnchecked: unchecked,
            digitisation: b.lines_typed === 0 ? 'not_started' : b.pages_checked >= b.page_count && unchecked === 0 ? 'complete' : 'partial',
            holder: { code: holder, name: authorityName(db, holder) },
          };
        }),
    })),
  };
}

/**
 * The portal's words under "not found" for the issuer and year the visitor named: per kind, whether the
 * registry issued that year's diplomas itself, and each paper book: fully digitised (then "not found"
 * means not in the book), partly digitised, or not yet, and who holds the paper book to ask.
 */
export function issuerYearStatement(coverage: IssuerYearCoverage): CoverageStatement {
  const { authority, year } = coverage;
  const vi: string[] = [];
  const en: string[] = [];
  if (coverage.kinds.length === 0) {
    vi.push(
      `Hệ thống chưa có dữ liệu văn bằng năm ${year} của ${authority.name}: sổ gốc năm đó chưa được số hóa. Kết quả "không tìm thấy" không có nghĩa là văn bằng giả; hãy hỏi ${authority.name} hoặc đơn vị đang giữ sổ gốc.`,
    );
    en.push(
      `This registry holds no diplomas of ${authority.name} for ${year}: that year's registers are not yet digitised. "Not found" does not mean the diploma is false; ask ${authority.name} or whoever holds the register.`,
    );
    return { vi: vi.join(' '), en: en.join(' ') };
  }
  for (const { kind, issued, books } of coverage.kinds) {
    if (issued > 0) {
      vi.push(`Văn bằng ${kind} năm ${year} của ${authority.name} được cấp qua hệ thống này: có trong sổ gốc điện tử.`);
      en.push(`${kind} diplomas of ${authority.name} for ${year} were issued through this registry: they are in its register.`);
    }
    for (const book of books) {
      const vol = `Sổ gốc ${kind} năm ${year}, tập ${book.volume}`;
      const volEn = `The ${kind} register of ${year}, volume ${book.volume}`;
      const held = `sổ giấy do ${book.holder.name} giữ`;
      const heldEn = `the paper book is held by ${book.holder.name}`;
      if (book.digitisation === 'complete') {
        vi.push(
          `${vol}: đã số hóa và kiểm tra toàn bộ ${book.pageCount} trang; văn bằng không tìm thấy thì không có trong sổ này (${held}).`,
        );
        en.push(`${volEn}: fully digitised and checked, all ${book.pageCount} pages; a diploma not found is not in this book (${heldEn}).`);
      } else if (book.digitisation === 'partial') {
        vi.push(
          `${vol}: mới số hóa một phần (${book.pagesChecked}/${book.pageCount} trang đã kiểm tra); không tìm thấy chưa chắc là văn bằng giả, hãy hỏi ${book.holder.name}, đơn vị đang giữ sổ giấy.`,
        );
        en.push(
          `${volEn}: partly digitised (${book.pagesChecked} of ${book.pageCount} pages checked); "not found" may mean not yet digitised: ask ${book.holder.name}, who holds the paper book.`,
        );
      } else {
        vi.push(`${vol}: chưa được số hóa; hãy hỏi ${book.holder.name}, đơn vị đang giữ sổ giấy.`);
        en.push(`${volEn}: not yet digitised; ask ${book.holder.name}, who holds the paper book.`);
      }
    }
  }
  return { vi: vi.join(' '), en: en.join(' ') };
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
  const nameOf = (code: string) => authorityName(db, code);
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
