import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, ExecuteCommandHandler, HolidayCalendarCache, INFRASTRUCTURE, OfficerAccess, OfficerGuard, READ_MODELS, type Infrastructure } from '@so-goc/platform';
import type { ProjectionRunner } from '@so-goc/projections';
import { AuthoritiesController } from './authorities/authorities.controller';
import { BlankExportsController } from './blanks/blank-exports.controller';
import { BlanksController } from './blanks/blanks.controller';
import { HealthController, PROJECTION_RUNNER } from './health/health.controller';
import { OfficersController } from './officers/officers.controller';
import { AfterIssuanceController } from './diplomas/after-issuance.controller';
import { CopiesController } from './copies/copies.controller';
import { HolidayCalendarController } from './copies/holiday-calendar.controller';
import { DecisionsController } from './issuance/decisions.controller';
import { DiplomaDocumentsController } from './issuance/diploma-documents.controller';
import { DiplomasController } from './issuance/diplomas.controller';
import { PrintRunsController } from './issuance/print-runs.controller';
import { RegisterBooksController } from './issuance/register-books.controller';
import { CONSOLE_CONTROLLERS, consoleProviders } from './console/console.providers';

@Module({})
export class RegistryApiModule {
  /** The runner is passed only when the projector runs in the same process (embedded mode). */
  static register(infrastructure: Infrastructure, runner?: ProjectionRunner): DynamicModule {
    const providers: Provider[] = [
      { provide: INFRASTRUCTURE, useValue: infrastructure },
      { provide: EVENT_STORE, useValue: infrastructure.store },
      { provide: READ_MODELS, useValue: infrastructure.readModels },
      { provide: OfficerAccess, useValue: new OfficerAccess(infrastructure.store) },
      // One fold of the calendar stream for every controller that counts working days.
      { provide: HolidayCalendarCache, useValue: new HolidayCalendarCache(infrastructure.store) },
      { provide: APP_GUARD, useClass: OfficerGuard },
      ExecuteCommandHandler,
      ...consoleProviders(infrastructure),
    ];
    if (runner) providers.push({ provide: PROJECTION_RUNNER, useValue: runner });
    return {
      module: RegistryApiModule,
      imports: [CqrsModule.forRoot()],
      controllers: [...CONSOLE_CONTROLLERS, HealthController, AuthoritiesController, OfficersController, BlanksController, BlankExportsController, DecisionsController, PrintRunsController, DiplomasController, RegisterBooksController, AfterIssuanceController, CopiesController, DiplomaDocumentsController, HolidayCalendarController],
      providers,
    };
  }
}
