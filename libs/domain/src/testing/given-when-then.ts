import type { CommandContext } from '../shared/command-context';
import type { Decider, DomainEvent } from '../shared/decider';
import { foldEvents } from '../shared/decider';
import { DomainError } from '../shared/errors';

export const TEST_CONTEXT: CommandContext = {
  commandId: '00000000-0000-4000-8000-000000000001',
  correlationId: '00000000-0000-4000-8000-000000000001',
  causationId: '00000000-0000-4000-8000-000000000001',
  actor: { officerId: 'officer-1', role: 'registrar', authorityCode: 'SGD-HP' },
  occurredAt: '2026-11-22T08:00:00.000Z',
};

/**
 * Given past events, when a command is decided, then these events (or this refusal). Deciders are
 * pure, so a specification needs no store.
 */
export function given<C, S, E extends DomainEvent>(decider: Decider<C, S, E>, history: readonly E[] = []) {
  const state = foldEvents(decider, history);
  return {
    when(command: C, context: CommandContext = TEST_CONTEXT) {
      const run = (): readonly E[] => decider.decide(command, state, context);
      return {
        then(expected: readonly E[]): void {
          expect(run()).toEqual(expected);
        },
        thenRefusedWith(code: string, extra: Partial<DomainError['problem']> = {}): DomainError {
          let refusal: unknown;
          try {
            run();
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(DomainError);
          expect((refusal as DomainError).problem).toMatchObject({ code, ...extra });
          return refusal as DomainError;
        },
      };
    },
  };
}
