import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { LookupApiController } from './api/lookup-api.controller';
import { PortalHealthController } from './health.controller';
import { KeysController } from './keys/keys.controller';
import { LetterController } from './letters/letter.controller';
import { CheckpointsController } from './log/checkpoints.controller';
import { PortalReadinessController } from './readiness.controller';
import { PagesController } from './pages/pages.controller';
import { PORTAL, type Portal } from './portal';

@Module({})
export class VerifyPortalModule implements OnApplicationShutdown {
  constructor(@Inject(PORTAL) private readonly portal: Portal) {}

  static register(portal: Portal): DynamicModule {
    return {
      module: VerifyPortalModule,
      controllers: [PortalHealthController, PagesController, LookupApiController, KeysController, LetterController, CheckpointsController, PortalReadinessController],
      providers: [{ provide: PORTAL, useValue: portal }],
    };
  }

  /** The lookup log's last batch is written before the process goes. */
  onApplicationShutdown(): void {
    this.portal.close();
  }
}
