const ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * Node's decoder skips characters outside the alphabet and ignores the unused low bits of the last
 * character, so several strings decode to the same bytes. A token must have exactly one spelling, or a
 * flipped character could still verify; hence the round-trip check.
 */
export function decodeBase64UrlStrict(text: string): Buffer | undefined {
  if (!ALPHABET.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
