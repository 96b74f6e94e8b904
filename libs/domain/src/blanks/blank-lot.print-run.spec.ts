import { given, TEST_CONTEXT } from '../testing/given-when-then';
import type { BlankLotEvent } from './blank';
import { blankLotDecider } from './blank-lot.decider';

const received: BlankLotEvent = {
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
    missing: [{ from: 203401, to: 203403 }],
    damaged: [],
  },
};
const reserved = (from: number, to: number, printRunId = 'run-1'): BlankLotEvent => ({
  type: 'BlanksReserved',
  data: { ranges: [{ from, to }], authorityCode: 'SGD-HP', printRunId, reservedOn: '2024-08-10', quantity: to - from + 1 },
});
const bound = (serial: number, diplomaId: string): BlankLotEvent => ({
  type: 'BlanksBound',
  data: { authorityCode: 'SGD-HP', printRunId: 'run-1', boundOn: '2024-08-12', bindings: [{ serial, diplomaId }] },
});
const replace = {
  type: 'ReplaceMisprintedBlank' as const,
  authorityCode: 'SGD-HP',
  printRunId: 'run-1',
  diplomaId: 'd-1',
  oldSerial: 203404,
  note: 'Kẹt giấy',
  replacedOn: '2024-08-12',
};

describe('Blanks for print runs (rules 16, 17, Q4)', () => {
  it('rule 16: reserving by count takes the lowest serials in stock, skipping missing ones', () => {
    given(blankLotDecider, [received])
      .when({ type: 'ReserveBlanks', authorityCode: 'SGD-HP', printRunId: 'run-1', count: 5, reservedOn: '2024-08-10' })
      .then([reserved(203404, 203408)]);
    given(blankLotDecider, [received, reserved(203404, 203408, 'run-0')])
      .when({ type: 'ReserveBlanks', authorityCode: 'SGD-HP', printRunId: 'run-1', count: 2, reservedOn: '2024-08-10' })
      .then([reserved(203409, 203410)]);
  });

  it('rule 16: refuses to reserve more than the office holds, naming the shortfall', () => {
    given(blankLotDecider, [received])
      .when({ type: 'ReserveBlanks', authorityCode: 'SGD-HP', printRunId: 'run-1', count: 18, reservedOn: '2024-08-10' })
      .thenRefusedWith('NOT_ENOUGH_BLANKS', { field: 'count' });
    // Issue 12: an authority with no blank of the lot does not see the lot at all.
    given(blankLotDecider, [received])
      .when({ type: 'ReserveBlanks', authorityCode: 'SGD-HD', printRunId: 'run-1', count: 1, reservedOn: '2024-08-10' })
      .thenRefusedWith('LOT_NOT_FOUND');
  });

  it('Q4: a misprinted blank is spoiled and the diploma goes onto the run’s spare blank in one append', () => {
    given(blankLotDecider, [received, reserved(203404, 203406), bound(203404, 'd-1')])
      .when(replace)
      .then([
        {
          type: 'BlanksSpoiled',
          data: {
            ranges: [{ from: 203404, to: 203404 }],
            authorityCode: 'SGD-HP',
            reason: 'misprint',
            note: 'Kẹt giấy',
            spoiledOn: '2024-08-12',
            quantity: 1,
          },
        },
        {
          type: 'BlanksBound',
          data: { authorityCode: 'SGD-HP', printRunId: 'run-1', boundOn: '2024-08-12', bindings: [{ serial: 203405, diplomaId: 'd-1' }] },
        },
      ]);
  });

  it('Q4: with no spare left, the next blank in stock is reserved for the run first', () => {
    const [first] = blankLotDecider.decide(
      replace,
      [received, reserved(203404, 203404), bound(203404, 'd-1')].reduce(blankLotDecider.evolve, blankLotDecider.initialState),
      TEST_CONTEXT,
    );
    expect(first).toEqual({ ...reserved(203405, 203405), data: { ...reserved(203405, 203405).data, reservedOn: '2024-08-12' } });
  });

  it('rule 16: only the blank that carries the diploma can be replaced', () => {
    given(blankLotDecider, [received, reserved(203404, 203406), bound(203404, 'd-1')])
      .when({ ...replace, diplomaId: 'd-2' })
      .thenRefusedWith('BLANK_NOT_BOUND_TO_DIPLOMA', { rule: 16 });
  });

  it('rule 44: a revoked diploma handed back goes into custody as spoiled, for the destruction council', () => {
    given(blankLotDecider, [received, reserved(203404, 203404), bound(203404, 'd-1')])
      .when({
        type: 'SpoilBlanks',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 203404, to: 203404 }],
        reason: 'revoked_and_recovered',
        note: '000417/THPT-2024, trả lại 2026-03-05',
        spoiledOn: '2026-03-05',
      })
      .then([
        {
          type: 'BlanksSpoiled',
          data: {
            ranges: [{ from: 203404, to: 203404 }],
            authorityCode: 'SGD-HP',
            reason: 'revoked_and_recovered',
            note: '000417/THPT-2024, trả lại 2026-03-05',
            spoiledOn: '2026-03-05',
            quantity: 1,
          },
        },
      ]);
    given(blankLotDecider, [received, reserved(203404, 203404), bound(203404, 'd-1')])
      .when({
        type: 'SpoilBlanks',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 203404, to: 203404 }],
        reason: 'damaged',
        note: 'x',
        spoiledOn: '2026-03-05',
      })
      .thenRefusedWith('BLANKS_CANNOT_BE_SPOILED');
  });

  it('issue 12: a blank a print run holds cannot be reported lost behind the run’s back', () => {
    given(blankLotDecider, [received, reserved(203404, 203406)])
      .when({
        type: 'ReportBlanksLost',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 203405, to: 203405 }],
        minutesRef: 'BB-1',
        policeUnit: 'CA',
        policeNotifiedAt: '2024-08-11T09:00',
        circumstances: 'Mất',
        lostOn: '2024-08-11',
      })
      .thenRefusedWith('BLANKS_HELD_BY_PRINT_RUN', { field: 'ranges' });
  });

  it('issue 12: to an authority that neither received the lot nor holds any of its blanks, the lot does not exist', () => {
    given(blankLotDecider, [received])
      .when({
        type: 'SpoilBlanks',
        authorityCode: 'SGD-QN',
        ranges: [{ from: 203410, to: 203410 }],
        reason: 'damaged',
        note: 'Rách',
        spoiledOn: '2024-08-11',
      })
      .thenRefusedWith('LOT_NOT_FOUND');
  });
});
