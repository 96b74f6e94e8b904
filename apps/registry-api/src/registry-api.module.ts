import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FINDING_COMMAND_HANDLERS, Metrics, OfficerGuard, WritePathModule, type Infrastructure } from '@so-goc/platform';
import type { ProjectionRunner } from '@so-goc/projections';
import { AuditsController } from './audits/audits.controller';
import { YearlyReportController } from './audits/yearly-report.controller';
import { AuthoritiesController } from './authorities/authorities.controller';
import { CertificatesController } from './certificates/certificates.controller';
import { CertificatePrintRunsController } from './certificates/certificate-print-runs.controller';
import { BlankExportsController } from './blanks/blank-exports.controller';
import { BlanksController } from './blanks/blanks.controller';
import { HealthController, PROJECTION_RUNNER } from './health/health.controller';
import { API_METRICS, OperationsController } from './health/operations.controller';
import { OfficersController } from './officers/officers.controller';
import { AfterIssuanceController } from './diplomas/after-issuance.controller';
import { CopiesController } from './copies/copies.controller';
import { HolidayCalendarController } from './copies/holiday-calendar.controller';
import { DecisionsController } from './issuance/decisions.controller';
import { DiplomaDocumentsController } from './issuance/diploma-documents.controller';
import { DiplomasController } from './issuance/diplomas.controller';
import { PrintRunsController } from './issuance/print-runs.controller';
import { RegisterBooksController } from './issuance/register-books.controller';
import { LegacyBooksController } from './legacy-registers/legacy-books.controller';
import { RecognitionsController } from './recognitions/recognitions.controller';
import { CONSOLE_CONTROLLERS, consoleProviders } from './console/console.providers';

@Module({})
export class RegistryApiModule {
  /** The runner is passed only when the projector runs in the same process (embedded mode). */
  static register(infrastructure: Infrastructure, runner?: ProjectionRunner, metrics: Metrics = new Metrics()): DynamicModule {
    const providers: Provider[] = [
      { provide: API_METRICS, useValue: metrics },
      { provide: APP_GUARD, useClass: OfficerGuard },
      ...FINDING_COMMAND_HANDLERS,
      ...consoleProviders(infrastructure),
    ];
    if (runner) providers.push({ provide: PROJECTION_RUNNER, useValue: runner });
    return {
      module: RegistryApiModule,
      imports: [WritePathModule.register(infrastructure)],
      controllers: [
        ...CONSOLE_CONTROLLERS,
        HealthController,
        OperationsController,
        AuthoritiesController,
        OfficersController,
        BlanksController,
        BlankExportsController,
        DecisionsController,
        PrintRunsController,
        DiplomasController,
        RegisterBooksController,
        AfterIssuanceController,
        CopiesController,
        DiplomaDocumentsController,
        HolidayCalendarController,
        AuditsController,
        YearlyReportController,
        LegacyBooksController,
        RecognitionsController,
        CertificatesController,
        CertificatePrintRunsController,
      ],
      providers,
    };
  }
}
