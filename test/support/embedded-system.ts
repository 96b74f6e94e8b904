import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AuthorityDirectoryCommand } from '@so-goc/domain';
import { SqliteEventStore, type RecordedEvent } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { openReadModelDatabase } from '@so-goc/projections';
import { ChangeAuthorityDirectory, loadConfig, openCommandBus, type SoGocConfig } from '@so-goc/platform';
import { cliContext, createFirstAdministrator } from '../../apps/cli/src/commands/create-admin';
import { serve, type RunningSystem, type ServableApp } from '../../apps/cli/src/commands/serve';

/**
 * The embedded system as `npm start` runs it, on real SQLite files in a temp dir and ephemeral ports,
 * with the first administrator of SGD-HP created the way the CLI does it.
 */
export interface TestSystem {
  readonly system: RunningSystem;
  readonly config: SoGocConfig;
  readonly api: string;
  readonly portal: string;
  /** Where QR codes on documents point. */
  readonly portalPublicUrl: string;
  readonly adminToken: string;
  readonly eventsFile: string;
  /** Events recorded so far, read straight from the file. */
  events(stream?: string): Promise<RecordedEvent[]>;
  /** Sets up directory facts as a given, outside HTTP. */
  given(command: AuthorityDirectoryCommand): Promise<void>;
  request(
    method: string,
    path: string,
    options?: { token?: string | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  stop(): Promise<void>;
}

export interface TestSystemOptions {
  /** More configuration, as environment variables (SOGOC_METRICS_TOKEN, SOGOC_READY_MAX_LAG…). */
  readonly env?: Readonly<Record<string, string>>;
  /** Receives every JSON log line of the apps; without it the system logs nothing. */
  readonly logSink?: (line: string) => void;
  /** Only these apps (all three by default); `portal` is then undefined when the portal is not among them. */
  readonly apps?: readonly ServableApp[];
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const dir = makeTempDir('e2e');
  // The portal's port is chosen first so that QR codes and letters can point at it, as at a real office.
  const portalPort = await freePort();
  const config = loadConfig({ ...options.env, SOGOC_DATA_DIR: dir.path, SOGOC_API_PORT: '0', SOGOC_PORTAL_PORT: String(portalPort) });
  const eventsFile = join(dir.path, 'events.sqlite');
  const setupStore = new SqliteEventStore({ file: eventsFile });
  const setupReadModels = openReadModelDatabase(':memory:');
  const setupBus = await openCommandBus({
    config,
    store: setupStore,
    readModels: setupReadModels,
    close: async () => {
      setupReadModels.close();
    },
  });
  const { token: adminToken } = await createFirstAdministrator(setupBus.bus, setupStore, {
    authorityCode: 'SGD-HP',
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    registeredOn: '2000-01-01',
    officerId: 'admin-hp',
    username: 'admin.hp',
    fullName: 'Quản trị Hải Phòng',
    lifetimeDays: 30,
  });
  const system = await serve(config, options.apps, { quiet: true, ...(options.logSink ? { logSink: options.logSink } : {}) });
  const api = system.apiUrl!;
  return {
    system,
    config,
    api,
    portalPublicUrl: config.portalPublicUrl,
    portal: system.portalUrl!,
    adminToken,
    eventsFile,
    async events(stream) {
      if (stream) return [...(await setupStore.readStream(stream)).events];
      const all: RecordedEvent[] = [];
      const controller = new AbortController();
      const head = await setupStore.headPosition();
      if (!head) return all;
      for await (const event of setupStore.subscribeToAll({ signal: controller.signal })) {
        all.push(event);
        if (event.position.commit >= head.commit) controller.abort();
      }
      return all;
    },
    async given(command) {
      await setupBus.bus.execute(new ChangeAuthorityDirectory(command, cliContext('test-given')));
    },
    request(method, path, options = {}) {
      const token = options.token === undefined ? adminToken : options.token;
      return fetch(`${api}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    },
    async stop() {
      await system.close();
      await setupBus.close();
      setupReadModels.close();
      await setupStore.close();
      dir.remove();
    },
  };
}

/** Read models follow the events asynchronously: poll a read until it stops answering 404. */
export async function eventually(read: () => Promise<Response>): Promise<Response> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const response = await read();
    if (response.status !== 404) return response;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return read();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
