import {
  AUTHORITY_DIRECTORY_STREAM,
  EMPTY_DIRECTORY,
  evolveDirectory,
  type AuthorityDirectory,
  type AuthorityDirectoryEvent,
} from '@so-goc/domain';
import { decodeEvent, StreamStateCache, type EventStore } from '@so-goc/event-store';

/** The authority directory folded from its stream (never from a read model), kept up to date on each read. */
export function authorityDirectoryCache(store: EventStore): StreamStateCache<AuthorityDirectory> {
  return new StreamStateCache(store, AUTHORITY_DIRECTORY_STREAM, EMPTY_DIRECTORY, (state, event) =>
    evolveDirectory(state, decodeEvent<AuthorityDirectoryEvent>(event)),
  );
}
