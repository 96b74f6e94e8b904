import type { Database } from 'better-sqlite3';
import { FileKeyring, JsonLog, mergePublishedKeySets, Metrics, registerReadModelMetrics, type SoGocConfig } from '@so-goc/platform';
import { publishedSigningKeys } from '@so-goc/projections';
import { portalDocs } from './docs/portal-docs';
import { portalRouter } from './http/portal-router';
import { VerifyPortalServer } from './http/portal-server';
import type { KeySetSource } from './keys/key-set-cache';
import { Portal } from './portal';
import { portalSettingsFrom, type PortalSettings } from './portal-settings';

/** What the portal reads: the read-model file (never the event store) and the configuration. */
export interface PortalSources {
  readonly readModels: Database;
  readonly config: SoGocConfig;
}

export interface VerifyPortalOptions {
  /** Where unexpected errors go, with the path only; console.error unless given. */
  readonly logError?: (message: string) => void;
  /** One JSON line per request, and unexpected errors (route template only); stdout unless given. */
  readonly log?: JsonLog;
  /** The process's metrics (shared with the apps beside it); the portal's own otherwise. */
  readonly metrics?: Metrics;
  /** Defaults to the national signing-key directory in the read models, plus the local keyring's public index (embedded mode). */
  readonly keySet?: KeySetSource;
  readonly settings?: Partial<PortalSettings>;
  readonly now?: () => Date;
}

export async function createVerifyPortal(sources: PortalSources, options: VerifyPortalOptions = {}): Promise<VerifyPortalServer> {
  const settings = { ...portalSettingsFrom(process.env, sources.config.dataDir), ...options.settings };
  const keyring = FileKeyring.forConfig(sources.config);
  const keySet = (): ReturnType<typeof keyring.publishedKeySet> =>
    mergePublishedKeySets(directoryKeys(sources.readModels), keyring.publishedKeySet());
  const metrics = options.metrics ?? new Metrics();
  registerReadModelMetrics(metrics, sources.readModels);
  const log = options.log ?? new JsonLog('verify-portal');
  const portal = new Portal(sources.readModels, options.keySet ?? keySet, settings, options.now, metrics);
  const docs = await portalDocs();
  const logError = options.logError;
  const router = portalRouter(portal, {
    docs: docs.handler,
    log,
    metricsToken: sources.config.metricsToken,
    onError: (route, error) =>
      logError
        ? logError(`verify-portal ${route}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        : log.error('unexpected error', { route, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  });
  return new VerifyPortalServer(router, settings.timeouts, async () => {
    // The lookup log's last batch is written before the process goes.
    portal.close();
    await docs.close();
  });
}

/** Before the signing-keys projection has run on this node its table does not exist: no directory keys yet. */
function directoryKeys(readModels: Database): ReturnType<typeof publishedSigningKeys> {
  try {
    return publishedSigningKeys(readModels);
  } catch (error) {
    if (error instanceof Error && /no such table/.test(error.message)) return { keys: [] };
    throw error;
  }
}
