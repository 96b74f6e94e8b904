import 'reflect-metadata';
import { closeOnSignals, loadConfig, openInfrastructure } from '@so-goc/platform';
import { createRegistryApi } from './create-registry-api';

/** The officers' API alone, for deployments that run the apps as separate processes. */
async function main(): Promise<void> {
  const config = loadConfig();
  const infrastructure = openInfrastructure(config);
  const app = await createRegistryApi(infrastructure);
  await app.listen(config.apiPort, config.host);
  closeOnSignals([() => app.close(), () => infrastructure.close()]);
  console.log(`registry-api on http://${config.host}:${config.apiPort} (OpenAPI: /docs)`);
}

void main();
