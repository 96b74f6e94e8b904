import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';

/** A lookup is four short fields; even percent-encoded Vietnamese stays far below this. */
export const MAX_BODY_BYTES = 8 * 1024;

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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, code: 'BODY_TOO_LARGE' };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (form) return { ok: true, fields: parseQueryString(text) };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, status: 400, code: 'BODY_MALFORMED' };
    return { ok: true, fields: parsed as Record<string, unknown> };
  } catch {
    return { ok: false, status: 400, code: 'BODY_MALFORMED' };
  }
}
