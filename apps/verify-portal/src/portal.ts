import type { IncomingMessage } from 'node:http';
import type { Database } from 'better-sqlite3';
import { Metrics, type Counter } from '@so-goc/platform';
import { ALL_PROJECTIONS, readinessOf } from '@so-goc/projections';
import { clientResolver, type ClientOf } from './clients/client-of-request';
import { InMemoryRateLimiter, SharedTokenBucketLimiter, type RateLimiter } from './clients/shared-token-bucket';
import { KeySetCache, type KeySetSource } from './keys/key-set-cache';
import { LookupLog, type LookupChannel, type LoggedResult } from './lookup-log/lookup-log';
import type { QueryKind } from './lookup/lookup-answer';
import { LookupService } from './lookup/lookup.service';
import type { PortalSettings } from './portal-settings';

export const NOT_READY = Symbol('read models not ready');

const CAUGHT_UP_KEPT_MS = 1000;

function isMissingTable(error: unknown): boolean {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'SqliteError' && typeof message === 'string' && message.includes('no such table');
}

export type Admission =
  | { readonly admitted: true; readonly client: string }
  | { readonly admitted: false; readonly client: string; readonly retryAfterSeconds: number };

export type LoggedKind = QueryKind | 'letter' | 'recognition' | 'unknown';

/** Everything a request handler of the portal needs, made once per process. */
export class Portal {
  readonly keys: KeySetCache;
  readonly lookups: LookupService;
  readonly limiter: RateLimiter;
  readonly log: LookupLog;
  readonly clientOf: ClientOf;
  private readonly refusals: Counter;
  private readonly lookupsCounted: Counter;
  private caughtUpUntil = 0;

  constructor(
    readonly readModels: Database,
    keySource: KeySetSource,
    readonly settings: PortalSettings,
    readonly now: () => Date = () => new Date(),
    readonly metrics: Metrics = new Metrics(),
  ) {
    this.refusals = metrics.counter('sogoc_rate_limit_refusals_total', 'Lookups refused by the rate limit (429), by channel.');
    this.lookupsCounted = metrics.counter('sogoc_portal_lookups_total', 'Lookups answered, by channel, kind of query and result.');
    this.keys = new KeySetCache(keySource);
    this.lookups = new LookupService(readModels, this.keys, () => now().toISOString().slice(0, 10));
    this.limiter =
      settings.rateLimitStore === 'shared'
        ? new SharedTokenBucketLimiter(settings.rateLimitFile, settings.rateLimit)
        : new InMemoryRateLimiter(settings.rateLimit);
    this.log = new LookupLog(settings.lookupLogFile, { retentionDays: settings.logRetentionDays });
    this.clientOf = clientResolver(settings.trustProxy);
  }

  /**
   * Each lookup costs the client one token. A refused one is counted per client and minute, since
   * scraping is what the audits look for, but never stored request by request (issue 16).
   */
  admit(request: IncomingMessage, channel: LookupChannel): Admission {
    const client = this.clientOf(request);
    const decision = this.limiter.take(client);
    if (decision.allowed) return { admitted: true, client };
    this.log.refused(client, channel);
    this.refusals.inc({ channel });
    return { admitted: false, client, retryAfterSeconds: decision.retryAfterSeconds };
  }

  record(channel: LookupChannel, queryKind: LoggedKind, result: LoggedResult, client: string, serial?: string): void {
    this.log.record({ channel, queryKind, result, client, serial });
    this.lookupsCounted.inc({ channel, kind: queryKind, result });
  }

  /**
   * While the projector creates (or recreates) the tables the answer is "try later", given here so that
   * no error path logs the request, whose body or URL holds the visitor's query.
   */
  whenReady<T>(work: () => T): T | typeof NOT_READY {
    try {
      if (!this.caughtUp()) return NOT_READY;
      return work();
    } catch (error) {
      if (isMissingTable(error)) return NOT_READY;
      throw error;
    }
  }

  /**
   * Whether the read models have caught up with the store as it was when the projector started (issue 20
   * item 4): until then a genuine diploma may not be in them yet, and the portal says "try later" (503),
   * never "not found". Once caught up the answer is kept for a second, so a lookup costs no extra query.
   */
  caughtUp(): boolean {
    const now = Date.now();
    if (now < this.caughtUpUntil) return true;
    let ready: boolean;
    try {
      ready = readinessOf(this.readModels, ALL_PROJECTIONS).ready;
    } catch (error) {
      if (!isMissingTable(error)) throw error;
      ready = false;
    }
    this.caughtUpUntil = ready ? now + CAUGHT_UP_KEPT_MS : 0;
    return ready;
  }

  close(): void {
    this.log.close();
    this.limiter.close();
  }
}
