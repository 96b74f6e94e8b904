import type { CommandContext } from '../shared/command-context';
import { foldEvents, type Decider, type DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/errors';
import type { StreamAppend, WorkflowDecision } from '../shared/workflow';
import { TEST_CONTEXT } from './given-when-then';

/** The state a stream's literal history folds to, for a workflow's "given". */
export function stateOf<S, E extends DomainEvent>(decider: Decider<unknown, S, E>, history: readonly E[]): S {
  return foldEvents(decider, history);
}

const nonEmpty = (appends: readonly StreamAppend[]) =>
  appends.filter((a) => a.events.length > 0).map((a) => ({ stream: a.stream, events: [...a.events] }));

/**
 * Given what the streams hold, when a workflow decides, then these appends in this order — or this
 * refusal, with what must still be recorded before it reaches the caller (rule 18). Like a decider's
 * given/when/then (Emmett's WorkflowSpecification), with no store around it.
 */
export function givenRead<R>(read: R) {
  return {
    when(decide: (read: R, context: CommandContext) => WorkflowDecision, context: CommandContext = TEST_CONTEXT) {
      return {
        then(appends: readonly StreamAppend[]): void {
          const decision = decide(read, context);
          expect(decision.refusal).toBeUndefined();
          expect(nonEmpty(decision.appends)).toEqual(appends);
        },
        thenRecordsAndRefuses(appends: readonly StreamAppend[], code: string): void {
          const decision = decide(read, context);
          expect(nonEmpty(decision.appends)).toEqual(appends);
          expect(decision.refusal?.problem.code).toBe(code);
        },
        thenRefusedWith(code: string): void {
          let refusal: unknown;
          try {
            decide(read, context);
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(DomainError);
          expect((refusal as DomainError).problem.code).toBe(code);
        },
      };
    },
  };
}
