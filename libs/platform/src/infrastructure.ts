import { existsSync, mkdirSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { EsdbEventStore, SqliteEventStore, type EventStore } from '@so-goc/event-store';
import { openReadModelDatabase } from '@so-goc/projections';
import type { SoGocConfig } from './config';
import type { CredentialCatalogue } from '@so-goc/domain';

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

export function openInfrastructure(config: SoGocConfig, options: InfrastructureOptions = {}): Infrastructure {
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
    async close() {
      await store.close();
      readModels.close();
    },
  };
}

export const INFRASTRUCTURE = Symbol('Infrastructure');
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODELS = Symbol('ReadModels');
