import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isHashChained, SqliteEventStore } from '@so-goc/event-store';
import {
  defaultKeyringDir,
  FileKeyring,
  openInfrastructure,
  signChainHead,
  verifyLog,
  type LogVerification,
  type SoGocConfig,
} from '@so-goc/platform';
import { readPublished } from './event-log';

export const BACKUP_EVENTS_FILE = 'events.sqlite';
export const BACKUP_CHECKPOINT_FILE = 'checkpoint.json';

export interface BackupResult {
  readonly dir: string;
  readonly position: string;
  readonly hash: string;
}

/**
 * `cli backup <dir>`: a consistent copy of the event store taken while the system writes (SQLite's
 * online backup API), the keyring (without it, diplomas already printed could not be verified after a
 * restore: the directory holds private keys, keep it as safe as the keys themselves), and a checkpoint
 * signed over the copy's head. Read models are not copied: they are rebuilt from the events.
 */
export async function backupEventStore(config: SoGocConfig, dir: string): Promise<BackupResult> {
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty; back up into a new directory`);
  const infrastructure = openInfrastructure(config);
  try {
    const store = infrastructure.store;
    if (!isHashChained(store)) throw new Error('cli backup copies the embedded SQLite store; back EventStoreDB up with its own tools');
    mkdirSync(target, { recursive: true });
    const head = await store.backupTo(join(target, BACKUP_EVENTS_FILE));
    if (!head) throw new Error('The event store is empty; nothing to back up');
    const keyring = FileKeyring.forConfig(config);
    const checkpoint = signChainHead(keyring, head.position, head.hash, new Date().toISOString(), await store.chainOrigin());
    if (existsSync(keyring.dir)) cpSync(keyring.dir, join(target, 'keys'), { recursive: true, preserveTimestamps: true });
    writeFileSync(join(target, BACKUP_CHECKPOINT_FILE), `${JSON.stringify({ checkpoints: [checkpoint] }, null, 2)}\n`);
    return { dir: target, position: checkpoint.position, hash: checkpoint.hash };
  } finally {
    await infrastructure.close();
  }
}

/**
 * `cli restore <backup> <data-dir>`: into a data directory without an event store only (never over a
 * live record). The copy's chain must verify against its own checkpoint before anything is kept.
 */
export async function restoreEventStore(backupDir: string, dataDir: string): Promise<LogVerification> {
  const source = resolve(backupDir);
  const target = resolve(dataDir);
  if (!existsSync(join(source, BACKUP_EVENTS_FILE)) || !existsSync(join(source, BACKUP_CHECKPOINT_FILE))) {
    throw new Error(`${source} is not a backup made by cli backup (${BACKUP_EVENTS_FILE} and ${BACKUP_CHECKPOINT_FILE} expected)`);
  }
  const eventsFile = join(target, BACKUP_EVENTS_FILE);
  if (existsSync(eventsFile)) throw new Error(`${eventsFile} exists; restore into a new data directory`);
  const keysDir = defaultKeyringDir({ dataDir: target });
  const copiedKeys = !existsSync(keysDir) && existsSync(join(source, 'keys'));
  mkdirSync(target, { recursive: true });
  cpSync(join(source, BACKUP_EVENTS_FILE), eventsFile);
  if (copiedKeys) cpSync(join(source, 'keys'), keysDir, { recursive: true, preserveTimestamps: true });
  const store = new SqliteEventStore({ file: eventsFile });
  let verification: LogVerification;
  try {
    verification = await verifyLog(
      store,
      new FileKeyring(keysDir).verificationKeySet(),
      await readPublished(join(source, BACKUP_CHECKPOINT_FILE)),
    );
  } finally {
    await store.close();
  }
  if (verification.ok && (verification.chain?.anchorsMatched ?? 0) > 0) return verification;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${eventsFile}${suffix}`, { force: true });
  if (copiedKeys) rmSync(keysDir, { recursive: true, force: true });
  const unanchored = verification.ok ? ['No checkpoint of the backup verified: nothing restored.'] : ['Nothing restored.'];
  return { ...verification, ok: false, lines: [...verification.lines, ...unanchored] };
}
