import type { INestApplication } from '@nestjs/common';
import {
  bringDiplomaStreamsForward,
  bringGraduateRegistryForward,
  closeOnSignals,
  countAppends,
  FileKeyring,
  JsonLog,
  Metrics,
  type LogSink,
  LogWatch,
  openInfrastructure,
  type SoGocConfig,
} from '@so-goc/platform';
import { createProjector, type Projector } from '../../../projector/src/create-projector';
import { createRegistryApi } from '../../../registry-api/src/create-registry-api';
import { runPortalAlone } from '../../../verify-portal/src/cluster/portal-cluster';
import { createVerifyPortal } from '../../../verify-portal/src/create-verify-portal';

export const SERVABLE_APPS = ['registry-api', 'verify-portal', 'projector'] as const;
export type ServableApp = (typeof SERVABLE_APPS)[number];

export interface RunningSystem {
  readonly api?: INestApplication;
  readonly apiUrl?: string;
  readonly portalUrl?: string;
  readonly projector?: Projector;
  /** The scheduled check of the event log's chain and its daily checkpoint; runs beside the projector. */
  readonly logWatch?: LogWatch;
  /** The process's metrics: what `/metrics` of the API (and of the portal, with a scrape token) renders. */
  readonly metrics: Metrics;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** No log lines (tests), unless `logSink` is given. */
  readonly quiet?: boolean;
  /** Where the JSON log lines of every app go; stdout by default. */
  readonly logSink?: LogSink;
}

/**
 * Starts the chosen apps in this process on one store and one read-model file. With all three (the
 * default) this is the embedded system a fresh machine runs.
 */
export async function serve(
  config: SoGocConfig,
  apps: readonly ServableApp[] = SERVABLE_APPS,
  options: ServeOptions = {},
): Promise<RunningSystem> {
  const silent = options.quiet === true && options.logSink === undefined;
  const logOf = (service: string): JsonLog => (silent ? JsonLog.silent(service) : new JsonLog(service, options.logSink));
  const logger = silent ? { logger: false as const } : {};
  // Only the process that projects writes the read models; the others open them read-only (issue 20 item 4).
  const infrastructure = openInfrastructure(config, { readModelsReadOnly: !apps.includes('projector') });
  // One registry per process: the API's /metrics shows the appends, projections and portal of this process.
  const metrics = new Metrics();
  countAppends(infrastructure.store, metrics);
  // Stores written by earlier releases are brought forward before anyone can write (issue 12).
  await bringGraduateRegistryForward(infrastructure.store);
  await bringDiplomaStreamsForward(infrastructure.store);
  const projector = apps.includes('projector')
    ? await createProjector(infrastructure, { ...logger, ...(silent ? {} : { log: logOf('projector') }), metrics })
    : undefined;
  const logWatch = projector
    ? new LogWatch(
        infrastructure.store,
        FileKeyring.forConfig(config),
        options.quiet ? { logger: { log: () => undefined, error: (m) => console.error(m) } } : {},
      )
    : undefined;
  logWatch?.start();
  const servers: { close(): Promise<void> }[] = [];
  let api: INestApplication | undefined;
  let apiUrl: string | undefined;
  let portalUrl: string | undefined;
  if (apps.includes('registry-api')) {
    api = await createRegistryApi(infrastructure, {
      ...logger,
      log: logOf('registry-api'),
      metrics,
      ...(projector ? { runner: projector.runner } : {}),
    });
    await api.listen(config.apiPort, config.host);
    servers.push(api);
    apiUrl = await api.getUrl();
  }
  if (apps.includes('verify-portal')) {
    const portal = await createVerifyPortal(infrastructure, { log: logOf('verify-portal'), metrics });
    await portal.listen(config.portalPort, config.host);
    servers.push(portal);
    portalUrl = await portal.getUrl();
  }
  const close = async (): Promise<void> => {
    for (const server of servers) await server.close();
    await logWatch?.stop();
    if (projector) await projector.context.close();
    await infrastructure.close();
  };
  return {
    ...(api ? { api } : {}),
    ...(apiUrl ? { apiUrl: apiUrl.replace('[::1]', 'localhost') } : {}),
    ...(portalUrl ? { portalUrl: portalUrl.replace('[::1]', 'localhost') } : {}),
    ...(projector ? { projector } : {}),
    ...(logWatch ? { logWatch } : {}),
    metrics,
    close,
  };
}

export async function serveUntilSignalled(config: SoGocConfig, apps: readonly ServableApp[]): Promise<void> {
  // Alone, the portal needs neither the store nor the projector in its process, and uses every core (issue 19).
  if (apps.length === 1 && apps[0] === 'verify-portal') return runPortalAlone(config);
  const system = await serve(config, apps);
  const store = config.eventStore.kind === 'sqlite' ? `SQLite ${config.eventStore.file}` : 'EventStoreDB';
  console.log(`Sổ Gốc is running (${apps.join(', ')}) on ${store}`);
  if (system.apiUrl) console.log(`  officers' API:  ${system.apiUrl}  (OpenAPI: ${system.apiUrl}/docs)`);
  if (system.portalUrl) console.log(`  verify portal:  ${system.portalUrl}`);
  if (system.projector)
    console.log(
      `  projector:      ${system.projector.runner
        .states()
        .map((s) => s.name)
        .join(', ')} → ${config.readModelFile}`,
    );
  closeOnSignals([() => system.close()]);
}
