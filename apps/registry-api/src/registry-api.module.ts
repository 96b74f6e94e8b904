import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, INFRASTRUCTURE, READ_MODELS, type Infrastructure } from '@so-goc/platform';
import type { ProjectionRunner } from '@so-goc/projections';
import { AuthoritiesController } from './authorities/authorities.controller';
import { ExecuteAuthorityCommandHandler, GetAuthorityQueryHandler } from './authorities/authority.messages';
import { HealthController, PROJECTION_RUNNER } from './health/health.controller';

@Module({})
export class RegistryApiModule {
  /** The runner is passed only when the projector runs in the same process (embedded mode). */
  static register(infrastructure: Infrastructure, runner?: ProjectionRunner): DynamicModule {
    const providers: Provider[] = [
      { provide: INFRASTRUCTURE, useValue: infrastructure },
      { provide: EVENT_STORE, useValue: infrastructure.store },
      { provide: READ_MODELS, useValue: infrastructure.readModels },
      ExecuteAuthorityCommandHandler,
      GetAuthorityQueryHandler,
    ];
    if (runner) providers.push({ provide: PROJECTION_RUNNER, useValue: runner });
    return {
      module: RegistryApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthController, AuthoritiesController],
      providers,
    };
  }
}
