import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Database } from 'better-sqlite3';
import { configureHttpApp, FileKeyring, mergePublishedKeySets, type SoGocConfig } from '@so-goc/platform';
import { publishedSigningKeys } from '@so-goc/projections';
import type { KeySetSource } from './keys/key-set-cache';
import { Portal } from './portal';
import { portalSettingsFrom, type PortalSettings } from './portal-settings';
import { VerifyPortalModule } from './verify-portal.module';

/** What the portal reads: the read-model file (never the event store) and the configuration. */
export interface PortalSources {
  readonly readModels: Database;
  readonly config: SoGocConfig;
}

export interface VerifyPortalOptions {
  readonly logger?: LogLevel[] | false;
  /** Defaults to the national signing-key directory in the read models, plus the local keyring's public index (embedded mode). */
  readonly keySet?: KeySetSource;
  readonly settings?: Partial<PortalSettings>;
  readonly now?: () => Date;
}

export async function createVerifyPortal(sources: PortalSources, options: VerifyPortalOptions = {}): Promise<INestApplication> {
  const settings = { ...portalSettingsFrom(process.env, sources.config.dataDir), ...options.settings };
  const keyring = FileKeyring.forConfig(sources.config);
  const keySet = (): ReturnType<typeof keyring.publishedKeySet> => mergePublishedKeySets(directoryKeys(sources.readModels), keyring.publishedKeySet());
  const portal = new Portal(sources.readModels, options.keySet ?? keySet, settings, options.now);
  // The portal only answers GETs: no body parsers to run on every request.
  const app = await NestFactory.create<NestExpressApplication>(VerifyPortalModule.register(portal), { logger: options.logger ?? ['log', 'warn', 'error'], bodyParser: false });
  configureHttpApp(app);
  // Answers are never cached (no-store), so hashing every body for an ETag would be work for nothing.
  app.set('etag', false);
  if (settings.trustProxy !== undefined) app.set('trust proxy', settings.trustProxy);
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
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** Before the signing-keys projection has run on this node its table does not exist: no directory keys yet. */
function directoryKeys(readModels: Database): ReturnType<typeof publishedSigningKeys> {
  try {
    return publishedSigningKeys(readModels);
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) return { keys: [] };
    throw error;
  }
}
