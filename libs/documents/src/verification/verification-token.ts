import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { decodeBase64UrlStrict, encodeBase64Url } from './base64url';
import { keyIdOf, type VerificationKeySet } from './key-set';
import { decodePayload, encodePayload, type VerificationPayload } from './payload-codec';

export { holderDigest } from './holder-digest';
export type { VerificationPayload } from './payload-codec';

export type ForgeryReason = 'malformed' | 'unknown_key' | 'bad_signature' | 'key_not_valid_for_authority';

export type VerificationResult =
  { readonly status: 'valid'; readonly payload: VerificationPayload } | { readonly status: 'forged'; readonly reason: ForgeryReason };

// Domain separation: a signature made for a token can never pass as a signature over anything else the same key signs.
const SIGNING_DOMAIN = Buffer.from('sogoc-vt-v1\0', 'latin1');
const SIGNATURE_BYTES = 64;
// Far above any real token; stops a hostile query string from costing more than a cheap rejection.
const MAX_TOKEN_LENGTH = 1024;

/**
 * `<base64url(payload bytes)>.<base64url(Ed25519 signature)>`: URL-safe, so it goes straight into the
 * portal link in the QR. The payload names its kid, and the kid must be the signing key's own, otherwise the
 * token could never be verified.
 */
export function signVerificationToken(payload: VerificationPayload, privateKey: KeyObject): string {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError('Verification tokens are signed with an Ed25519 private key');
  const kid = keyIdOf(createPublicKey(privateKey));
  if (payload.kid !== kid) throw new RangeError(`Payload kid ${payload.kid} is not the id of the signing key (${kid})`);
  const bytes = encodePayload(payload);
  return `${encodeBase64Url(bytes)}.${encodeBase64Url(sign(null, signedMessage(bytes), privateKey))}`;
}

/** Input comes straight from a scanned QR or a URL typed by anyone: every failure is an answer, never a throw. */
export function verifyVerificationToken(token: string, keySet: VerificationKeySet): VerificationResult {
  try {
    return check(token, keySet);
  } catch {
    return forged('malformed');
  }
}

function check(token: string, keySet: VerificationKeySet): VerificationResult {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return forged('malformed');
  const parts = token.split('.');
  if (parts.length !== 2) return forged('malformed');
  const bytes = decodeBase64UrlStrict(parts[0] as string);
  const signature = decodeBase64UrlStrict(parts[1] as string);
  const payload = bytes && decodePayload(bytes);
  if (!payload || signature?.length !== SIGNATURE_BYTES) return forged('malformed');
  const key = keySet.keys.get(payload.kid);
  if (!key) return forged('unknown_key');
  // Authorities only vouch for their own diplomas: a genuine key of one must not sign for another.
  if (key.authorityCode !== payload.authorityCode) return forged('key_not_valid_for_authority');
  if (!verify(null, signedMessage(bytes), key.publicKey, signature)) return forged('bad_signature');
  return { status: 'valid', payload };
}

function signedMessage(payloadBytes: Buffer): Buffer {
  return Buffer.concat([SIGNING_DOMAIN, payloadBytes]);
}

function forged(reason: ForgeryReason): VerificationResult {
  return { status: 'forged', reason };
}
