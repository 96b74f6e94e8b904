import { given } from '../testing/given-when-then';
import type { BlankLotEvent } from './blank';
import { blankLotDecider } from './blank-lot.decider';

/**
 * The blank lot (§2.2, rules 9–18) from literal histories, one act per test: allocation, reservation,
 * release, printing, spoiling, destruction, loss and return of blanks. The test context acts on 22/11/2026.
 */
const received: BlankLotEvent = {
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
    damaged: [{ from: 203420, to: 203420 }],
  },
};
const allocated: BlankLotEvent = {
  type: 'BlanksAllocated',
  data: {
    ranges: [{ from: 203401, to: 203405 }],
    fromAuthority: 'SGD-HP',
    toAuthority: 'PGD-TN',
    handover: { number: 'BBGN-07', date: '2024-06-01' },
    allocatedOn: '2024-06-01',
    quantity: 5,
  },
};
const reserved: BlankLotEvent = {
  type: 'BlanksReserved',
  data: { ranges: [{ from: 203416, to: 203419 }], authorityCode: 'SGD-HP', printRunId: 'run-1', reservedOn: '2024-08-10', quantity: 4 },
};
const bound: BlankLotEvent = {
  type: 'BlanksBound',
  data: { authorityCode: 'SGD-HP', printRunId: 'run-1', boundOn: '2024-08-12', bindings: [{ serial: 203416, diplomaId: 'dip-1' }] },
};
const lost: BlankLotEvent = {
  type: 'BlanksLost',
  data: {
    ranges: [{ from: 203410, to: 203410 }],
    authorityCode: 'SGD-HP',
    minutesRef: 'BB-MAT-01',
    policeUnit: 'Công an phường Lạch Tray',
    policeNotifiedAt: '2024-09-02T03:00:00Z',
    circumstances: 'Mất khi chuyển kho',
    lostOn: '2024-09-01',
    quantity: 1,
  },
};
const council = [
  { fullName: 'Phạm Văn Cường', title: 'Phó Giám đốc', role: 'Chủ tịch hội đồng' },
  { fullName: 'Nguyễn Thị Lan', title: 'Chuyên viên', role: 'Thư ký' },
  { fullName: 'Đỗ Văn Minh', title: 'Kế toán', role: 'Thành viên' },
];
const destroy = (from: number, to: number) => ({
  type: 'DestroyBlanks' as const,
  authorityCode: 'SGD-HP',
  ranges: [{ from, to }],
  councilDecision: { number: '88/QĐ-SGDĐT', date: '2024-09-01' },
  members: council,
  method: 'Cắt hủy',
  place: 'Sở GDĐT Hải Phòng',
  minutesRef: 'BB-HUY-01',
  destroyedOn: '2024-09-05',
});

describe('blank lot decider (§2.2, rules 9–18)', () => {
  it('rule 9: a lot is received once', () => {
    given(blankLotDecider, [received])
      .when({
        type: 'ReceiveBlankLot',
        lotId: 'HP-2024-THPT-1',
        authorityCode: 'SGD-HP',
        kind: 'THPT',
        templateVersion: 'TT21-2019',
        prefix: 'HP',
        width: 7,
        from: 203401,
        to: 203420,
        supplier: 'Nhà in Bộ GDĐT',
        deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
        receivedBy: 'Nguyễn Thị Lan',
        receivedOn: '2024-05-20',
      })
      .thenRefusedWith('LOT_ALREADY_RECEIVED');
  });

  it('rule 17: blanks in stock are allocated to a Phòng with the hand-over minutes', () => {
    given(blankLotDecider, [received])
      .when({
        type: 'AllocateBlanks',
        authorityCode: 'SGD-HP',
        toAuthority: 'PGD-TN',
        ranges: [{ from: 203401, to: 203405 }],
        handover: { number: 'BBGN-07', date: '2024-06-01' },
        allocatedOn: '2024-06-01',
      })
      .then([allocated]);
  });

  it('rule 17: blanks already handed to the Phòng cannot be allocated again by the Sở', () => {
    given(blankLotDecider, [received, allocated])
      .when({
        type: 'AllocateBlanks',
        authorityCode: 'SGD-HP',
        toAuthority: 'PGD-AD',
        ranges: [{ from: 203405, to: 203406 }],
        handover: { number: 'BBGN-08', date: '2024-06-02' },
        allocatedOn: '2024-06-02',
      })
      .thenRefusedWith('ALLOCATION_EXCEEDS_STOCK', { rule: 17 });
  });

  it('rule 17: the Phòng prints only on blanks it holds; the Sở’s own stock is not its to reserve', () => {
    given(blankLotDecider, [received, allocated])
      .when({
        type: 'ReserveBlanks',
        authorityCode: 'PGD-TN',
        printRunId: 'run-tn',
        ranges: [{ from: 203410, to: 203411 }],
        reservedOn: '2024-08-10',
      })
      .thenRefusedWith('BLANKS_NOT_HELD', { kind: 'forbidden' });
  });

  it('issue 12: to an authority that never held a blank of the lot, the lot does not exist', () => {
    given(blankLotDecider, [received])
      .when({ type: 'ReserveBlanks', authorityCode: 'SGD-QN', printRunId: 'run-qn', count: 1, reservedOn: '2024-08-10' })
      .thenRefusedWith('LOT_NOT_FOUND', { kind: 'not_found' });
  });

  it('a run releases only the blanks it reserved', () => {
    given(blankLotDecider, [received, reserved])
      .when({
        type: 'ReleaseBlanks',
        authorityCode: 'SGD-HP',
        printRunId: 'run-2',
        ranges: [{ from: 203419, to: 203419 }],
        releasedOn: '2024-08-15',
      })
      .thenRefusedWith('BLANKS_NOT_RESERVED_BY_RUN');
  });

  it('a closing run releases its unused spare blank back into stock', () => {
    given(blankLotDecider, [received, reserved, bound])
      .when({
        type: 'ReleaseBlanks',
        authorityCode: 'SGD-HP',
        printRunId: 'run-1',
        ranges: [{ from: 203419, to: 203419 }],
        releasedOn: '2024-08-15',
      })
      .then([
        {
          type: 'BlanksReleased',
          data: {
            ranges: [{ from: 203419, to: 203419 }],
            authorityCode: 'SGD-HP',
            printRunId: 'run-1',
            releasedOn: '2024-08-15',
            quantity: 1,
          },
        },
      ]);
  });

  it('rule 16: a run prints only on the blanks it reserved', () => {
    given(blankLotDecider, [received, reserved])
      .when({
        type: 'BindBlanks',
        authorityCode: 'SGD-HP',
        printRunId: 'run-1',
        boundOn: '2024-08-12',
        bindings: [{ serial: 203412, diplomaId: 'dip-9' }],
      })
      .thenRefusedWith('BLANKS_NOT_RESERVED_BY_RUN');
  });

  it('rule 18: printing on a lost blank is not bound but recorded as a reuse attempt, for the fraud audit', () => {
    given(blankLotDecider, [received, reserved, lost])
      .when({
        type: 'BindBlanks',
        authorityCode: 'SGD-HP',
        printRunId: 'run-1',
        boundOn: '2024-09-10',
        bindings: [{ serial: 203410, diplomaId: 'dip-9' }],
      })
      .then([
        {
          type: 'BlankReuseAttempted',
          data: { serials: [{ serial: 203410, status: 'lost' }], authorityCode: 'SGD-HP', printRunId: 'run-1', attemptedOn: '2024-09-10' },
        },
      ]);
  });

  it('rule 12: a printed diploma is spoiled only as a misprint or a signed diploma written wrongly, not as "damaged"', () => {
    given(blankLotDecider, [received, reserved, bound])
      .when({
        type: 'SpoilBlanks',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 203416, to: 203416 }],
        reason: 'damaged',
        note: 'Rách',
        spoiledOn: '2024-08-13',
      })
      .thenRefusedWith('BLANKS_CANNOT_BE_SPOILED');
  });

  it('rule 12: the council destroys only spoiled blanks', () => {
    given(blankLotDecider, [received]).when(destroy(203419, 203420)).thenRefusedWith('BLANKS_NOT_SPOILED');
  });

  it('rule 12: a blank damaged at receipt is destroyed by a council of three, with its minutes', () => {
    given(blankLotDecider, [received])
      .when(destroy(203420, 203420))
      .then([
        {
          type: 'BlanksDestroyed',
          data: {
            ranges: [{ from: 203420, to: 203420 }],
            authorityCode: 'SGD-HP',
            councilDecision: { number: '88/QĐ-SGDĐT', date: '2024-09-01' },
            members: council,
            method: 'Cắt hủy',
            place: 'Sở GDĐT Hải Phòng',
            minutesRef: 'BB-HUY-01',
            destroyedOn: '2024-09-05',
            quantity: 1,
          },
        },
      ]);
  });

  it('rule 12: a council of two is refused', () => {
    given(blankLotDecider, [received])
      .when({ ...destroy(203420, 203420), members: council.slice(0, 2) })
      .thenRefusedWith('INVALID_INPUT');
  });

  it('rule 13: a lost blank is reported with the minutes and the police unit told', () => {
    given(blankLotDecider, [received])
      .when({
        type: 'ReportBlanksLost',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 203410, to: 203410 }],
        minutesRef: 'BB-MAT-01',
        policeUnit: 'Công an phường Lạch Tray',
        policeNotifiedAt: '2024-09-02T03:00:00Z',
        circumstances: 'Mất khi chuyển kho',
        lostOn: '2024-09-01',
      })
      .then([lost]);
  });

  it('rule 18: a blank already lost cannot be returned to the supplier', () => {
    given(blankLotDecider, [received, lost])
      .when({
        type: 'ReturnBlanks',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 203410, to: 203411 }],
        document: { number: 'BB-TRA-01', date: '2024-10-01' },
        returnedOn: '2024-10-01',
      })
      .thenRefusedWith('BLANKS_NOT_IN_STOCK');
  });

  it('rule 16: blanks in stock are returned to the supplier with the return document', () => {
    given(blankLotDecider, [received])
      .when({
        type: 'ReturnBlanks',
        authorityCode: 'SGD-HP',
        ranges: [{ from: 203411, to: 203412 }],
        document: { number: 'BB-TRA-01', date: '2024-10-01' },
        returnedOn: '2024-10-01',
      })
      .then([
        {
          type: 'BlanksReturned',
          data: {
            ranges: [{ from: 203411, to: 203412 }],
            authorityCode: 'SGD-HP',
            document: { number: 'BB-TRA-01', date: '2024-10-01' },
            returnedOn: '2024-10-01',
            quantity: 2,
          },
        },
      ]);
  });
});
