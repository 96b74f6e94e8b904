/**
 * Vietnamese text arrives decomposed (NFD) from some systems and composed (NFC) from others; the same
 * name must compare equal and be stored once. Every entry point passes its input through here.
 */
export function normalizeNfcDeep<T>(value: T): T {
  return normalize(value) as T;
}

function normalize(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key.normalize('NFC')] = normalize(inner);
    return out;
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
