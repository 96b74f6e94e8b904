import type { DomainEvent } from './decider';
import type { DomainError } from './errors';

/** Events for one stream, appended at the revision the workflow's input was read at. */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly DomainEvent[];
  /**
   * The last event SEALS a large act (issue 20): until it is there, nothing reads the act as done. Such
   * events may be recorded in several bounded appends (MAX_APPEND_BYTES each); without a seal the
   * events stay one atomic append, whatever their size.
   */
  readonly sealed?: boolean;
  /**
   * The events continue an act the stream already holds unsealed (a resend after a cut-short attempt):
   * they are appended after what is there, and their ids continue those the same command already wrote.
   */
  readonly resumes?: boolean;
}

/**
 * The most serialized event data and metadata one append may carry (issue 20): KurrentDB refuses appends
 * over 1 MiB by default, and half of that leaves room for its own framing and a raised limit's margin.
 */
export const MAX_APPEND_BYTES = 512 * 1024;

/**
 * What an act that spans streams decided, as data: the appends in the order they must be made, and,
 * when the act is refused but the attempt itself is evidence (rule 18: a blank that may never be used
 * again was presented), the refusal the caller must get after those appends are recorded. Each step is
 * idempotent by its business id (the print run, the request), so a resend — with or without its
 * Idempotency-Key — decides "nothing left to do" for the steps that already landed and completes the rest.
 */
export interface WorkflowDecision {
  readonly appends: readonly StreamAppend[];
  /** The stream whose revision the caller pins its next command to (the ETag). */
  readonly primaryStream: string;
  readonly refusal?: DomainError;
}

export function streamAppend(stream: string, events: readonly DomainEvent[]): StreamAppend {
  return { stream, events };
}
