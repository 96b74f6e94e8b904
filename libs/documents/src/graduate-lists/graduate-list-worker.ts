import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { readGraduateList, type GraduateListOptions } from './read-graduate-list';

/** The thread behind GraduateListReader (read-off-thread.ts): one list at a time, answered by job id. */
interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly options: GraduateListOptions;
}

parentPort?.on('message', (job: Job) => {
  const sha256 = createHash('sha256').update(job.bytes).digest('hex');
  readGraduateList(job.bytes, job.fileName, job.options).then(
    (list) => parentPort?.postMessage({ id: job.id, list: { ...list, sha256 } }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
parentPort?.postMessage({ ready: true });
