import { readFileSync } from 'node:fs';
import type { LogCheckpointSignature } from '@so-goc/domain';
import {
  FileKeyring,
  openCommandBus,
  openInfrastructure,
  SignLogCheckpointCommand,
  verifyLog,
  type LogVerification,
  type SoGocConfig,
} from '@so-goc/platform';
import { cliContext } from './create-admin';

/** `cli checkpoint`: signs the log's head now (the running system also does it daily). */
export async function checkpointNow(config: SoGocConfig): Promise<string> {
  const infrastructure = openInfrastructure(config);
  const host = await openCommandBus(infrastructure);
  try {
    const outcome = await host.bus.execute(new SignLogCheckpointCommand(cliContext('checkpoint')));
    if (outcome.recorded)
      return `Checkpoint signed: position ${outcome.checkpoint!.position}, hash ${outcome.checkpoint!.hash}, key ${outcome.checkpoint!.keyId}`;
    if (outcome.reason === 'nothing_new') return 'Nothing appended since the last checkpoint; none signed.';
    if (outcome.reason === 'empty') return 'The event store is empty; nothing to sign.';
    return 'This event store is not hash-chained (EventStoreDB); no checkpoint signed.';
  } finally {
    await host.close();
    await infrastructure.close();
  }
}

/**
 * `cli verify-log`: walks the chain against every validly signed checkpoint, the store's own and the
 * ones published (a saved copy of the portal's /api/v1/checkpoints, or its URL).
 */
export async function verifyLogNow(config: SoGocConfig, options: { published?: string } = {}): Promise<LogVerification> {
  const published = options.published ? await readPublished(options.published) : [];
  const infrastructure = openInfrastructure(config);
  try {
    return await verifyLog(infrastructure.store, FileKeyring.forConfig(config).verificationKeySet(), published);
  } finally {
    await infrastructure.close();
  }
}

export async function readPublished(source: string): Promise<LogCheckpointSignature[]> {
  const text = /^https?:\/\//.test(source) ? await (await fetch(source)).text() : readFileSync(source, 'utf8');
  const parsed = JSON.parse(text) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { checkpoints?: unknown }).checkpoints;
  if (!Array.isArray(list)) throw new Error(`${source}: expected {"checkpoints": [...]} or a single checkpoint`);
  return list as LogCheckpointSignature[];
}
