import { foldEvents, type Decider, type DomainEvent } from '@so-goc/domain';
import { decodeEvent, type EventStore } from '@so-goc/event-store';

/** The folded state of one stream, for gathering the facts a command on another stream needs. */
export async function loadState<TCommand, TState, TEvent extends DomainEvent>(
  store: EventStore,
  decider: Decider<TCommand, TState, TEvent>,
  stream: string,
): Promise<TState> {
  const read = await store.readStream(stream);
  return foldEvents(
    decider,
    read.events.map((e) => decodeEvent<TEvent>(e)),
  );
}
