import type { BlankLotEvent } from '../blanks/blank';
import { blankLotDecider } from '../blanks/blank-lot.decider';
import { INITIAL_DIPLOMA_STATE } from '../diplomas/diploma-state';
import { PROVINCE, THPT_2024 } from '../testing/after-issuance-fixtures';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { givenRead, stateOf } from '../testing/workflow-spec';
import type { CopyRequestEvent } from './copy-request';
import { copyRequestDecider } from './copy-request.decider';
import { copyRegisterDecider, type CopyRegisterEvent } from './copy-register';
import { decideIssueCopies, type IssueCopiesInput, type IssueCopiesRead } from './issue-copies.workflow';

/**
 * Issuing copies spans the copy register (numbers, rule 52), the copy-blank lot (paper, rule 53) and the
 * request (rules 46, 57), from literal histories; a resend after a crash completes the act without new
 * numbers or new blanks (issue 12 item 7). The test context acts on 22/11/2026.
 */
const received: CopyRequestEvent = {
  type: 'CopyRequestReceived',
  data: {
    requestId: 'bs-2026-0412',
    diplomaId: THPT_2024.diplomaId,
    authorityCode: 'SGD-HP',
    requester: {
      kind: 'holder',
      fullName: 'Nguyễn Thị Thuỷ',
      idDocument: { kind: 'CCCD', number: '031206000123' },
      entitlementDocument: null,
      deathCertificate: null,
    },
    channel: 'counter',
    receivedAt: '2026-11-20T08:20:00Z',
    dossierCompleteAt: null,
    copies: 2,
    feePerCopy: 0,
    dueBy: '2026-11-23T10:00:00.000Z',
    dueDate: '2026-11-23',
  },
};
const copyLot = (kind: 'THPT_COPY' | 'THCS_COPY'): BlankLotEvent => ({
  type: 'BlankLotReceived',
  data: {
    lotId: 'HP-BS-2026',
    kind,
    templateVersion: 'TT21-2019',
    prefix: 'BS',
    width: 7,
    range: { from: 1, to: 100 },
    receivingAuthority: 'SGD-HP',
    supplier: 'Nhà in Bộ GDĐT',
    deliveryNote: { number: 'PGH-BS', date: '2026-01-05' },
    receivedBy: 'Nguyễn Thị Lan',
    receivedOn: '2026-01-05',
    missing: [],
    damaged: [],
  },
});
const earlierCopies: CopyRegisterEvent = {
  type: 'CopyNumbersAssigned',
  data: { requestId: 'bs-2026-0300', first: 1, last: 411, copyIds: ['bs-2026-0300-1'] },
};
const numbered: CopyRegisterEvent = {
  type: 'CopyNumbersAssigned',
  data: { requestId: 'bs-2026-0412', first: 412, last: 413, copyIds: ['bs-2026-0412-1', 'bs-2026-0412-2'] },
};
const printed: BlankLotEvent[] = [
  {
    type: 'BlanksReserved',
    data: {
      ranges: [{ from: 1, to: 2 }],
      authorityCode: 'SGD-HP',
      printRunId: 'copies-bs-2026-0412',
      reservedOn: '2026-11-23',
      quantity: 2,
    },
  },
  {
    type: 'BlanksBound',
    data: {
      authorityCode: 'SGD-HP',
      printRunId: 'copies-bs-2026-0412',
      boundOn: '2026-11-23',
      bindings: [
        { serial: 1, diplomaId: 'bs-2026-0412-1' },
        { serial: 2, diplomaId: 'bs-2026-0412-2' },
      ],
    },
  },
];
const copiesIssued: CopyRequestEvent = {
  type: 'CopiesIssued',
  data: {
    requestId: 'bs-2026-0412',
    diplomaId: THPT_2024.diplomaId,
    authorityCode: 'SGD-HP',
    content: {
      kind: 'THPT',
      issuerCode: 'SGD-HP',
      holder: THPT_2024.holder,
      originalSerial: 'HP 0203418',
      originalRegisterNumber: '000417/THPT-2024',
      originalIssueDate: '2024-08-14',
      correctionDecisions: [],
    },
    copies: [
      { copyId: 'bs-2026-0412-1', copyNumber: '000412/BS-THPT-2026', copyNumberValue: 412, serial: 'BS 0000001' },
      { copyId: 'bs-2026-0412-2', copyNumber: '000413/BS-THPT-2026', copyNumberValue: 413, serial: 'BS 0000002' },
    ],
    issuedOn: '2026-11-23',
    issuePlace: 'Hải Phòng',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    lotId: 'HP-BS-2026',
    regime: 'TT21-2019',
  },
};
const input: IssueCopiesInput = {
  requestId: 'bs-2026-0412',
  authorityCode: 'SGD-HP',
  lotId: 'HP-BS-2026',
  issuedOn: '2026-11-23',
  issuePlace: 'Hải Phòng',
  signerId: 'gd-hp',
};
const read = (history: { request?: CopyRequestEvent[]; lot?: BlankLotEvent[]; register?: CopyRegisterEvent[] } = {}): IssueCopiesRead => ({
  request: stateOf(copyRequestDecider, history.request ?? [received]),
  diploma: { issued: THPT_2024, state: INITIAL_DIPLOMA_STATE },
  lot: stateOf(blankLotDecider, history.lot ?? [copyLot('THPT_COPY')]),
  register: stateOf(copyRegisterDecider, history.register ?? [earlierCopies]),
  directory: PROVINCE,
});
const issue = (r: IssueCopiesRead, context: typeof TEST_CONTEXT) => decideIssueCopies(input, r, context);

describe('issuing copies from the register (rules 46, 52, 53, 57; issue 12 item 7)', () => {
  it('rules 52, 53: the next copy numbers are taken, the lowest copy blanks printed, then the request records the copies', () => {
    const decision = decideIssueCopies(input, read(), TEST_CONTEXT);
    expect(decision.appends.map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
      ['copy-register-SGD-HP-THPT-2026', ['CopyNumbersAssigned']],
      ['blank-lot-HP-BS-2026', ['BlanksReserved', 'BlanksBound']],
      ['copy-request-bs-2026-0412', ['CopiesIssued']],
    ]);
    expect(decision.appends[2]?.events[0]).toMatchObject({
      data: {
        copies: [
          { copyId: 'bs-2026-0412-1', copyNumber: '000412/BS-THPT-2026', serial: 'BS 0000001' },
          { copyId: 'bs-2026-0412-2', copyNumber: '000413/BS-THPT-2026', serial: 'BS 0000002' },
        ],
        content: { originalSerial: 'HP 0203418', originalRegisterNumber: '000417/THPT-2024' },
        signerName: 'Nguyễn Văn An',
      },
    });
  });

  it('rule 53: copies of a THPT diploma are not printed on THCS copy blanks', () => {
    givenRead(read({ lot: [copyLot('THCS_COPY')] }))
      .when(issue)
      .thenRefusedWith('BLANK_TEMPLATE_MISMATCH');
  });

  it('issue 12 item 7: resent after the numbers and the blanks landed, only the request records the copies, with the same numbers and serials', () => {
    const decision = decideIssueCopies(
      input,
      read({ lot: [copyLot('THPT_COPY'), ...printed], register: [earlierCopies, numbered] }),
      TEST_CONTEXT,
    );
    expect(decision.appends.filter((a) => a.events.length > 0).map((a) => a.stream)).toEqual(['copy-request-bs-2026-0412']);
    expect(decision.appends[2]?.events[0]).toMatchObject({
      data: {
        copies: [
          { copyNumber: '000412/BS-THPT-2026', serial: 'BS 0000001' },
          { copyNumber: '000413/BS-THPT-2026', serial: 'BS 0000002' },
        ],
      },
    });
  });

  it('issue 12 item 7: resent after the copies were recorded, nothing is appended', () => {
    givenRead(read({ request: [received, copiesIssued], lot: [copyLot('THPT_COPY'), ...printed], register: [earlierCopies, numbered] }))
      .when(issue)
      .then([]);
  });

  it('a request nobody received cannot be answered with copies', () => {
    givenRead(read({ request: [] }))
      .when(issue)
      .thenRefusedWith('COPY_REQUEST_NOT_FOUND');
  });
});
