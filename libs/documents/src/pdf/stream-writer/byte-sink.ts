import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

// Pages arrive as many small pieces (a dictionary, a stream header, the stream). Writing or hashing
// each piece on its own costs a system call or a hash update apiece, so they are gathered in one
// buffer and handed on in large chunks; the SHA-256 is computed on the way out, never by reading back.
const CHUNK = 1 << 20;

export abstract class ByteSink {
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  private written = 0;
  private readonly hash: Hash = createHash('sha256');

  /** Bytes handed to the sink so far: the offset the next object starts at. */
  get position(): number {
    return this.written + this.used;
  }

  ascii(text: string): void {
    if (text.length > CHUNK - this.used) {
      this.flush();
      if (text.length > CHUNK) return this.emit(Buffer.from(text, 'latin1'));
    }
    this.used += this.buffer.write(text, this.used, 'latin1');
  }

  bytes(data: Uint8Array): void {
    if (data.length > CHUNK - this.used) {
      this.flush();
      if (data.length > CHUNK / 4) return this.emit(data);
    }
    this.buffer.set(data, this.used);
    this.used += data.length;
  }

  /** A digest of everything written so far without ending the hash: the trailer's /ID is derived from it. */
  digestSoFar(): Buffer {
    this.flush();
    return this.hash.copy().digest();
  }

  protected finishHash(): string {
    this.flush();
    return this.hash.digest('hex');
  }

  protected abstract consume(chunk: Uint8Array): void;

  /** Hands what is buffered on now: a consumer waiting for its first bytes need not wait for a full chunk. */
  protected flush(): void {
    if (this.used === 0) return;
    // consume() may keep the chunk (the memory sink does), so it gets a copy, not the reused buffer.
    this.emit(Buffer.from(this.buffer.subarray(0, this.used)));
    this.used = 0;
  }

  private emit(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.consume(chunk);
    this.written += chunk.length;
  }
}

export class MemorySink extends ByteSink {
  private readonly chunks: Uint8Array[] = [];

  protected consume(chunk: Uint8Array): void {
    this.chunks.push(chunk);
  }

  close(): { bytes: Uint8Array; sha256: string } {
    const sha256 = this.finishHash();
    return { bytes: new Uint8Array(Buffer.concat(this.chunks)), sha256 };
  }
}

/** Synchronous writes: a page is a few kilobytes and the disk is never the bottleneck of a print run. */
export class FileSink extends ByteSink {
  private readonly fd: number;

  constructor(path: string) {
    super();
    this.fd = openSync(path, 'w');
  }

  protected consume(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) offset += writeSync(this.fd, chunk, offset);
  }

  close(): { sha256: string; byteLength: number } {
    const sha256 = this.finishHash();
    closeSync(this.fd);
    return { sha256, byteLength: this.position };
  }

  /** Closes without finishing, after a failure. */
  abandon(): void {
    closeSync(this.fd);
  }
}
