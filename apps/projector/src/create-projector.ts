import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, LogLevel } from '@nestjs/common';
import { positionToString } from '@so-goc/event-store';
import type { Infrastructure, JsonLog, Metrics } from '@so-goc/platform';
import { ALL_PROJECTIONS, ProjectionRunner, type ProjectionLogger } from '@so-goc/projections';
import { ProjectorModule } from './projector.module';

export interface Projector {
  readonly context: INestApplicationContext;
  readonly runner: ProjectionRunner;
}

export interface ProjectorOptions {
  /** false: nothing but errors on stderr (tests), unless `log` is given. */
  readonly logger?: LogLevel[] | false;
  /** One JSON line per committed batch and per start, rebuild or stop of a projection (and Nest's messages). */
  readonly log?: JsonLog;
  /** Counts applied events per projection (`sogoc_projection_events_total`). */
  readonly metrics?: Metrics;
}

/** A standalone Nest context (no HTTP) that owns the projections and their checkpoints. */
export async function createProjector(infrastructure: Infrastructure, options: ProjectorOptions = {}): Promise<Projector> {
  const runner = new ProjectionRunner(infrastructure.store, infrastructure.readModels, ALL_PROJECTIONS, {
    logger: projectionLogger(options),
    batchSize: batchSizeFrom(process.env),
  });
  const context = await NestFactory.createApplicationContext(ProjectorModule.register(runner, infrastructure), {
    logger: options.log && options.logger !== false ? options.log.forNest() : (options.logger ?? ['log', 'warn', 'error']),
  });
  return { context, runner };
}

/** JSON lines when a log is given; otherwise plain console lines (errors only when quiet). Batches are counted either way. */
function projectionLogger({ log, metrics, logger }: ProjectorOptions): ProjectionLogger {
  const applied = metrics?.counter('sogoc_projection_events_total', 'Events delivered to each projection and committed in a batch.');
  const pauseMs = testPauseFrom(process.env);
  return {
    log: (message) => (log ? log.info(message) : logger === false ? undefined : console.log(message)),
    error: (message) => (log ? log.error(message) : console.error(message)),
    batch: (projection, events, position, durationMs) => {
      applied?.inc({ projection }, events);
      log?.info('batch', { projection, events, position: positionToString(position), durationMs: Math.round(durationMs * 100) / 100 });
      if (pauseMs > 0) Atomics.wait(PAUSE_CELL, 0, 0, pauseMs);
    },
  };
}

const PAUSE_CELL = new Int32Array(new SharedArrayBuffer(4));

/**
 * FOR TESTS ONLY (SOGOC_PROJECTION_TEST_PAUSE_MS): this process blocks that long after each committed batch,
 * so a catch-up lasts long enough for a test to provably look up during it (test/e2e/nodes-that-agree).
 * Never set in production: it slows the projector and nothing else.
 */
function testPauseFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SOGOC_PROJECTION_TEST_PAUSE_MS;
  if (raw === undefined || raw === '') return 0;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 1_000)
    throw new Error(`SOGOC_PROJECTION_TEST_PAUSE_MS must be a whole number of ms from 0 to 1000, not ${raw}`);
  return parsed;
}

/** Events applied per transaction at most (SOGOC_PROJECTION_BATCH_SIZE, 500). */
function batchSizeFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SOGOC_PROJECTION_BATCH_SIZE;
  if (raw === undefined || raw === '') return 500;
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`SOGOC_PROJECTION_BATCH_SIZE must be a whole number ≥ 1, not ${raw}`);
  return parsed;
}
