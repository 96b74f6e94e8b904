import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { LookupApi } from '../api/lookup-api';
import { letterCheck } from '../letters/letter.page';
import { checkpointsJson, checkpointsPage, readiness } from '../log/checkpoints.page';
import { notFoundPage, PageRoutes } from '../pages/page-routes';
import type { Portal } from '../portal';
import { pathParameter, portalRequest, type PortalRequest } from './portal-request';
import { send, sendJson, sendProblem } from './replies';
import { commonHeaderPairs, DOCS_CSP, JSON_HEADERS, TEXT_HEADERS } from './security-headers';

const HEALTH = JSON.stringify({ status: 'ok', service: 'verify-portal' });
// A registry of people must never be crawled or indexed.
const ROBOTS = 'User-agent: *\nDisallow: /\n';
const KEY_SET_HEADERS = ['Cache-Control', 'public, max-age=300', 'Access-Control-Allow-Origin', '*'];
const DOCS_HEADERS = commonHeaderPairs(DOCS_CSP);

export interface PortalRouterOptions {
  /** Swagger UI and the OpenAPI document under /docs. */
  readonly docs: RequestListener;
  /** Told about an unexpected error with the path only: a query or body may hold a visitor's name. */
  readonly onError: (path: string, error: unknown) => void;
}

/**
 * Every route of the portal in one switch on method and path: the hot ones (lookup, token check, QR
 * landing) go straight to their handler with no framework in between (issue 19).
 */
export function portalRouter(portal: Portal, options: PortalRouterOptions): RequestListener {
  const api = new LookupApi(portal);
  const pages = new PageRoutes(portal);

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
      case '/checkpoints':
        return checkpointsPage(portal, r);
      case '/api/v1/checkpoints':
        return checkpointsJson(portal, r);
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
    if (r.path === '/docs' || r.path.startsWith('/docs/')) {
      for (const [name, value] of DOCS_HEADERS) r.response.setHeader(name, value);
      return options.docs(r.request, r.response);
    }
    return notFound(r);
  };

  const post = (r: PortalRequest): void | Promise<void> => {
    if (r.path === '/tra-cuu') return pages.lookup(r);
    if (r.path === '/api/v1/lookup') return api.lookupByBody(r);
    return notFound(r);
  };

  return (request: IncomingMessage, response: ServerResponse): void => {
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
  options.onError(r.path, error);
  if (r.response.headersSent) return void r.response.destroy();
  sendProblem(r.response, 500, r.path, {
    code: 'INTERNAL_ERROR',
    kind: 'conflict',
    messageVi: 'Lỗi hệ thống. Sự cố đã được ghi nhật ký.',
    messageEn: 'Internal error. The incident was logged.',
  });
}
