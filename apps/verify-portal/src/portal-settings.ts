import { join } from 'node:path';
import type { RateLimit } from './clients/token-bucket';

export interface PortalSettings {
  readonly rateLimit: RateLimit;
  /** Express's "trust proxy": set it when a reverse proxy in front supplies X-Forwarded-For. */
  readonly trustProxy: boolean | number | string | undefined;
  readonly lookupLogFile: string;
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
    lookupLogFile: join(dataDir, 'lookup-log.sqlite'),
  };
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not ${value}`);
  return parsed;
}

/** Express reads a number as a hop count and a string as addresses or subnets ("loopback, 10.0.0.0/8"). */
function trustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
