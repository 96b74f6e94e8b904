import 'reflect-metadata';
import { closeOnSignals, countAppends, JsonLog, loadConfig, Metrics, openInfrastructure } from '@so-goc/platform';
import { createProjector } from './create-projector';

async function main(): Promise<void> {
  const infrastructure = openInfrastructure(loadConfig());
  const log = new JsonLog('projector');
  const metrics = new Metrics();
  countAppends(infrastructure.store, metrics);
  const projector = await createProjector(infrastructure, { log, metrics });
  closeOnSignals([() => projector.context.close(), () => infrastructure.close()]);
  log.info(`projector running on ${infrastructure.config.eventStore.kind}; read models in ${infrastructure.config.readModelFile}`);
}

void main();
