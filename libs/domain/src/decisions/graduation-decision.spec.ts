import { given } from '../testing/given-when-then';
import { DECISION, GRADUATES } from '../testing/issuance-fixtures';
import { graduationDecisionDecider, type GraduationDecisionEvent } from './graduation-decision';

const history: GraduationDecisionEvent[] = [
  { type: 'GraduationDecisionRecorded', data: DECISION },
  { type: 'GraduatesListed', data: { decisionId: DECISION.decisionId, graduates: GRADUATES } },
];
const ids = GRADUATES.map((g) => g.graduateId);
const claimed = (printRunId: string, graduateIds: string[]): GraduationDecisionEvent => ({
  type: 'GraduatesClaimedForPrintRun',
  data: { decisionId: DECISION.decisionId, printRunId, graduateIds },
});

describe('Graduation decision: who gets printed (rules 1, 4)', () => {
  it('rule 4: a print run takes every graduate of the decision not yet printed', () => {
    given(graduationDecisionDecider, history)
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-1', authorityCode: 'SGD-HP' })
      .then([claimed('run-1', ids)]);
    given(graduationDecisionDecider, [...history, claimed('run-1', ids.slice(0, 1))])
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-2', authorityCode: 'SGD-HP' })
      .then([claimed('run-2', ids.slice(1))]);
  });

  it('rule 1: no graduate is in two print runs', () => {
    given(graduationDecisionDecider, [...history, claimed('run-1', ids.slice(0, 2))])
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-2', authorityCode: 'SGD-HP', graduateIds: ids.slice(1) })
      .thenRefusedWith('GRADUATE_ALREADY_IN_PRINT_RUN', { rule: 1 });
    given(graduationDecisionDecider, [...history, claimed('run-1', ids)])
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-2', authorityCode: 'SGD-HP' })
      .thenRefusedWith('NOTHING_TO_PRINT');
  });

  it('rule 4: only graduates the decision lists, and only by the deciding authority', () => {
    given(graduationDecisionDecider, history)
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-1', authorityCode: 'SGD-HP', graduateIds: ['someone-else'] })
      .thenRefusedWith('GRADUATE_NOT_IN_DECISION', { rule: 4 });
    given(graduationDecisionDecider, history)
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-1', authorityCode: 'SGD-HD' })
      .thenRefusedWith('DECISION_OF_ANOTHER_AUTHORITY');
    given(graduationDecisionDecider)
      .when({ type: 'ClaimGraduatesForPrintRun', printRunId: 'run-1', authorityCode: 'SGD-HP' })
      .thenRefusedWith('DECISION_NOT_FOUND');
  });

  it('a run that could not open gives its graduates back', () => {
    given(graduationDecisionDecider, [...history, claimed('run-1', ids)])
      .when({ type: 'ReleaseGraduateClaims', printRunId: 'run-1' })
      .then([{ type: 'GraduateClaimsReleased', data: { decisionId: DECISION.decisionId, printRunId: 'run-1', graduateIds: ids } }]);
  });
});
