import type { DomainEvent } from './decider';
import type { DomainError } from './errors';

/** Events for one stream, appended at the revision the workflow's input was read at. */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly DomainEvent[];
}

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
