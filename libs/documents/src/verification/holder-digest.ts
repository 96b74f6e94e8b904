import { createHash } from 'node:crypto';
import { parseBirthDate } from '@so-goc/domain';
import { encodeBase64Url } from './base64url';

// Versioned so the encoding can change later without old digests ever matching new ones by accident.
const HOLDER_DOMAIN = 'sogoc-holder-v1\0';
export const HOLDER_DIGEST_BYTES = 16;

/**
 * Lets a verifier prove they know the holder's name and birth date without the QR carrying either
 * (docs/domain.md §5.2). 128 bits is plenty against collisions; it does not stop someone who already
 * has a candidate name and date from confirming them, which is exactly the check the portal offers.
 */
export function holderDigest(fullName: string, birthDate: string): string {
  const input = `${HOLDER_DOMAIN}${canonicalName(fullName)}\0${canonicalBirthDate(birthDate)}`;
  return encodeBase64Url(createHash('sha256').update(input, 'utf8').digest().subarray(0, HOLDER_DIGEST_BYTES));
}

/**
 * Vietnamese has no locale-specific case rules (unlike Turkish or Lithuanian), so the root Unicode mapping
 * of toUpperCase is the Vietnamese one and, unlike toLocaleUpperCase, does not depend on the ICU data Node
 * was built with. Ð (U+00D0) is what legacy-encoding converters emit for Đ. NFC again after upper-casing
 * because a case mapping is not guaranteed to keep a string composed.
 */
function canonicalName(fullName: string): string {
  const name = fullName
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .replace(/\u00d0/g, '\u0110')
    .normalize('NFC');
  if (name === '') throw new RangeError('holderDigest needs a non-empty full name');
  return name;
}

/**
 * Accepts what a verifier types ("18/09/2006") as well as the stored form, so both give the same digest.
 * The error does not echo the input: it is personal data and errors end up in logs.
 */
function canonicalBirthDate(birthDate: string): string {
  const parsed = parseBirthDate(birthDate.normalize('NFC'));
  if (!parsed.ok) throw new RangeError('holderDigest needs a birth date such as 2006-09-18, 2006-09 or 18/09/2006');
  return parsed.value;
}
