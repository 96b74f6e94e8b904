import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { isIsoDate } from '@so-goc/domain';
import { decodeBase64UrlStrict, encodeBase64Url } from '../verification/base64url';
import { keyIdOf, type VerificationKeySet } from '../verification/key-set';
import type { ForgeryReason } from '../verification/verification-token';

/**
 * What the QR on a recognition document vouches for: which Sở recognised which application under which
 * number and on what day, and the holder only as a digest (architecture §6: no personal data in the QR).
 */
export interface RecognitionTokenPayload {
  readonly v: 1;
  readonly kid: string;
  readonly recognitionId: string;
  readonly documentNumber: string;
  readonly authorityCode: string;
  readonly decidedOn: string;
  readonly holderDigest: string;
}

export type RecognitionTokenResult =
  { readonly status: 'valid'; readonly payload: RecognitionTokenPayload } | { readonly status: 'forged'; readonly reason: ForgeryReason };

// Its own signing domain: a signature over a recognition token can never pass for a diploma's, nor the reverse.
const SIGNING_DOMAIN = Buffer.from('sogoc-rt-v1\0', 'latin1');
const SIGNATURE_BYTES = 64;
const MAX_TOKEN_LENGTH = 1024;
const FIELDS = ['v', 'kid', 'recognitionId', 'documentNumber', 'authorityCode', 'decidedOn', 'holderDigest'] as const;

/** `<base64url(payload JSON)>.<base64url(Ed25519 signature)>`, signed with the same keys as diplomas. */
export function signRecognitionToken(payload: RecognitionTokenPayload, privateKey: KeyObject): string {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519')
    throw new TypeError('Recognition tokens are signed with an Ed25519 private key');
  if (payload.kid !== keyIdOf(createPublicKey(privateKey))) throw new RangeError('Payload kid is not the id of the signing key');
  const bytes = encode(payload);
  return `${encodeBase64Url(bytes)}.${encodeBase64Url(sign(null, Buffer.concat([SIGNING_DOMAIN, bytes]), privateKey))}`;
}

/** From a scanned QR or a typed address: every failure is an answer, never a throw. */
export function verifyRecognitionToken(token: string, keySet: VerificationKeySet): RecognitionTokenResult {
  try {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return forged('malformed');
    const parts = token.split('.');
    if (parts.length !== 2) return forged('malformed');
    const bytes = decodeBase64UrlStrict(parts[0]!);
    const signature = decodeBase64UrlStrict(parts[1]!);
    const payload = bytes && decode(bytes);
    if (!bytes || !payload || signature?.length !== SIGNATURE_BYTES) return forged('malformed');
    const key = keySet.keys.get(payload.kid);
    if (!key) return forged('unknown_key');
    if (key.authorityCode !== payload.authorityCode) return forged('key_not_valid_for_authority');
    if (!verify(null, Buffer.concat([SIGNING_DOMAIN, bytes]), key.publicKey, signature)) return forged('bad_signature');
    return { status: 'valid', payload };
  } catch {
    return forged('malformed');
  }
}

/** Fixed field order, so a payload has exactly one encoding and the decoder accepts only that one. */
function encode(payload: RecognitionTokenPayload): Buffer {
  return Buffer.from(JSON.stringify(FIELDS.map((f) => payload[f])), 'utf8');
}

function decode(bytes: Buffer): RecognitionTokenPayload | undefined {
  const values: unknown = JSON.parse(bytes.toString('utf8'));
  if (!Array.isArray(values) || values.length !== FIELDS.length) return undefined;
  const [v, ...texts] = values as unknown[];
  if (v !== 1 || !texts.every((t) => typeof t === 'string' && t !== '' && t.length <= 255)) return undefined;
  const [kid, recognitionId, documentNumber, authorityCode, decidedOn, holderDigest] = texts as string[];
  const payload: RecognitionTokenPayload = {
    v: 1,
    kid: kid!,
    recognitionId: recognitionId!,
    documentNumber: documentNumber!,
    authorityCode: authorityCode!,
    decidedOn: decidedOn!,
    holderDigest: holderDigest!,
  };
  if (!isIsoDate(payload.decidedOn) || !encode(payload).equals(bytes)) return undefined;
  return payload;
}

function forged(reason: ForgeryReason): RecognitionTokenResult {
  return { status: 'forged', reason };
}
