import type { ExpectedRevision } from './event-store.port';

/** The stream moved on since the writer read it. Nothing was written. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** An event id already belongs to another stream or another place: a bug, never a retry. */
export class EventIdConflictError extends Error {
  override readonly name = 'EventIdConflictError';
  constructor(
    readonly stream: string,
    readonly eventId: string,
  ) {
    super(`Event id ${eventId} is already recorded elsewhere than as a retry on stream ${stream}`);
  }
}

/** The store cannot be reached or refused to work; the caller may retry later. */
export class EventStoreUnavailableError extends Error {
  override readonly name: string = 'EventStoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The store lost contact while an append was in flight and could not learn whether it landed. The
 * events carry ids derived from the command id, so resending the same command records it at most once.
 */
export class AppendOutcomeUnknownError extends EventStoreUnavailableError {
  override readonly name = 'AppendOutcomeUnknownError';
  constructor(
    readonly stream: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Append to ${stream}: outcome unknown (the store did not answer); resend the same command, it will not be recorded twice`,
      options,
    );
  }
}

/** The append is larger than the store accepts in one write (KurrentDB: MaxAppendSize, 1 MiB by default). Nothing was written. */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  constructor(
    readonly stream: string,
    readonly bytes: number,
    readonly maxAppendSize: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `Append to ${stream}: ${bytes} bytes exceeds the store's limit${maxAppendSize ? ` of ${maxAppendSize} bytes` : ''}; split the act into bounded appends`,
      options,
    );
  }
}

/** The store refused the request for good (credentials, a deleted stream): retrying will not help. Nothing was written. */
export class EventStoreRefusedError extends Error {
  override readonly name = 'EventStoreRefusedError';
  constructor(
    readonly reason: 'access_denied' | 'stream_deleted' | 'invalid_request',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
