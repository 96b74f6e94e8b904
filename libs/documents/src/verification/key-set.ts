import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AUTHORITY_CODE_PATTERN } from '@so-goc/domain';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url';
import { KID_BYTES } from './payload-codec';

/** One public key as published for verifiers (a JWK, RFC 8037, plus who owns it and when it was in use). */
export interface PublishedKey {
  readonly kid: string;
  readonly authorityCode: string;
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly use: 'sig';
  readonly alg: 'EdDSA';
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

export interface PublishedKeySet {
  readonly keys: readonly PublishedKey[];
}

export interface VerificationKey {
  readonly kid: string;
  readonly authorityCode: string;
  readonly publicKey: KeyObject;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

/** Keys by kid, built once from a published set: building KeyObjects per verification would be wasteful. */
export interface VerificationKeySet {
  readonly keys: ReadonlyMap<string, VerificationKey>;
}

export class InvalidKeySetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid published key set: ${problems.join('; ')}`);
    this.name = 'InvalidKeySetError';
  }
}

const ED25519_PUBLIC_BYTES = 32;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Derived from the key itself, so a kid can never be re-pointed at another key. */
export function keyIdOf(publicKey: KeyObject): string {
  const raw = rawPublicKey(publicKey);
  return encodeBase64Url(createHash('sha256').update(raw).digest().subarray(0, KID_BYTES));
}

/** Only the public half is ever read: a private KeyObject is reduced to its public key first. */
export function publishedKeyOf(key: {
  publicKey: KeyObject;
  authorityCode: string;
  createdAt: string;
  retiredAt: string | null;
}): PublishedKey {
  const publicKey = key.publicKey.type === 'private' ? createPublicKey(key.publicKey) : key.publicKey;
  return {
    kid: keyIdOf(publicKey),
    authorityCode: key.authorityCode,
    kty: 'OKP',
    crv: 'Ed25519',
    x: encodeBase64Url(rawPublicKey(publicKey)),
    use: 'sig',
    alg: 'EdDSA',
    createdAt: key.createdAt,
    retiredAt: key.retiredAt,
  };
}

export function parsePublishedKeySet(json: string): PublishedKeySet {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new InvalidKeySetError([`not JSON (${(error as Error).message})`]);
  }
  return validatePublishedKeySet(value);
}

/**
 * Everything a verifier trusts comes from here, so an entry is refused rather than skipped: a silently
 * dropped key would turn genuine diplomas into "forged" ones without anyone noticing why.
 */
export function validatePublishedKeySet(value: unknown): PublishedKeySet {
  if (!isRecord(value) || !Array.isArray(value.keys)) throw new InvalidKeySetError(['expected an object with a "keys" array']);
  const problems: string[] = [];
  const keys: PublishedKey[] = [];
  value.keys.forEach((entry: unknown, index) => {
    const key = validateEntry(entry, `keys[${index}]`, problems);
    if (key) keys.push(key);
  });
  checkAcrossKeys(keys, problems);
  if (problems.length > 0) throw new InvalidKeySetError(problems);
  return { keys };
}

export function verificationKeySetOf(published: PublishedKeySet): VerificationKeySet {
  const keys = new Map<string, VerificationKey>();
  for (const key of validatePublishedKeySet(published).keys) {
    const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x }, format: 'jwk' });
    keys.set(key.kid, { kid: key.kid, authorityCode: key.authorityCode, publicKey, createdAt: key.createdAt, retiredAt: key.retiredAt });
  }
  return { keys };
}

function validateEntry(entry: unknown, at: string, problems: string[]): PublishedKey | undefined {
  if (!isRecord(entry)) return void problems.push(`${at} is not an object`);
  const before = problems.length;
  // A published set is served to anyone; a private member here means the private key has leaked.
  if ('d' in entry) problems.push(`${at} contains private key material ("d"); never publish it`);
  for (const [member, expected] of [
    ['kty', 'OKP'],
    ['crv', 'Ed25519'],
    ['use', 'sig'],
    ['alg', 'EdDSA'],
  ] as const) {
    if (entry[member] !== expected) problems.push(`${at}.${member} must be "${expected}"`);
  }
  const { kid, authorityCode, x, createdAt, retiredAt } = entry;
  if (typeof authorityCode !== 'string' || !AUTHORITY_CODE_PATTERN.test(authorityCode))
    problems.push(`${at}.authorityCode must be an authority code such as SGD-HP`);
  if (!isInstant(createdAt)) problems.push(`${at}.createdAt must be an ISO instant`);
  if (retiredAt !== null && !isInstant(retiredAt)) problems.push(`${at}.retiredAt must be an ISO instant or null`);
  if (isInstant(createdAt) && isInstant(retiredAt) && Date.parse(retiredAt) < Date.parse(createdAt))
    problems.push(`${at}.retiredAt is before its createdAt`);
  const expectedKid = typeof x === 'string' ? kidOfX(x) : undefined;
  if (expectedKid === undefined) problems.push(`${at}.x must be base64url of a ${ED25519_PUBLIC_BYTES}-byte Ed25519 public key`);
  else if (kid !== expectedKid) problems.push(`${at}.kid must be ${expectedKid}, the id derived from its public key`);
  if (problems.length > before) return undefined;
  return {
    kid: kid as string,
    authorityCode: authorityCode as string,
    kty: 'OKP',
    crv: 'Ed25519',
    x: x as string,
    use: 'sig',
    alg: 'EdDSA',
    createdAt: createdAt as string,
    retiredAt: retiredAt as string | null,
  };
}

/** New tokens must have a single answer to "which key signs for this authority now". */
function checkAcrossKeys(keys: readonly PublishedKey[], problems: string[]): void {
  const seen = new Set<string>();
  const active = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.kid)) problems.push(`kid ${key.kid} appears more than once`);
    seen.add(key.kid);
    if (key.retiredAt !== null) continue;
    if (active.has(key.authorityCode)) problems.push(`${key.authorityCode} has more than one active key (retiredAt null)`);
    active.add(key.authorityCode);
  }
}

function kidOfX(x: string): string | undefined {
  const raw = decodeBase64UrlStrict(x);
  if (raw?.length !== ED25519_PUBLIC_BYTES) return undefined;
  try {
    return keyIdOf(createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }));
  } catch {
    return undefined;
  }
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new TypeError(`Expected an Ed25519 key, got ${String(publicKey.asymmetricKeyType)}`);
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new TypeError('Ed25519 key without a public value');
  return Buffer.from(x, 'base64url');
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
