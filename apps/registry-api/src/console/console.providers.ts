import { randomUUID } from 'node:crypto';
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
import { ConsoleDirectoryController } from './console-directory.controller';
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
import { ConsoleJobsController } from './console-jobs.controller';
import { DEFAULT_JOB_QUICK_MILLIS, JOB_QUICK_MILLIS, JobRunner } from './jobs/job-runner';
import { JobStore } from './jobs/job-store';

/** The sign-in routes first: `/console/login` must not be taken for an authority's home page. */
export const CONSOLE_CONTROLLERS: Type[] = [
  ConsoleAuthController,
  ConsoleBlanksController,
  ConsoleBlankActsController,
  ConsoleAuditsController,
  ConsoleAdminController,
  ConsoleDirectoryController,
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
  ConsoleJobsController,
  ConsoleHomeController,
];

const DEFAULT_IDLE_MINUTES = 30;
const DEFAULT_JOB_RETENTION_HOURS = 24;

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value ?? fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

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
    // Long work's progress and results beside the sessions (issue 13 item 4); each process owns the jobs it runs.
    { provide: JobStore, useFactory: () => new JobStore(randomUUID(), join(infrastructure.config.dataDir, 'console-jobs.sqlite')) },
    {
      provide: JobRunner,
      inject: [JobStore],
      useFactory: (store: JobStore) =>
        new JobRunner(
          store,
          join(infrastructure.config.dataDir, 'console-jobs'),
          positive(env['SOGOC_CONSOLE_JOB_RETENTION_HOURS'], DEFAULT_JOB_RETENTION_HOURS) * 3600_000,
        ),
    },
    // How long a page waits for work it started before handing the officer the job's progress page instead.
    { provide: JOB_QUICK_MILLIS, useValue: Number(env['SOGOC_CONSOLE_JOB_WAIT_MILLIS'] ?? DEFAULT_JOB_QUICK_MILLIS) },
    ConsoleLogin,
    ReadYourWrites,
    ConsoleGuard,
  ];
}
