import { given } from '../testing/given-when-then';
import { copyRegisterDecider, type CopyRegisterEvent } from './copy-register';

const first: CopyRegisterEvent = {
  type: 'CopyNumbersAssigned',
  data: { requestId: 'bs-1', first: 1, last: 3, copyIds: ['bs-1-1', 'bs-1-2', 'bs-1-3'] },
};

describe('Copy register numbers (rule 52)', () => {
  it('numbers copies consecutively across requests', () => {
    given(copyRegisterDecider, [first])
      .when({ type: 'AssignCopyNumbers', requestId: 'bs-2', copyIds: ['bs-2-1'] })
      .then([{ type: 'CopyNumbersAssigned', data: { requestId: 'bs-2', first: 4, last: 4, copyIds: ['bs-2-1'] } }]);
  });

  it('rule 52: never numbers the same request twice', () => {
    given(copyRegisterDecider, [first])
      .when({ type: 'AssignCopyNumbers', requestId: 'bs-1', copyIds: ['bs-1-4'] })
      .thenRefusedWith('REQUEST_ALREADY_NUMBERED', { rule: 52 });
  });
});
