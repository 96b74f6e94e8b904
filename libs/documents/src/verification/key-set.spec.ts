import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  InvalidKeySetError,
  keyIdOf,
  parsePublishedKeySet,
  publishedKeyOf,
  validatePublishedKeySet,
  verificationKeySetOf,
  type PublishedKey,
} from './key-set';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const published = publishedKeyOf({ publicKey, authorityCode: 'SGD-HP', createdAt: '2024-01-01T00:00:00.000Z', retiredAt: null });

function problemsOf(keys: unknown[]): readonly string[] {
  try {
    validatePublishedKeySet({ keys });
  } catch (error) {
    if (error instanceof InvalidKeySetError) return error.problems;
    throw error;
  }
  return [];
}

describe('published key set', () => {
  it('names a key by the first 8 bytes of SHA-256 of its raw public key', () => {
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    expect(raw.length).toBe(32);
    expect(keyIdOf(publicKey)).toBe(createHash('sha256').update(raw).digest().subarray(0, 8).toString('base64url'));
    expect(keyIdOf(publicKey)).toHaveLength(11);
  });

  it('publishes the public half only, even when handed the private key', () => {
    const fromPrivate = publishedKeyOf({
      publicKey: privateKey,
      authorityCode: 'SGD-HP',
      createdAt: '2024-01-01T00:00:00.000Z',
      retiredAt: null,
    });
    expect(fromPrivate).toEqual(published);
    expect(Object.keys(published).sort()).toEqual(['alg', 'authorityCode', 'createdAt', 'crv', 'kid', 'kty', 'retiredAt', 'use', 'x']);
    expect(published).toMatchObject({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA', kid: keyIdOf(publicKey) });
    const d = privateKey.export({ format: 'jwk' }).d as string;
    expect(JSON.stringify(fromPrivate)).not.toContain(d);
  });

  it("parses its own JSON and builds keys that verify the owner's signatures", () => {
    const set = parsePublishedKeySet(JSON.stringify({ keys: [published] }));
    expect(set).toEqual({ keys: [published] });
    const key = verificationKeySetOf(set).keys.get(published.kid);
    expect(key).toMatchObject({ kid: published.kid, authorityCode: 'SGD-HP', retiredAt: null });
    const signature = sign(null, Buffer.from('x'), privateKey);
    expect(key && verify(null, Buffer.from('x'), key.publicKey, signature)).toBe(true);
  });

  it('accepts a retired key beside the active one of the same authority', () => {
    const next = publishedKeyOf({
      publicKey: generateKeyPairSync('ed25519').publicKey,
      authorityCode: 'SGD-HP',
      createdAt: '2025-01-01T00:00:00.000Z',
      retiredAt: null,
    });
    expect(problemsOf([{ ...published, retiredAt: '2025-01-01T00:00:00.000Z' }, next])).toEqual([]);
    expect(problemsOf([published, next])).toEqual(['SGD-HP has more than one active key (retiredAt null)']);
  });

  it.each<[string, Partial<Record<keyof PublishedKey | 'd', unknown>>, RegExp]>([
    ['private material', { d: 'AAAA' }, /keys\[0\] contains private key material \("d"\)/],
    ['another key type', { kty: 'EC' }, /keys\[0\]\.kty must be "OKP"/],
    ['another curve', { crv: 'X25519' }, /keys\[0\]\.crv must be "Ed25519"/],
    ['another use', { use: 'enc' }, /keys\[0\]\.use must be "sig"/],
    ['another algorithm', { alg: 'ES256' }, /keys\[0\]\.alg must be "EdDSA"/],
    ['a kid not derived from the key', { kid: 'AAAAAAAAAAA' }, /keys\[0\]\.kid must be /],
    ['a short public key', { x: 'AAAA' }, /keys\[0\]\.x must be base64url of a 32-byte/],
    ['a padded public key', { x: `${published.x}=` }, /keys\[0\]\.x must be base64url/],
    ['a bad authority code', { authorityCode: '../etc' }, /keys\[0\]\.authorityCode/],
    ['a missing createdAt', { createdAt: undefined }, /keys\[0\]\.createdAt must be an ISO instant/],
    ['a date where an instant belongs', { createdAt: '2024-01-01' }, /keys\[0\]\.createdAt must be an ISO instant/],
    ['a missing retiredAt', { retiredAt: undefined }, /keys\[0\]\.retiredAt must be an ISO instant or null/],
    ['retirement before creation', { retiredAt: '2023-12-31T23:59:59Z' }, /keys\[0\]\.retiredAt is before its createdAt/],
  ])('refuses an entry with %s, saying where and why', (_label, change, message) => {
    const problems = problemsOf([{ ...published, ...change }]);
    expect(problems.join('\n')).toMatch(message);
  });

  it('refuses duplicate kids, non-objects and a set without keys', () => {
    expect(problemsOf([published, { ...published, retiredAt: '2025-01-01T00:00:00Z' }])).toContain(
      `kid ${published.kid} appears more than once`,
    );
    expect(problemsOf(['x'])).toEqual(['keys[0] is not an object']);
    expect(() => validatePublishedKeySet({})).toThrow(/"keys" array/);
    expect(() => parsePublishedKeySet('{')).toThrow(InvalidKeySetError);
  });
});
