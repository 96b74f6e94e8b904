import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { INFRASTRUCTURE, PublicRoute, type Infrastructure } from '@so-goc/platform';
import { positionToString } from '@so-goc/event-store';
import type { ProjectionRunner } from '@so-goc/projections';

export const PROJECTION_RUNNER = Symbol('ProjectionRunner');

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    @Optional() @Inject(PROJECTION_RUNNER) private readonly runner?: ProjectionRunner,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The API is up; lists the store in use and, when the projector runs in this process, each projection.' })
  health(): object {
    return {
      status: 'ok',
      eventStore: this.infrastructure.config.eventStore.kind,
      projections: this.runner?.states().map((state) => ({
        name: state.name,
        version: state.version,
        status: state.status,
        position: state.position ? positionToString(state.position) : null,
        ...(state.error ? { error: state.error } : {}),
        ...(state.subscription ? { subscription: state.subscription } : {}),
      })),
    };
  }
}
