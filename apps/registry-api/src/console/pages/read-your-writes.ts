import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EventStore } from '@so-goc/event-store';
import type { ProjectionRunner } from '@so-goc/projections';
import { EVENT_STORE } from '@so-goc/platform';
import { PROJECTION_RUNNER } from '../../health/health.controller';

/**
 * After an act, the page the officer is sent to must show it: wait (briefly) until the read models have
 * applied everything recorded so far. Only the embedded process has the runner; elsewhere pages catch up
 * on the next load.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(PROJECTION_RUNNER) private readonly runner?: ProjectionRunner,
  ) {}

  async settle(): Promise<void> {
    if (!this.runner) return;
    const head = await this.store.headPosition();
    if (head) await this.runner.waitUntilCaughtUp(head, 5000).catch(() => undefined);
  }
}
