import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileTooLarge } from './file-problems';
import type { GraduateList, GraduateListOptions, GraduateListProgress } from './read-graduate-list';

/** The list, with the SHA-256 of the file it was read from (recorded with the decision). */
export type ReadGraduateList = GraduateList & { readonly sha256: string };

interface Pending {
  readonly id: number;
  readonly bytes: Uint8Array;
  /** Kept apart: the bytes are gone once transferred. */
  readonly size: number;
  readonly fileName: string;
  readonly options: GraduateListOptions;
  readonly onProgress: ((progress: GraduateListProgress) => void) | undefined;
  readonly resolve: (list: ReadGraduateList) => void;
  readonly reject: (error: Error) => void;
}

const WORKER_HEAP_MB = 768;
/**
 * After a list this large, the worker is retired once it has answered (issue 19): V8 keeps the heap a
 * thread grew to, ~300 MB after a 100,000-row list, and the decision is then recorded beside it. The
 * next upload starts a fresh worker (a fraction of a second, against the minutes an office takes).
 */
const RETIRE_AFTER_BYTES = 2 * 1024 * 1024;

/** Buffers an upload storage filled for one request only: handed to the worker whole, not copied. */
const uploadBuffers = new WeakSet<ArrayBufferLike>();

/**
 * Says that the memory under `bytes` belongs to this upload alone (no other view of it is used after
 * the read), so the reader may transfer it to its worker even though the file fills only part of it.
 */
export function markUploadBuffer(bytes: Uint8Array): void {
  uploadBuffers.add(bytes.buffer);
}

/**
 * Reads graduate lists in a worker thread, so that parsing and validating a large upload never holds the
 * event loop that answers every other request of the process (issue 16: one 29 MB CSV kept the portal's
 * /health waiting 8.4 s). One list at a time, in arrival order: imports are rare, and a queue bounds the
 * memory two simultaneous 30 MB uploads could take. The worker's heap is capped; a file that would need
 * more is refused and the worker replaced, and the process lives on.
 */
export class GraduateListReader {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private readonly queue: Pending[] = [];
  private current: Pending | undefined;
  private nextId = 1;

  /**
   * Hands `bytes` over to the worker: when they fill their whole buffer (an upload does) that buffer is
   * transferred, not copied (a 30 MB copy costs the request thread a quarter of a second on these
   * machines), and the caller must not use them afterwards. Hence the file's hash in the answer.
   * `onProgress` hears the rows checked so far, every few hundred rows, as the worker reads them.
   */
  read(
    bytes: Uint8Array,
    fileName: string,
    options: GraduateListOptions,
    onProgress?: (progress: GraduateListProgress) => void,
  ): Promise<ReadGraduateList> {
    return new Promise<ReadGraduateList>((resolvePromise, reject) => {
      this.queue.push({ id: this.nextId++, bytes, size: bytes.byteLength, fileName, options, onProgress, resolve: resolvePromise, reject });
      this.pump();
    });
  }

  /** Starts the worker ahead of the first upload (it loads exceljs and the domain rules); resolves once it listens. */
  warmUp(): Promise<void> {
    this.worker ??= this.start();
    return this.ready ?? Promise.resolve();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    this.worker ??= this.start();
    try {
      const whole =
        job.bytes.byteLength > 0 &&
        job.bytes.buffer instanceof ArrayBuffer &&
        (uploadBuffers.has(job.bytes.buffer) || (job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength));
      const own = whole ? job.bytes : new Uint8Array(job.bytes);
      this.worker.postMessage({ id: job.id, bytes: own, fileName: job.fileName, options: job.options }, [own.buffer as ArrayBuffer]);
    } catch (error) {
      // Bytes already handed over (a detached buffer) cannot be read again: refused, and the queue goes on.
      this.finish((pending) => pending.reject(error as Error));
    }
  }

  private finish(settle: (job: Pending) => void): void {
    const job = this.current;
    this.current = undefined;
    if (job && job.size >= RETIRE_AFTER_BYTES && this.queue.length === 0) this.retire();
    if (job) settle(job);
    this.pump();
  }

  /** Lets the current worker go (its heap with it); the next read starts another. */
  private retire(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) void worker.terminate();
  }

  private start(): Worker {
    const worker = spawnWorker();
    worker.unref();
    this.ready = new Promise((resolveReady) => {
      const listening = (message: { ready?: boolean }) => {
        if (!message.ready) return;
        worker.off('message', listening);
        resolveReady();
      };
      worker.on('message', listening);
      worker.once('exit', () => resolveReady());
    });
    worker.on('message', (message: { id?: number; list?: ReadGraduateList; error?: string; progress?: GraduateListProgress }) => {
      if (message.id === undefined || message.id !== this.current?.id) return;
      if (message.progress) {
        this.current.onProgress?.(message.progress);
        return;
      }
      if (message.list) {
        const list = message.list;
        this.finish((job) => job.resolve(list));
      } else this.finish((job) => job.reject(new Error(`graduate list worker: ${message.error ?? 'no answer'}`)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.ready = undefined;
      }
      this.finish((job) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
          job.resolve({ records: [], problems: [fileTooLarge(job.fileName, job.size)], columns: {}, sha256: '' });
        else job.reject(error);
      });
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.ready = undefined;
      this.finish((job) => job.reject(new Error(`graduate list worker exited with ${code} while reading`)));
    });
    return worker;
  }
}

/** The process's reader: the apps warm it at start-up and every import goes through it. */
export const graduateListReader = new GraduateListReader();

function spawnWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  if (__filename.endsWith('.js')) return new Worker(resolve(__dirname, 'graduate-list-worker.js'), { resourceLimits });
  // Running from the TypeScript sources (tests, ts-node): the worker compiles them as test/support/spawn-ts does.
  const root = resolve(__dirname, '../../../..');
  const bootstrap = `
    require('ts-node').register({ transpileOnly: true, project: ${JSON.stringify(resolve(root, 'tsconfig.json'))} });
    const paths = require('tsconfig-paths');
    const config = paths.loadConfig(${JSON.stringify(root)});
    paths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
    require(${JSON.stringify(resolve(__dirname, 'graduate-list-worker.ts'))});`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
