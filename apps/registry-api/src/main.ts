import 'reflect-metadata';
import { closeOnSignals, countAppends, JsonLog, loadConfig, Metrics, openInfrastructure } from '@so-goc/platform';
import { createRegistryApi } from './create-registry-api';

/** The officers' API alone, for deployments that run the apps as separate processes. */
async function main(): Promise<void> {
  const config = loadConfig();
  // The projector (its own process) writes the read models; the API only reads them.
  const infrastructure = openInfrastructure(config, { readModelsReadOnly: true });
  const log = new JsonLog('registry-api');
  const metrics = new Metrics();
  countAppends(infrastructure.store, metrics);
  const app = await createRegistryApi(infrastructure, { log, metrics });
  await app.listen(config.apiPort, config.host);
  closeOnSignals([() => app.close(), () => infrastructure.close()]);
  log.info(`registry-api on http://${config.host}:${config.apiPort} (OpenAPI: /docs)`);
}

void main();
