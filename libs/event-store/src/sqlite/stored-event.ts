import type { Position, RecordedEvent } from '../event-store.port';

export type EventRow = [
  position: number,
  stream: string,
  revision: number,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: number,
];

export const EVENT_COLUMNS = 'position, stream, revision, event_id, type, data, metadata, recorded_at';

/**
 * A row read back from SQLite. Data and metadata are parsed on first access: a projection that skips
 * most event types (the usual case during a replay) does not pay for parsing their JSON.
 */
export class StoredEvent implements RecordedEvent {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly recordedAt: Date;
  private parsedData: unknown;
  private parsedMetadata: unknown;
  private dataText: string | undefined;
  private metadataText: string | undefined;

  constructor(row: EventRow) {
    const [position, stream, revision, eventId, type, data, metadata, recordedAt] = row;
    const global = BigInt(position);
    this.position = { commit: global, prepare: global };
    this.stream = stream;
    this.revision = BigInt(revision);
    this.id = eventId;
    this.type = type;
    this.dataText = data;
    this.metadataText = metadata;
    this.recordedAt = new Date(recordedAt);
  }

  get data(): unknown {
    if (this.dataText !== undefined) {
      this.parsedData = JSON.parse(this.dataText);
      this.dataText = undefined;
    }
    return this.parsedData;
  }

  get metadata(): unknown {
    if (this.metadataText !== undefined) {
      this.parsedMetadata = JSON.parse(this.metadataText);
      this.metadataText = undefined;
    }
    return this.parsedMetadata;
  }

  toJSON(): RecordedEvent {
    return { ...this, data: this.data, metadata: this.metadata };
  }
}
