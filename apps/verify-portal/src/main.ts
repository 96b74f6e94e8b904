import 'reflect-metadata';
import { loadConfig } from '@so-goc/platform';
import { runPortalAlone } from './cluster/portal-cluster';

/**
 * The portal on its own: it opens the read-model file read-only and never the event store, so it keeps
 * answering while the officers' API or the store is down. The projector (another process) keeps the file current.
 */
void runPortalAlone(loadConfig()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
