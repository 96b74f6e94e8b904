import { graduationDecisionDecider, type GraduationDecisionEvent } from '../decisions/graduation-decision';
import { blankLotDecider } from '../blanks/blank-lot.decider';
import { diplomaDecider } from '../diplomas/diploma.decider';
import type { DiplomaEvent, IssuanceEvent } from '../diplomas/diploma';
import type { DiplomaState } from '../diplomas/diploma-state';
import { DECISION, GRADUATES, opened, PRINTED } from '../testing/issuance-fixtures';
import { givenRead, stateOf } from '../testing/workflow-spec';
import type { PrintRunEvent } from './print-run';
import { printRunDecider } from './print-run.decider';
import { decideCloseSignedPrintRun } from './sign-print-run.workflow';

// Literal histories: the decision of three graduates; a run of three printed on HP 0203416–0203418
// with one spare (HP 0203419), signed on 14/08/2024.
const decisionHistory: GraduationDecisionEvent[] = [
  { type: 'GraduationDecisionRecorded', data: DECISION },
  { type: 'GraduatesListed', data: { decisionId: 'qd-1234-2024', graduates: GRADUATES } },
];
const signed: PrintRunEvent = {
  type: 'PrintRunSigned',
  data: {
    printRunId: 'run-ngo-quyen',
    signerId: 'gd-hp',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    signerRole: 'head',
    delegationRef: null,
    issueDate: '2024-08-14',
    issuePlace: 'Hải Phòng',
    regime: 'TT21/2019',
    legalBasis: '',
  },
};
const closedEvent: PrintRunEvent = {
  type: 'PrintRunClosed',
  data: {
    printRunId: 'run-ngo-quyen',
    closedOn: '2024-08-20',
    reserved: 4,
    bound: 3,
    spoiled: 0,
    released: 1,
    releasedRanges: [{ from: 203419, to: 203419 }],
  },
};
const issuedEvent = (n: number, fullName: string): IssuanceEvent => ({
  type: 'DiplomaIssued',
  data: {
    diplomaId: `qd-1234-2024-0000${n}`,
    graduateId: `qd-1234-2024-0000${n}`,
    printRunId: 'run-ngo-quyen',
    decisionId: 'qd-1234-2024',
    decisionNumber: '1234/QĐ-SGDĐT',
    decisionDate: '2024-07-20',
    authorityCode: 'SGD-HP',
    kind: 'THPT',
    lotId: 'lot-a',
    templateVersion: 'TT21-2019',
    registerNumber: 416 + n,
    registerLabel: `000${416 + n}/THPT-2024`,
    serial: 203415 + n,
    serialLabel: `HP 0${203415 + n}`,
    issueDate: '2024-08-14',
    issuePlace: 'Hải Phòng',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    holder: { fullName, birthDate: '2006-09-18', birthPlace: 'Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
  },
});
const ISSUED = { 1: issuedEvent(1, 'Nguyễn Thị Thuỷ'), 2: issuedEvent(2, 'Đặng Hoàng Yến'), 3: issuedEvent(3, 'Lê Quốc Hưng') };
const diplomas = (histories: Record<string, DiplomaEvent[]>) =>
  new Map<string, DiplomaState>(GRADUATES.map((g) => [g.graduateId, stateOf(diplomaDecider, histories[g.graduateId] ?? [])]));
const closing = { printRunId: 'run-ngo-quyen', authorityCode: 'SGD-HP', closedOn: '2024-08-20' };
const read = (runHistory: PrintRunEvent[], histories: Record<string, DiplomaEvent[]>) => ({
  run: stateOf(printRunDecider, runHistory),
  lot: blankLotDecider.initialState,
  decision: stateOf(graduationDecisionDecider, decisionHistory),
  diplomas: diplomas(histories),
});

describe('Closing a print run finishes a signing that crashed midway (issue 12; rules 5, 25; docs/domain.md §2.3)', () => {
  it('signing crashed after the run and the first diploma, nobody resent it: closing issues the two missing diplomas first, then closes the run', () => {
    givenRead(read([...opened(), PRINTED, signed], { 'qd-1234-2024-00001': [ISSUED[1]] }))
      .when((r, context) => decideCloseSignedPrintRun(closing, r, context))
      .then([
        { stream: 'diploma-qd-1234-2024-00002', events: [ISSUED[2]] },
        { stream: 'diploma-qd-1234-2024-00003', events: [ISSUED[3]] },
        { stream: 'print-run-run-ngo-quyen', events: [closedEvent] },
      ]);
  });

  it('a run whose diplomas are all issued only closes', () => {
    givenRead(
      read([...opened(), PRINTED, signed], {
        'qd-1234-2024-00001': [ISSUED[1]],
        'qd-1234-2024-00002': [ISSUED[2]],
        'qd-1234-2024-00003': [ISSUED[3]],
      }),
    )
      .when((r, context) => decideCloseSignedPrintRun(closing, r, context))
      .then([{ stream: 'print-run-run-ngo-quyen', events: [closedEvent] }]);
  });

  it('a run already closed with a diploma still missing (closed before this rule): a resent closing issues only that one', () => {
    givenRead(read([...opened(), PRINTED, signed, closedEvent], { 'qd-1234-2024-00001': [ISSUED[1]], 'qd-1234-2024-00002': [ISSUED[2]] }))
      .when((r, context) => decideCloseSignedPrintRun(closing, r, context))
      .then([{ stream: 'diploma-qd-1234-2024-00003', events: [ISSUED[3]] }]);
  });

  it('a closed run with every diploma issued is not closed again', () => {
    givenRead(
      read([...opened(), PRINTED, signed, closedEvent], {
        'qd-1234-2024-00001': [ISSUED[1]],
        'qd-1234-2024-00002': [ISSUED[2]],
        'qd-1234-2024-00003': [ISSUED[3]],
      }),
    )
      .when((r, context) => decideCloseSignedPrintRun(closing, r, context))
      .thenRefusedWith('PRINT_RUN_WRONG_STATE');
  });

  it('a run printed but not signed issues nothing and is not closed (rule 5)', () => {
    givenRead(read([...opened(), PRINTED], {}))
      .when((r, context) => decideCloseSignedPrintRun(closing, r, context))
      .thenRefusedWith('PRINT_RUN_WRONG_STATE');
  });
});
