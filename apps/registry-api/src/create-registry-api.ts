import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { graduateListReader } from '@so-goc/documents';
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
  // Graduate lists are read in a worker thread. Started now, it spares the first upload its start-up; under
  // jest it is started by the first upload instead (or by the test), since from TypeScript sources it
  // compiles for seconds and most suites never upload a list.
  if (process.env.NODE_ENV !== 'test') void graduateListReader.warmUp();
  (app.getHttpServer() as Server).once('close', () => void graduateListReader.close());
  return app;
}
