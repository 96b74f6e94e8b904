import type { ServerResponse } from 'node:http';
import type { ProblemDescription } from '@so-goc/domain';
import { toProblemDocument } from '@so-goc/platform';
import { HTML_HEADERS, JSON_HEADERS, PROBLEM_HEADERS } from './security-headers';

/** Headers a handler adds to its answer: Set-Cookie for the language, Retry-After on 429 and 503. */
export type ExtraHeaders = readonly string[] | undefined;

export function send(
  response: ServerResponse,
  status: number,
  headers: readonly string[],
  body: string | Buffer,
  extra?: ExtraHeaders,
): void {
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const all =
    extra === undefined ? [...headers, 'Content-Length', String(length)] : [...headers, ...extra, 'Content-Length', String(length)];
  response.writeHead(status, all);
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, extra?: ExtraHeaders): void {
  send(response, status, JSON_HEADERS, JSON.stringify(body), extra);
}

export function sendHtml(response: ServerResponse, status: number, page: string, extra?: ExtraHeaders): void {
  send(response, status, HTML_HEADERS, page, extra);
}

/** application/problem+json with the stable code and both languages, as the officers' API answers. */
export function sendProblem(
  response: ServerResponse,
  status: number,
  path: string,
  problem: ProblemDescription,
  more: object = {},
  extra?: ExtraHeaders,
): void {
  // The request's log line carries the problem's stable code (see observeRequests).
  (response as ServerResponse & { problemCode?: string }).problemCode = problem.code;
  send(response, status, PROBLEM_HEADERS, JSON.stringify({ ...toProblemDocument(problem, status, path), ...more }), extra);
}

export const NOT_READY_PROBLEM: ProblemDescription = {
  code: 'READ_MODEL_NOT_READY',
  kind: 'conflict',
  messageVi: 'Dữ liệu tra cứu đang được cập nhật; vui lòng thử lại sau ít phút.',
  messageEn: 'The lookup data is being updated; please try again in a few minutes.',
};

export function rateLimitedProblem(retryAfterSeconds: number): ProblemDescription {
  return {
    code: 'RATE_LIMITED',
    kind: 'invalid_input',
    messageVi: `Quá nhiều lượt tra cứu trong thời gian ngắn. Vui lòng thử lại sau ${retryAfterSeconds} giây.`,
    messageEn: `Too many lookups in a short time. Please try again in ${retryAfterSeconds} seconds.`,
  };
}
