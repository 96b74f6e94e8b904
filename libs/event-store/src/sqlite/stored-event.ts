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
 * A row read back from SQLite. Everything but the id, stream and type is decoded on first access: a
 * projection that skips most event types (the usual case during a replay) pays neither for parsing
 * their JSON nor for their BigInt positions.
 */
export class StoredEvent implements RecordedEvent {
  readonly id: string;
  readonly stream: string;
  readonly type: string;
  private readonly row: EventRow;
  private parsedData: unknown;
  private parsedMetadata: unknown;
  private decodedPosition: Position | undefined;

  constructor(row: EventRow) {
    this.row = row;
    this.stream = row[1];
    this.id = row[3];
    this.type = row[4];
  }

  get revision(): bigint {
    return BigInt(this.row[2]);
  }

  get position(): Position {
    if (this.decodedPosition === undefined) {
      const global = BigInt(this.row[0]);
      this.decodedPosition = { commit: global, prepare: global };
    }
    return this.decodedPosition;
  }

  get recordedAt(): Date {
    return new Date(this.row[7]);
  }

  get data(): unknown {
    if (this.parsedData === undefined) this.parsedData = JSON.parse(this.row[5]);
    return this.parsedData;
  }

  get metadata(): unknown {
    if (this.parsedMetadata === undefined) this.parsedMetadata = JSON.parse(this.row[6]);
    return this.parsedMetadata;
  }

  toJSON(): RecordedEvent {
    const { id, stream, type, revision, position, data, metadata, recordedAt } = this;
    return { id, stream, type, revision, position, data, metadata, recordedAt };
  }
}
