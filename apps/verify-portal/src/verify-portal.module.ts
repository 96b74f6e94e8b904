import { Module } from '@nestjs/common';
import { PortalHealthController } from './health.controller';

@Module({ controllers: [PortalHealthController] })
export class VerifyPortalModule {}
