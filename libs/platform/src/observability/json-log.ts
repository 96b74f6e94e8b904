import { writeSync } from 'node:fs';
import type { LoggerService } from '@nestjs/common';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * What a log line may carry (issue 16): paths as route templates, codes, durations and ids. The set of
 * keys is closed on purpose: there is no field for a name, a national ID, a birth date, a query string
 * or a token, so none can be logged by accident through this type.
 */
export interface LogFields {
  readonly requestId?: string;
  readonly method?: string;
  /** The route template (`/api/v1/authorities/:code/diplomas/:diplomaId`), never the URL with its values or query. */
  readonly route?: string;
  /** The authority acted for (a public code such as SGD-HP). */
  readonly authority?: string;
  /** The officer's id (e.g. `admin-hp`): not a name, not a token. */
  readonly actor?: string;
  readonly status?: number;
  readonly durationMs?: number;
  /** A problem's stable code (VALIDATION_FAILED, RATE_LIMITED…). */
  readonly code?: string;
  readonly projection?: string;
  readonly events?: number;
  readonly position?: string;
  /** An error's message for operators (internal errors only; never a request's body). */
  readonly error?: string;
  /** Nest's context of a framework message (RouterExplorer, NestApplication…). */
  readonly context?: string;
}

export type LogSink = (line: string) => void;

/**
 * Lines are gathered and written together once the current turn of the event loop is done (or every 256
 * lines): one write call per burst of requests instead of one per request (issue 19: a write per request
 * was ~6% of a portal lookup's CPU). Whatever is pending when the process exits is written synchronously.
 */
let pendingLines: string[] = [];
let flushScheduled = false;
const flushStdout = (): void => {
  flushScheduled = false;
  if (pendingLines.length === 0) return;
  const chunk = pendingLines.join('');
  pendingLines = [];
  process.stdout.write(chunk);
};
process.once('exit', () => {
  if (pendingLines.length === 0) return;
  try {
    writeSync(1, pendingLines.join(''));
  } catch {
    // stdout already closed: nothing left to tell
  }
  pendingLines = [];
});
const stdout: LogSink = (line) => {
  pendingLines.push(`${line}\n`);
  if (pendingLines.length >= 256) flushStdout();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushStdout);
  }
};

/** One JSON object per line, time first: `{"time":…,"level":"info","service":"registry-api","msg":"request",…}`. */
export class JsonLog {
  constructor(
    readonly service: string,
    private readonly sink: LogSink = stdout,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A log that writes nothing (tests that do not look at logs). */
  static silent(service: string): JsonLog {
    return new JsonLog(service, () => undefined);
  }

  write(level: LogLevel, msg: string, fields: LogFields = {}): void {
    this.sink(JSON.stringify({ time: this.now().toISOString(), level, service: this.service, msg, ...fields }));
  }

  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }

  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }

  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  /** The same log for Nest's own messages (start-up, route mapping, errors of its filters), as JSON lines. */
  forNest(): LoggerService {
    const line =
      (level: LogLevel) =>
      (message: unknown, ...rest: unknown[]) => {
        const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
        this.write(level, typeof message === 'string' ? message : JSON.stringify(message), context ? { context } : {});
      };
    return {
      log: line('info'),
      error: line('error'),
      warn: line('warn'),
      debug: line('debug'),
      verbose: line('debug'),
      fatal: line('error'),
    };
  }
}
