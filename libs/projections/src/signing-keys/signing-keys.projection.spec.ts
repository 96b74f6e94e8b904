import Database from 'better-sqlite3';
import type { RecordedEvent } from '@so-goc/event-store';
import { publishedSigningKeys, signingKeysProjection } from './signing-keys.projection';

let position = 0n;
function recorded(type: string, data: unknown): RecordedEvent {
  position += 1n;
  return { id: `e-${position}`, stream: 'signing-key-directory', type, revision: position - 1n, position: { commit: position, prepare: position }, data, metadata: {}, recordedAt: new Date(0) };
}

const X1 = 'A'.repeat(43);
const X2 = 'B'.repeat(43);
const batch = [
  recorded('SigningKeyPublished', { kid: 'kid-hp-0001', authorityCode: 'SGD-HP', x: X1, createdAt: '2026-01-01T00:00:00.000Z' }),
  recorded('SigningKeyRetired', { kid: 'kid-hp-0001', authorityCode: 'SGD-HP', retiredAt: '2026-06-01T00:00:00.000Z' }),
  recorded('SigningKeyPublished', { kid: 'kid-hp-0002', authorityCode: 'SGD-HP', x: X2, createdAt: '2026-06-01T00:00:00.000Z' }),
];

describe('signing-keys projection (the keys every portal verifies with)', () => {
  it('turns publications and retirements into the published key set; the same batch twice changes nothing', () => {
    const db = new Database(':memory:');
    signingKeysProjection.createTables(db);
    for (const event of batch) signingKeysProjection.apply(db, event);
    const once = publishedSigningKeys(db);
    expect(once.keys.map((k) => [k.kid, k.x, k.retiredAt])).toEqual([
      ['kid-hp-0001', X1, '2026-06-01T00:00:00.000Z'],
      ['kid-hp-0002', X2, null],
    ]);
    expect(once.keys[0]).toMatchObject({ authorityCode: 'SGD-HP', kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA', createdAt: '2026-01-01T00:00:00.000Z' });
    for (const event of batch) signingKeysProjection.apply(db, event);
    expect(publishedSigningKeys(db)).toEqual(once);
    db.close();
  });
});
