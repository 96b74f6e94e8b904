import { join } from 'node:path';
import type { Provider, Type } from '@nestjs/common';
import { SecretBox, type Infrastructure } from '@so-goc/platform';
import { ConsoleLogin, CONSOLE_SECRET_BOX } from './auth/console-login';
import { ConsoleGuard } from './auth/console.guard';
import { SessionStore } from './auth/session-store';
import { ConsoleAuthController } from './console-auth.controller';
import { ConsoleBlanksController } from './console-blanks.controller';
import { ConsoleBlankActsController } from './console-blank-acts.controller';
import { ConsoleAuditsController } from './console-audits.controller';
import { ConsoleAdminController } from './console-admin.controller';
import { ConsoleLegacyBooksController } from './console-legacy-books.controller';
import { ConsoleClassHandOverController } from './console-class-hand-over.controller';
import { ConsoleHomeController } from './console-home.controller';
import { ConsoleDecisionsController } from './console-decisions.controller';
import { RowReports } from './pages/row-report';
import { ConsolePrintRunsController } from './console-print-runs.controller';
import { ReadYourWrites } from './pages/read-your-writes';
import { ConsoleRegisterController } from './console-register.controller';
import { ConsoleAfterIssuanceController } from './console-after-issuance.controller';
import { ConsoleDiplomaActsController } from './console-diploma-acts.controller';
import { ConsoleCopiesController } from './console-copies.controller';
import { ConsoleVerificationController } from './console-verification.controller';
import { ConsoleCertificatesController } from './console-certificates.controller';
import { ConsoleRecognitionsController } from './console-recognitions.controller';

/** The sign-in routes first: `/console/login` must not be taken for an authority's home page. */
export const CONSOLE_CONTROLLERS: Type[] = [
  ConsoleAuthController,
  ConsoleBlanksController,
  ConsoleBlankActsController,
  ConsoleAuditsController,
  ConsoleAdminController,
  ConsoleLegacyBooksController,
  ConsoleClassHandOverController,
  ConsoleDecisionsController,
  ConsolePrintRunsController,
  ConsoleRegisterController,
  ConsoleAfterIssuanceController,
  ConsoleDiplomaActsController,
  ConsoleCopiesController,
  ConsoleVerificationController,
  ConsoleCertificatesController,
  ConsoleRecognitionsController,
  ConsoleHomeController,
];

const DEFAULT_IDLE_MINUTES = 30;

export function consoleProviders(infrastructure: Infrastructure, env: NodeJS.ProcessEnv = process.env): Provider[] {
  const idleMinutes = Number(env['SOGOC_CONSOLE_IDLE_MINUTES'] ?? DEFAULT_IDLE_MINUTES);
  return [
    {
      provide: SessionStore,
      // Beside the event store, so a restart or a second node on the same data directory keeps officers signed in.
      useFactory: () =>
        new SessionStore(
          (Number.isFinite(idleMinutes) && idleMinutes > 0 ? idleMinutes : DEFAULT_IDLE_MINUTES) * 60_000,
          join(infrastructure.config.dataDir, 'console-sessions.sqlite'),
        ),
    },
    { provide: CONSOLE_SECRET_BOX, useValue: SecretBox.forFile(join(infrastructure.config.dataDir, 'console-secret.key')) },
    { provide: RowReports, useValue: new RowReports() },
    ConsoleLogin,
    ReadYourWrites,
    ConsoleGuard,
  ];
}
