import type { RequestListener } from 'node:http';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LookupAnswerDto, ProblemDto } from '../api/lookup-api.schemas';
import { PORTAL_API_PATHS } from '../api/lookup-api.openapi';

@Module({})
class PortalDocsModule {}

/**
 * Swagger UI and the OpenAPI document at /docs, the one part of the portal still served through Nest:
 * nobody waits on it, and Nest's Swagger module turns the DTO classes into the schemas.
 */
export async function portalDocs(): Promise<{ handler: RequestListener; close: () => Promise<void> }> {
  const app = await NestFactory.create<NestExpressApplication>(PortalDocsModule, { logger: false, bodyParser: false });
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sổ Gốc — Tra cứu văn bằng (public diploma lookup)')
      .setDescription(
        'Public, read-only answers from the original registers: exact lookups and QR token checks, rate-limited per client. ' +
          'Errors are application/problem+json with a stable code and Vietnamese + English messages.',
      )
      .setVersion('1')
      .build(),
    { extraModels: [LookupAnswerDto, ProblemDto] },
  );
  document.paths = PORTAL_API_PATHS;
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await app.init();
  return { handler: app.getHttpAdapter().getInstance() as RequestListener, close: () => app.close() };
}
