import type { Position, RecordedEvent } from '../event-store.port';
import type { AppendNotifier } from './append-notifier';
import { StoredEvent, type EventRow } from './stored-event';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/** One page of `$all` after a position: the rows, and how far the store looked (past rows filtered out). */
export interface AllPage {
  readonly rows: EventRow[];
  readonly scannedTo: number;
}

/**
 * subscribeToAll as a hand-written async iterator: a replay of a million events hands over buffered
 * rows with one resolved promise each, instead of resuming a generator frame per event. Pages are
 * read in full; between pages the iterator yields to the event loop so a long catch-up never starves
 * HTTP requests or other projections; at the end it waits for an append (this process) or the poll
 * (other processes), until the signal aborts. With an event-type filter the page query filters, and the
 * position the store looked up to is told (onScanned) once every row before it has been handed over.
 */
export class AllStreamSubscription implements AsyncIterableIterator<RecordedEvent> {
  private page: EventRow[] = [];
  private index = 0;
  private after: number;
  private scannedTo: number;

  constructor(
    private readonly readPage: (after: number, limit: number) => AllPage,
    private readonly pageSize: number,
    private readonly notifier: AppendNotifier,
    private readonly pollIntervalMs: number,
    private readonly signal: AbortSignal,
    private readonly isClosed: () => boolean,
    after: number,
    private readonly onScanned?: (position: Position) => void,
  ) {
    this.after = after;
    this.scannedTo = after;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<RecordedEvent> {
    return this;
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.signal.aborted || this.isClosed()) return Promise.resolve(DONE);
    const row = this.page[this.index];
    if (row !== undefined) {
      this.index += 1;
      this.after = row[0];
      return Promise.resolve({ done: false, value: new StoredEvent(row) });
    }
    return this.nextPage();
  }

  return(): Promise<IteratorResult<RecordedEvent>> {
    this.page = [];
    return Promise.resolve(DONE);
  }

  private async nextPage(): Promise<IteratorResult<RecordedEvent>> {
    const wasFull = this.page.length === this.pageSize;
    for (;;) {
      // Every row of the last page has been handed over: what lay between them and the scan's end was filtered out.
      if (this.scannedTo > this.after) {
        this.after = this.scannedTo;
        if (this.onScanned) {
          const value = BigInt(this.scannedTo);
          this.onScanned({ commit: value, prepare: value });
        }
      }
      if (wasFull) await new Promise((resolve) => setImmediate(resolve));
      if (this.signal.aborted || this.isClosed()) return DONE;
      const page = this.readPage(this.after, this.pageSize);
      this.page = page.rows;
      this.scannedTo = page.scannedTo;
      this.index = 0;
      if (this.page.length > 0) return this.next();
      if (this.scannedTo > this.after) continue;
      await this.notifier.waitForAppend(this.signal, this.pollIntervalMs);
    }
  }
}
