import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonLog } from './json-log';
import type { Metrics } from './metrics';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's (or proxy's) request id is kept when it is a short token; anything else is replaced, so nothing odd reaches a log line. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** What the app knows about a request once it has been answered: the route template, and who acted for which authority. */
export interface RequestFacts {
  readonly route: string;
  readonly authority?: string;
  readonly actor?: string;
  readonly code?: string;
}

/**
 * One log line and one sample of the request metrics per request, when its answer is finished (or the
 * client went away). Sets X-Request-Id on the answer before anything is written.
 */
export function observeRequests(
  service: string,
  log: JsonLog,
  metrics: Metrics,
  factsOf: (request: IncomingMessage, response: ServerResponse) => RequestFacts,
): (request: IncomingMessage, response: ServerResponse) => string {
  const requests = metrics.counter('sogoc_http_requests_total', 'HTTP requests answered, by service, method, route template and status.');
  const durations = metrics.histogram(
    'sogoc_http_request_duration_seconds',
    'Time from the request to the end of its answer, by service, method, route template and status.',
  );
  return (request, response) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(request);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const facts = factsOf(request, response);
      // A client that hung up before its answer is logged as 499, as nginx does.
      const status = response.writableFinished ? response.statusCode : 499;
      const labels = { service, method: request.method ?? 'GET', route: facts.route, status: String(status) };
      requests.inc(labels);
      durations.observe(labels, seconds);
      log.write(status >= 500 ? 'error' : 'info', 'request', {
        requestId,
        method: labels.method,
        route: facts.route,
        ...(facts.authority ? { authority: facts.authority } : {}),
        ...(facts.actor ? { actor: facts.actor } : {}),
        status,
        durationMs: Math.round(seconds * 100_000) / 100,
        ...(facts.code ? { code: facts.code } : {}),
      });
    };
    response.once('finish', finish);
    response.once('close', finish);
    return requestId;
  };
}

/**
 * Whether a scrape may read the metrics: a bearer token equal to the configured scrape token
 * (SOGOC_METRICS_TOKEN), compared in constant time. Without a configured token nobody may.
 */
export function isScrapeToken(authorization: string | undefined, scrapeToken: string | undefined): boolean {
  if (!scrapeToken || !authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length).trim());
  const expected = Buffer.from(scrapeToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
