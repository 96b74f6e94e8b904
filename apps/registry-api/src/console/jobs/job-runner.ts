import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DomainError, GraduateListRejected } from '@so-goc/domain';
import { HEARTBEAT_MILLIS, JobStore, type Job, type JobFailure, type JobPhase, type JobResult, type NewJob } from './job-store';

/** What a job's work is given: where to say how far it is, and where to write its file. */
export interface JobWork {
  readonly id: string;
  /** Written at most a few times a second, and always when the phase changes or the count reaches the total. */
  report(done: number, total?: number | null, phase?: JobPhase): void;
  /** The path of the job's result file in the data dir. */
  resultPath(format: JobResult['format']): string;
}

export type JobOutcome = { readonly link: string } | { readonly result: JobResult };

/** Injection token: how long a page waits for work it started before showing the job's page instead. */
export const JOB_QUICK_MILLIS = 'CONSOLE_JOB_QUICK_MILLIS';
/** A small list or a short run answers as it always did; long work is handed over to its job page. */
export const DEFAULT_JOB_QUICK_MILLIS = 2_000;

/** Progress is written at most this often; the polling page asks once a second. */
const WRITE_EVERY_MILLIS = 250;
const SWEEP_EVERY_MILLIS = 3600_000;

/**
 * Runs the console's long work in this process and keeps its state in the JobStore: progress as the
 * work reports it, the result file in `<data dir>/console-jobs/`, a refusal with its rule and rows.
 * Finished jobs and their files are removed after the retention period.
 */
export class JobRunner implements OnApplicationShutdown {
  private readonly logger = new Logger('ConsoleJobs');
  private readonly settled = new Map<string, Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sweeper: NodeJS.Timeout;
  private closing = false;

  constructor(
    readonly store: JobStore,
    readonly dir: string,
    readonly retentionMillis: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.sweep();
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MILLIS);
    this.sweeper.unref();
  }

  /** Starts the work now and answers at once with the job's id; the work goes on after the request ends. */
  start(job: Omit<NewJob, 'id'>, work: (job: JobWork) => Promise<JobOutcome>): string {
    this.sweep();
    const id = `viec-${randomBytes(10).toString('hex')}`;
    this.store.create({ ...job, id });
    let done = 0;
    let total = job.total;
    let phase: JobPhase = 'queued';
    let writtenAt = 0;
    const write = () => {
      writtenAt = Date.now();
      this.store.progress(id, done, total, phase, writtenAt);
    };
    const heartbeat = setInterval(write, HEARTBEAT_MILLIS);
    heartbeat.unref();
    this.timers.add(heartbeat);
    const context: JobWork = {
      id,
      report: (nextDone, nextTotal, nextPhase = 'working') => {
        const turned = nextPhase !== phase || (nextTotal !== undefined && nextTotal !== total);
        done = nextDone;
        if (nextTotal !== undefined) total = nextTotal;
        phase = nextPhase;
        if (turned || done === total || Date.now() - writtenAt >= WRITE_EVERY_MILLIS) write();
      },
      resultPath: (format) => join(this.dir, `${id}.${format}`),
    };
    const run = (async () => {
      try {
        const outcome = await work(context);
        write();
        this.store.finish(id, { state: 'done', ...outcome });
        return undefined;
      } catch (error) {
        if (this.closing) return error;
        write();
        for (const format of ['pdf', 'xlsx'] as const) rmSync(context.resultPath(format), { force: true });
        this.store.finish(id, { state: 'failed', failure: this.failureOf(id, error) });
        return error;
      } finally {
        clearInterval(heartbeat);
        this.timers.delete(heartbeat);
        this.settled.delete(id);
      }
    })();
    this.settled.set(id, run);
    return id;
  }

  /**
   * The job once finished, if it finishes within `millis` (with the error that failed it, for a page that
   * answers as it did before the work became a job); undefined while it still runs.
   */
  async within(id: string, millis: number): Promise<{ job: Job; error?: unknown } | undefined> {
    const run = this.settled.get(id);
    if (!run) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), millis)));
    const first = await Promise.race([run.then((error) => ({ error })), late]);
    clearTimeout(timer);
    if (first === 'late') return undefined;
    const job = this.store.get(id);
    if (!job) return undefined;
    return first.error === undefined ? { job } : { job, error: first.error };
  }

  onApplicationShutdown(): void {
    this.closing = true;
    clearInterval(this.sweeper);
    for (const timer of this.timers) clearInterval(timer);
  }

  private failureOf(id: string, error: unknown): JobFailure {
    if (error instanceof GraduateListRejected) {
      const p = error.problem;
      return { code: p.code, messageVi: p.messageVi, messageEn: p.messageEn, rows: error.rowProblems };
    }
    if (error instanceof DomainError) {
      const p = error.problem;
      return { code: p.code, messageVi: p.messageVi, messageEn: p.messageEn, ...(p.rule !== undefined ? { rule: p.rule } : {}) };
    }
    this.logger.error(`job ${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return {
      code: 'JOB_FAILED',
      messageVi: 'Việc này gặp lỗi của hệ thống và đã dừng; không có gì được ghi thêm. Hãy chạy lại, hoặc báo cho quản trị.',
      messageEn: 'This job hit a system error and stopped; nothing more was recorded. Run it again, or tell the administrator.',
    };
  }

  private sweep(): void {
    // An interrupted job may have left a part-written file under its id: it goes with the job.
    for (const job of this.store.expire(Date.now() - this.retentionMillis))
      for (const format of ['pdf', 'xlsx'] as const) rmSync(join(this.dir, `${job.id}.${format}`), { force: true });
  }
}
