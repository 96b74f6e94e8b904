import { AUTHORITY_KINDS } from '../authorities/authority';
import { isIsoDate } from '../shared/dates';
import { REGIMES } from '../regimes/legal-regimes';
import { credentialCatalogue, DEFAULT_CREDENTIAL_KINDS, type CredentialCatalogue } from './credential-catalogue';
import { CREDENTIAL_KIND_CODE_PATTERN, type CredentialKindEntry } from './credential-kind';

/**
 * A deployment's own kinds of credential (issue 18: kinds as data), read from a JSON file named by
 * SOGOC_CREDENTIAL_KINDS_FILE and added to the default catalogue. The file is checked whole at start-up: every
 * problem is reported with its path in the file ("kinds[1].fields[2].type: …"), and the system does not start
 * on a file with one. THCS and THPT stay built in: a file adds certificates, recognitions or completion kinds.
 */
export class CredentialKindsFileInvalid extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `The kinds of credential in ${source} are not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
    this.name = 'CredentialKindsFileInvalid';
  }
}

const FILE_FAMILIES = ['certificate', 'recognition', 'completion'] as const;
const FIELD_TYPES = ['text', 'date', 'choice', 'choices', 'score'] as const;
const CONFIDENCES = ['H', 'M', 'L'] as const;
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,31}$/;
const REGIME_CODES: readonly string[] = REGIMES.map((regime) => regime.code);

type Json = unknown;
const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: Json): string => (value === undefined ? 'nothing' : JSON.stringify(value));

class Checker {
  readonly problems: string[] = [];

  fail(path: string, message: string, value?: Json): void {
    this.problems.push(`${path}: ${message}${arguments.length > 2 ? ` (got ${show(value)})` : ''}`);
  }

  text(object: Record<string, Json>, key: string, path: string, max = 500): string {
    const value = object[key];
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
      this.fail(`${path}.${key}`, `must be a non-empty text of at most ${max} characters`, value);
      return '';
    }
    return value.normalize('NFC');
  }

  flag(object: Record<string, Json>, key: string, path: string): boolean {
    const value = object[key];
    if (typeof value !== 'boolean') this.fail(`${path}.${key}`, 'must be true or false', value);
    return value === true;
  }

  oneOf<T extends string>(object: Record<string, Json>, key: string, path: string, allowed: readonly T[]): T {
    const value = object[key];
    if (typeof value !== 'string' || !allowed.includes(value as T))
      this.fail(`${path}.${key}`, `must be one of ${allowed.join(', ')}`, value);
    return value as T;
  }

  number(object: Record<string, Json>, key: string, path: string, integer = false): number {
    const value = object[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      this.fail(`${path}.${key}`, `must be ${integer ? 'a whole number' : 'a number'}`, value);
      return 0;
    }
    return value;
  }

  date(object: Record<string, Json>, key: string, path: string, nullable: boolean): void {
    const value = object[key];
    if (value === undefined && !nullable) this.fail(`${path}.${key}`, 'must be an ISO date (yyyy-mm-dd)', value);
    else if (value !== undefined && !(nullable && value === null) && !(typeof value === 'string' && isIsoDate(value))) {
      this.fail(`${path}.${key}`, `must be an ISO date (yyyy-mm-dd)${nullable ? ' or null' : ''}`, value);
    }
  }

  list(object: Record<string, Json>, key: string, path: string, minLength = 1): Json[] {
    const value = object[key];
    if (!Array.isArray(value) || value.length < minLength) {
      this.fail(`${path}.${key}`, `must be a list of at least ${minLength}`, value);
      return [];
    }
    return value;
  }

  strings(object: Record<string, Json>, key: string, path: string, allowed?: readonly string[]): void {
    for (const [i, item] of this.list(object, key, path).entries()) {
      if (typeof item !== 'string' || (allowed && !allowed.includes(item))) {
        this.fail(`${path}.${key}[${i}]`, allowed ? `must be one of ${allowed.join(', ')}` : 'must be a text', item);
      }
    }
  }
}

function checkField(c: Checker, field: Json, path: string): string | undefined {
  if (!isObject(field)) {
    c.fail(path, 'must be an object', field);
    return undefined;
  }
  const name = field['name'];
  if (typeof name !== 'string' || !FIELD_NAME.test(name))
    c.fail(`${path}.name`, 'must be a name like "examDate" (letters and digits)', name);
  c.text(field, 'labelVi', path, 120);
  c.text(field, 'labelEn', path, 120);
  c.flag(field, 'required', path);
  c.flag(field, 'public', path);
  const type = c.oneOf(field, 'type', path, FIELD_TYPES);
  if (type === 'text') {
    const max = c.number(field, 'maxLength', path, true);
    if (max < 1 || max > 2000) c.fail(`${path}.maxLength`, 'must be 1–2000', max);
  }
  if (type === 'score') {
    const [min, max, step] = [c.number(field, 'min', path), c.number(field, 'max', path), c.number(field, 'step', path)];
    if (!(min < max)) c.fail(`${path}.max`, `must be above min (${min})`, max);
    if (!(step > 0)) c.fail(`${path}.step`, 'must be above 0', step);
  }
  if (type === 'choice' || type === 'choices') {
    if (type === 'choices' && c.number(field, 'minCount', path, true) < 0)
      c.fail(`${path}.minCount`, 'must be 0 or more', field['minCount']);
    const codes = new Set<string>();
    for (const [i, value] of c.list(field, 'values', path).entries()) {
      const at = `${path}.values[${i}]`;
      if (!isObject(value)) {
        c.fail(at, 'must be an object', value);
        continue;
      }
      const code = c.text(value, 'code', at, 40);
      if (codes.has(code)) c.fail(`${at}.code`, 'is listed twice', code);
      codes.add(code);
      c.text(value, 'vi', at, 200);
      c.text(value, 'en', at, 200);
      if (value['aliases'] !== undefined) c.strings(value, 'aliases', at);
      if (value['validFrom'] !== undefined) c.date(value, 'validFrom', at, false);
      if (value['validTo'] !== undefined) c.date(value, 'validTo', at, false);
      if (value['when'] !== undefined) {
        const when = value['when'];
        if (!isObject(when)) c.fail(`${at}.when`, 'must be { "field": …, "in": [ … ] }', when);
        else {
          c.text(when, 'field', `${at}.when`, 40);
          c.strings(when, 'in', `${at}.when`);
        }
      }
    }
  }
  return typeof name === 'string' ? name : undefined;
}

function checkEntry(c: Checker, entry: Json, path: string): void {
  if (!isObject(entry)) {
    c.fail(path, 'must be an object', entry);
    return;
  }
  const code = entry['code'];
  if (typeof code !== 'string' || !CREDENTIAL_KIND_CODE_PATTERN.test(code)) {
    c.fail(`${path}.code`, 'must be capitals, digits and hyphens, starting with a capital (e.g. "CC-CNTT-NC")', code);
  }
  c.oneOf(entry, 'family', path, FILE_FAMILIES);
  for (const key of ['nameVi', 'nameEn', 'inWordsVi', 'inWordsEn', 'legalBasis']) c.text(entry, key, path);
  const names = new Set<string>();
  for (const [i, field] of c.list(entry, 'fields', path).entries()) {
    const name = checkField(c, field, `${path}.fields[${i}]`);
    if (name !== undefined && names.has(name)) c.fail(`${path}.fields[${i}].name`, 'is listed twice', name);
    if (name !== undefined) names.add(name);
  }
  for (const key of ['inWordsVi', 'inWordsEn']) {
    const pattern = entry[key];
    if (typeof pattern !== 'string') continue;
    for (const [, name] of pattern.matchAll(/\{([a-zA-Z]+)\}/g)) {
      if (name !== undefined && !names.has(name)) c.fail(`${path}.${key}`, `names {${name}}, which is not one of the fields`, pattern);
    }
  }
  for (const [i, rule] of c.list(entry, 'issuers', path).entries()) {
    const at = `${path}.issuers[${i}]`;
    if (!isObject(rule)) {
      c.fail(at, 'must be an object', rule);
      continue;
    }
    c.strings(rule, 'regimes', at, REGIME_CODES);
    c.strings(rule, 'authorityKinds', at, AUTHORITY_KINDS);
    c.flag(rule, 'licenceRequired', at);
    c.text(rule, 'legalBasis', at);
    c.oneOf(rule, 'confidence', at, CONFIDENCES);
    if (rule['limits'] !== undefined) {
      const limits = rule['limits'];
      if (!isObject(limits)) c.fail(`${at}.limits`, 'must be { "field": ["value", …] }', limits);
      else for (const key of Object.keys(limits)) c.strings(limits, key, `${at}.limits`);
    }
  }
  if (entry['issuerUnconfirmed'] !== undefined) {
    const note = entry['issuerUnconfirmed'];
    if (!isObject(note)) c.fail(`${path}.issuerUnconfirmed`, 'must be { "noteVi": …, "noteEn": … }', note);
    else {
      c.text(note, 'noteVi', `${path}.issuerUnconfirmed`);
      c.text(note, 'noteEn', `${path}.issuerUnconfirmed`);
    }
  }
  const blankKind = entry['blankKind'];
  if (blankKind !== null && (typeof blankKind !== 'string' || !CREDENTIAL_KIND_CODE_PATTERN.test(blankKind))) {
    c.fail(`${path}.blankKind`, 'must be null (not printed on blanks) or a blank kind code like the kind code', blankKind);
  }
  const register = entry['register'];
  if (!isObject(register)) c.fail(`${path}.register`, 'must be { "titleVi", "titleEn", "numbering": "per-issuer-kind-year" }', register);
  else {
    c.text(register, 'titleVi', `${path}.register`, 200);
    c.text(register, 'titleEn', `${path}.register`, 200);
    c.oneOf(register, 'numbering', `${path}.register`, ['per-issuer-kind-year'] as const);
  }
  for (const [i, template] of c.list(entry, 'templates', path).entries()) {
    const at = `${path}.templates[${i}]`;
    if (!isObject(template)) {
      c.fail(at, 'must be an object', template);
      continue;
    }
    c.text(template, 'version', at, 50);
    c.date(template, 'validFrom', at, false);
    c.date(template, 'validTo', at, true);
    if (template['validTo'] === undefined) c.fail(`${at}.validTo`, 'must be an ISO date or null', undefined);
    c.text(template, 'source', at);
    c.oneOf(template, 'confidence', at, CONFIDENCES);
  }
}

/**
 * The catalogue of a deployment: the default kinds and those of the file's JSON (`{ "kinds": [ … ] }`), or a
 * CredentialKindsFileInvalid listing every problem. `source` names the file in the messages.
 */
export function catalogueWithKindsFile(json: Json, source: string): CredentialCatalogue {
  const c = new Checker();
  const kinds = isObject(json) ? json['kinds'] : undefined;
  if (!Array.isArray(kinds))
    throw new CredentialKindsFileInvalid(source, [`kinds: the file must hold { "kinds": [ … ] } (got ${show(kinds)})`]);
  kinds.forEach((entry, i) => checkEntry(c, entry, `kinds[${i}]`));
  if (c.problems.length > 0) throw new CredentialKindsFileInvalid(source, c.problems);
  try {
    return credentialCatalogue([...DEFAULT_CREDENTIAL_KINDS, ...(kinds as CredentialKindEntry[])]);
  } catch (error) {
    throw new CredentialKindsFileInvalid(source, [error instanceof Error ? error.message : String(error)]);
  }
}
