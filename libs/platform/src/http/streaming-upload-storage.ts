import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Request } from 'express';
import { markUploadBuffer } from '@so-goc/documents';

/** The file multer hands to a controller, with the hash this storage computed as the bytes arrived. */
export interface StreamedUpload {
  readonly buffer: Buffer;
  readonly size: number;
  readonly sha256: string;
}

type Done = (error: Error | null, info?: Partial<StreamedUpload>) => void;

/**
 * Multer's storage engine for large uploads (graduate lists, book scans). Multer's memory storage joins
 * the chunks at the end (one 30 MB copy) and the idempotency fingerprint then hashed the whole file:
 * together ~40 ms of the request thread on a quiet machine, several times that on a busy one, during
 * which the public portal served by the same process answered nothing (issue 16 asks /health within
 * 100 ms throughout an upload). Here each chunk is copied into a buffer sized once from Content-Length
 * and hashed as it arrives, so the work is spread over the upload in sub-millisecond pieces; the buffer
 * is marked as the upload's own, so the graduate-list reader may hand it to its worker without a copy.
 */
export const streamingUploadStorage = {
  _handleFile(request: Request, file: { stream: Readable }, done: Done): void {
    const declared = Number(request.headers['content-length']);
    let buffer = Buffer.allocUnsafeSlow(Number.isSafeInteger(declared) && declared > 0 ? declared : 64 * 1024);
    let size = 0;
    const hash = createHash('sha256');
    file.stream.on('data', (chunk: Buffer) => {
      if (size + chunk.length > buffer.length) {
        // No or a lying Content-Length: grow by doubling (multer's fileSize limit still bounds the total).
        const grown = Buffer.allocUnsafeSlow(Math.max(buffer.length * 2, size + chunk.length));
        buffer.copy(grown, 0, 0, size);
        buffer = grown;
      }
      chunk.copy(buffer, size);
      size += chunk.length;
      hash.update(chunk);
    });
    file.stream.once('error', (error: Error) => done(error));
    file.stream.once('end', () => {
      const bytes = buffer.subarray(0, size);
      markUploadBuffer(bytes);
      done(null, { buffer: bytes, size, sha256: hash.digest('hex') });
    });
  },
  _removeFile(_request: Request, file: { buffer?: Buffer }, done: (error: Error | null) => void): void {
    delete file.buffer;
    done(null);
  },
};
