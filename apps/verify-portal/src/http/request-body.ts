import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';

/** A lookup is four short fields; even percent-encoded Vietnamese stays far below this. */
export const MAX_BODY_BYTES = 8 * 1024;

/** With a refused body: the rest of it is never read, so the connection cannot carry another request. */
export const CLOSE_CONNECTION = ['Connection', 'close'] as const;

export type BodyFields =
  | { readonly ok: true; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly status: 400 | 413 | 415; readonly code: 'BODY_TOO_LARGE' | 'BODY_UNSUPPORTED' | 'BODY_MALFORMED' };

/**
 * The fields of a POSTed lookup: an HTML form (application/x-www-form-urlencoded) or JSON from an
 * integrator. The size is checked before and while reading, so an oversized body is refused without
 * being buffered; a repeated form field becomes an array, which the lookup parser refuses by name.
 */
export async function readBodyFields(request: IncomingMessage): Promise<BodyFields> {
  const type = (request.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  const form = type === 'application/x-www-form-urlencoded';
  if (!form && type !== 'application/json') return { ok: false, status: 415, code: 'BODY_UNSUPPORTED' };
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, status: 413, code: 'BODY_TOO_LARGE' };
  const text = await readText(request);
  if (text === undefined) return { ok: false, status: 413, code: 'BODY_TOO_LARGE' };
  if (form) return { ok: true, fields: parseQueryString(text) };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, status: 400, code: 'BODY_MALFORMED' };
    return { ok: true, fields: parsed as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400, code: 'BODY_MALFORMED' };
  }
}

/**
 * The body as text, or undefined once it passes the limit. Plain 'data'/'end' listeners: the stream's
 * async iterator costs several times more per request for a body that arrives in one chunk.
 */
function readText(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let text = '';
    let size = 0;
    request.setEncoding('utf8');
    const onData = (chunk: string): void => {
      size += Buffer.byteLength(chunk);
      if (size > MAX_BODY_BYTES) {
        request.off('data', onData);
        request.pause();
        resolve(undefined);
      } else {
        text += chunk;
      }
    };
    request.on('data', onData);
    request.once('end', () => resolve(text));
    request.once('error', reject);
    // A client gone before the end: nobody to answer (a no-op once the body was read).
    request.once('close', () => reject(new Error('aborted')));
  });
}
