import { Controller, Get, Inject, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Database } from 'better-sqlite3';
import { isWithinScope, vietnamDateOf } from '@so-goc/domain';
import {
  blankCounts,
  copyRequestsPastDue,
  correctionRequestsPastDue,
  findAuthority,
  findings,
  overdueIssuance,
  overdueReturns,
} from '@so-goc/projections';
import { OfficerAccess, PublicRoute, READ_MODELS, READ_ROLES } from '@so-goc/platform';
import { ConsoleErrorFilter } from './auth/console-errors.filter';
import { sendPage } from './auth/console-http';
import { ConsoleGuard, ConsolePage, type ConsoleRequest } from './auth/console.guard';
import { homePage } from './pages/home.page';
import { runningJobsSection } from './pages/jobs.page';
import { JobRunner } from './jobs/job-runner';
import { pageContext } from './ui/request-context';

/** An authority's home: the same overdue queries the API's lists answer, counted. */
@ApiExcludeController()
@PublicRoute()
@UseGuards(ConsoleGuard)
@UseFilters(ConsoleErrorFilter)
@Controller('console/:code')
export class ConsoleHomeController {
  constructor(
    @Inject(READ_MODELS) private readonly db: Database,
    private readonly access: OfficerAccess,
    private readonly jobs: JobRunner,
  ) {}

  @Get()
  @ConsolePage(...READ_ROLES)
  async home(@Param('code') code: string, @Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const now = new Date();
    const roles = request.officerAccess?.officer.roles ?? [];
    const watchesAudits = roles.includes('auditor') || roles.includes('administrator');
    const directory = watchesAudits ? await this.access.directory() : undefined;
    const scope = directory
      ? [...directory.authorities.keys()].filter((other) =>
          isWithinScope(directory, { authorityCode: code, includeSubordinates: true }, other),
        )
      : [];
    const today = vietnamDateOf(now);
    const blanks = blankCounts(this.db, code);
    const ctx = pageContext(request, response);
    sendPage(
      response,
      homePage(
        ctx,
        findAuthority(this.db, code)?.name ?? code,
        {
          overdueIssuance: overdueIssuance(this.db, code, today).length,
          correctionsPastDue: correctionRequestsPastDue(this.db, code, today).length,
          copiesPastDue: copyRequestsPastDue(this.db, code, now.toISOString()).length,
          revokedNotReturned: overdueReturns(this.db, code, today).length,
          spoiledAwaitingDestruction: blanks.spoiledAwaitingDestruction,
          blanksOnHand: blanks.onHand,
          ...(watchesAudits
            ? {
                newSeriousFindings: findings(this.db, { authorityCodes: scope, state: 'open' }).filter(
                  (f) => f.severity === 'critical' || f.severity === 'high',
                ).length,
              }
            : {}),
        },
        runningJobsSection(ctx, this.jobs.store.ofAuthority(code, 10)),
      ),
    );
  }
}
