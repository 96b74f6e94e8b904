import { given } from '../testing/given-when-then';
import { formatRegisterNumber, registerNumbersDecider, type RegisterEvent } from './register-numbers';

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
const assigned = (printRunId: string, first: number, diplomaIds: string[]): RegisterEvent => ({
  type: 'RegisterNumbersAssigned',
  data: { printRunId, first, last: first + diplomaIds.length - 1, count: diplomaIds.length, diplomaIds },
});

describe('Register numbers (rules 21, 24)', () => {
  it('rule 21: starts each book at 1 and continues without a gap, each number with its diploma', () => {
    given(registerNumbersDecider)
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-1', diplomaIds: ids('a', 120) })
      .then([assigned('run-1', 1, ids('a', 120).slice(0, 500))]);
    given(registerNumbersDecider, [assigned('run-1', 1, ids('a', 120))])
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-2', diplomaIds: ids('b', 5) })
      .then([assigned('run-2', 121, ids('b', 5))]);
  });

  it('writes a large run as consecutive chunks in one append', () => {
    const events = registerNumbersDecider.decide(
      { type: 'AssignRegisterNumbers', printRunId: 'run-1', diplomaIds: ids('a', 1_201) },
      registerNumbersDecider.initialState,
      undefined as never,
    );
    expect(events.map((e) => [e.data.first, e.data.last])).toEqual([
      [1, 500],
      [501, 1000],
      [1001, 1201],
    ]);
  });

  it('rule 24: never numbers the same print run twice', () => {
    given(registerNumbersDecider, [assigned('run-1', 1, ids('a', 120))])
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-1', diplomaIds: ids('c', 3) })
      .thenRefusedWith('PRINT_RUN_ALREADY_NUMBERED', { rule: 24 });
  });

  it('rule 21: a diploma gets one register number, even through another print run', () => {
    given(registerNumbersDecider, [assigned('run-1', 1, ids('a', 3))])
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-2', diplomaIds: ['z-1', 'a-2'] })
      .thenRefusedWith('DIPLOMA_ALREADY_IN_REGISTER', { rule: 21, field: 'diplomaIds' });
    given(registerNumbersDecider)
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-2', diplomaIds: ['z-1', 'z-1'] })
      .thenRefusedWith('DIPLOMA_ALREADY_IN_REGISTER');
  });

  it('refuses an empty list with the field at fault', () => {
    given(registerNumbersDecider)
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-1', diplomaIds: [] })
      .thenRefusedWith('INVALID_INPUT');
  });

  it('writes the number with the kind and the year', () => {
    expect(formatRegisterNumber('THPT', 2024, 417)).toBe('000417/THPT-2024');
  });
});
