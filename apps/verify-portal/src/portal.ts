import type { IncomingMessage } from 'node:http';
import type { Database } from 'better-sqlite3';
import { Metrics, type Counter } from '@so-goc/platform';
import { clientResolver, type ClientOf } from './clients/client-of-request';
import { TokenBucketLimiter } from './clients/token-bucket';
import { KeySetCache, type KeySetSource } from './keys/key-set-cache';
import { LookupLog, type LookupChannel, type LoggedResult } from './lookup-log/lookup-log';
import type { QueryKind } from './lookup/lookup-answer';
import { LookupService } from './lookup/lookup.service';
import type { PortalSettings } from './portal-settings';

export const NOT_READY = Symbol('read models not ready');

export type Admission =
  | { readonly admitted: true; readonly client: string }
  | { readonly admitted: false; readonly client: string; readonly retryAfterSeconds: number };

export type LoggedKind = QueryKind | 'letter' | 'recognition' | 'unknown';

/** Everything a request handler of the portal needs, made once per process. */
export class Portal {
  readonly keys: KeySetCache;
  readonly lookups: LookupService;
  readonly limiter: TokenBucketLimiter;
  readonly log: LookupLog;
  readonly clientOf: ClientOf;
  private readonly refusals: Counter;
  private readonly lookupsCounted: Counter;

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
    this.limiter = new TokenBucketLimiter(settings.rateLimit);
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
      return work();
    } catch (error) {
      const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
      if (name === 'SqliteError' && typeof message === 'string' && message.includes('no such table')) return NOT_READY;
      throw error;
    }
  }

  close(): void {
    this.log.close();
  }
}
