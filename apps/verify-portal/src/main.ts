import 'reflect-metadata';
import { closeOnSignals, loadConfig } from '@so-goc/platform';
import { createVerifyPortal } from './create-verify-portal';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createVerifyPortal();
  await app.listen(config.portalPort, config.host);
  closeOnSignals([() => app.close()]);
  console.log(`verify-portal on http://${config.host}:${config.portalPort}`);
}

void main();
