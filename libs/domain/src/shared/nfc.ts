import { DomainError } from './errors';

/**
 * Vietnamese text arrives decomposed (NFD) from some systems and composed (NFC) from others; the same
 * name must compare equal and be stored once. Every entry point passes its input through here.
 */
export function normalizeNfcDeep<T>(value: T): T {
  return normalize(value, 0) as T;
}

/**
 * No request, list or document of ours nests deeper than a handful of levels; JSON nested thousands deep
 * is an attack on every recursive walk after this one (issue 16: a stack overflow on every write route).
 */
export const MAX_INPUT_DEPTH = 32;

export const inputTooDeep = (): DomainError =>
  new DomainError({
    code: 'INPUT_TOO_DEEP',
    kind: 'invalid_input',
    messageVi: `Dữ liệu gửi lên lồng nhau quá ${MAX_INPUT_DEPTH} tầng.`,
    messageEn: `The input is nested more than ${MAX_INPUT_DEPTH} levels deep.`,
  });

function normalize(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (value === null || typeof value !== 'object') return value;
  const array = Array.isArray(value);
  if (!array && !isPlainObject(value)) return value;
  if (depth >= MAX_INPUT_DEPTH) throw inputTooDeep();
  if (array) return value.map((inner) => normalize(inner, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key.normalize('NFC')] = normalize(inner, depth + 1);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
