import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { configureHttpApp } from '@so-goc/platform';
import { VerifyPortalModule } from './verify-portal.module';

export async function createVerifyPortal(options: { logger?: LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(VerifyPortalModule, { logger: options.logger ?? ['log', 'warn', 'error'] });
  configureHttpApp(app);
  return app;
}
