import { GRADUATE_FIELD_LABELS, type Sex } from '@so-goc/domain';
import { formatRegisterBirthDate, sexLabel } from '../register-book/register-book-labels';
import type { RegisterAppendixChange, RegisterAppendixRow } from './register-appendix-export';

// Fields are named by the register's own headers (GRADUATE_FIELD_LABELS, of which the holder fields are a
// part); the action is typed against its union so a new one fails to compile until it has a label.
const FIELD_LABELS: Readonly<Record<RegisterAppendixChange['field'], string>> = GRADUATE_FIELD_LABELS;
const ACTION_LABELS: Readonly<Record<RegisterAppendixRow['action'], string>> = { correction: 'Chỉnh sửa', reissue: 'Cấp lại' };

/** Printed for a value the register did not have (a birth place supplemented under ground (c), say). */
export const EMPTY_VALUE = '(trống)';

// Unknown codes print as they are: a raw code on paper is better than a silently dropped fact.
const isSex = (value: string): value is Sex => value === 'male' || value === 'female';
export const appendixFieldLabel = (field: string): string =>
  Object.hasOwn(FIELD_LABELS, field) ? FIELD_LABELS[field as RegisterAppendixChange['field']] : field;
export const appendixActionLabel = (action: string): string =>
  Object.hasOwn(ACTION_LABELS, action) ? ACTION_LABELS[action as RegisterAppendixRow['action']] : action;

/** A value as the register prints it: dates as precisely as known (a malformed one throws), sex as Nam/Nữ. */
function valueText(field: string, value: string): string {
  if (value.trim() === '') return EMPTY_VALUE;
  if (field === 'birthDate') return formatRegisterBirthDate(value);
  if (field === 'sex' && isSex(value)) return sexLabel(value);
  return value;
}

/** "Ngày sinh: 18/09/2006 → 19/09/2006" */
export const changeText = (change: RegisterAppendixChange): string =>
  `${appendixFieldLabel(change.field)}: ${valueText(change.field, change.before)} → ${valueText(change.field, change.after)}`;

/** The changes in the order the decision lists them, "Ngày sinh: … → …; Họ và tên: … → …". */
export const changesText = (changes: readonly RegisterAppendixChange[]): string => changes.map(changeText).join('; ');
