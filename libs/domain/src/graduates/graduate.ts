import type { DiplomaKind } from '../regimes/legal-regimes';
import type { BirthDate } from './birth-date';
import type { EthnicGroup } from './ethnicities';
import { searchKey } from './vietnamese-names';

export type Sex = 'male' | 'female';
/** Chính quy, or Giáo dục thường xuyên (GDTX); printed on the diploma (docs/domain.md §4.7). */
export type TrainingMode = 'regular' | 'continuing';
/** Stored as printed ("Xếp loại: Khá"). */
export type Classification = 'Giỏi' | 'Khá' | 'Trung bình';

/**
 * One graduate as the decision recognises them (rule 4) and as the register will record them (rule 19,
 * §4.1). Text is NFC with single spaces; ethnicity and nationalId are never public (§5.1).
 */
export interface GraduateRecord {
  readonly fullName: string;
  readonly birthDate: BirthDate;
  readonly birthPlace: string;
  readonly sex: Sex;
  readonly ethnicity: EthnicGroup;
  /** 12 digits, leading zeros kept. */
  readonly nationalId: string;
  readonly school: string;
  readonly className: string | null;
  readonly classification: Classification | null;
  readonly trainingMode: TrainingMode;
}

/**
 * Which classifications a kind's diploma carries. Whether THPT diplomas still print one is open
 * (docs/domain.md Q12), so both kinds accept an empty cell or a known value; if Q12 settles that a kind
 * has none, its list becomes empty and any value is refused with CLASSIFICATION_NOT_ALLOWED.
 */
export const CLASSIFICATIONS_BY_KIND: Readonly<Record<DiplomaKind, readonly Classification[]>> = {
  THCS: ['Giỏi', 'Khá', 'Trung bình'],
  THPT: ['Giỏi', 'Khá', 'Trung bình'],
};

// Keys are searchKey forms, so "Nữ", "nữ", "Nu" and "NỮ" all match. "M"/"F" are refused: an English
// abbreviation in a Vietnamese register is a sign the column was filled from somewhere else.
const SEX_BY_KEY: Readonly<Record<string, Sex>> = { nam: 'male', nu: 'female' };

const TRAINING_MODE_BY_KEY: Readonly<Record<string, TrainingMode>> = {
  'chinh quy': 'regular',
  cq: 'regular',
  'giao duc thuong xuyen': 'continuing',
  gdtx: 'continuing',
  'thuong xuyen': 'continuing',
};

const CLASSIFICATION_BY_KEY: Readonly<Record<string, Classification>> = {
  gioi: 'Giỏi',
  kha: 'Khá',
  'trung binh': 'Trung bình',
  tb: 'Trung bình',
};

export function parseSex(text: string): Sex | undefined {
  return SEX_BY_KEY[searchKey(text)];
}

export function parseTrainingMode(text: string): TrainingMode | undefined {
  return TRAINING_MODE_BY_KEY[searchKey(text)];
}

export function parseClassification(text: string): Classification | undefined {
  return CLASSIFICATION_BY_KEY[searchKey(text)];
}
