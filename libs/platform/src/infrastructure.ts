import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { EsdbEventStore, SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { openReadModelDatabase } from '@so-goc/projections';
import type { SoGocConfig } from './config';
import { catalogueWithKindsFile, CredentialKindsFileInvalid, type CredentialCatalogue } from '@so-goc/domain';

/** The store and the read-model file, opened once per process and shared by the apps it hosts. */
export interface Infrastructure {
  readonly config: SoGocConfig;
  readonly store: EventStore;
  readonly readModels: Database;
  /** Kinds of credential (issue 18); the default catalogue when absent. A deployment or test adds kinds as data here. */
  readonly credentialKinds?: CredentialCatalogue;
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  /**
   * Open the read-model file read-only: for a process that hosts no projector (the officers' API or the
   * portal on their own, issue 20 item 4), so that only the process that projects ever writes it.
   */
  readonly readModelsReadOnly?: boolean;
}

/**
 * The catalogue of kinds of credential of a deployment (issue 18): the default one, plus the kinds of the JSON file
 * SOGOC_CREDENTIAL_KINDS_FILE names. A missing, unreadable or invalid file stops the start with every problem listed.
 */
export function credentialKindsFromFile(file: string): CredentialCatalogue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CredentialKindsFileInvalid(file, [`SOGOC_CREDENTIAL_KINDS_FILE cannot be read: ${(error as Error).message}`]);
  }
  let json: unknown;
  try {
    // Vietnamese text is NFC at every entry point, the catalogue's words included.
    json = JSON.parse(text.normalize('NFC'));
  } catch (error) {
    throw new CredentialKindsFileInvalid(file, [`not JSON: ${(error as Error).message}`]);
  }
  return catalogueWithKindsFile(json, file);
}

export function openInfrastructure(config: SoGocConfig, options: InfrastructureOptions = {}): Infrastructure {
  // Checked first: a deployment with a bad kinds file does not start at all.
  const credentialKinds = config.credentialKindsFile ? credentialKindsFromFile(config.credentialKindsFile) : undefined;
  mkdirSync(config.dataDir, { recursive: true });
  const store: EventStore =
    config.eventStore.kind === 'sqlite'
      ? new SqliteEventStore({ file: config.eventStore.file, synchronous: config.eventStore.synchronous })
      : new EsdbEventStore({ connectionString: config.eventStore.connectionString });
  // The projector (another process) may not have made the file yet: made here, empty, so it can be opened read-only.
  if (options.readModelsReadOnly && !existsSync(config.readModelFile)) openReadModelDatabase(config.readModelFile).close();
  const readModels = openReadModelDatabase(config.readModelFile, { readonly: options.readModelsReadOnly ?? false });
  return {
    config,
    store,
    readModels,
    ...(credentialKinds ? { credentialKinds } : {}),
    async close() {
      await store.close();
      readModels.close();
    },
  };
}

export const INFRASTRUCTURE = Symbol('Infrastructure');
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODELS = Symbol('ReadModels');
