import {
  diplomaDecider,
  diplomaIssuancesOf,
  diplomaStream,
  foldEvents,
  graduationDecisionDecider,
  graduationDecisionStream,
  metadataFor,
  printRunDecider,
  printRunStream,
  type CommandContext,
  type DiplomaEvent,
  type IssuanceEvent,
} from '@so-goc/domain';
import { decodeEvent, deriveEventId, WrongExpectedRevisionError, type EventStore } from '@so-goc/event-store';
import { loadState } from '../issuance/load-state';

const MIGRATIONS_STREAM = 'migrations';
const NAME = '2026-12-diploma-issued';

/**
 * Before issue 12 an original diploma's stream got events only after issuance, and its facts (holder,
 * serial, register number, signature) were joined from its decision and print run on every act. This
 * recorded, idempotent migration gives each diploma of every signed run the `DiplomaIssued` event that
 * signing now appends, built by the same domain function (diplomaIssuancesOf) from the same two streams.
 * Nothing is edited: on a stream that already holds later acts (a hand-over, a correction, a revocation)
 * the event is appended after them, and the fold takes the facts of issue from it wherever it stands.
 * Safe to run again or to be cut short: a stream that already has its issuance is skipped, the marker
 * comes last. A signed run's diplomas whose signing was cut short are completed the same way.
 */
export async function bringDiplomaStreamsForward(store: EventStore, now: Date = new Date()): Promise<{ ran: boolean; diplomas: number }> {
  const marker = await store.readStream(MIGRATIONS_STREAM);
  if (marker.events.some((event) => (event.data as { name?: string }).name === NAME)) return { ran: false, diplomas: 0 };
  const head = await store.headPosition();
  const signedRuns: string[] = [];
  if (head) {
    const controller = new AbortController();
    for await (const event of store.subscribeToAll({ signal: controller.signal })) {
      if (event.type === 'PrintRunSigned') signedRuns.push((event.data as { printRunId: string }).printRunId);
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
  let diplomas = 0;
  for (const printRunId of signedRuns) {
    const run = await loadState(store, printRunDecider, printRunStream(printRunId));
    if (run.status === 'none') continue;
    const decision = await loadState(store, graduationDecisionDecider, graduationDecisionStream(run.header.decisionId));
    for (const issuance of diplomaIssuancesOf(run, decision)) if (await appendIfMissing(store, issuance, context)) diplomas += 1;
  }
  const id = deriveEventId(context.commandId, MIGRATIONS_STREAM, marker.events.length);
  await store.appendToStream(
    MIGRATIONS_STREAM,
    [{ id, type: 'MigrationApplied', data: { name: NAME, runs: signedRuns.length, diplomas }, metadata: metadataFor(context) }],
    marker.revision,
  );
  return { ran: true, diplomas };
}

async function appendIfMissing(store: EventStore, issuance: IssuanceEvent, context: CommandContext): Promise<boolean> {
  const stream = diplomaStream(issuance.data.diplomaId);
  for (;;) {
    const read = await store.readStream(stream);
    const state = foldEvents(
      diplomaDecider,
      read.events.map((event) => decodeEvent<DiplomaEvent>(event)),
    );
    if (state.issued) return false;
    try {
      await store.appendToStream(
        stream,
        [
          {
            id: deriveEventId(context.commandId, stream, read.events.length),
            type: issuance.type,
            data: issuance.data,
            metadata: metadataFor(context),
          },
        ],
        read.revision,
      );
      return true;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}
