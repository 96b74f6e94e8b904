import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { configureHttpApp, type Infrastructure } from '@so-goc/platform';
import type { ProjectionRunner } from '@so-goc/projections';
import { RegistryApiModule } from './registry-api.module';

export async function createRegistryApi(
  infrastructure: Infrastructure,
  options: { runner?: ProjectionRunner; logger?: LogLevel[] | false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(RegistryApiModule.register(infrastructure, options.runner), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  configureHttpApp(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sổ Gốc — API cán bộ (officers’ API)')
      .setDescription('Ghi nhận và tra cứu sổ gốc văn bằng. Errors are application/problem+json with a stable code.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'sgt_… token issued by an administrator' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
