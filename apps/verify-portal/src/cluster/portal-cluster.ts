import cluster, { type Worker } from 'node:cluster';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { closeOnSignals, type SoGocConfig } from '@so-goc/platform';
import { openReadModelDatabase } from '@so-goc/projections';
import { clientKey } from '../clients/client-address';
import { createVerifyPortal } from '../create-verify-portal';
import { portalSettingsFrom } from '../portal-settings';

const CONNECTION = 'so-goc:portal-connection';
const READY = 'so-goc:portal-ready';
const STOP = 'so-goc:portal-stop';

/**
 * The portal on its own (`serve --only verify-portal`, or its own main): one process per core. The
 * primary accepts connections and hands each to a worker chosen by the client's address, so a client
 * always meets the same worker and the in-memory rate limit holds across the cluster as it does in one
 * process. (Behind a reverse proxy every connection comes from the proxy; the limit is then kept per
 * worker.) Workers open the read models read-only and never the event store.
 */
export async function runPortalAlone(config: SoGocConfig, log: (message: string) => void = console.log): Promise<void> {
  const settings = portalSettingsFrom(process.env, config.dataDir);
  if (cluster.isWorker) return runWorker(config);
  ensureReadModelFile(config);
  if (settings.workers <= 1) {
    const readModels = openReadModelDatabase(config.readModelFile, { readonly: true });
    const portal = await createVerifyPortal({ readModels, config });
    await portal.listen(config.portalPort, config.host);
    closeOnSignals([() => portal.close(), async () => readModels.close()]);
    log(`verify portal on ${await portal.getUrl()} (one process)`);
    return;
  }
  const workers = await Promise.all(Array.from({ length: settings.workers }, () => forkWorker()));
  let stopping = false;
  cluster.on('exit', (dead) => {
    if (stopping) return;
    // A worker that died is replaced in its slot, so its clients keep meeting one process.
    const slot = workers.indexOf(dead);
    if (slot >= 0) {
      forkWorker().then(
        (fresh) => (workers[slot] = fresh),
        (error: unknown) => console.error(`verify portal: worker ${slot} could not be restarted: ${String(error)}`),
      );
    }
  });
  // Behind a proxy every connection comes from the proxy's address: pinning by address would put all of them on one worker.
  let turn = 0;
  const pick =
    settings.trustProxy === undefined || settings.trustProxy === false
      ? (socket: Socket) => slotOf(socket, workers.length)
      : () => turn++ % workers.length;
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    const worker = workers[pick(socket)]!;
    if (worker.isConnected()) worker.send(CONNECTION, socket);
    else socket.destroy();
  });
  await listen(server, config.portalPort, config.host);
  closeOnSignals([
    async () => {
      stopping = true;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(workers.map(stopWorker));
    },
  ]);
  const address = server.address();
  log(
    `verify portal on http://${config.host}:${typeof address === 'object' && address ? address.port : config.portalPort} (${workers.length} processes)`,
  );
}

/** The projector (another process) may not have made the file yet; the portal answers "try later" until it has tables. */
function ensureReadModelFile(config: SoGocConfig): void {
  if (existsSync(config.readModelFile)) return;
  mkdirSync(config.dataDir, { recursive: true });
  openReadModelDatabase(config.readModelFile).close();
}

function slotOf(socket: Socket, count: number): number {
  return createHash('sha1').update(clientKey(socket.remoteAddress)).digest().readUInt32BE(0) % count;
}

function forkWorker(): Promise<Worker> {
  const worker = cluster.fork();
  return new Promise((resolve, reject) => {
    worker.on('message', function ready(message: unknown) {
      if (message !== READY) return;
      worker.off('message', ready);
      resolve(worker);
    });
    worker.once('exit', (code) => reject(new Error(`a portal worker exited with ${code} while starting`)));
  });
}

function stopWorker(worker: Worker): Promise<void> {
  if (!worker.isConnected()) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once('exit', () => resolve());
    worker.send(STOP);
  });
}

async function runWorker(config: SoGocConfig): Promise<void> {
  const readModels = openReadModelDatabase(config.readModelFile, { readonly: true });
  const portal = await createVerifyPortal({ readModels, config });
  portal.serveHandedConnections();
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // The lookup log's last batch is written before the worker goes.
    void portal.close().finally(() => (readModels.close(), process.exit(0)));
  };
  process.on('message', (message: unknown, handle: unknown) => {
    if (message === CONNECTION && handle) portal.accept(handle as Socket);
    else if (message === STOP) stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  // The terminal's Ctrl-C reaches the whole group; the primary's handler stops the workers in order.
  process.on('SIGINT', () => undefined);
  process.send!(READY);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
