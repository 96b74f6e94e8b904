import type { DiplomaKind } from '../regimes/legal-regimes';
import { searchKey } from '../graduates/vietnamese-names';

/**
 * What old books and typists call the two kinds. Before 1993 lower secondary was "phổ thông cơ sở"
 * (PTCS) and upper secondary "phổ thông trung học" (PTTH); the bổ túc (continuing education) books are
 * the same kinds of diploma, issued to adult learners. The cover's own wording is kept on the book.
 */
const KIND_BY_KEY: ReadonlyMap<string, DiplomaKind> = new Map(
  (
    [
      ['THCS', 'THCS'],
      ['trung học cơ sở', 'THCS'],
      ['tốt nghiệp trung học cơ sở', 'THCS'],
      ['PTCS', 'THCS'],
      ['phổ thông cơ sở', 'THCS'],
      ['tốt nghiệp phổ thông cơ sở', 'THCS'],
      ['bổ túc THCS', 'THCS'],
      ['bổ túc trung học cơ sở', 'THCS'],
      ['THPT', 'THPT'],
      ['trung học phổ thông', 'THPT'],
      ['tốt nghiệp trung học phổ thông', 'THPT'],
      ['PTTH', 'THPT'],
      ['phổ thông trung học', 'THPT'],
      ['tốt nghiệp phổ thông trung học', 'THPT'],
      ['bổ túc THPT', 'THPT'],
      ['bổ túc trung học phổ thông', 'THPT'],
      ['BTTHPT', 'THPT'],
      ['bổ túc văn hóa', 'THPT'],
    ] as const
  ).map(([name, kind]) => [kindKey(name), kind]),
);

function kindKey(text: string): string {
  return searchKey(text.replace(/^(bằng|văn bằng|sổ gốc cấp bằng)\s+/i, '')).replace(/[^a-z0-9]/g, '');
}

export function legacyKindOf(text: string): DiplomaKind | undefined {
  return KIND_BY_KEY.get(kindKey(text.normalize('NFC').trim()));
}
