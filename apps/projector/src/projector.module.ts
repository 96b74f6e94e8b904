import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ProjectionRunner } from '@so-goc/projections';

const RUNNER = Symbol('ProjectionRunner');

/** Starts the projections when the context boots and stops them (finishing the current batch) on shutdown. */
class ProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(RUNNER) private readonly runner: ProjectionRunner) {}

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

@Module({})
export class ProjectorModule {
  static register(runner: ProjectionRunner): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [{ provide: RUNNER, useValue: runner }, ProjectorLifecycle],
      exports: [RUNNER],
    };
  }
}
