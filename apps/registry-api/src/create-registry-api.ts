import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { graduateListReader } from '@so-goc/documents';
import {
  configureHttpApp,
  JsonLog,
  Metrics,
  observeRequests,
  readAfterMiddleware,
  ReadYourWrites,
  readYourWritesTimeoutFrom,
  WriteScopeInterceptor,
  registerReadModelMetrics,
  type Infrastructure,
  type OfficerRequest,
  type RequestFacts,
} from '@so-goc/platform';
import type { ProjectionRunner } from '@so-goc/projections';
import { RegistryApiModule } from './registry-api.module';

export interface RegistryApiOptions {
  /** Given only when the projector runs in the same process (embedded mode). */
  readonly runner?: ProjectionRunner;
  /** Nest's own messages: false for none. Without it, Nest's messages go to `log` as JSON lines. */
  readonly logger?: LogLevel[] | false;
  /** One JSON line per request (and Nest's messages); stdout unless given. */
  readonly log?: JsonLog;
  /** The process's metrics, shared with the other apps it hosts; the API's own otherwise. */
  readonly metrics?: Metrics;
}

export async function createRegistryApi(infrastructure: Infrastructure, options: RegistryApiOptions = {}): Promise<INestApplication> {
  const log = options.log ?? new JsonLog('registry-api');
  const metrics = options.metrics ?? new Metrics();
  registerReadModelMetrics(metrics, infrastructure.readModels, infrastructure.store);
  const app = await NestFactory.create(RegistryApiModule.register(infrastructure, options.runner, metrics), {
    logger: options.logger ?? log.forNest(),
  });
  const observe = observeRequests('registry-api', log, metrics, factsOf);
  app.use((request: Request, response: Response, next: NextFunction) => {
    observe(request, response);
    next();
  });
  // Read-your-writes (issue 20 item 4): a read waits, bounded, until the read models hold what this
  // process wrote, whether the projector runs here or in another process sharing the read-model file,
  // and the position a client sends back from a write answered by any node (Sogoc-Read-After, or the
  // console's cookie across its redirect-after-POST).
  const readYourWrites = new ReadYourWrites(infrastructure.store, infrastructure.readModels, {
    timeoutMs: readYourWritesTimeoutFrom(process.env),
    ...(options.runner ? { runner: options.runner } : {}),
  });
  app.use(readAfterMiddleware(infrastructure.store, readYourWrites, { noWait: NO_WAIT }));
  app.useGlobalInterceptors(new WriteScopeInterceptor());
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

/** Probes and documentation answer at once: they say how the node is, not what was written. */
const NO_WAIT = /^\/(?:health|ready|metrics|docs)(?:\/|$)/;

const AUTHORITY_IN_PATH = /^\/api\/v1\/authorities\/([^/?]+)/;

/**
 * The route template Express matched (`/api/v1/authorities/:code/diplomas/:diplomaId`), never the URL
 * itself: values in a path or query (a serial, a name looked up) stay out of logs and metric labels.
 * The authority is a public code; the actor is the officer's id the guard authenticated.
 */
function factsOf(incoming: unknown, outgoing: unknown): RequestFacts {
  const request = incoming as OfficerRequest;
  const response = outgoing as Response;
  const template = request.route?.path;
  const route =
    typeof template === 'string' ? `${request.baseUrl ?? ''}${template}` : request.originalUrl.startsWith('/docs') ? '/docs' : 'unmatched';
  const authorityMatch = AUTHORITY_IN_PATH.exec(request.originalUrl);
  const access = request.officerAccess;
  const code = response.locals?.problemCode;
  return {
    route,
    ...(authorityMatch ? { authority: safeCode(authorityMatch[1]!) } : {}),
    ...(access ? { actor: access.officer.officerId } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** An authority code as sent (percent-decoded), cut short and reduced to the characters codes use. */
function safeCode(raw: string): string {
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // left as sent
  }
  return decoded.replace(/[^A-Za-z0-9._-]/g, '?').slice(0, 32);
}
