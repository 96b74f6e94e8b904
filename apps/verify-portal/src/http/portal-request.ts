import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as the portal's handlers see it: the URL split once, never parsed into a URL object. */
export interface PortalRequest {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly path: string;
  /** The query string without its '?', as sent. */
  readonly search: string;
}

export function portalRequest(request: IncomingMessage, response: ServerResponse): PortalRequest {
  const url = request.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? { request, response, path: url, search: '' } : { request, response, path: url.slice(0, q), search: url.slice(q + 1) };
}

/** A path segment as Express would have given it as a parameter; undefined when it is not valid percent-encoding. */
export function pathParameter(segment: string): string | undefined {
  if (segment === '' || segment.includes('/')) return undefined;
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
