import type { Database } from 'better-sqlite3';
import type { EventStore } from '@so-goc/event-store';

/**
 * Which event store a read-model file was built from (issue 20 item 4). A store is known by the id of
 * its first event: it never changes, both adapters can read it, and a backup restored elsewhere keeps
 * it — rightly, since it holds the same history. Read models built from one store and then pointed at
 * another (a wrong SOGOC_DATA_DIR, a store restored from another province, a fresh empty store) would
 * silently mix two histories: the projector refuses instead.
 */
export class StoreMismatchError extends Error {
  override readonly name = 'StoreMismatchError';
  constructor(
    readonly readModelFile: string,
    readonly boundTo: string,
    readonly storeIdentity: string | undefined,
  ) {
    super(
      `The read-model file ${readModelFile} was built from another event store (first event ${boundTo}; this store's: ${storeIdentity ?? 'none, it is empty'}). ` +
        'Refusing to mix two histories. The file is derived data: delete it (and its -wal/-shm) and restart the projector to rebuild it from this store.',
    );
  }
}

/** The id of the store's first event; undefined while the store is empty. */
export async function storeIdentityOf(store: EventStore): Promise<string | undefined> {
  if ((await store.headPosition()) === undefined) return undefined;
  const controller = new AbortController();
  try {
    for await (const event of store.subscribeToAll({ signal: controller.signal })) {
      controller.abort();
      return event.id;
    }
  } finally {
    controller.abort();
  }
  return undefined;
}

export function migrateStoreBindingTable(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS read_model_store (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    store_identity TEXT NOT NULL,
    bound_at TEXT NOT NULL
  )`);
}

/**
 * Binds the read-model file to the store on first use and checks it on every later one. A file from
 * before this binding existed, with checkpoints already, is bound to the store it now meets (nothing
 * recorded says otherwise). Throws StoreMismatchError when the file belongs to another store, or has
 * projected events while the store is empty.
 */
export function bindReadModelsToStore(db: Database, storeIdentity: string | undefined): void {
  migrateStoreBindingTable(db);
  const bound = db.prepare<[], { store_identity: string }>('SELECT store_identity FROM read_model_store WHERE id = 1').get();
  if (bound) {
    if (bound.store_identity !== storeIdentity) throw new StoreMismatchError(db.name, bound.store_identity, storeIdentity);
    return;
  }
  if (storeIdentity === undefined) {
    const projected = db.prepare('SELECT 1 FROM projection_checkpoints WHERE position IS NOT NULL LIMIT 1').get();
    if (projected) throw new StoreMismatchError(db.name, 'unknown (built before read models were bound to their store)', undefined);
    return;
  }
  db.prepare('INSERT INTO read_model_store (id, store_identity, bound_at) VALUES (1, ?, ?)').run(storeIdentity, new Date().toISOString());
}
