import type { CommandContext } from './command-context';

/** An event as the domain produces it, before the store gives it an id and a position. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  readonly type: TType;
  readonly data: TData;
}

/**
 * One consistency boundary (one stream). Pure: the clock, ids and the acting officer come in the
 * command context so that a decision can be replayed and tested without a machine around it.
 * `decide` throws a DomainError to refuse; an empty array means "nothing to record".
 */
export interface Decider<TCommand, TState, TEvent extends DomainEvent> {
  readonly initialState: TState;
  evolve(state: TState, event: TEvent): TState;
  decide(command: TCommand, state: TState, context: CommandContext): readonly TEvent[];
}

export function foldEvents<TState, TEvent extends DomainEvent>(
  decider: Pick<Decider<unknown, TState, TEvent>, 'initialState' | 'evolve'>,
  events: Iterable<TEvent>,
): TState {
  let state = decider.initialState;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}
