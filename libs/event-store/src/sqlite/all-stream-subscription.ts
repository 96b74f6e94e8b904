import type { Statement } from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port';
import type { AppendNotifier } from './append-notifier';
import { StoredEvent, type EventRow } from './stored-event';

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A page ends after this much event data and metadata, however few rows it holds (issue 19): every
 * projection reads its own pages, so pages of 500 large events (a city's graduate list, a run's entries)
 * held by forty projections at once took a gigabyte during a catch-up.
 */
export const PAGE_BYTES = 1024 * 1024;

/**
 * subscribeToAll as a hand-written async iterator: a replay of a million events hands over buffered
 * rows with one resolved promise each, instead of resuming a generator frame per event. Pages are
 * read in full; between pages the iterator yields to the event loop so a long catch-up never starves
 * HTTP requests or other projections; at the end it waits for an append (this process) or the poll
 * (other processes), until the signal aborts.
 */
export class AllStreamSubscription implements AsyncIterableIterator<RecordedEvent> {
  private page: EventRow[] = [];
  private full = false;
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
    const wasFull = this.full;
    for (;;) {
      if (wasFull) await new Promise((resolve) => setImmediate(resolve));
      if (this.signal.aborted || this.isClosed()) return DONE;
      this.readBoundedPage();
      this.index = 0;
      if (this.page.length > 0) return this.next();
      await this.notifier.waitForAppend(this.signal, this.pollIntervalMs);
    }
  }

  /** Up to pageSize rows or PAGE_BYTES of data, whichever comes first (at least one row). */
  private readBoundedPage(): void {
    const page: EventRow[] = [];
    let bytes = 0;
    this.full = false;
    for (const row of this.readPage.iterate(this.after, this.pageSize)) {
      page.push(row);
      bytes += row[5].length + row[6].length;
      if (bytes >= PAGE_BYTES) {
        this.full = true;
        break;
      }
    }
    if (page.length === this.pageSize) this.full = true;
    this.page = page;
  }
}
