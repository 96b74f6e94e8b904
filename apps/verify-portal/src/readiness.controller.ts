import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ALL_PROJECTIONS, readinessOf } from '@so-goc/projections';
import { NOT_READY, PORTAL, type Portal } from './portal';

@ApiExcludeController()
@Controller()
export class PortalReadinessController {
  constructor(@Inject(PORTAL) private readonly portal: Portal) {}

  /**
   * Readiness, not liveness: 503 until every read model has caught up to the store's head as it was
   * when the projector started, so a load balancer sends no lookup to a portal still replaying.
   * Says nothing more than ready or not: projection names are nobody's business outside.
   */
  @Get('ready')
  @Header('Cache-Control', 'no-store')
  ready(@Res({ passthrough: true }) response: { status(code: number): unknown }): { status: 'ready' | 'not_ready' } {
    const readiness = this.portal.whenReady(() => readinessOf(this.portal.readModels, ALL_PROJECTIONS));
    if (readiness === NOT_READY || !readiness.ready) {
      response.status(503);
      return { status: 'not_ready' };
    }
    return { status: 'ready' };
  }
}
