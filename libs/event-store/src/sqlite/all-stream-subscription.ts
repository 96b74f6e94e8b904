import type { Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port';
import type { AppendNotifier } from './append-notifier';
import { StoredEvent, type EventRow } from './stored-event';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * subscribeToAll as a hand-written async iterator: a replay of a million events hands over buffered
 * rows with one resolved promise each, instead of resuming a generator frame per event. Pages are
 * read in full; between pages the iterator yields to the event loop so a long catch-up never starves
 * HTTP requests or other projections; at the end it waits for an append (this process) or the poll
 * (other processes), until the signal aborts.
 */
export class AllStreamSubscription implements AsyncIterableIterator<RecordedEvent> {
  private page: EventRow[] = [];
  private index = 0;
  private after: number;

  constructor(
    private readonly readPage: Statement<[number, number], EventRow>,
    private readonly pageSize: number,
    private readonly notifier: AppendNotifier,
    private readonly pollIntervalMs: number,
    private readonly signal: AbortSignal,
    private readonly isClosed: () => boolean,
    after: number,
  ) {
    this.after = after;
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
      if (wasFull) await new Promise((resolve) => setImmediate(resolve));
      if (this.signal.aborted || this.isClosed()) return DONE;
      this.page = this.readPage.all(this.after, this.pageSize);
      this.index = 0;
      if (this.page.length > 0) return this.next();
      await this.notifier.waitForAppend(this.signal, this.pollIntervalMs);
    }
  }
}
