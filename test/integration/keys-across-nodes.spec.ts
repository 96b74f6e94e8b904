import { join } from 'node:path';
import {
  holderDigest,
  signVerificationToken,
  validatePublishedKeySet,
  verificationKeySetOf,
  verifyVerificationToken,
} from '@so-goc/documents';
import type { CommandContext } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { openReadModelDatabase } from '@so-goc/projections';
import { FileKeyring, loadConfig, openCommandBus, PublishSigningKey, type SoGocConfig } from '@so-goc/platform';
import { serve, type RunningSystem } from '../../apps/cli/src/commands/serve';

/**
 * Issue 20 item 3: an API node publishes its signing key as an event; two portal nodes, each with its
 * own data directory (own read models, own empty keyring) and its own projector, learn it from the
 * shared store and verify a token signed on the API node.
 */
describe('Signing keys every node knows (issue 20 item 3)', () => {
  const dir = makeTempDir('nodes');
  const eventsFile = join(dir.path, 'events.sqlite');
  const running: RunningSystem[] = [];
  afterAll(async () => {
    for (const system of running) await system.close();
    dir.remove();
  });

  function nodeConfig(name: string): SoGocConfig {
    const config = loadConfig({ SOGOC_DATA_DIR: join(dir.path, name), SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: '0' });
    return { ...config, eventStore: { kind: 'sqlite', file: eventsFile, synchronous: 'NORMAL' } };
  }

  it('lets either portal verify a token signed on an API node whose keyring it never saw', async () => {
    const apiConfig = nodeConfig('api-1');
    const store = new SqliteEventStore({ file: eventsFile });
    const readModels = openReadModelDatabase(':memory:');
    const api = await openCommandBus({ config: apiConfig, store, readModels, close: async () => void readModels.close() });
    const officer: CommandContext = {
      commandId: 'c-1',
      correlationId: 'c-1',
      causationId: 'c-1',
      actor: { officerId: 'cb-01', role: 'registrar', authorityCode: 'SGD-HP' },
      occurredAt: new Date().toISOString(),
    };
    await api.bus.execute(PublishSigningKey.for('SGD-HP', officer));
    const key = FileKeyring.forConfig(apiConfig).activeSigningKey('SGD-HP');
    const token = signVerificationToken(
      {
        v: 1,
        kid: key.kid,
        kind: 'diploma',
        diplomaId: '0b9d1c2e-5f4a-4e7b-9c3d-2a1f6e8b7d40',
        serial: 'HP 0200001',
        registerNumber: 'HP-THPT-2024-00001',
        authorityCode: 'SGD-HP',
        issueDate: '2024-08-14',
        holderDigest: holderDigest('Nguyễn Thị Thu Hằng', '2006-09-18'),
      },
      key.privateKey,
    );
    const head = (await store.headPosition())!;
    await api.close();
    await store.close();

    for (const name of ['portal-1', 'portal-2']) {
      const portal = await serve(nodeConfig(name), ['verify-portal', 'projector'], { quiet: true });
      running.push(portal);
      await portal.projector!.runner.waitUntilCaughtUp(head);
      const published = validatePublishedKeySet(await (await fetch(`${portal.portalUrl}/.well-known/so-goc-keys.json`)).json());
      expect(published.keys.map((k) => k.kid)).toEqual([key.kid]);
      expect(verifyVerificationToken(token, verificationKeySetOf(published))).toMatchObject({ status: 'valid' });
      // Its own keyring is empty: the key came through the store alone.
      expect(FileKeyring.forConfig(nodeConfig(name)).publishedKeySet().keys).toEqual([]);
    }
  });
});
