import {
  foldEvents,
  graduateRegistryDecider,
  type GraduateRegistryEvent,
  graduateRegistryStream,
  metadataFor,
  personKeysOf,
  type CommandContext,
  type DecisionHeader,
  type DiplomaKind,
  type ListedGraduate,
} from '@so-goc/domain';
import { decodeEvent, deriveEventId, WrongExpectedRevisionError, type EventStore } from '@so-goc/event-store';

const MIGRATIONS_STREAM = 'migrations';
const NAME = '2026-12-graduate-registry';

/**
 * Decisions recorded before the graduate registry existed (issue 12) reserved nobody, so rule 1 across
 * decisions would not see them. This recorded, idempotent migration reserves their people once: it
 * replays the decisions from the store, reserves every key nobody holds (keys two old decisions share
 * stay with the first, as the old read-model check would have answered), then records that it ran.
 * Safe to run again or to be cut short: reservations are keyed by decision, the marker comes last.
 */
export async function bringGraduateRegistryForward(
  store: EventStore,
  now: Date = new Date(),
): Promise<{ ran: boolean; decisions: number }> {
  const marker = await store.readStream(MIGRATIONS_STREAM);
  if (marker.events.some((event) => (event.data as { name?: string }).name === NAME)) return { ran: false, decisions: 0 };
  const head = await store.headPosition();
  const decisions = new Map<string, { header: DecisionHeader | undefined; graduates: ListedGraduate[] }>();
  if (head) {
    const controller = new AbortController();
    for await (const event of store.subscribeToAll({ signal: controller.signal })) {
      // Earlier releases recorded the header first; since issue 20 it seals the list, so it comes last.
      if (event.type === 'GraduationDecisionRecorded') {
        const header = event.data as DecisionHeader;
        decisions.set(header.decisionId, { header, graduates: decisions.get(header.decisionId)?.graduates ?? [] });
      }
      if (event.type === 'GraduatesListed') {
        const { decisionId, graduates } = event.data as { decisionId: string; graduates: ListedGraduate[] };
        const entry = decisions.get(decisionId) ?? { header: undefined, graduates: [] };
        entry.graduates.push(...graduates);
        decisions.set(decisionId, entry);
      }
      if (event.position.commit >= head.commit) controller.abort();
    }
  }
  const context: CommandContext = {
    commandId: `migration:${NAME}`,
    correlationId: NAME,
    causationId: NAME,
    actor: { officerId: 'migration', role: 'system', authorityCode: 'system' },
    occurredAt: now.toISOString(),
  };
  const sealed = [...decisions.values()].filter((d): d is { header: DecisionHeader; graduates: ListedGraduate[] } => !!d.header);
  for (const { header, graduates } of sealed) await reserve(store, header, graduates, context);
  const id = deriveEventId(context.commandId, MIGRATIONS_STREAM, marker.events.length);
  await store.appendToStream(
    MIGRATIONS_STREAM,
    [{ id, type: 'MigrationApplied', data: { name: NAME, decisions: sealed.length }, metadata: metadataFor(context) }],
    marker.revision,
  );
  return { ran: true, decisions: sealed.length };
}

async function reserve(
  store: EventStore,
  header: DecisionHeader,
  graduates: readonly ListedGraduate[],
  context: CommandContext,
): Promise<void> {
  const kind: DiplomaKind = header.kind;
  const decider = graduateRegistryDecider(kind);
  const byStream = new Map<string, string[]>();
  for (const graduate of graduates)
    for (const { key } of personKeysOf(graduate))
      byStream.set(graduateRegistryStream(kind, key), [...(byStream.get(graduateRegistryStream(kind, key)) ?? []), key]);
  for (const [stream, keys] of byStream) {
    for (;;) {
      const read = await store.readStream(stream);
      const state = foldEvents(
        decider,
        read.events.map((event) => decodeEvent<GraduateRegistryEvent>(event)),
      );
      const free = keys.filter((key) => !state.has(key));
      if (free.length === 0) break;
      try {
        const data = { decisionId: header.decisionId, decisionNumber: header.number, decisionDate: header.date, keys: free };
        await store.appendToStream(
          stream,
          [
            {
              id: deriveEventId(`${context.commandId}:${header.decisionId}`, stream, read.events.length),
              type: 'GraduatesReserved',
              data,
              metadata: metadataFor(context),
            },
          ],
          read.revision,
        );
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }
}
