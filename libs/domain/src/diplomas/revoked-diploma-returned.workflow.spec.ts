import type { BlankLotEvent } from '../blanks/blank';
import { blankLotDecider } from '../blanks/blank-lot.decider';
import { THPT_2024 } from '../testing/after-issuance-fixtures';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { givenRead, stateOf } from '../testing/workflow-spec';
import { decideRevokedDiplomaReturned } from './after-issuance.workflows';
import { diplomaDecider } from './diploma.decider';
import type { DiplomaEvent } from './diploma';

/**
 * The holder brings a revoked diploma back (rules 43, 44): the diploma records the return and its paper
 * goes into custody as spoiled, for the destruction council. From literal histories of the two streams.
 */
const lot: BlankLotEvent[] = [
  {
    type: 'BlankLotReceived',
    data: {
      lotId: 'HP-2024-THPT-1',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      prefix: 'HP',
      width: 7,
      range: { from: 203401, to: 203420 },
      receivingAuthority: 'SGD-HP',
      supplier: 'Nhà in Bộ GDĐT',
      deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
      receivedBy: 'Nguyễn Thị Lan',
      receivedOn: '2024-05-20',
      missing: [],
      damaged: [],
    },
  },
  {
    type: 'BlanksReserved',
    data: {
      ranges: [{ from: 203418, to: 203418 }],
      authorityCode: 'SGD-HP',
      printRunId: 'thpt-2024-dot-1',
      reservedOn: '2024-08-10',
      quantity: 1,
    },
  },
  {
    type: 'BlanksBound',
    data: {
      authorityCode: 'SGD-HP',
      printRunId: 'thpt-2024-dot-1',
      boundOn: '2024-08-12',
      bindings: [{ serial: 203418, diplomaId: THPT_2024.diplomaId }],
    },
  },
];
const revoked: DiplomaEvent = {
  type: 'DiplomaRevoked',
  data: {
    diplomaId: THPT_2024.diplomaId,
    serialLabel: 'HP 0203418',
    registerLabel: '000417/THPT-2024',
    issuerCode: 'SGD-HP',
    decisionNumber: '99/QĐ-SGDĐT',
    decisionDate: '2026-10-02',
    ground: 'fraud',
    reasons: 'Thi hộ.',
    source: 'police',
    authorityCode: 'SGD-HP',
    regime: 'TT21-2019',
  },
};
const returned: DiplomaEvent = {
  type: 'RevokedDiplomaReturned',
  data: { diplomaId: THPT_2024.diplomaId, returnedOn: '2026-11-02', receivedBy: 'Nguyễn Thị Lan' },
};
const spoiled: BlankLotEvent = {
  type: 'BlanksSpoiled',
  data: {
    ranges: [{ from: 203418, to: 203418 }],
    authorityCode: 'SGD-HP',
    reason: 'revoked_and_recovered',
    note: '000417/THPT-2024, trả lại 2026-11-02',
    spoiledOn: '2026-11-02',
    quantity: 1,
  },
};
const read = (diploma: DiplomaEvent[], paper: BlankLotEvent[] = lot) => ({
  diploma: { issued: THPT_2024, state: stateOf(diplomaDecider, diploma) },
  lotId: 'HP-2024-THPT-1',
  lot: stateOf(blankLotDecider, paper),
});
const returnIt = (r: ReturnType<typeof read>, context: typeof TEST_CONTEXT) =>
  decideRevokedDiplomaReturned(
    { diplomaId: THPT_2024.diplomaId, authorityCode: 'SGD-HP', returnedOn: '2026-11-02', receivedBy: 'Nguyễn Thị Lan' },
    r,
    context,
  );

describe('a revoked diploma handed back (rules 43, 44)', () => {
  it('rules 43, 44: the diploma records the return, then its paper goes into custody as spoiled for the council', () => {
    givenRead(read([revoked]))
      .when(returnIt)
      .then([
        { stream: `diploma-${THPT_2024.diplomaId}`, events: [returned] },
        { stream: 'blank-lot-HP-2024-THPT-1', events: [spoiled] },
      ]);
  });

  it('rule 43: a diploma that was not revoked is not "returned", and nothing is recorded', () => {
    givenRead(read([])).when(returnIt).thenRefusedWith('DIPLOMA_NOT_REVOKED');
  });

  it('issue 12 item 7: resent after a crash between the two appends, the paper still goes into custody', () => {
    givenRead(read([revoked, returned]))
      .when(returnIt)
      .then([{ stream: 'blank-lot-HP-2024-THPT-1', events: [spoiled] }]);
  });

  it('a return already recorded in full is refused as such', () => {
    givenRead(read([revoked, returned], [...lot, spoiled]))
      .when(returnIt)
      .thenRefusedWith('ALREADY_RETURNED');
  });
});
