import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';
import type { ProblemDescription } from '@so-goc/domain';
import type { EventStore } from '@so-goc/event-store';
import { toProblemDocument } from '../http/problem-details';
import type { ReadYourWrites } from './read-your-writes';
import {
  parseReadAfter,
  READ_AFTER_COOKIE,
  READ_AFTER_HEADER,
  withinWriteScope,
  WRITE_POSITION_HEADER,
  type ParsedReadAfter,
  type WriteScope,
} from './write-position';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Long enough for any redirect-after-POST and the page after it; a lag longer than this is an outage, not a race. */
const COOKIE_SECONDS = 120;

/**
 * Gives every officer write a write scope (issue 20 item 4): the position its appends reach, or the
 * position of the events it found when its command was already handled, goes out with the answer as
 * `Sogoc-Write-Position`. On the console, where the browser follows a redirect after the POST and the
 * next request may land on another node, it goes out as a cookie the browser sends back.
 */
@Injectable()
export class WriteScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    if (!MUTATING.has(request.method)) return next.handle();
    return withinWriteScope((scope) => {
      announceBeforeHeaders(request, response, scope);
      // Called inside the scope: Nest binds the handler's async context here (AsyncResource.bind).
      return next.handle();
    });
  }
}

/** Headers go out when the answer starts (res.send, res.redirect, a stream): the hook sits just before. */
function announceBeforeHeaders(request: Request, response: Response, scope: WriteScope): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: Response, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    if (scope.token !== undefined && status < 400 && !this.headersSent) {
      this.setHeader(WRITE_POSITION_HEADER, scope.token);
      if (isConsole(request)) {
        const cookie = `${READ_AFTER_COOKIE}=${scope.token}; Path=/console; Max-Age=${COOKIE_SECONDS}; HttpOnly; SameSite=Strict${request.secure ? '; Secure' : ''}`;
        const existing = this.getHeader('Set-Cookie');
        this.setHeader('Set-Cookie', [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)]), cookie]);
      }
    }
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as Response['writeHead'];
}

export interface ReadAfterOptions {
  /** Paths answered at once whatever was written (probes, documentation). */
  readonly noWait: RegExp;
}

/**
 * Before an officer's read (GET/HEAD): wait, bounded, until this node's read models hold what this
 * process wrote and the position the client sent back (`Sogoc-Read-After`, or the console's cookie).
 * A position the client asked for and the read models did not reach within the bound is a 503 with
 * Retry-After: answering without it would show the officer a register without their own act. A
 * malformed token, one of another store, or one beyond the store's head is a 400, never waited on.
 * Without a token, what only this process wrote is waited for and a late read answers, marked
 * `X-Read-Models: behind`.
 */
export function readAfterMiddleware(store: EventStore, readYourWrites: ReadYourWrites, options: ReadAfterOptions) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || options.noWait.test(request.path)) return next();
    const header = request.header(READ_AFTER_HEADER);
    const fromCookie = header === undefined && isConsole(request) ? cookieValue(request, READ_AFTER_COOKIE) : undefined;
    const token = header ?? fromCookie;
    void (async () => {
      let parsed: ParsedReadAfter | undefined;
      if (token !== undefined) {
        parsed = await parseReadAfter(store, token.trim());
        if (!parsed.ok) {
          // A stale cookie (a store replaced under the console) must not lock the officer out: it goes with this answer.
          if (fromCookie !== undefined) clearCookie(response);
          return problem(request, response, 400, refusal(parsed.reason, fromCookie !== undefined ? READ_AFTER_COOKIE : READ_AFTER_HEADER));
        }
      }
      const settled = await readYourWrites.settle(parsed?.ok ? parsed.position : undefined);
      if (settled === 'timed-out') {
        if (parsed?.ok) {
          const retryAfter = Math.max(1, Math.ceil(readYourWrites.timeoutMs / 1000));
          response.setHeader('Retry-After', String(retryAfter));
          return problem(request, response, 503, BEHIND);
        }
        response.setHeader('X-Read-Models', 'behind');
      }
      next();
    })().catch((error: unknown) => next(error));
  };
}

const BEHIND: ProblemDescription = {
  code: 'READ_MODELS_BEHIND',
  kind: 'conflict',
  messageVi:
    'Dữ liệu tra cứu của máy chủ này chưa cập nhật tới thao tác vừa ghi; thao tác đã được ghi. Hãy thử lại sau giây lát (Retry-After).',
  messageEn:
    'This node’s read models have not yet caught up with the act just recorded; the act is recorded. Try again shortly (Retry-After).',
};

function refusal(reason: Exclude<ParsedReadAfter, { ok: true }>['reason'], field: string): ProblemDescription {
  switch (reason) {
    case 'malformed':
      return {
        code: 'READ_AFTER_MALFORMED',
        kind: 'invalid_input',
        field,
        messageVi: `${field} không đúng dạng: hãy gửi lại đúng giá trị Sogoc-Write-Position mà lần ghi đã trả về.`,
        messageEn: `${field} is malformed: send back exactly the Sogoc-Write-Position a write answered.`,
      };
    case 'foreign-store':
      return {
        code: 'READ_AFTER_OTHER_STORE',
        kind: 'invalid_input',
        field,
        messageVi: `${field} là vị trí của một kho dữ liệu khác, không phải kho của hệ thống này; không chờ theo nó.`,
        messageEn: `${field} is a position in another event store, not this system's; it is not waited for.`,
      };
    case 'beyond-head':
      return {
        code: 'READ_AFTER_NOT_WRITTEN',
        kind: 'invalid_input',
        field,
        messageVi: `${field} chỉ tới một vị trí chưa có thao tác nào ghi tới (giá trị giả hoặc đã sửa); không chờ theo nó.`,
        messageEn: `${field} names a position no write has reached (forged or altered); it is not waited for.`,
      };
  }
}

function problem(request: Request, response: Response, status: number, description: ProblemDescription): void {
  if (response.locals) response.locals.problemCode = description.code;
  response
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify(toProblemDocument(description, status, request.originalUrl.split('?')[0] ?? '')));
}

function isConsole(request: Request): boolean {
  return request.path === '/console' || request.path.startsWith('/console/');
}

function cookieValue(request: Request, name: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]*)`).exec(request.headers.cookie ?? '');
  return match?.[1] === undefined || match[1] === '' ? undefined : match[1];
}

function clearCookie(response: Response): void {
  response.append('Set-Cookie', `${READ_AFTER_COOKIE}=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict`);
}
