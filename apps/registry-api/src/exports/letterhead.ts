import type { Database } from 'better-sqlite3';
import { findAuthority, letterheadOf } from '@so-goc/projections';

/** The dateline's place is the locality in the authority's name: "Sở Giáo dục và Đào tạo Hải Phòng" → "Hải Phòng". */
export function placeOf(authorityName: string): string {
  return authorityName
    .replace(/^.*?(Đào tạo|GDĐT)\s+/u, '')
    .replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+/iu, '')
    .trim();
}

/** What heads a document an authority issues: its name, its superior's, and the dateline's place. */
export function documentHeadingOf(
  db: Database,
  code: string,
): { authorityCode: string; authorityName: string; superiorName: string | null; place: string } {
  return { authorityCode: code, ...letterheadOf(db, code), place: placeOf(findAuthority(db, code)?.name ?? '') };
}
