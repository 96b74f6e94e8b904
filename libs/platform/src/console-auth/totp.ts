import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * RFC 6238 time-based one-time passwords over RFC 4226 HOTP, as authenticator apps (Google
 * Authenticator, Microsoft Authenticator, FreeOTP) read them from an otpauth:// URI: SHA-1, 6 digits,
 * 30-second steps. Written here because it is 40 lines of node:crypto and a dependency would be more.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  readonly digits?: number;
  readonly stepSeconds?: number;
  readonly algorithm?: TotpAlgorithm;
}

export function totpStepAt(time: Date, stepSeconds = 30): number {
  return Math.floor(time.getTime() / 1000 / stepSeconds);
}

export function hotp(key: Buffer, counter: number, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function totp(key: Buffer, time: Date, options: TotpOptions = {}): string {
  return hotp(key, totpStepAt(time, options.stepSeconds), options.digits, options.algorithm);
}

/**
 * The step a code belongs to, accepting one step either side for a clock that drifts or a slow typist;
 * undefined when it matches none. The caller refuses a step it has accepted before.
 */
export function matchTotp(key: Buffer, code: string, now: Date, options: TotpOptions = {}): number | undefined {
  const digits = options.digits ?? 6;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return undefined;
  const current = totpStepAt(now, options.stepSeconds);
  let matched: number | undefined;
  for (const step of [current - 1, current, current + 1]) {
    const expected = Buffer.from(hotp(key, step, digits, options.algorithm));
    // Every candidate is compared, in constant time, so timing tells nothing about which one matched.
    if (timingSafeEqual(expected, Buffer.from(code))) matched = step;
  }
  return matched;
}

export function generateTotpKey(): Buffer {
  return randomBytes(20);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('Not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** What an authenticator app scans (as a QR) or the officer types in to enrol. */
export function otpauthUri(key: Buffer, account: string, issuer = 'So Goc'): string {
  return `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=${base32Encode(key)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
