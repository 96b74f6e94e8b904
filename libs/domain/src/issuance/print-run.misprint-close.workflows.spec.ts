import type { BlankLotEvent } from '../blanks/blank';
import { blankLotDecider } from '../blanks/blank-lot.decider';
import { TEST_CONTEXT } from '../testing/given-when-then';
import { givenRead, stateOf } from '../testing/workflow-spec';
import type { PrintRunEvent } from './print-run';
import { printRunDecider } from './print-run.decider';
import { decideClosePrintRun, decideRecordMisprint, type PrintRunAndLot } from './print-run.workflows';

/**
 * A misprint during a run (domain Q4, rules 12, 24) and the closing of a run (§2.3, rule 16) span the lot
 * and the run, from literal histories: a lot of 20 blanks, a run of three diplomas printed on
 * HP 0203416–0203418 with HP 0203419 held as its spare.
 */
const RUN = 'run-ngo-quyen';
const lot: BlankLotEvent[] = [
  {
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
  },
  {
    type: 'BlanksReserved',
    data: { ranges: [{ from: 203416, to: 203419 }], authorityCode: 'SGD-HP', printRunId: RUN, reservedOn: '2024-08-10', quantity: 4 },
  },
  {
    type: 'BlanksBound',
    data: {
      authorityCode: 'SGD-HP',
      printRunId: RUN,
      boundOn: '2024-08-12',
      bindings: [1, 2, 3].map((n) => ({ serial: 203415 + n, diplomaId: `qd-1234-2024-0000${n}` })),
    },
  },
];
const entry = (n: number) => ({
  diplomaId: `qd-1234-2024-0000${n}`,
  graduateId: `qd-1234-2024-0000${n}`,
  registerNumber: 416 + n,
  registerLabel: `000${416 + n}/THPT-2024`,
  serial: 203415 + n,
  serialLabel: `HP 0${203415 + n}`,
  exemptFromPublicListing: false,
});
const printed: PrintRunEvent[] = [
  {
    type: 'PrintRunOpened',
    data: {
      printRunId: RUN,
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
  { type: 'PrintRunEntriesPlanned', data: { printRunId: RUN, entries: [entry(1), entry(2), entry(3)] } },
  { type: 'PrintRunPrinted', data: { printRunId: RUN, printedOn: '2024-08-12', count: 3 } },
];
const signed: PrintRunEvent = {
  type: 'PrintRunSigned',
  data: {
    printRunId: RUN,
    signerId: 'gd-hp',
    signerName: 'Nguyễn Văn An',
    signerTitle: 'Giám đốc',
    signerRole: 'head',
    delegationRef: null,
    issueDate: '2024-08-14',
    issuePlace: 'Hải Phòng',
    regime: 'TT21-2019',
    legalBasis: 'Thông tư 21/2019/TT-BGDĐT, Điều 15',
  },
};
const read = (run: PrintRunEvent[], paper: BlankLotEvent[] = lot): PrintRunAndLot => ({
  run: stateOf(printRunDecider, run),
  lot: stateOf(blankLotDecider, paper),
});
const misprint =
  (diplomaId: string, authorityCode = 'SGD-HP') =>
  (r: PrintRunAndLot, context: typeof TEST_CONTEXT) =>
    decideRecordMisprint({ printRunId: RUN, authorityCode, diplomaId, note: 'Kẹt giấy', reprintedOn: '2024-08-12' }, r, context);
const close =
  (authorityCode = 'SGD-HP') =>
  (r: PrintRunAndLot, context: typeof TEST_CONTEXT) =>
    decideClosePrintRun({ printRunId: RUN, authorityCode, closedOn: '2024-08-20' }, r, context);
const released: BlankLotEvent = {
  type: 'BlanksReleased',
  data: { ranges: [{ from: 203419, to: 203419 }], authorityCode: 'SGD-HP', printRunId: RUN, releasedOn: '2024-08-20', quantity: 1 },
};

describe('misprints and closing a print run (Q4; rules 12, 16, 24)', () => {
  it('Q4, rule 24: a misprinted blank is spoiled and the diploma goes onto the run’s spare, keeping its register number', () => {
    const decision = misprint('qd-1234-2024-00002')(read(printed), TEST_CONTEXT);
    expect(decision.appends.map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
      ['blank-lot-lot-a', ['BlanksSpoiled', 'BlanksBound']],
      [`print-run-${RUN}`, ['PrintRunItemReprinted']],
    ]);
    expect(decision.appends[1]?.events[0]).toMatchObject({
      data: {
        diplomaId: 'qd-1234-2024-00002',
        registerLabel: '000418/THPT-2024',
        oldSerial: 203417,
        newSerial: 203419,
        newlyReserved: false,
      },
    });
  });

  it('a diploma not in the run cannot be misprinted in it', () => {
    givenRead(read(printed)).when(misprint('qd-9999-2024-00001')).thenRefusedWith('DIPLOMA_NOT_IN_RUN');
  });

  it('issue 12: to another Sở the run does not exist', () => {
    givenRead(read(printed)).when(misprint('qd-1234-2024-00002', 'SGD-QN')).thenRefusedWith('PRINT_RUN_NOT_FOUND');
  });

  it('§2.3, rule 16: a signed run releases its unused spare to stock, then closes with the count balanced', () => {
    const decision = close()(read([...printed, signed]), TEST_CONTEXT);
    expect(decision.appends[0]).toEqual({ stream: 'blank-lot-lot-a', events: [released] });
    expect(decision.appends[1]?.events).toMatchObject([
      { type: 'PrintRunClosed', data: { closedOn: '2024-08-20', bound: 3, releasedRanges: [{ from: 203419, to: 203419 }] } },
    ]);
  });

  it('issue 12 item 7: resent after the spare was released, only the run closes', () => {
    const decision = close()(read([...printed, signed], [...lot, released]), TEST_CONTEXT);
    expect(decision.appends.filter((a) => a.events.length > 0).map((a) => [a.stream, a.events.map((e) => e.type)])).toEqual([
      [`print-run-${RUN}`, ['PrintRunClosed']],
    ]);
  });
});
