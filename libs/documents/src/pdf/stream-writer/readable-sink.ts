import { Readable } from 'node:stream';
import { ByteSink } from './byte-sink';

/**
 * A PDF handed to a reader (an HTTP response) as it is written. The producer awaits `ready()` between
 * pages: it resolves at once while the reader keeps up, waits while `highWaterMark` bytes are queued
 * unread, and always yields the event loop once, so a long book never stalls the requests served
 * beside it. A reader that goes away (the client hung up) makes `ready()` reject, which stops the work.
 */
export class ReadableSink extends ByteSink {
  readonly stream: Readable;
  private resume: (() => void) | undefined;
  private full = false;

  constructor(highWaterMark = 1 << 20) {
    super();
    this.stream = new Readable({
      highWaterMark,
      read: () => {
        this.full = false;
        this.wake();
      },
    });
    this.stream.on('close', () => this.wake());
  }

  protected consume(chunk: Uint8Array): void {
    if (!this.stream.push(chunk)) this.full = true;
  }

  async ready(): Promise<void> {
    // Nothing queued means the reader is waiting: give it what there is rather than a full chunk later.
    if (this.stream.readableLength === 0) this.flush();
    if (this.full && !this.stream.destroyed) await new Promise<void>((resolve) => (this.resume = resolve));
    else await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.stream.destroyed) throw new Error('The reader of the PDF went away before it was finished');
  }

  /** Ends the stream after the last bytes; returns the SHA-256 of everything written. */
  end(): string {
    const sha256 = this.finishHash();
    this.stream.push(null);
    return sha256;
  }

  fail(error: Error): void {
    this.stream.destroy(error);
  }

  private wake(): void {
    const resume = this.resume;
    this.resume = undefined;
    resume?.();
  }
}
