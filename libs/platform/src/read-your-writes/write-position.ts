import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { comparePositions, type EventStore, type Position } from '@so-goc/event-store';
import { storeIdentityOf } from '@so-goc/projections';

/**
 * Read-your-writes across nodes (issue 20 item 4). Every officer write answers the position it reached
 * as a token (`Sogoc-Write-Position`, and `writePosition` in the JSON receipt); a read on any node may
 * send it back (`Sogoc-Read-After`, or the console's cookie) and waits until that node's read models
 * have projected it. The token is bound to the store: `v1.<store tag>.<commit>.<prepare>`, where the tag
 * is a digest of the store's identity (the id of its first event, the same identity the read models
 * are bound to), so a position from another store — another province, a store restored from elsewhere,
 * a test system — is refused instead of waited on.
 */
export const WRITE_POSITION_HEADER = 'Sogoc-Write-Position';
export const READ_AFTER_HEADER = 'Sogoc-Read-After';
/** The console's cookie: set on the answer to a form's POST, sent back on the page it redirects to. */
export const READ_AFTER_COOKIE = 'sogoc_read_after';

const TOKEN = /^v1\.([A-Za-z0-9_-]{16})\.(\d{1,20})\.(\d{1,20})$/;

/** What one request wrote and read while deciding: the position its answer carries. */
export interface WriteScope {
  /** The highest position the request appended at or decided on (events it read), if any. */
  position?: Position;
  /** `position` as a token bound to the store, once known. */
  token?: string;
}

const scopes = new AsyncLocalStorage<WriteScope>();

/** Runs `act` with a fresh write scope: appends and stream reads of tracked stores inside it are noted there. */
export function withinWriteScope<T>(act: (scope: WriteScope) => T): T {
  const scope: WriteScope = {};
  return scopes.run(scope, () => act(scope));
}

/** The token of what the current request wrote, if it wrote (or decided on) anything. */
export function currentWritePosition(): string | undefined {
  return scopes.getStore()?.token;
}

/** The store tag of a token: a digest, so the first event's id itself is not handed out. */
export function storeTagOf(identity: string): string {
  return createHash('sha256').update(`sogoc-store-v1\0${identity}`).digest('base64url').slice(0, 16);
}

export function formatReadAfter(identity: string, position: Position): string {
  return `v1.${storeTagOf(identity)}.${position.commit}.${position.prepare}`;
}

export type ParsedReadAfter =
  | { readonly ok: true; readonly position: Position }
  | { readonly ok: false; readonly reason: 'malformed' | 'foreign-store' | 'beyond-head' };

/**
 * Checks a token a client sent against this store: its shape, the store it names, and that the store
 * has reached its position (a position no write reached was forged or comes from a store that was
 * replaced; waiting on it would hold every read for the whole bound).
 */
export async function parseReadAfter(store: EventStore, token: string): Promise<ParsedReadAfter> {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const identity = await identityOf(store);
  if (identity === undefined || storeTagOf(identity) !== match[1]) return { ok: false, reason: 'foreign-store' };
  const position: Position = { commit: BigInt(match[2]!), prepare: BigInt(match[3]!) };
  const head = await store.headPosition();
  if (head === undefined || comparePositions(position, head) > 0) return { ok: false, reason: 'beyond-head' };
  return { ok: true, position };
}

const identities = new WeakMap<EventStore, Promise<string | undefined>>();

/** The store's identity, looked up once per store object (while the store is empty, looked up again next time). */
export function identityOf(store: EventStore): Promise<string | undefined> {
  const known = identities.get(store);
  if (known) return known;
  const looked = storeIdentityOf(store).then(
    (identity) => {
      if (identity === undefined) identities.delete(store);
      return identity;
    },
    (error: unknown) => {
      identities.delete(store);
      throw error;
    },
  );
  identities.set(store, looked);
  return looked;
}

/**
 * Notes a position in the current write scope, if there is one, and the token for it. Called by the
 * store wrappers of trackWrittenPositions after an append and after a stream read (an act that finds
 * its command already handled appends nothing, but the events it found carry the position it reached).
 */
export async function noteInWriteScope(store: EventStore, position: Position): Promise<void> {
  const scope = scopes.getStore();
  if (!scope) return;
  if (scope.position !== undefined && comparePositions(position, scope.position) <= 0) return;
  scope.position = position;
  const identity = await identityOf(store);
  // Another note may have moved the scope on while the identity was looked up: only the latest is kept.
  if (identity !== undefined && scope.position === position) scope.token = formatReadAfter(identity, position);
}
