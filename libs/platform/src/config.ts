import { isAbsolute, join, resolve } from 'node:path';

export type EventStoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string; readonly synchronous: 'FULL' | 'NORMAL' }
  | { readonly kind: 'esdb'; readonly connectionString: string };

export interface SoGocConfig {
  readonly dataDir: string;
  readonly eventStore: EventStoreConfig;
  /** SQLite file with every read model and the projections' checkpoints (derived data). */
  readonly readModelFile: string;
  readonly apiPort: number;
  readonly portalPort: number;
  readonly host: string;
  /** Where the public portal is reached from outside: the QR codes on paper point here, so it must be the official domain. */
  readonly portalPublicUrl: string;
  /** Rule 56: whether the office charges for copies from the register is its own setting; none by default. */
  readonly copyFeePerCopyVnd: number;
  /** The fraud audits (issue 15): how often the scheduled ones run, and their thresholds. */
  readonly audits: {
    readonly intervalSeconds: number;
    readonly spoiledDestroyWithinDays: number;
    readonly unknownSerialBurst: number;
    readonly lookupLogFile: string;
  };
  /** Operations (issue 16): the bearer token a Prometheus scraper sends for `/metrics` (SOGOC_METRICS_TOKEN); unset, only an administrator may read the officers' API's metrics and the portal has none. */
  readonly metricsToken?: string;
  /** `/ready` of the officers' API answers 503 while any projection is more than this many positions behind the store's head (SOGOC_READY_MAX_LAG). */
  readonly readyMaxLag: number;
  /**
   * Issue 18: a JSON file of the deployment's own kinds of credential (SOGOC_CREDENTIAL_KINDS_FILE), added to the
   * default catalogue; checked whole when the infrastructure opens (`credentialKindsFromFile`).
   */
  readonly credentialKindsFile?: string;
}

/** Everything configurable comes from the environment, with defaults that run on a bare machine. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SoGocConfig {
  const dataDir = resolveDir(env.SOGOC_DATA_DIR ?? 'data', cwd);
  const kind = env.SOGOC_EVENT_STORE ?? (env.SOGOC_ESDB_URL ? 'esdb' : 'sqlite');
  let eventStore: EventStoreConfig;
  if (kind === 'esdb') {
    const connectionString = env.SOGOC_ESDB_URL;
    if (!connectionString) throw new Error('SOGOC_EVENT_STORE=esdb needs SOGOC_ESDB_URL (e.g. esdb://localhost:2113?tls=false)');
    eventStore = { kind: 'esdb', connectionString };
  } else if (kind === 'sqlite') {
    const synchronous = (env.SOGOC_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
    if (synchronous !== 'FULL' && synchronous !== 'NORMAL') throw new Error('SOGOC_SQLITE_SYNCHRONOUS must be FULL or NORMAL');
    // A node with read models of its own may share another directory's store (SOGOC_EVENTS_FILE; issue 20 item 4).
    const file = env.SOGOC_EVENTS_FILE ? resolveDir(env.SOGOC_EVENTS_FILE, cwd) : join(dataDir, 'events.sqlite');
    eventStore = { kind: 'sqlite', file, synchronous };
  } else {
    throw new Error(`SOGOC_EVENT_STORE must be sqlite or esdb, not ${kind}`);
  }
  return {
    dataDir,
    eventStore,
    readModelFile: join(dataDir, 'read-models.sqlite'),
    apiPort: port(env.SOGOC_API_PORT, 3000),
    portalPort: port(env.SOGOC_PORTAL_PORT, 3001),
    host: env.SOGOC_HOST ?? '127.0.0.1',
    copyFeePerCopyVnd: wholeNumber('SOGOC_COPY_FEE_VND', env.SOGOC_COPY_FEE_VND, 0),
    audits: {
      intervalSeconds: wholeNumber('SOGOC_AUDIT_INTERVAL_SECONDS', env.SOGOC_AUDIT_INTERVAL_SECONDS, 300),
      spoiledDestroyWithinDays: wholeNumber('SOGOC_AUDIT_SPOILED_DAYS', env.SOGOC_AUDIT_SPOILED_DAYS, 90),
      unknownSerialBurst: wholeNumber('SOGOC_AUDIT_UNKNOWN_SERIAL_BURST', env.SOGOC_AUDIT_UNKNOWN_SERIAL_BURST, 20),
      lookupLogFile: join(dataDir, 'lookup-log.sqlite'),
    },
    ...(env.SOGOC_METRICS_TOKEN ? { metricsToken: scrapeToken(env.SOGOC_METRICS_TOKEN) } : {}),
    readyMaxLag: wholeNumber('SOGOC_READY_MAX_LAG', env.SOGOC_READY_MAX_LAG, 100),
    portalPublicUrl: (env.SOGOC_PORTAL_PUBLIC_URL ?? `http://127.0.0.1:${port(env.SOGOC_PORTAL_PORT, 3001)}`).replace(/\/+$/, ''),
    ...(env.SOGOC_CREDENTIAL_KINDS_FILE ? { credentialKindsFile: resolve(cwd, env.SOGOC_CREDENTIAL_KINDS_FILE) } : {}),
  };
}

function resolveDir(dir: string, cwd: string): string {
  return isAbsolute(dir) ? dir : resolve(cwd, dir);
}

function port(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`Not a port: ${value}`);
  return parsed;
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number ≥ 0, not ${value}`);
  return parsed;
}

function scrapeToken(value: string): string {
  if (value.length < 16) throw new Error('SOGOC_METRICS_TOKEN must be at least 16 characters');
  return value;
}
