import { ErrorType, MaxAppendSizeExceededError, NotLeaderError, convertToCommandError, isCommandError } from '@eventstore/db-client';
import { AppendTooLargeError, EventStoreRefusedError, EventStoreUnavailableError } from '../errors';

/**
 * What an error from the client means for us, decided by its type: batch appends report errors with
 * an empty message, so the text says nothing.
 */
export type EsdbFailure =
  /** The request may have reached the server and been applied; for an append the outcome is unknown. */
  | 'unanswered'
  /** The node is not the leader; nothing was done, and the client already switched to the leader it named. */
  | 'not_leader'
  /** No node could be reached or discovered; nothing was sent. */
  | 'unreachable'
  | 'wrong_expected_version'
  | 'stream_not_found'
  | 'too_large'
  | 'access_denied'
  | 'stream_deleted'
  | 'invalid_request';

export function classifyEsdbError(error: unknown): EsdbFailure {
  if (!(error instanceof Error)) return 'unanswered';
  // A raw gRPC status (the capability probe before an append is not converted by the client) carries a numeric code.
  const converted = isCommandError(error) ? error : convertToCommandError(error);
  if (!isCommandError(converted)) return 'unreachable';
  switch (converted.type) {
    case ErrorType.NOT_LEADER:
      return 'not_leader';
    case ErrorType.WRONG_EXPECTED_VERSION:
      return 'wrong_expected_version';
    case ErrorType.STREAM_NOT_FOUND:
      return 'stream_not_found';
    case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
      return 'too_large';
    case ErrorType.ACCESS_DENIED:
      return 'access_denied';
    case ErrorType.STREAM_DELETED:
      return 'stream_deleted';
    case ErrorType.INVALID_ARGUMENT:
    case ErrorType.INVALID_TRANSACTION:
    case ErrorType.MISSING_REQUIRED_METADATA_PROPERTY:
    case ErrorType.UNSUPPORTED:
      return 'invalid_request';
    // TIMEOUT (the server's own commit timeout, e.g. no quorum), DEADLINE_EXCEEDED (ours),
    // UNAVAILABLE (the connection dropped, possibly after sending), CANCELLED (the server ended a
    // long call, e.g. on an election) and UNKNOWN: the server may have done it.
    default:
      return 'unanswered';
  }
}

export function leaderOf(error: unknown): string | undefined {
  return error instanceof NotLeaderError ? `${error.leader.address}:${error.leader.port}` : undefined;
}

/** Turns a client error into the port's typed errors; no client type crosses the port. */
export function toPortError(error: unknown, stream: string | undefined, bytes?: number): Error {
  const where = stream ? ` (stream ${stream})` : '';
  const detail = error instanceof Error && error.message ? `: ${error.message}` : '';
  switch (classifyEsdbError(error)) {
    case 'too_large':
      return new AppendTooLargeError(
        stream ?? '?',
        bytes ?? 0,
        error instanceof MaxAppendSizeExceededError ? error.maxAppendSize : undefined,
        { cause: error },
      );
    case 'access_denied':
      return new EventStoreRefusedError(
        'access_denied',
        `EventStoreDB refused access${where}: check the credentials in the connection string`,
        { cause: error },
      );
    case 'stream_deleted':
      return new EventStoreRefusedError('stream_deleted', `EventStoreDB stream deleted${where}: it can never be written again`, {
        cause: error,
      });
    case 'invalid_request':
      return new EventStoreRefusedError('invalid_request', `EventStoreDB refused the request${where}${detail}`, { cause: error });
    case 'not_leader':
      return new EventStoreUnavailableError(`EventStoreDB leader changed${where}; retry`, { cause: error });
    default:
      return new EventStoreUnavailableError(`EventStoreDB did not answer${where}${detail}`, { cause: error });
  }
}
