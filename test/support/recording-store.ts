import type { EventStore, NewEvent } from '@so-goc/event-store';

export interface RecordedAppend {
  readonly stream: string;
  readonly events: number;
  /** Serialized event data and metadata, as the store receives them. */
  readonly bytes: number;
}

/**
 * The real store, with every append it accepts written down (stream, event count, serialized bytes):
 * a decorator, not a mock — every call goes through to the store unchanged.
 */
export function recordingAppends(store: EventStore): { store: EventStore; appends: RecordedAppend[] } {
  const appends: RecordedAppend[] = [];
  const decorated = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendToStream') {
        return async (stream: string, events: readonly NewEvent[], ...rest: unknown[]) => {
          const result = await (target.appendToStream as (...a: unknown[]) => ReturnType<EventStore['appendToStream']>)(
            stream,
            events,
            ...rest,
          );
          const bytes = events.reduce(
            (n, e) => n + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)),
            0,
          );
          appends.push({ stream, events: events.length, bytes });
          return result;
        };
      }
      if (property === 'appendToStreams') {
        // Each stream's request is one append, as appendToStream's; the store makes them in one transaction.
        return async (requests: Parameters<EventStore['appendToStreams']>[0]) => {
          const results = await target.appendToStreams(requests);
          for (const { stream, events } of requests) {
            const bytes = events.reduce(
              (n, e) => n + Buffer.byteLength(JSON.stringify(e.data)) + Buffer.byteLength(JSON.stringify(e.metadata)),
              0,
            );
            appends.push({ stream, events: events.length, bytes });
          }
          return results;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: decorated, appends };
}
