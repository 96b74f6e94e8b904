import { blankLotDecider } from '../blanks/blank-lot.decider';
import type { BlankLotEvent } from '../blanks/blank';
import { graduationDecisionDecider, type GraduationDecisionEvent } from '../decisions/graduation-decision';
import { registerNumbersDecider } from '../registers/register-numbers';
import { GRADUATES } from '../testing/issuance-fixtures';
import { givenRead, stateOf } from '../testing/workflow-spec';
import type { PrintRunEvent } from './print-run';
import { printRunDecider } from './print-run.decider';
import { decideOpenPrintRun, decideRecordPrinting } from './print-run.workflows';

// Literal histories, as the store holds them: a lot of 20 blanks received by the Sở, a run of three
// diplomas holding HP 0203416–0203419 (one spare).
const lotReceived: BlankLotEvent = {
  type: 'BlankLotReceived',
  data: {
    lotId: 'lot-a',
    kind: 'THPT',
    templateVersion: 'TT21-2019',
    prefix: 'HP',
    width: 7,
    range: { from: 203401, to: 203420 },
    receivingAuthority: 'SGD-HP',
    supplier: 'Nhà in',
    deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
    receivedBy: 'Lan',
    receivedOn: '2024-05-20',
    missing: [],
    damaged: [],
  },
};
const reservedForRun: BlankLotEvent = {
  type: 'BlanksReserved',
  data: {
    ranges: [{ from: 203416, to: 203419 }],
    authorityCode: 'SGD-HP',
    printRunId: 'run-ngo-quyen',
    reservedOn: '2024-08-10',
    quantity: 4,
  },
};
// Recorded by the release before issue 12, which let a blank the run held be reported lost.
const heldBlankLost: BlankLotEvent = {
  type: 'BlanksLost',
  data: {
    ranges: [{ from: 203417, to: 203417 }],
    authorityCode: 'SGD-HP',
    minutesRef: 'BB-01',
    policeUnit: 'CA Ngô Quyền',
    policeNotifiedAt: '2024-08-11T09:00',
    circumstances: 'Mất khi chuyển phòng in',
    lostOn: '2024-08-11',
    quantity: 1,
  },
};
const entry = (n: number, serial: number) => ({
  diplomaId: `qd-1234-2024-0000${n}`,
  graduateId: `qd-1234-2024-0000${n}`,
  registerNumber: 416 + n,
  registerLabel: `000${416 + n}/THPT-2024`,
  serial,
  serialLabel: `HP 0${serial}`,
  exemptFromPublicListing: false,
});
const runOpened: PrintRunEvent[] = [
  {
    type: 'PrintRunOpened',
    data: {
      printRunId: 'run-ngo-quyen',
      authorityCode: 'SGD-HP',
      decisionId: 'qd-1234-2024',
      decisionNumber: '1234/QĐ-SGDĐT',
      decisionDate: '2024-07-20',
      kind: 'THPT',
      registerYear: 2024,
      lotId: 'lot-a',
      prefix: 'HP',
      width: 7,
      templateVersion: 'TT21-2019',
      openedOn: '2024-08-10',
      reserved: [{ from: 203416, to: 203419 }],
      count: 3,
      exemptionBasis: null,
    },
  },
  {
    type: 'PrintRunEntriesPlanned',
    data: { printRunId: 'run-ngo-quyen', entries: [entry(1, 203416), entry(2, 203417), entry(3, 203418)] },
  },
];

describe('Print-run workflows (issue 12; rules 1, 16, 18, 21)', () => {
  const printing = { printRunId: 'run-ngo-quyen', authorityCode: 'SGD-HP', printedOn: '2024-08-12' };

  it('binds every planned blank on the lot, then marks the run printed, in that order', () => {
    givenRead({ run: stateOf(printRunDecider, runOpened), lot: stateOf(blankLotDecider, [lotReceived, reservedForRun]) })
      .when((read, context) => decideRecordPrinting(printing, read, context))
      .then([
        {
          stream: 'blank-lot-lot-a',
          events: [
            {
              type: 'BlanksBound',
              data: {
                authorityCode: 'SGD-HP',
                printRunId: 'run-ngo-quyen',
                boundOn: '2024-08-12',
                bindings: [entry(1, 203416), entry(2, 203417), entry(3, 203418)].map((e) => ({ serial: e.serial, diplomaId: e.diplomaId })),
              },
            },
          ],
        },
        {
          stream: 'print-run-run-ngo-quyen',
          events: [{ type: 'PrintRunPrinted', data: { printRunId: 'run-ngo-quyen', printedOn: '2024-08-12', count: 3 } }],
        },
      ]);
  });

  it('rule 18, the defect of issue 12: printing onto a blank reported lost is refused, the attempt recorded on the lot, the run untouched', () => {
    givenRead({ run: stateOf(printRunDecider, runOpened), lot: stateOf(blankLotDecider, [lotReceived, reservedForRun, heldBlankLost]) })
      .when((read, context) => decideRecordPrinting(printing, read, context))
      .thenRecordsAndRefuses(
        [
          {
            stream: 'blank-lot-lot-a',
            events: [
              {
                type: 'BlankReuseAttempted',
                data: {
                  serials: [{ serial: 203417, status: 'lost' }],
                  authorityCode: 'SGD-HP',
                  printRunId: 'run-ngo-quyen',
                  attemptedOn: '2024-08-12',
                },
              },
            ],
          },
        ],
        'BLANK_NOT_USABLE',
      );
  });

  it('a run is acted on only by the authority that opened it: to another it does not exist', () => {
    givenRead({ run: stateOf(printRunDecider, runOpened), lot: stateOf(blankLotDecider, [lotReceived, reservedForRun]) })
      .when((read, context) => decideRecordPrinting({ ...printing, authorityCode: 'SGD-QN' }, read, context))
      .thenRefusedWith('PRINT_RUN_NOT_FOUND');
  });

  const decisionHistory: GraduationDecisionEvent[] = [
    {
      type: 'GraduationDecisionRecorded',
      data: {
        decisionId: 'qd-1234-2024',
        authorityCode: 'SGD-HP',
        number: '1234/QĐ-SGDĐT',
        date: '2024-07-20',
        kind: 'THPT',
        schoolYear: '2023-2024',
        examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
        graduateCount: 3,
        sourceFile: { name: 'ds.xlsx', sha256: '0'.repeat(64) },
      },
    },
    { type: 'GraduatesListed', data: { decisionId: 'qd-1234-2024', graduates: GRADUATES } },
  ];
  const opening = {
    printRunId: 'run-ngo-quyen',
    authorityCode: 'SGD-HP',
    decisionId: 'qd-1234-2024',
    lotId: 'lot-a',
    templateVersion: 'TT21-2019',
    openedOn: '2024-08-10',
    spareBlanks: 1,
  };

  it('a resend after a crash that left only the claim recorded completes the opening, whatever its Idempotency-Key', () => {
    const claimed: GraduationDecisionEvent = {
      type: 'GraduatesClaimedForPrintRun',
      data: { decisionId: 'qd-1234-2024', printRunId: 'run-ngo-quyen', graduateIds: GRADUATES.map((g) => g.graduateId) },
    };
    const decision = givenRead({
      run: stateOf(printRunDecider, []),
      decision: stateOf(graduationDecisionDecider, [...decisionHistory, claimed]),
      lot: stateOf(blankLotDecider, [lotReceived]),
      register: stateOf(registerNumbersDecider, []),
    });
    decision
      .when((read, context) => {
        const decided = decideOpenPrintRun(opening, read, context);
        // Nothing claimed twice: the decision stream gets no new event; the other three do.
        expect(decided.appends.map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
          ['graduation-decision-qd-1234-2024', []],
          ['blank-lot-lot-a', ['BlanksReserved']],
          ['register-SGD-HP-THPT-2024', ['RegisterNumbersAssigned']],
          ['print-run-run-ngo-quyen', ['PrintRunOpened', 'PrintRunEntriesPlanned']],
        ]);
        return decided;
      })
      .then(expect.any(Array) as never);
  });

  it('an opening that finds the run already open for the same decision and lot has nothing left to do', () => {
    givenRead({
      run: stateOf(printRunDecider, runOpened),
      decision: stateOf(graduationDecisionDecider, decisionHistory),
      lot: stateOf(blankLotDecider, [lotReceived, reservedForRun]),
      register: stateOf(registerNumbersDecider, []),
    })
      .when((read, context) => decideOpenPrintRun(opening, read, context))
      .then([]);
  });

  it('another run under the same id is refused', () => {
    givenRead({
      run: stateOf(printRunDecider, runOpened),
      decision: stateOf(graduationDecisionDecider, decisionHistory),
      lot: stateOf(blankLotDecider, [lotReceived, reservedForRun]),
      register: stateOf(registerNumbersDecider, []),
    })
      .when((read, context) => decideOpenPrintRun({ ...opening, decisionId: 'qd-9999-2024' }, read, context))
      .thenRefusedWith('PRINT_RUN_EXISTS');
  });
});
