import type { BlankLotEvent } from '@so-goc/domain';
import { issuance2024, LOT_STREAM, onStream } from '../testing/literal-province';
import { givenEvents } from '../testing/projection-spec';
import { blankLedgerProjection } from './blank-ledger.projection';
import { blankLedger, blankReconciliation, blankSerialStatus, blankStockNow, destructionMinutes } from './blank-ledger.queries';

/** Sổ quản lý phôi (§4.4, rules 11–18), from a literal issuance: 20 blanks received, 4 reserved, 3 printed. */
const after = (...events: BlankLotEvent[]) => [...issuance2024(), ...onStream(LOT_STREAM, events, 3)];

const spoiledSpare: BlankLotEvent = {
  type: 'BlanksSpoiled',
  data: {
    ranges: [{ from: 203419, to: 203419 }],
    authorityCode: 'SGD-HP',
    reason: 'damaged',
    note: 'Rách khi in thử',
    spoiledOn: '2024-08-13',
    quantity: 1,
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

describe('blank ledger projection (sổ quản lý phôi, §4.4)', () => {
  it('rule 11: given a receipt and a print run, the ledger shows each movement with its document and the running balance', () => {
    const { db } = givenEvents(blankLedgerProjection, issuance2024());
    expect(blankLedger(db, 'SGD-HP').map((r) => [r.date, r.movement, r.document, r.range, r.quantity, r.balanceAfter])).toEqual([
      ['2024-05-20', 'receipt', 'PGH-0524', 'HP 0203401–HP 0203420', 20, 20],
      ['2024-08-12', 'bound', 'run-ngo-quyen', 'HP 0203416–HP 0203418', 3, 17],
    ]);
    expect(blankStockNow(db, 'SGD-HP', 'THPT')).toMatchObject({ inStock: 16, reserved: 1, spoiledAwaitingDestruction: 0, total: 17 });
  });

  it('rule 11: every serial answers where it is and what happened to it', () => {
    const { db } = givenEvents(blankLedgerProjection, issuance2024());
    expect(blankSerialStatus(db, 'HP', 203417)).toMatchObject({
      status: 'bound',
      holder: 'SGD-HP',
      printRunId: 'run-ngo-quyen',
      reuseAttempts: [],
    });
    expect(blankSerialStatus(db, 'HP', 203419)).toMatchObject({ status: 'reserved', printRunId: 'run-ngo-quyen' });
    expect(blankSerialStatus(db, 'HP', 203499)).toBeUndefined();
  });

  it('rules 16, 17: when blanks are allocated to a Phòng, they leave one ledger and enter the other, and each balances', () => {
    const { db } = givenEvents(blankLedgerProjection, after(allocated));
    expect(blankLedger(db, 'PGD-TN').map((r) => [r.movement, r.counterpart, r.quantity, r.balanceAfter])).toEqual([
      ['allocation_in', 'SGD-HP', 5, 5],
    ]);
    expect(blankLedger(db, 'SGD-HP').at(-1)).toMatchObject({ movement: 'allocation_out', counterpart: 'PGD-TN', balanceAfter: 12 });
    const reconciliation = blankReconciliation(db, 'SGD-HP', 'THPT', '2024-01-01', '2024-12-31', '2024-12-31');
    expect(reconciliation).toMatchObject({ received: 20, allocatedOut: 5, issued: 3, closing: 12, balanced: true, breaks: [] });
  });

  it('rule 12: when a spoiled blank is destroyed by the council, the minutes list it with its reason and the stock drops', () => {
    const destroyed: BlankLotEvent = {
      type: 'BlanksDestroyed',
      data: {
        ranges: [{ from: 203419, to: 203419 }],
        authorityCode: 'SGD-HP',
        councilDecision: { number: '88/QĐ-SGDĐT', date: '2024-09-01' },
        members: [{ fullName: 'Phạm Văn Cường', title: 'Phó Giám đốc', role: 'chair' }],
        method: 'Cắt hủy',
        place: 'Sở GDĐT Hải Phòng',
        minutesRef: 'BB-HUY-01',
        destroyedOn: '2024-09-05',
        quantity: 1,
      },
    };
    const { db } = givenEvents(blankLedgerProjection, after(spoiledSpare, destroyed));
    expect(destructionMinutes(db, 'SGD-HP', 'BB-HUY-01')).toMatchObject({ items: [{ stateBefore: 'spoiled', reason: 'damaged' }] });
    expect(blankStockNow(db, 'SGD-HP', 'THPT')).toMatchObject({ inStock: 16, reserved: 0, spoiledAwaitingDestruction: 0 });
  });

  it('rule 13: when blanks are reported lost, the ledger names the police unit and the circumstances', () => {
    const lost: BlankLotEvent = {
      type: 'BlanksLost',
      data: {
        ranges: [{ from: 203410, to: 203411 }],
        authorityCode: 'SGD-HP',
        minutesRef: 'BB-MAT-01',
        policeUnit: 'Công an phường Lạch Tray',
        policeNotifiedAt: '2024-09-02T03:00:00Z',
        circumstances: 'Mất khi chuyển kho',
        lostOn: '2024-09-01',
        quantity: 2,
      },
    };
    const { db } = givenEvents(blankLedgerProjection, after(lost));
    expect(blankLedger(db, 'SGD-HP').at(-1)).toMatchObject({
      movement: 'lost',
      document: 'BB-MAT-01',
      counterpart: 'Công an phường Lạch Tray',
      note: 'Mất khi chuyển kho',
      balanceAfter: 15,
    });
    expect(blankSerialStatus(db, 'HP', 203411)?.status).toBe('lost');
  });

  it('rule 18: when someone tries to print again on a blank already bound, the serial shows the attempt (a fraud signal)', () => {
    const attempt: BlankLotEvent = {
      type: 'BlankReuseAttempted',
      data: { serials: [{ serial: 203416, status: 'bound' }], authorityCode: 'SGD-HP', printRunId: 'run-khac', attemptedOn: '2024-10-01' },
    };
    const { db } = givenEvents(blankLedgerProjection, after(attempt));
    expect(blankSerialStatus(db, 'HP', 203416)?.reuseAttempts).toEqual([
      { attemptedOn: '2024-10-01', authorityCode: 'SGD-HP', printRunId: 'run-khac', statusAtAttempt: 'bound' },
    ]);
  });

  it('when the same batch is delivered again after its checkpoint, nothing changes', () => {
    expect(givenEvents(blankLedgerProjection, after(spoiledSpare, allocated)).replayChangesNothing()).toBe(true);
  });
});
