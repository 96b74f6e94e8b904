import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isScrapeToken, observeRequests, type JsonLog } from '@so-goc/platform';
import { LookupApi } from '../api/lookup-api';
import { letterCheck } from '../letters/letter.page';
import { recognitionForm, recognitionLanding, recognitionLookup } from '../recognitions/recognition.page';
import { checkpointsJson, checkpointsPage, readiness } from '../log/checkpoints.page';
import { notFoundPage, PageRoutes } from '../pages/page-routes';
import type { Portal } from '../portal';
import { pathParameter, portalRequest, type PortalRequest } from './portal-request';
import { send, sendJson, sendProblem } from './replies';
import { commonHeaderPairs, DOCS_CSP, JSON_HEADERS, METRICS_HEADERS, TEXT_HEADERS } from './security-headers';

const HEALTH = JSON.stringify({ status: 'ok', service: 'verify-portal' });
// A registry of people must never be crawled or indexed.
const ROBOTS = 'User-agent: *\nDisallow: /\n';
const KEY_SET_HEADERS = ['Cache-Control', 'public, max-age=300', 'Access-Control-Allow-Origin', '*'];
const DOCS_HEADERS = commonHeaderPairs(DOCS_CSP);

export interface PortalRouterOptions {
  /** Swagger UI and the OpenAPI document under /docs. */
  readonly docs: RequestListener;
  /** Told about an unexpected error with the route template only: a path, query or body may hold a token or a visitor's name. */
  readonly onError: (route: string, error: unknown) => void;
  /** One JSON line per request: request id, route template, status, duration — nothing the visitor sent. */
  readonly log: JsonLog;
  /** `/metrics` answers only to this bearer token (SOGOC_METRICS_TOKEN); without one the portal has no /metrics. */
  readonly metricsToken: string | undefined;
}

/**
 * The route a request took, as a template: a token or a letter's reference never reaches a log line or
 * a metric label, and unknown paths (scanners) are one label, not one per path.
 */
export function routeOf(method: string | undefined, path: string): string {
  if (KNOWN_ROUTES.has(path)) return path;
  if (path.startsWith('/api/v1/verify/')) return '/api/v1/verify/:token';
  if (path.startsWith('/v/')) return '/v/:token';
  if (path.startsWith('/cong-van/')) return '/cong-van/:reference';
  if (path === '/docs' || path.startsWith('/docs/')) return '/docs';
  return method === 'GET' || method === 'HEAD' || method === 'POST' ? 'unmatched' : 'method-not-allowed';
}

const KNOWN_ROUTES = new Set([
  '/',
  '/tra-cuu',
  '/api/v1/lookup',
  '/health',
  '/ready',
  '/metrics',
  '/robots.txt',
  '/assets/portal.css',
  '/checkpoints',
  '/api/v1/checkpoints',
  '/.well-known/so-goc-keys.json',
]);

/**
 * Every route of the portal in one switch on method and path: the hot ones (lookup, token check, QR
 * landing) go straight to their handler with no framework in between (issue 19).
 */
export function portalRouter(portal: Portal, options: PortalRouterOptions): RequestListener {
  const api = new LookupApi(portal);
  const pages = new PageRoutes(portal);
  const observe = observeRequests('verify-portal', options.log, portal.metrics, (request, response) => {
    const code = (response as ServerResponse & { problemCode?: string }).problemCode;
    return { route: routeOf(request.method, portalRequest(request, response).path), ...(code ? { code } : {}) };
  });

  const get = (r: PortalRequest): void | Promise<void> => {
    switch (r.path) {
      case '/api/v1/lookup':
        return api.lookupByQuery(r);
      case '/':
        return pages.home(r);
      case '/tra-cuu':
        return pages.lookupAddress(r);
      case '/health':
        return send(r.response, 200, JSON_HEADERS, HEALTH);
      case '/robots.txt':
        return send(r.response, 200, TEXT_HEADERS, ROBOTS);
      case '/assets/portal.css':
        return pages.css(r);
      case '/ready':
        return readiness(portal, r);
      case '/metrics':
        return metrics(portal, r, options.metricsToken);
      case '/checkpoints':
        return checkpointsPage(portal, r);
      case '/api/v1/checkpoints':
        return checkpointsJson(portal, r);
      case '/cong-nhan':
        return recognitionForm(r);
      case '/.well-known/so-goc-keys.json':
        return sendJson(r.response, 200, portal.keys.published(), KEY_SET_HEADERS);
    }
    const token = parameterAfter(r.path, '/api/v1/verify/');
    if (token !== undefined) return api.verify(r, token);
    const certificate = parameterAfter(r.path, '/api/v1/certificates/');
    if (certificate !== undefined) return api.certificate(r, certificate);
    const landing = parameterAfter(r.path, '/v/');
    if (landing !== undefined) return pages.landing(r, landing);
    const letter = parameterAfter(r.path, '/cong-van/');
    if (letter !== undefined) return letterCheck(portal, r, letter);
    const recognition = parameterAfter(r.path, '/cong-nhan/');
    if (recognition !== undefined) return recognitionLanding(portal, r, recognition);
    if (r.path === '/docs' || r.path.startsWith('/docs/')) {
      for (const [name, value] of DOCS_HEADERS) r.response.setHeader(name, value);
      return options.docs(r.request, r.response);
    }
    return notFound(r);
  };

  const post = (r: PortalRequest): void | Promise<void> => {
    if (r.path === '/tra-cuu') return pages.lookup(r);
    if (r.path === '/api/v1/lookup') return api.lookupByBody(r);
    if (r.path === '/cong-nhan') return recognitionLookup(portal, r);
    return notFound(r);
  };

  return (request: IncomingMessage, response: ServerResponse): void => {
    observe(request, response);
    const r = portalRequest(request, response);
    try {
      const method = request.method;
      const done = method === 'GET' || method === 'HEAD' ? get(r) : method === 'POST' ? post(r) : notAllowed(r);
      if (done instanceof Promise) done.catch((error: unknown) => failed(r, error, options));
    } catch (error) {
      failed(r, error, options);
    }
  };
}

/**
 * Prometheus metrics of this process. The portal faces the internet, and its counters (lookups, 429s,
 * how far its read models are) would tell a scraper how well it is doing: so only a configured scrape
 * token reads them, and without one the route does not exist.
 */
async function metrics(portal: Portal, r: PortalRequest, token: string | undefined): Promise<void> {
  if (!token) return notFound(r);
  if (!isScrapeToken(r.request.headers.authorization, token)) {
    return sendProblem(
      r.response,
      401,
      r.path,
      {
        code: 'METRICS_TOKEN_REQUIRED',
        kind: 'unauthenticated',
        messageVi: 'Cần mã quét số liệu (SOGOC_METRICS_TOKEN).',
        messageEn: 'The scrape token (SOGOC_METRICS_TOKEN) is required.',
      },
      {},
      ['WWW-Authenticate', 'Bearer realm="so-goc-metrics"'],
    );
  }
  send(r.response, 200, METRICS_HEADERS, await portal.metrics.render());
}

function parameterAfter(path: string, prefix: string): string | undefined {
  return path.startsWith(prefix) ? pathParameter(path.slice(prefix.length)) : undefined;
}

function notFound(r: PortalRequest): void {
  if (r.path.startsWith('/api/')) {
    return sendProblem(r.response, 404, r.path, {
      code: 'NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có địa chỉ này.',
      messageEn: 'No such resource.',
    });
  }
  notFoundPage(r);
}

function notAllowed(r: PortalRequest): void {
  sendProblem(
    r.response,
    405,
    r.path,
    {
      code: 'METHOD_NOT_ALLOWED',
      kind: 'invalid_input',
      messageVi: 'Cổng tra cứu chỉ nhận GET và POST.',
      messageEn: 'The portal accepts GET and POST only.',
    },
    {},
    ['Allow', 'GET, HEAD, POST'],
  );
}

function failed(r: PortalRequest, error: unknown, options: PortalRouterOptions): void {
  // A client that went away or was timed out mid-body: nobody to answer, and nothing went wrong here.
  if (r.request.destroyed && !r.response.headersSent) return void r.response.destroy();
  options.onError(routeOf(r.request.method, r.path), error);
  if (r.response.headersSent) return void r.response.destroy();
  sendProblem(r.response, 500, r.path, {
    code: 'INTERNAL_ERROR',
    kind: 'conflict',
    messageVi: 'Lỗi hệ thống. Sự cố đã được ghi nhật ký.',
    messageEn: 'Internal error. The incident was logged.',
  });
}
