import { Controller, Get, Headers, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { INFRASTRUCTURE, OfficerAccess, PublicRoute, type Infrastructure } from '@so-goc/platform';
import { positionToString } from '@so-goc/event-store';
import type { ProjectionRunner } from '@so-goc/projections';

export const PROJECTION_RUNNER = Symbol('ProjectionRunner');

@ApiTags('health')
@PublicRoute()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure,
    private readonly access: OfficerAccess,
    @Optional() @Inject(PROJECTION_RUNNER) private readonly runner?: ProjectionRunner,
  ) {}

  /**
   * Up or down for anyone (load balancers, monitors); the store and each projection's position only for
   * an administrator's bearer token, since they tell an outsider how busy and how far behind the registry
   * is (issue 16). A missing or bad token is not an error here: the answer is just the public one.
   */
  @Get()
  @ApiOkResponse({
    description:
      "The API is up. With an administrator's bearer token: the store in use and, when the projector runs in this process, each projection.",
  })
  async health(@Headers('authorization') authorization?: string): Promise<object> {
    if (!(await this.isAdministrator(authorization))) return { status: 'ok' };
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

  private async isAdministrator(authorization: string | undefined): Promise<boolean> {
    if (!authorization) return false;
    try {
      return (await this.access.authenticate(authorization)).officer.roles.includes('administrator');
    } catch {
      return false;
    }
  }
}
