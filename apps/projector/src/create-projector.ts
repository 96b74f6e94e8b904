import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, LogLevel } from '@nestjs/common';
import type { Infrastructure } from '@so-goc/platform';
import { ALL_PROJECTIONS, ProjectionRunner } from '@so-goc/projections';
import { ProjectorModule } from './projector.module';

export interface Projector {
  readonly context: INestApplicationContext;
  readonly runner: ProjectionRunner;
}

/** A standalone Nest context (no HTTP) that owns the projections and their checkpoints. */
export async function createProjector(infrastructure: Infrastructure, options: { logger?: LogLevel[] | false } = {}): Promise<Projector> {
  const quiet = options.logger === false ? { logger: { log: () => undefined, error: (message: string) => console.error(message) } } : {};
  const runner = new ProjectionRunner(infrastructure.store, infrastructure.readModels, ALL_PROJECTIONS, quiet);
  const context = await NestFactory.createApplicationContext(ProjectorModule.register(runner, infrastructure), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  return { context, runner };
}
