import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DiplomaFace } from './diploma-face';
import type { RenderedPage, RenderSettings } from './page-content';
import type { PageJob, PageJobResult } from './page-worker';

interface Pending {
  resolve(pages: RenderedPage[]): void;
  reject(error: Error): void;
}

// Under ts-jest the code runs from .ts sources, which a bare worker thread cannot load; the worker then
// compiles on the fly (transpile only) and resolves the @so-goc/* aliases like the tests do.
function workerOptions(settings: RenderSettings): { file: string; execArgv: string[]; workerData: RenderSettings } {
  const ext = extname(__filename);
  const execArgv = ext === '.ts' ? ['--require', 'ts-node/register/transpile-only', '--require', 'tsconfig-paths/register'] : [];
  return { file: join(__dirname, `page-worker${ext}`), execArgv, workerData: settings };
}

/** Renders batches of pages on worker threads; each batch goes to the worker with the least queued work. */
export class PageWorkerPool {
  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> }>;
  private nextId = 0;
  private failure: Error | undefined;

  constructor(size: number, settings: RenderSettings) {
    const { file, execArgv, workerData } = workerOptions(settings);
    this.workers = Array.from({ length: size }, () => {
      const entry = { worker: new Worker(file, { execArgv, workerData }), pending: new Map<number, Pending>() };
      entry.worker.on('message', (result: PageJobResult) => {
        const job = entry.pending.get(result.id);
        entry.pending.delete(result.id);
        if ('error' in result) job?.reject(new Error(result.error));
        else job?.resolve(result.pages);
      });
      entry.worker.on('error', (error) => this.fail(entry.pending, error));
      entry.worker.on('exit', (code) => this.fail(entry.pending, new Error(`A page worker exited with code ${code}`)));
      return entry;
    });
  }

  render(faces: DiplomaFace[]): Promise<RenderedPage[]> {
    if (this.failure) return Promise.reject(this.failure);
    const entry = this.workers.reduce((least, candidate) => (candidate.pending.size < least.pending.size ? candidate : least));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      entry.worker.postMessage({ id, faces } satisfies PageJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private fail(pending: Map<number, Pending>, error: Error): void {
    this.failure ??= error;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  }
}
