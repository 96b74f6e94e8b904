import { generateKeyPairSync } from 'node:crypto';
import { holderDigest, keyIdOf, publishedKeyOf, signVerificationToken, type PublishedKeySet } from '@so-goc/documents';
import { KeySetCache } from './key-set-cache';

function newKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    kid: keyIdOf(publicKey),
    published: publishedKeyOf({ publicKey, authorityCode: 'SGD-HP', createdAt: '2024-01-01T00:00:00.000Z', retiredAt: null }),
  };
}

const payload = (kid: string) => ({
  v: 1 as const,
  kid,
  kind: 'diploma' as const,
  diplomaId: 'sgd-hp-1234-2024-00001',
  serial: 'HP 0200001',
  registerNumber: '000001/THPT-2024',
  authorityCode: 'SGD-HP',
  issueDate: '2024-08-14',
  holderDigest: holderDigest('Lê Đình Quân', '2006-09-18'),
});

describe('KeySetCache', () => {
  it('reads the key set once, and again only for an unknown kid, at most once per interval', () => {
    const first = newKey();
    let set: PublishedKeySet = { keys: [first.published] };
    let reads = 0;
    let now = 0;
    const cache = new KeySetCache(() => (reads++, set), { now: () => now, minReloadIntervalMs: 5_000, maxAgeMs: 60_000 });
    const token = signVerificationToken(payload(first.kid), first.privateKey);
    for (let i = 0; i < 100; i++) expect(cache.verify(token).status).toBe('valid');
    expect(reads).toBe(1);

    // The authority's key is rotated by another process: the new key's tokens verify after one reload.
    const rotated = newKey();
    set = { keys: [{ ...first.published, retiredAt: '2025-01-01T00:00:00.000Z' }, rotated.published] };
    const fresh = signVerificationToken(payload(rotated.kid), rotated.privateKey);
    expect(cache.verify(fresh)).toEqual({ status: 'forged', reason: 'unknown_key' });
    now += 5_000;
    expect(cache.verify(fresh).status).toBe('valid');
    expect(reads).toBe(2);
    // Tokens with made-up kids cannot make every request re-read the keyring.
    const stranger = newKey();
    const bogus = signVerificationToken(payload(stranger.kid), stranger.privateKey);
    for (let i = 0; i < 50; i++) expect(cache.verify(bogus).status).toBe('forged');
    expect(reads).toBe(2);
    expect(cache.verify(token).status).toBe('valid');
  });

  it('keeps the last good key set when the keyring cannot be read, and publishes rotations within the max age', () => {
    const key = newKey();
    let fail = false;
    let now = 0;
    const cache = new KeySetCache(
      () => {
        if (fail) throw new Error('keyring.json is corrupt');
        return { keys: [key.published] };
      },
      { now: () => now, maxAgeMs: 60_000 },
    );
    expect(cache.published().keys).toHaveLength(1);
    fail = true;
    now += 61_000;
    expect(cache.published().keys).toHaveLength(1);
    expect(cache.verify(signVerificationToken(payload(key.kid), key.privateKey)).status).toBe('valid');
  });
});
