import { DomainError, foldEvents, metadataFor, type CommandContext, type Decider, type DomainEvent } from '@so-goc/domain';
import { WrongExpectedRevisionError } from '../errors';
import type { EventStore, NewEvent, RecordedEvent, StreamRead } from '../event-store.port';
import { decodeEvent } from './decode-event';
import { deriveEventId } from './event-ids';

export interface CommandRequest<TCommand> {
  readonly stream: string;
  readonly command: TCommand;
  readonly context: CommandContext;
  /**
   * The revision the client saw (HTTP If-Match). When given, a mismatch is the client's conflict to
   * resolve and is never retried here; when absent, a conflict means another officer's command landed
   * first, so the command is decided again on the new state.
   */
  readonly expectedRevision?: bigint | 'no_stream';
}

/** A domain event as the act recorded it, with the id it was stored under. */
export type OutcomeEvent<TEvent extends DomainEvent = DomainEvent> = TEvent & { readonly id: string };

/**
 * What an act recorded, typed by the event union of the decider (or workflow) that decided it: callers
 * read the new events' data without casts and without re-reading the stream (issue 12, item 4).
 */
export interface CommandOutcome<TEvent extends DomainEvent = DomainEvent> {
  readonly stream: string;
  readonly events: readonly OutcomeEvent<TEvent>[];
  /** Revision to pin the next command to; 'no_stream' when nothing was ever recorded. */
  readonly revision: bigint | 'no_stream';
  /** True when the command id had already been handled: nothing new was recorded. */
  readonly alreadyHandled: boolean;
}

export interface HandleCommandOptions<TEvent extends DomainEvent = DomainEvent> {
  readonly maxAttempts?: number;
  /** Read-path upcasting: turns an old stored shape into the event the decider knows today. */
  readonly upcast?: (recorded: RecordedEvent) => TEvent;
  /**
   * The stream as the caller already read it (to authorize the act on the record, say): the first
   * attempt decides on it instead of reading the stream again; a retry after a conflict reads afresh.
   */
  readonly firstRead?: StreamRead;
}

/** The first recorded event of a type in an outcome, typed by that type: no cast at the caller. */
export function outcomeEvent<TEvent extends DomainEvent, TType extends TEvent['type']>(
  outcome: CommandOutcome<TEvent>,
  type: TType,
): OutcomeEvent<Extract<TEvent, { type: TType }>> | undefined {
  return outcome.events.find((event): event is OutcomeEvent<Extract<TEvent, { type: TType }>> => event.type === type);
}

/** Read the stream, fold it, decide, append with the revision read. The only way commands change state. */
export async function handleCommand<TCommand, TState, TEvent extends DomainEvent>(
  store: EventStore,
  decider: Decider<TCommand, TState, TEvent>,
  request: CommandRequest<TCommand>,
  options: HandleCommandOptions<TEvent> = {},
): Promise<CommandOutcome<TEvent>> {
  const { stream, command, context, expectedRevision } = request;
  const maxAttempts = options.maxAttempts ?? 8;
  const upcast = options.upcast ?? ((recorded: RecordedEvent) => decodeEvent<TEvent>(recorded));
  const firstEventId = deriveEventId(context.commandId, stream, 0);

  for (let attempt = 1; ; attempt += 1) {
    const read = attempt === 1 && options.firstRead ? options.firstRead : await store.readStream(stream);
    const earlier = eventsOfCommand(read.events, firstEventId, context.commandId, stream);
    if (earlier) {
      const events = earlier.map((recorded) => ({ ...upcast(recorded), id: recorded.id }));
      return { stream, events, revision: read.revision, alreadyHandled: true };
    }
    if (expectedRevision !== undefined && expectedRevision !== read.revision) {
      throw staleRevision(stream, expectedRevision, read.revision);
    }

    const state = foldEvents(
      decider,
      read.events.map((recorded) => upcast(recorded)),
    );
    const decided = decider.decide(command, state, context);
    if (decided.length === 0) return { stream, events: [], revision: read.revision, alreadyHandled: false };

    const metadata = metadataFor(context);
    const toAppend: NewEvent[] = decided.map((event, index) => ({
      id: deriveEventId(context.commandId, stream, index),
      type: event.type,
      data: event.data,
      metadata,
    }));
    try {
      const appended = await store.appendToStream(stream, toAppend, read.revision);
      const events = decided.map((event, index) => ({ ...event, id: toAppend[index]!.id }));
      return { stream, events, revision: appended.nextExpectedRevision, alreadyHandled: false };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (expectedRevision !== undefined) throw staleRevision(stream, expectedRevision, error.actual);
      if (attempt >= maxAttempts) throw tooMuchContention(stream, attempt);
      await pause(attempt);
    }
  }
}

function eventsOfCommand(
  events: readonly RecordedEvent[],
  firstEventId: string,
  commandId: string,
  stream: string,
): RecordedEvent[] | undefined {
  const start = events.findIndex((event) => event.id === firstEventId);
  if (start < 0) return undefined;
  const result: RecordedEvent[] = [];
  for (let index = start; index < events.length; index += 1) {
    const event = events[index]!;
    if (event.id !== deriveEventId(commandId, stream, index - start)) break;
    result.push(event);
  }
  return result;
}

/** Spreads retries of colliding commands so they do not collide again in lockstep. */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function staleRevision(stream: string, expected: bigint | 'no_stream', actual: bigint | 'no_stream'): DomainError {
  return new DomainError({
    code: 'STALE_REVISION',
    kind: 'precondition_failed',
    messageVi: `Hồ sơ đã được người khác thay đổi (phiên bản hiện tại ${String(actual)}, bạn gửi ${String(expected)}). Hãy tải lại rồi thực hiện lại.`,
    messageEn: `The record was changed by someone else (current revision ${String(actual)}, you sent ${String(expected)}). Reload and try again.`,
    field: 'expectedRevision',
  });
}

function tooMuchContention(stream: string, attempts: number): DomainError {
  return new DomainError({
    code: 'TOO_MUCH_CONTENTION',
    kind: 'conflict',
    messageVi: `Hồ sơ ${stream} đang được nhiều người cùng ghi; đã thử ${attempts} lần không thành công. Hãy thử lại sau.`,
    messageEn: `Record ${stream} is being written by many at once; gave up after ${attempts} attempts. Try again later.`,
  });
}
