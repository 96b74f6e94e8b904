import 'reflect-metadata';
import { closeOnSignals, loadConfig, openInfrastructure } from '@so-goc/platform';
import { createProjector } from './create-projector';

async function main(): Promise<void> {
  const infrastructure = openInfrastructure(loadConfig());
  const projector = await createProjector(infrastructure);
  closeOnSignals([() => projector.context.close(), () => infrastructure.close()]);
  console.log(`projector running on ${infrastructure.config.eventStore.kind}; read models in ${infrastructure.config.readModelFile}`);
}

void main();
