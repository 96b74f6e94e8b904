import { given } from '../testing/given-when-then';
import { formatRegisterNumber, registerNumbersDecider } from './register-numbers';

describe('Register numbers (rules 21, 24)', () => {
  it('starts each book at 1 and continues without a gap', () => {
    given(registerNumbersDecider).when({ type: 'AssignRegisterNumbers', printRunId: 'run-1', count: 120 }).then([
      { type: 'RegisterNumbersAssigned', data: { printRunId: 'run-1', first: 1, last: 120, count: 120 } },
    ]);
    given(registerNumbersDecider, [{ type: 'RegisterNumbersAssigned', data: { printRunId: 'run-1', first: 1, last: 120, count: 120 } }])
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-2', count: 5 })
      .then([{ type: 'RegisterNumbersAssigned', data: { printRunId: 'run-2', first: 121, last: 125, count: 5 } }]);
  });

  it('never numbers the same print run twice', () => {
    given(registerNumbersDecider, [{ type: 'RegisterNumbersAssigned', data: { printRunId: 'run-1', first: 1, last: 120, count: 120 } }])
      .when({ type: 'AssignRegisterNumbers', printRunId: 'run-1', count: 3 })
      .thenRefusedWith('PRINT_RUN_ALREADY_NUMBERED', { rule: 24 });
  });

  it('writes the number with the kind and the year', () => {
    expect(formatRegisterNumber('THPT', 2024, 417)).toBe('000417/THPT-2024');
  });
});
