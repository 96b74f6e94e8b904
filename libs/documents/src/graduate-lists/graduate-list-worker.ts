import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { readGraduateList, type GraduateListOptions, type GraduateListProgress } from './read-graduate-list';

/** A progress message at most every this many rows (and at the first and last): 40 messages for a 20,000-row list. */
const PROGRESS_EVERY_ROWS = 500;

/** The thread behind GraduateListReader (read-off-thread.ts): one list at a time, answered by job id. */
interface Job {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly options: GraduateListOptions;
}

parentPort?.on('message', (job: Job) => {
  const sha256 = createHash('sha256').update(job.bytes).digest('hex');
  const progress = ({ rowsRead, rowsTotal }: GraduateListProgress) => {
    if (rowsRead % PROGRESS_EVERY_ROWS === 0 || rowsRead === rowsTotal)
      parentPort?.postMessage({ id: job.id, progress: { rowsRead, rowsTotal } });
  };
  readGraduateList(job.bytes, job.fileName, job.options, progress).then(
    (list) => parentPort?.postMessage({ id: job.id, list: { ...list, sha256 } }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
parentPort?.postMessage({ ready: true });
