import { join } from 'node:path';
import {
  holderDigest,
  signVerificationToken,
  verificationKeySetOf,
  verifyVerificationToken,
  type VerificationPayload,
} from '@so-goc/documents';
import { SIGNING_KEY_DIRECTORY_STREAM, type CommandContext } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { openReadModelDatabase, ProjectionRunner, publishedSigningKeys, signingKeysProjection } from '@so-goc/projections';
import { FileKeyring } from './file-keyring';
import { KeyPublication, mergePublishedKeySets } from './key-publication';

const officer = (authorityCode: string): CommandContext => ({
  commandId: '11111111-1111-4111-8111-111111111111',
  correlationId: 'c',
  causationId: 'c',
  actor: { officerId: 'cb-01', role: 'registrar', authorityCode },
  occurredAt: '2026-08-14T02:00:00.000Z',
});

function payload(kid: string): VerificationPayload {
  return {
    v: 1,
    kid,
    kind: 'diploma',
    diplomaId: '0b9d1c2e-5f4a-4e7b-9c3d-2a1f6e8b7d40',
    serial: 'HP 0200001',
    registerNumber: 'HP-THPT-2024-00001',
    authorityCode: 'SGD-HP',
    issueDate: '2024-08-14',
    holderDigest: holderDigest('Nguyễn Thị Thu Hằng', '2006-09-18'),
  };
}

describe('KeyPublication: keys that every node knows (issue 20 item 3)', () => {
  let dir: { path: string; remove(): void };
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = makeTempDir('keys');
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('lets a portal that never saw the key store verify a token signed on an API node, once the directory is projected', async () => {
    // Two API nodes sharing one key store (what a KMS gives a cluster); each publishes before signing.
    const shared = new FileKeyring(join(dir.path, 'shared-keys'));
    const api1 = new KeyPublication(store, shared);
    const api2 = new KeyPublication(store, shared);
    await api1.ensurePublished('SGD-HP', officer('SGD-HP'));
    expect(await api2.ensurePublished('SGD-HP', officer('SGD-HP'))).toMatchObject({ events: [], alreadyHandled: true, revision: 0n });
    const key = shared.activeSigningKey('SGD-HP');
    expect((await store.readStream(SIGNING_KEY_DIRECTORY_STREAM)).events.map((e) => e.type)).toEqual(['SigningKeyPublished']);
    const token = signVerificationToken(payload(key.kid), key.privateKey);

    // A portal node: its own data directory (empty local keyring) and its own read models.
    const portalKeys = new FileKeyring(join(dir.path, 'portal-keys'));
    const readModels = openReadModelDatabase(join(dir.path, 'portal-read-models.sqlite'));
    const runner = new ProjectionRunner(store, readModels, [signingKeysProjection], {
      logger: { log: () => undefined, error: () => undefined },
    });
    runner.start();
    await runner.waitUntilCaughtUp((await store.headPosition())!);
    const keySet = verificationKeySetOf(mergePublishedKeySets(publishedSigningKeys(readModels), portalKeys.publishedKeySet()));
    expect(verifyVerificationToken(token, keySet)).toMatchObject({ status: 'valid' });
    expect(verifyVerificationToken(token, verificationKeySetOf(portalKeys.publishedKeySet()))).toMatchObject({
      status: 'forged',
      reason: 'unknown_key',
    });
    await runner.stop();
    readModels.close();
  });

  it('publishes a rotation: the old key retired, then the new key, in that order', async () => {
    const keyring = new FileKeyring(join(dir.path, 'keys'));
    const publication = new KeyPublication(store, keyring);
    await publication.ensurePublished('SGD-HP', officer('SGD-HP'));
    const first = keyring.activeSigningKey('SGD-HP');
    keyring.rotate('SGD-HP', new Date(Date.now() + 60_000));
    await publication.ensurePublished('SGD-HP', officer('SGD-HP'));
    const second = keyring.activeSigningKey('SGD-HP');
    expect(second.kid).not.toBe(first.kid);
    const events = (await store.readStream(SIGNING_KEY_DIRECTORY_STREAM)).events;
    expect(events.map((e) => [e.type, (e.data as { kid: string }).kid])).toEqual([
      ['SigningKeyPublished', first.kid],
      ['SigningKeyRetired', first.kid],
      ['SigningKeyPublished', second.kid],
    ]);
  });

  it("says plainly when API nodes keep separate key stores: the second node's key is refused, nothing is signed with it", async () => {
    const node1 = new KeyPublication(store, new FileKeyring(join(dir.path, 'node1-keys')));
    const node2 = new KeyPublication(store, new FileKeyring(join(dir.path, 'node2-keys')));
    await node1.ensurePublished('SGD-HP', officer('SGD-HP'));
    await expect(node2.ensurePublished('SGD-HP', officer('SGD-HP'))).rejects.toMatchObject({
      problem: { code: 'SIGNING_KEY_HELD_ELSEWHERE', kind: 'conflict' },
    });
    expect((await store.readStream(SIGNING_KEY_DIRECTORY_STREAM)).events).toHaveLength(1);
  });

  it("refuses an officer publishing another authority's key", async () => {
    const publication = new KeyPublication(store, new FileKeyring(join(dir.path, 'keys')));
    await expect(publication.ensurePublished('SGD-HP', officer('SGD-HN'))).rejects.toMatchObject({
      problem: { code: 'SIGNING_KEY_OF_ANOTHER_AUTHORITY' },
    });
    expect((await store.readStream(SIGNING_KEY_DIRECTORY_STREAM)).revision).toBe('no_stream');
  });
});
