import { searchKey } from './vietnamese-names';

/**
 * The 54 ethnic groups of the official list (Quyết định 121-TCTK/PPCĐ, 1979; spellings as the General
 * Statistics Office and the Committee for Ethnic Minority Affairs write them today), in order of
 * population. The diploma prints the group (docs/domain.md §4.7), so the register stores one canonical
 * spelling; the public never sees it (§5.1: ethnicity is sensitive personal data).
 */
export const ETHNIC_GROUPS = [
  'Kinh',
  'Tày',
  'Thái',
  'Mường',
  'Khmer',
  'Hoa',
  'Nùng',
  "H'Mông",
  'Dao',
  'Gia Rai',
  'Ê Đê',
  'Ba Na',
  'Xơ Đăng',
  'Sán Chay',
  'Cơ Ho',
  'Chăm',
  'Sán Dìu',
  'Hrê',
  'Ra Glai',
  'Mnông',
  'Thổ',
  'Stiêng',
  'Khơ mú',
  'Bru-Vân Kiều',
  'Cơ Tu',
  'Giáy',
  'Tà Ôi',
  'Mạ',
  'Giẻ Triêng',
  'Co',
  'Chơ Ro',
  'Xinh Mun',
  'Hà Nhì',
  'Chu Ru',
  'Lào',
  'Kháng',
  'La Chí',
  'Phù Lá',
  'La Hủ',
  'La Ha',
  'Pà Thẻn',
  'Chứt',
  'Lự',
  'Lô Lô',
  'Mảng',
  'Cờ Lao',
  'Bố Y',
  'Cống',
  'Ngái',
  'Si La',
  'Pu Péo',
  'Rơ Măm',
  'Brâu',
  'Ơ Đu',
] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

/**
 * Other names officers write for a group. Spellings that differ from the canonical one only by
 * diacritics, case, spaces, hyphens or apostrophes (Ê-đê, Gia-rai, M'Nông, Gié Triêng, Cơ Lao) need no
 * entry: they share its key. "Mèo", an old exonym for the H'Mông now considered derogatory, is left out
 * on purpose: the officer is asked to write the group's own name.
 */
const VARIANTS: Readonly<Partial<Record<EthnicGroup, readonly string[]>>> = {
  Kinh: ['Việt', 'Kinh (Việt)'],
  Khmer: ['Khơ Me', 'Khơ-me', 'Khơme'],
  Hoa: ['Hoa (Hán)'],
  "H'Mông": ['Mông', 'Hmông', 'HMông'],
  'Gia Rai': ['Jrai', 'Jarai'],
  'Ba Na': ['Bahnar'],
  'Xơ Đăng': ['Xê Đăng', 'Sedang'],
  'Cơ Ho': ["K'Ho", 'Kơ Ho'],
  'Sán Chay': ['Cao Lan', 'Cao Lan - Sán Chỉ'],
  Stiêng: ['Xtiêng', 'Xa Điêng'],
  'Khơ mú': ['Khmu', 'Kmhmu'],
  'Bru-Vân Kiều': ['Vân Kiều', 'Bru'],
  'Cơ Tu': ['Katu', 'Ca Tu'],
  'Chơ Ro': ['Châu Ro'],
  'Chu Ru': ['Churu'],
};

function ethnicityKey(text: string): string {
  return searchKey(text).replace(/[^a-z0-9]/g, '');
}

const SPELLINGS: readonly (readonly [key: string, group: EthnicGroup])[] = ETHNIC_GROUPS.flatMap((group) =>
  [group, ...(VARIANTS[group] ?? [])].map((name) => [ethnicityKey(name), group] as const),
);
const BY_KEY: ReadonlyMap<string, EthnicGroup> = new Map(SPELLINGS);

/** The canonical group for what an officer wrote, or undefined when it is none of the 54. */
export function canonicalEthnicity(text: string): EthnicGroup | undefined {
  return BY_KEY.get(ethnicityKey(text));
}

/** Every accepted spelling's key, so a test can prove no two groups collide once diacritics are stripped. */
export function ethnicityKeys(): readonly (readonly [key: string, group: EthnicGroup])[] {
  return SPELLINGS;
}
