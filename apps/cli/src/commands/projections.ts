import { comparePositions, positionToString, type Position } from '@so-goc/event-store';
import { ALL_PROJECTIONS, ProjectionRunner } from '@so-goc/projections';
import { openInfrastructure, type SoGocConfig } from '@so-goc/platform';

interface CheckpointRow {
  name: string;
  version: number;
  position: string | null;
  status: string;
  error: string | null;
}

export async function printProjections(config: SoGocConfig): Promise<void> {
  const infrastructure = openInfrastructure(config);
  try {
    const head = await infrastructure.store.headPosition();
    const rows = infrastructure.readModels
      .prepare<[], CheckpointRow>('SELECT name, version, position, status, error FROM projection_checkpoints ORDER BY name')
      .all();
    console.log(`event store head: ${head ? positionToString(head) : '(empty)'}`);
    for (const projection of ALL_PROJECTIONS) {
      const row = rows.find((r) => r.name === projection.name);
      const where = row?.position ?? 'not started';
      const stale = row && row.version !== projection.version ? ` (stored v${row.version}: will rebuild)` : '';
      console.log(
        `${projection.name} v${projection.version}${stale}: ${row?.status ?? 'new'} at ${where}${row?.error ? `\n  ERROR ${row.error}` : ''}`,
      );
    }
  } finally {
    await infrastructure.close();
  }
}

/**
 * Replays every event into the projection beside its live tables, then swaps them in. Run it while the
 * projector is stopped: a running projector in another process would go on from its own position.
 */
export async function rebuildProjection(config: SoGocConfig, name: string): Promise<void> {
  const projection = ALL_PROJECTIONS.find((p) => p.name === name);
  if (!projection) throw new Error(`No projection named ${name}. Known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
  const infrastructure = openInfrastructure(config);
  const runner = new ProjectionRunner(infrastructure.store, infrastructure.readModels, [projection], {
    logger: { log: () => undefined, error: (message) => console.error(message) },
  });
  try {
    const head = await infrastructure.store.headPosition();
    await runner.rebuild(name);
    const progress = setInterval(() => console.log(`  ${name}: at ${describe(runner.states()[0]?.position)} of ${describe(head)}`), 1000);
    if (head) await runner.waitUntilCaughtUp(head, 24 * 3600 * 1000).finally(() => clearInterval(progress));
    clearInterval(progress);
    const state = runner.states()[0];
    if (state?.status === 'failed') throw new Error(state.error);
    if (head && (!state?.position || comparePositions(state.position, head) < 0)) throw new Error('rebuild stopped early');
    console.log(`${name} rebuilt up to ${describe(head)}`);
  } finally {
    await runner.stop();
    await infrastructure.close();
  }
}

function describe(position: Position | undefined): string {
  return position ? positionToString(position) : 'the beginning';
}
