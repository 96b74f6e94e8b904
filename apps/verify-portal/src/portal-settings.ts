import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { RateLimit } from './clients/token-bucket';

export interface PortalTimeouts {
  /** A client has this long to send its request headers, so slow-header clients cannot hold sockets open. */
  readonly headersMs: number;
  /** …and this long for the whole request, body included. */
  readonly requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveMs: number;
}

export interface PortalSettings {
  readonly rateLimit: RateLimit;
  /** As Express's "trust proxy": set it when a reverse proxy in front supplies X-Forwarded-For. */
  readonly trustProxy: boolean | number | string | undefined;
  readonly lookupLogFile: string;
  /**
   * 'shared' (default): the buckets live in `rateLimitFile`, shared by every portal process and node on the
   * data directory, so a client has one allowance across them (issue 20 item 4). 'memory': per process.
   */
  readonly rateLimitStore: 'shared' | 'memory';
  readonly rateLimitFile: string;
  /** Lookup rows and refusal counts older than this many days are deleted from the lookup log. */
  readonly logRetentionDays: number;
  readonly timeouts: PortalTimeouts;
  /** Processes serving the portal when it runs alone (`serve --only verify-portal`); 1 embedded. */
  readonly workers: number;
}

/**
 * The portal's own knobs, from the environment like everything else. The default limit lets a person
 * check a handful of diplomas in a row and stops anyone walking the serial range.
 */
export function portalSettingsFrom(env: NodeJS.ProcessEnv, dataDir: string): PortalSettings {
  return {
    rateLimit: {
      perMinute: positive(env.SOGOC_PORTAL_RATE_PER_MINUTE, 30, 'SOGOC_PORTAL_RATE_PER_MINUTE'),
      burst: positive(env.SOGOC_PORTAL_RATE_BURST, 10, 'SOGOC_PORTAL_RATE_BURST'),
    },
    trustProxy: trustProxy(env.SOGOC_PORTAL_TRUST_PROXY),
    // Both files default to the node's data directory; compose points every portal node on one host at one
    // shared volume (docker/README.md: a SQLite file is shared by processes of one kernel, never over a network).
    lookupLogFile: fileSetting(env.SOGOC_PORTAL_LOOKUP_LOG_FILE, join(dataDir, 'lookup-log.sqlite')),
    rateLimitStore: rateLimitStore(env.SOGOC_PORTAL_RATE_LIMIT_STORE),
    rateLimitFile: fileSetting(env.SOGOC_PORTAL_RATE_LIMIT_FILE, join(dataDir, 'rate-limit.sqlite')),
    logRetentionDays: positive(env.SOGOC_PORTAL_LOG_RETENTION_DAYS, 365, 'SOGOC_PORTAL_LOG_RETENTION_DAYS'),
    timeouts: {
      headersMs: positive(env.SOGOC_PORTAL_HEADERS_TIMEOUT_MS, 10_000, 'SOGOC_PORTAL_HEADERS_TIMEOUT_MS'),
      requestMs: positive(env.SOGOC_PORTAL_REQUEST_TIMEOUT_MS, 20_000, 'SOGOC_PORTAL_REQUEST_TIMEOUT_MS'),
      keepAliveMs: positive(env.SOGOC_PORTAL_KEEP_ALIVE_TIMEOUT_MS, 5_000, 'SOGOC_PORTAL_KEEP_ALIVE_TIMEOUT_MS'),
    },
    workers: Math.floor(positive(env.SOGOC_PORTAL_WORKERS, availableParallelism(), 'SOGOC_PORTAL_WORKERS')),
  };
}

function fileSetting(value: string | undefined, fallback: string): string {
  return value === undefined || value === '' ? fallback : value;
}

function rateLimitStore(value: string | undefined): 'shared' | 'memory' {
  if (value === undefined || value === '' || value === 'shared') return 'shared';
  if (value === 'memory') return 'memory';
  throw new Error(`SOGOC_PORTAL_RATE_LIMIT_STORE must be shared or memory, not ${value}`);
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not ${value}`);
  return parsed;
}

/** As Express read it: a number is a hop count, a string addresses or subnets ("loopback, 10.0.0.0/8"). */
function trustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
