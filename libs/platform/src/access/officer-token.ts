import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A bearer token is `sgt_<tokenId>.<secret>`: the id finds the record, the secret proves possession.
 * Only the secret's SHA-256 is recorded, so the event log never holds a usable credential.
 */
export interface NewOfficerToken {
  readonly tokenId: string;
  readonly secretHash: string;
  readonly bearer: string;
}

export function generateOfficerToken(): NewOfficerToken {
  const tokenId = randomBytes(16).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, secretHash: hashSecret(secret), bearer: `sgt_${tokenId}.${secret}` };
}

export function parseBearer(authorization: string | undefined): { tokenId: string; secret: string } | undefined {
  const match = /^Bearer\s+sgt_([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/.exec(authorization?.trim() ?? '');
  return match ? { tokenId: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
