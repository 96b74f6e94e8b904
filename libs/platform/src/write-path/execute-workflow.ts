import {
  DomainError,
  MAX_APPEND_BYTES,
  metadataFor,
  type CommandContext,
  type DomainEvent,
  type StreamAppend,
  type WorkflowDecision,
} from '@so-goc/domain';
import {
  decidedEvent,
  deriveEventId,
  WrongExpectedRevisionError,
  type CommandOutcome,
  type EventStore,
  type NewEvent,
  type OutcomeEvent,
  type StreamAppendRequest,
  type StreamRead,
} from '@so-goc/event-store';
import { StreamReads } from './stream-reads';

const MAX_ATTEMPTS = 8;

/**
 * Runs a workflow: read, decide (pure, in libs/domain), append in the decided order at the revisions
 * read. The application layer does nothing else. A concurrent write to any stream read makes the
 * workflow decide again; an append the same command id already made is recognised and skipped, so a
 * resend after a crash completes what the first attempt began. A refusal that must also be recorded
 * (rule 18) is appended first and then thrown: the caller always gets it. TEvent is the event union of
 * the primary stream's decider: the outcome carries the events appended there, typed (issue 12, item 4).
 */
export async function executeWorkflow<TEvent extends DomainEvent = DomainEvent>(
  store: EventStore,
  context: CommandContext,
  decide: (reads: StreamReads) => Promise<WorkflowDecision>,
  options: { expectedRevision?: bigint; firstReads?: ReadonlyMap<string, StreamRead> } = {},
): Promise<CommandOutcome<TEvent>> {
  for (let attempt = 1; ; attempt += 1) {
    // The first attempt decides on the streams the handler already read; a retry after a conflict reads afresh.
    const reads = new StreamReads(store, attempt === 1 ? options.firstReads : undefined);
    const decision = await decide(reads);
    if (options.expectedRevision !== undefined && reads.revisionOf(decision.primaryStream) !== options.expectedRevision) {
      throw staleRevision(options.expectedRevision, reads.revisionOf(decision.primaryStream));
    }
    try {
      const appended = await appendInOrder<TEvent>(store, reads, decision, context);
      if (decision.refusal) throw decision.refusal;
      const primary = appended.get(decision.primaryStream);
      return {
        stream: decision.primaryStream,
        events: primary?.events ?? [],
        revision: primary?.revision ?? reads.revisionOf(decision.primaryStream),
        alreadyHandled: appended.size === 0,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/**
 * The most streams, and the most bounded parts of a sealed act, one multi-stream append carries (issue 19).
 * On SQLite each chunk is one transaction, so signing a run of 50,000 diplomas commits 50 times instead of
 * 50,001 (each commit an fsync at synchronous=FULL); the chunks keep a transaction's size bounded.
 */
export const MAX_STREAMS_PER_COMMIT = 1000;
export const MAX_SEALED_PARTS_PER_COMMIT = 16;

async function appendInOrder<TEvent extends DomainEvent>(
  store: EventStore,
  reads: StreamReads,
  decision: WorkflowDecision,
  context: CommandContext,
) {
  const appended = new Map<string, { events: OutcomeEvent<TEvent>[]; revision: bigint }>();
  const metadata = metadataFor(context);
  // The appends still to make, in the decided order, and, for each, the stream whose outcome it completes.
  let pending: { request: StreamAppendRequest; completes?: { stream: string; events: OutcomeEvent<TEvent>[] } }[] = [];
  const pendingStreams = new Set<string>();
  let sealedParts = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const results = await store.appendToStreams(pending.map((item) => item.request));
    pending.forEach((item, index) => {
      if (item.completes)
        appended.set(item.completes.stream, { events: item.completes.events, revision: results[index]!.nextExpectedRevision });
    });
    pending = [];
    pendingStreams.clear();
    sealedParts = 0;
  };
  for (const append of decision.appends) {
    const { stream, events } = append;
    if (events.length === 0) continue;
    // The command's ids already in the stream: a resumed act's ids continue after them (issue 20).
    let first = 0;
    if (append.resumes) {
      const present = new Set(reads.eventsOf(stream).map((event) => event.id));
      while (present.has(deriveEventId(context.commandId, stream, first))) first += 1;
    } else if (reads.eventsOf(stream).some((event) => event.id === deriveEventId(context.commandId, stream, 0))) continue;
    const toAppend: NewEvent[] = events.map((event, index) => ({
      id: deriveEventId(context.commandId, stream, first + index),
      type: event.type,
      data: event.data,
      metadata,
    }));
    const recorded = events.map((event, index) => ({ ...decidedEvent<TEvent>(event), id: toAppend[index]!.id }));
    // A stream appended twice in one act: its second append goes at the revision the first leaves.
    if (pendingStreams.has(stream)) await flush();
    // Each part at the revision the previous one leaves: a concurrent write between them is refused.
    let expected: bigint | 'no_stream' = reads.revisionOf(stream);
    const parts = boundedAppends(append, toAppend);
    for (const [index, part] of parts.entries()) {
      if (pending.length >= MAX_STREAMS_PER_COMMIT || (append.sealed && sealedParts >= MAX_SEALED_PARTS_PER_COMMIT)) await flush();
      pending.push({
        request: { stream, events: part, expected },
        ...(index === parts.length - 1 ? { completes: { stream, events: recorded } } : {}),
      });
      pendingStreams.add(stream);
      if (append.sealed) sealedParts += 1;
      expected = expected === 'no_stream' ? BigInt(part.length - 1) : expected + BigInt(part.length);
    }
  }
  await flush();
  return appended;
}

/**
 * A sealed act's events in consecutive appends of at most MAX_APPEND_BYTES of serialized data and
 * metadata each, the seal in the last (issue 20); any other act's events in one append, as before. Each
 * part is appended at the revision the previous one left, so a concurrent write between parts makes the
 * workflow decide again, and the resend resumes from what landed.
 */
export function boundedAppends(append: Pick<StreamAppend, 'sealed'>, events: readonly NewEvent[]): NewEvent[][] {
  if (!append.sealed) return [[...events]];
  const parts: NewEvent[][] = [];
  let part: NewEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = serializedSize(event);
    if (size > MAX_APPEND_BYTES) throw new Error(`An event of type ${event.type} is ${size} bytes, over one append's bound: split it`);
    if (part.length > 0 && bytes + size > MAX_APPEND_BYTES) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push(event);
    bytes += size;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** What an event weighs in an append: its serialized data and metadata, its type and id. */
export function serializedSize(event: NewEvent): number {
  return (
    Buffer.byteLength(JSON.stringify(event.data)) +
    Buffer.byteLength(JSON.stringify(event.metadata ?? {})) +
    Buffer.byteLength(event.type) +
    event.id.length
  );
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
}

function staleRevision(expected: bigint, actual: bigint | 'no_stream'): DomainError {
  return new DomainError({
    code: 'STALE_REVISION',
    kind: 'precondition_failed',
    messageVi: `Hồ sơ đã được người khác thay đổi (phiên bản hiện tại ${String(actual)}, bạn gửi ${String(expected)}). Hãy tải lại rồi thực hiện lại.`,
    messageEn: `The record was changed by someone else (current revision ${String(actual)}, you sent ${String(expected)}). Reload and try again.`,
    field: 'If-Match',
  });
}
