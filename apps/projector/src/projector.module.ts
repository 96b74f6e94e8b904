import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, FINDING_COMMAND_HANDLERS, runAuditRound, type Infrastructure } from '@so-goc/platform';
import { ProjectionRunner } from '@so-goc/projections';

const RUNNER = Symbol('ProjectionRunner');
const INFRA = Symbol('ProjectorInfrastructure');

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

/** The scheduled fraud audits and the sweep into findings (issue 15), every SOGOC_AUDIT_INTERVAL_SECONDS. */
class AuditSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;
  private readonly logger = new Logger('Audits');

  constructor(
    @Inject(INFRA) private readonly infrastructure: Infrastructure,
    private readonly commandBus: CommandBus,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.infrastructure.config.audits.intervalSeconds;
    if (seconds === 0) return;
    this.timer = setInterval(() => {
      // A round slower than the interval (a first read of a large lookup log) is not run twice at once.
      if (this.busy) return;
      this.busy = true;
      this.running = runAuditRound(this.infrastructure.readModels, this.commandBus, this.infrastructure.config)
        .catch((error: unknown) => this.logger.error(`Audit round failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.busy = false));
    }, seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

@Module({})
export class ProjectorModule {
  static register(runner: ProjectionRunner, infrastructure?: Infrastructure): DynamicModule {
    const audits = infrastructure
      ? [
          { provide: INFRA, useValue: infrastructure },
          { provide: EVENT_STORE, useValue: infrastructure.store },
          ...FINDING_COMMAND_HANDLERS,
          AuditSchedule,
        ]
      : [];
    return {
      module: ProjectorModule,
      imports: infrastructure ? [CqrsModule.forRoot()] : [],
      providers: [{ provide: RUNNER, useValue: runner }, ProjectorLifecycle, ...audits],
      exports: [RUNNER],
    };
  }
}
