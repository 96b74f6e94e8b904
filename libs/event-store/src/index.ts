export * from './event-store.port';
export * from './errors';
export * from './command-handling/event-ids';
export * from './command-handling/decode-event';
export * from './command-handling/handle-command';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
export * from './stream-state-cache';
