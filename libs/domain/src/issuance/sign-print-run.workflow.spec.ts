import { graduationDecisionDecider, type GraduationDecisionEvent } from '../decisions/graduation-decision';
import { diplomaDecider } from '../diplomas/diploma.decider';
import type { DiplomaEvent, IssuanceEvent } from '../diplomas/diploma';
import type { DiplomaState } from '../diplomas/diploma-state';
import { DECISION, DIRECTORY, GRADUATES, opened, PRINTED } from '../testing/issuance-fixtures';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { givenRead, stateOf } from '../testing/workflow-spec';
import type { PrintRunEvent } from './print-run';
import { printRunDecider } from './print-run.decider';
import { decideSignPrintRun } from './sign-print-run.workflow';

// Literal histories: the decision of three graduates, a run of three printed on HP 0203416–0203418.
const decisionHistory: GraduationDecisionEvent[] = [
  { type: 'GraduationDecisionRecorded', data: DECISION },
  { type: 'GraduatesListed', data: { decisionId: 'qd-1234-2024', graduates: GRADUATES } },
];
const reprinted: PrintRunEvent = {
  type: 'PrintRunItemReprinted',
  data: {
    printRunId: 'run-ngo-quyen',
    diplomaId: 'qd-1234-2024-00002',
    registerLabel: '000418/THPT-2024',
    oldSerial: 203417,
    newSerial: 203419,
    newSerialLabel: 'HP 0203419',
    reason: 'misprint',
    note: 'Kẹt giấy',
    reprintedOn: '2024-08-12',
    newlyReserved: false,
  },
};
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
const issuedEvent = (n: number, fullName: string, serial: number): IssuanceEvent => ({
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
    serial,
    serialLabel: `HP 0${serial}`,
    issueDate: '2024-08-14',
    issuePlace: 'Hải Phòng',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    holder: { fullName, birthDate: '2006-09-18', birthPlace: 'Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
  },
});
const SIGNER = { ...TEST_CONTEXT, actor: { ...TEST_CONTEXT.actor, role: 'signer' } };
const signing = {
  printRunId: 'run-ngo-quyen',
  authorityCode: 'SGD-HP',
  signerId: 'gd-hp',
  issueDate: '2024-08-14',
  issuePlace: 'Hải Phòng',
};
const noDiplomas = (ids: string[], histories: Record<string, DiplomaEvent[]> = {}) =>
  new Map<string, DiplomaState>(ids.map((id) => [id, stateOf(diplomaDecider, histories[id] ?? [])]));
const ids = GRADUATES.map((g) => g.graduateId);

describe('Signing a print run issues each diploma on its own stream (issue 12, item 3; rules 5, 6, 25)', () => {
  it('the run records the signature first, then each diploma stream opens with DiplomaIssued: holder from the decision, serial and number from the run', () => {
    givenRead({
      run: stateOf(printRunDecider, [...opened(), PRINTED]),
      decision: stateOf(graduationDecisionDecider, decisionHistory),
      diplomas: noDiplomas(ids),
      directory: DIRECTORY,
    })
      .when((read, context) => decideSignPrintRun(signing, read, context), SIGNER)
      .then([
        { stream: 'print-run-run-ngo-quyen', events: [signed].map((e) => ({ ...e, data: { ...e.data, legalBasis: expect.any(String) } })) },
        { stream: 'diploma-qd-1234-2024-00001', events: [issuedEvent(1, 'Nguyễn Thị Thuỷ', 203416)] },
        { stream: 'diploma-qd-1234-2024-00002', events: [issuedEvent(2, 'Đặng Hoàng Yến', 203417)] },
        { stream: 'diploma-qd-1234-2024-00003', events: [issuedEvent(3, 'Lê Quốc Hưng', 203418)] },
      ] as never);
  });

  it('domain Q4: a diploma reprinted after a misprint is issued on the blank it was reprinted on, with its register number kept', () => {
    const decided = decideSignPrintRun(
      signing,
      {
        run: stateOf(printRunDecider, [...opened(), PRINTED, reprinted]),
        decision: stateOf(graduationDecisionDecider, decisionHistory),
        diplomas: noDiplomas(ids),
        directory: DIRECTORY,
      },
      SIGNER,
    );
    expect(decided.appends[2]).toEqual({ stream: 'diploma-qd-1234-2024-00002', events: [issuedEvent(2, 'Đặng Hoàng Yến', 203419)] });
  });

  it('a resend after a crash between the run and its diplomas appends only the issuances still missing, whatever its Idempotency-Key', () => {
    givenRead({
      run: stateOf(printRunDecider, [...opened(), PRINTED, signed]),
      decision: stateOf(graduationDecisionDecider, decisionHistory),
      diplomas: noDiplomas(ids, { 'qd-1234-2024-00001': [issuedEvent(1, 'Nguyễn Thị Thuỷ', 203416)] }),
      directory: DIRECTORY,
    })
      .when((read, context) => decideSignPrintRun(signing, read, context), SIGNER)
      .then([
        { stream: 'diploma-qd-1234-2024-00002', events: [issuedEvent(2, 'Đặng Hoàng Yến', 203417)] },
        { stream: 'diploma-qd-1234-2024-00003', events: [issuedEvent(3, 'Lê Quốc Hưng', 203418)] },
      ]);
  });

  it('a run signed with all its diplomas issued is not signed again', () => {
    givenRead({
      run: stateOf(printRunDecider, [...opened(), PRINTED, signed]),
      decision: stateOf(graduationDecisionDecider, decisionHistory),
      diplomas: noDiplomas(ids, {
        'qd-1234-2024-00001': [issuedEvent(1, 'Nguyễn Thị Thuỷ', 203416)],
        'qd-1234-2024-00002': [issuedEvent(2, 'Đặng Hoàng Yến', 203417)],
        'qd-1234-2024-00003': [issuedEvent(3, 'Lê Quốc Hưng', 203418)],
      }),
      directory: DIRECTORY,
    })
      .when((read, context) => decideSignPrintRun(signing, read, context), SIGNER)
      .thenRefusedWith('PRINT_RUN_WRONG_STATE');
  });

  it('rule 5: a run not yet printed is not signed, and no diploma is issued', () => {
    givenRead({
      run: stateOf(printRunDecider, opened()),
      decision: stateOf(graduationDecisionDecider, decisionHistory),
      diplomas: noDiplomas(ids),
      directory: DIRECTORY,
    })
      .when((read, context) => decideSignPrintRun(signing, read, context), SIGNER)
      .thenRefusedWith('PRINT_RUN_WRONG_STATE');
  });

  it('another authority finds no such run', () => {
    givenRead({
      run: stateOf(printRunDecider, [...opened(), PRINTED]),
      decision: stateOf(graduationDecisionDecider, decisionHistory),
      diplomas: noDiplomas([]),
      directory: DIRECTORY,
    })
      .when((read, context) => decideSignPrintRun({ ...signing, authorityCode: 'SGD-QN' }, read, context), SIGNER)
      .thenRefusedWith('PRINT_RUN_NOT_FOUND');
  });
});

describe("A diploma's state is its stream's fold (issue 12, item 3)", () => {
  const revoked: DiplomaEvent = {
    type: 'DiplomaRevoked',
    data: {
      diplomaId: 'qd-1234-2024-00001',
      serialLabel: 'HP 0203416',
      registerLabel: '000417/THPT-2024',
      issuerCode: 'SGD-HP',
      decisionNumber: '99/QĐ-SGDĐT',
      decisionDate: '2026-02-01',
      ground: 'fraud',
      reasons: 'Học bạ giả',
      source: 'police',
      authorityCode: 'SGD-HP',
      regime: 'TT21/2019',
    },
  };

  it('takes the facts of issue from DiplomaIssued, and the lot of its paper', () => {
    const state = stateOf(diplomaDecider, [issuedEvent(1, 'Nguyễn Thị Thuỷ', 203416)]);
    expect(state.status).toBe('issued');
    expect(state.lotId).toBe('lot-a');
    expect(state.issued).toEqual({
      diplomaId: 'qd-1234-2024-00001',
      graduateId: 'qd-1234-2024-00001',
      printRunId: 'run-ngo-quyen',
      authorityCode: 'SGD-HP',
      kind: 'THPT',
      serialLabel: 'HP 0203416',
      registerLabel: '000417/THPT-2024',
      issueDate: '2024-08-14',
      holder: { fullName: 'Nguyễn Thị Thuỷ', birthDate: '2006-09-18', birthPlace: 'Hải Phòng', sex: 'female', ethnicity: 'Kinh' },
    });
  });

  it('a store of the previous release: DiplomaIssued appended after a revocation sets the facts and leaves the diploma revoked', () => {
    const state = stateOf(diplomaDecider, [revoked, issuedEvent(1, 'Nguyễn Thị Thuỷ', 203416)]);
    expect(state.status).toBe('revoked');
    expect(state.issued?.serialLabel).toBe('HP 0203416');
  });

  it('before its run is signed a diploma has no issuance', () => {
    expect(stateOf(diplomaDecider, []).issued).toBeNull();
  });
});
