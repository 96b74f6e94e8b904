import type { Request } from 'express';
import type { Database } from 'better-sqlite3';
import { clientKey } from './clients/client-address';
import { TokenBucketLimiter } from './clients/token-bucket';
import { KeySetCache, type KeySetSource } from './keys/key-set-cache';
import { LookupLog, type LookupChannel, type LoggedResult } from './lookup-log/lookup-log';
import type { QueryKind } from './lookup/lookup-answer';
import { LookupService } from './lookup/lookup.service';
import type { PortalSettings } from './portal-settings';

export const PORTAL = Symbol('Portal');
export const NOT_READY = Symbol('read models not ready');

export type Admission = { readonly admitted: true; readonly client: string } | { readonly admitted: false; readonly client: string; readonly retryAfterSeconds: number };

/** Everything a request handler of the portal needs, made once per app. */
export class Portal {
  readonly keys: KeySetCache;
  readonly lookups: LookupService;
  readonly limiter: TokenBucketLimiter;
  readonly log: LookupLog;

  constructor(
    readonly readModels: Database,
    keySource: KeySetSource,
    readonly settings: PortalSettings,
    readonly now: () => Date = () => new Date(),
  ) {
    this.keys = new KeySetCache(keySource);
    this.lookups = new LookupService(readModels, this.keys);
    this.limiter = new TokenBucketLimiter(settings.rateLimit);
    this.log = new LookupLog(settings.lookupLogFile, { now });
  }

  /** Each lookup costs the client one token; a refused one is logged too, since scraping is what the audits look for. */
  admit(request: Request, channel: LookupChannel, queryKind: QueryKind | 'letter' | 'unknown'): Admission {
    const client = clientKey(request.ip ?? request.socket.remoteAddress);
    const decision = this.limiter.take(client);
    if (decision.allowed) return { admitted: true, client };
    this.log.record({ channel, queryKind, result: 'RATE_LIMITED', client });
    return { admitted: false, client, retryAfterSeconds: decision.retryAfterSeconds };
  }

  record(channel: LookupChannel, queryKind: QueryKind | 'letter' | 'unknown', result: LoggedResult, client: string, serial?: string): void {
    this.log.record({ channel, queryKind, result, client, ...(serial !== undefined ? { serial } : {}) });
  }

  /**
   * While the projector creates (or recreates) the tables the answer is "try later". It is given here rather
   * than through the shared error filter, which logs the URL of a 5xx, and this URL holds the visitor's query.
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
