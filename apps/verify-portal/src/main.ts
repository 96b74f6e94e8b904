import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { closeOnSignals, loadConfig } from '@so-goc/platform';
import { openReadModelDatabase } from '@so-goc/projections';
import { createVerifyPortal } from './create-verify-portal';

/**
 * The portal on its own: it opens the read-model file read-only and never the event store, so it keeps
 * answering while the officers' API or the store is down. The projector (another process) keeps the file current.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!existsSync(config.readModelFile)) throw new Error(`${config.readModelFile} does not exist yet: start the projector first`);
  const readModels = openReadModelDatabase(config.readModelFile, { readonly: true });
  const app = await createVerifyPortal({ readModels, config });
  await app.listen(config.portalPort, config.host);
  closeOnSignals([() => app.close(), async () => readModels.close()]);
  console.log(`verify-portal on http://${config.host}:${config.portalPort}`);
}

void main();
