import { givenEvents, recorded } from '../testing/projection-spec';
import { publishedSigningKeys, signingKeysProjection } from './signing-keys.projection';

const X1 = 'A'.repeat(43);
const X2 = 'B'.repeat(43);
const stream = 'signing-key-directory';

describe('signing-keys projection (the keys every portal verifies with)', () => {
  it('turns publications and retirements into the published key set; the same batch again changes nothing', () => {
    const spec = givenEvents(signingKeysProjection, [
      recorded(
        stream,
        'SigningKeyPublished',
        { kid: 'kid-hp-0001', authorityCode: 'SGD-HP', x: X1, createdAt: '2026-01-01T00:00:00.000Z' },
        0n,
      ),
      recorded(stream, 'SigningKeyRetired', { kid: 'kid-hp-0001', authorityCode: 'SGD-HP', retiredAt: '2026-06-01T00:00:00.000Z' }, 1n),
      recorded(
        stream,
        'SigningKeyPublished',
        { kid: 'kid-hp-0002', authorityCode: 'SGD-HP', x: X2, createdAt: '2026-06-01T00:00:00.000Z' },
        2n,
      ),
    ]);
    const keys = publishedSigningKeys(spec.db).keys;
    expect(keys.map((k) => [k.kid, k.x, k.retiredAt])).toEqual([
      ['kid-hp-0001', X1, '2026-06-01T00:00:00.000Z'],
      ['kid-hp-0002', X2, null],
    ]);
    expect(keys[0]).toMatchObject({
      authorityCode: 'SGD-HP',
      kty: 'OKP',
      crv: 'Ed25519',
      use: 'sig',
      alg: 'EdDSA',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(spec.replayChangesNothing()).toBe(true);
  });
});
