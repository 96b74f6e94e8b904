import type { DomainEvent } from '@so-goc/domain';
import type { RecordedEvent } from '../event-store.port';

/**
 * Upcasters by event type: each turns a stored shape of an older schema version into today's. Stored
 * events are never rewritten (architecture §3); they are brought forward here, on the read path only.
 */
const UPCASTERS: Readonly<Record<string, (data: unknown, schemaVersion: number) => unknown>> = {};

/**
 * The one place where a stored event becomes a domain event, for command handling and workflows alike.
 * The type parameter is the caller's claim about the stream it read: streams hold only their decider's
 * events, which the store's stream naming guarantees.
 */
export function decodeEvent<TEvent extends DomainEvent>(recorded: RecordedEvent): TEvent {
  const metadata = recorded.metadata as { schemaVersion?: unknown } | null;
  const schemaVersion = typeof metadata?.schemaVersion === 'number' ? metadata.schemaVersion : 1;
  const upcast = UPCASTERS[recorded.type];
  const data = upcast ? upcast(recorded.data, schemaVersion) : recorded.data;
  const event: DomainEvent = { type: recorded.type, data };
  return event as TEvent;
}

/**
 * An event a workflow decided for a stream, typed by that stream's event union under the same claim as
 * decodeEvent (a stream holds only its decider's events): how a workflow's outcome carries typed events.
 */
export function decidedEvent<TEvent extends DomainEvent>(event: DomainEvent): TEvent {
  return event as TEvent;
}
