import { Controller, Get, Headers, Inject, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  INFRASTRUCTURE,
  isScrapeToken,
  METRICS_CONTENT_TYPE,
  Metrics,
  OfficerAccess,
  PublicRoute,
  type Infrastructure,
} from '@so-goc/platform';
import { DomainError } from '@so-goc/domain';
import { parsePosition } from '@so-goc/event-store';
import { ALL_PROJECTIONS, readinessOf, type ProjectionRunner } from '@so-goc/projections';
import { PROJECTION_RUNNER } from './health.controller';

export const API_METRICS = Symbol('ApiMetrics');

/** How long `/ready` waits for the store to answer before saying not ready. */
const STORE_PROBE_MS = 2_000;

interface ReadyReport {
  readonly ready: boolean;
  readonly waitingFor: readonly { readonly name: string; readonly why: string; readonly lag?: number }[];
}

/**
 * Readiness and metrics of the officers' API (issues 16 and 20). `/ready` is for load balancers: 200
 * only when the store answers and every read model has caught up — to the head the store had when the
 * projector started, and within SOGOC_READY_MAX_LAG positions of the head now. `/metrics` is the
 * Prometheus exposition, for an administrator's token or the configured scrape token only: it tells how
 * busy the registry is and how far behind, which is nobody's business outside.
 */
@ApiTags('health')
@PublicRoute()
@Controller()
export class OperationsController {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Inject(API_METRICS) private readonly metrics: Metrics,
    private readonly access: OfficerAccess,
    @Optional() @Inject(PROJECTION_RUNNER) private readonly runner?: ProjectionRunner,
  ) {}

  @Get('ready')
  @ApiOkResponse({
    description: "Ready: the store answers and the read models have caught up. With an administrator's token, what it waits for.",
  })
  @ApiServiceUnavailableResponse({ description: 'Not ready (starting, catching up, rebuilding, or the store does not answer).' })
  async ready(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<object> {
    const report = await this.readiness();
    response.status(report.ready ? 200 : 503).setHeader('Cache-Control', 'no-store');
    const status = report.ready ? 'ready' : 'not_ready';
    return (await this.isAdministrator(authorization)) ? { status, waitingFor: report.waitingFor } : { status };
  }

  @Get('metrics')
  @ApiOkResponse({ description: 'Prometheus text exposition; needs the scrape token (SOGOC_METRICS_TOKEN) or an administrator’s token.' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    if (!isScrapeToken(authorization, this.infrastructure.config.metricsToken) && !(await this.isAdministrator(authorization))) {
      throw new DomainError({
        code: 'METRICS_TOKEN_REQUIRED',
        kind: 'unauthenticated',
        messageVi: 'Cần mã quét số liệu (SOGOC_METRICS_TOKEN) hoặc mã của quản trị viên.',
        messageEn: "The scrape token (SOGOC_METRICS_TOKEN) or an administrator's token is required.",
      });
    }
    response.status(200).setHeader('Content-Type', METRICS_CONTENT_TYPE);
    response.setHeader('Cache-Control', 'no-store');
    response.send(await this.metrics.render());
  }

  private async readiness(): Promise<ReadyReport> {
    const waitingFor: { name: string; why: string; lag?: number }[] = [];
    let head: bigint | undefined;
    try {
      head = (await withTimeout(this.infrastructure.store.headPosition(), STORE_PROBE_MS))?.commit ?? 0n;
    } catch (error) {
      waitingFor.push({ name: 'event-store', why: `the store does not answer: ${error instanceof Error ? error.message : String(error)}` });
    }
    let state: ReturnType<typeof readinessOf> | undefined;
    try {
      state = readinessOf(this.infrastructure.readModels, ALL_PROJECTIONS);
    } catch {
      waitingFor.push({ name: 'read-models', why: 'the read-model file has no tables yet' });
    }
    if (state) waitingFor.push(...state.waitingFor.map(({ name, why }) => ({ name, why })));
    // A projection of this process rebuilding from zero (a new version) has nothing to answer with yet.
    for (const projection of this.runner?.states() ?? []) {
      if (projection.status === 'failed' && !waitingFor.some((w) => w.name === projection.name))
        waitingFor.push({ name: projection.name, why: 'stopped at an event it cannot apply' });
    }
    if (head !== undefined && state) {
      const bound = BigInt(this.infrastructure.config.readyMaxLag);
      for (const row of checkpoints(this.infrastructure)) {
        const at = row.position === null ? 0n : parsePosition(row.position).commit;
        const lag = head > at ? head - at : 0n;
        if (lag > bound && !waitingFor.some((w) => w.name === row.name))
          waitingFor.push({ name: row.name, why: 'behind the store', lag: Number(lag) });
      }
    }
    return { ready: waitingFor.length === 0, waitingFor };
  }

  private async isAdministrator(authorization: string | undefined): Promise<boolean> {
    if (!authorization) return false;
    try {
      return (await this.access.authenticate(authorization)).officer.roles.includes('administrator');
    } catch {
      return false;
    }
  }
}

function checkpoints(infrastructure: Infrastructure): { name: string; position: string | null }[] {
  const names = new Set(ALL_PROJECTIONS.map((p) => p.name));
  return infrastructure.readModels
    .prepare<[], { name: string; position: string | null }>('SELECT name, position FROM projection_checkpoints')
    .all()
    .filter((row) => names.has(row.name));
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
