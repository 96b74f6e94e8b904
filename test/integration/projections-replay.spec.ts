import type { RecordedEvent } from '@so-goc/event-store';
import { ALL_PROJECTIONS } from '@so-goc/projections';
import { givenEvents } from '@so-goc/projections/testing/projection-spec';
import { issuanceWorld } from '../support/issuance-world';

jest.setTimeout(300_000);

/**
 * Architecture §5: every projection, given a province's real history (two print runs, one at a Phòng
 * with NFD names), ends with rows, and applying the same batch a second time changes nothing.
 */
describe('Every projection is idempotent over a real history (issue 12, item 9)', () => {
  let events: RecordedEvent[];
  beforeAll(async () => {
    const world = await issuanceWorld();
    await world.issueThpt2024();
    await world.issueThcsAtPhong2024();
    events = [];
    const head = (await world.store.headPosition())!;
    const controller = new AbortController();
    for await (const event of world.store.subscribeToAll({ signal: controller.signal })) {
      events.push(event);
      if (event.position.commit >= head.commit) controller.abort();
    }
    await world.close();
  });

  it.each(ALL_PROJECTIONS.map((p) => [p.name, p] as const))('%s: replaying the same events changes nothing', (_name, projection) => {
    const spec = givenEvents(projection, events);
    const filled = projection.tables.some((table) => spec.rows<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`)[0]!.n > 0);
    // A projection whose events the history holds must show rows for them.
    expect(filled || !events.some((event) => projection.handles.includes(event.type))).toBe(true);
    expect(spec.replayChangesNothing()).toBe(true);
  });
});
