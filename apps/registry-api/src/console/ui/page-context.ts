import { randomUUID } from 'node:crypto';
import type { OfficerRecord } from '@so-goc/domain';
import type { Lang, Words } from './html';

/** What every page needs to render: language, the form token, who is signed in and for which authority. */
export interface PageContext {
  readonly lang: Lang;
  readonly csrf: string;
  /** The path without query, for the language switch and the current nav item. */
  readonly path: string;
  readonly officer?: OfficerRecord;
  readonly actingRole?: string;
  readonly authorityCode?: string;
}

export function say(lang: Lang, words: Words): string {
  return words[lang];
}

/** A fresh command id in each form: a double click or a resent form records nothing twice. */
export function newCommandId(): string {
  return randomUUID();
}
