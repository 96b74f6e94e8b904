import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { blankLotDecider, blankLotStream, type BlankLotCommand, type CommandContext } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { receiveBlankLot } from '@so-goc/platform';
import {
  blankLedger,
  blankLedgerProjection,
  blankReconciliation,
  blankSerialStatus,
  destructionMinutes,
  hashTables,
  openReadModelDatabase,
  ProjectionRunner,
} from '@so-goc/projections';

const ctx = (): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'cb', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2024-12-31T01:00:00.000Z',
  };
};
const quiet = { log: () => undefined, error: (m: string) => console.error(m) };
const members = [
  { fullName: 'Nguyễn Văn An', title: 'Giám đốc', role: 'Chủ tịch' },
  { fullName: 'Trần Thị Bình', title: 'Kế toán', role: 'Thành viên' },
  { fullName: 'Lê Văn Cường', title: 'Thanh tra', role: 'Thư ký' },
];

describe('Blank ledger (sổ quản lý phôi, §4.4) and reconciliation (rule 16)', () => {
  it('follows scenario 1: receipts with a shortfall, a handover, a misprint, binding and destruction balance to zero unexplained blanks', async () => {
    const dir = makeTempDir('ledger');
    const store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    const lot = (id: string) => (command: BlankLotCommand) =>
      handleCommand(store, blankLotDecider, { stream: blankLotStream(id), command, context: ctx() });
    const base = {
      authorityCode: 'SGD-HP',
      kind: 'THPT',
      templateVersion: 'TT21',
      prefix: 'HP',
      width: 7,
      supplier: 'Nhà in Bộ GDĐT',
      receivedBy: 'Nguyễn Thị Lan',
      receivedOn: '2024-05-20',
    } as const;
    await receiveBlankLot(
      store,
      { type: 'ReceiveBlankLot', lotId: 'L1', from: 200001, to: 212000, deliveryNote: { number: 'PGH-1', date: '2024-05-20' }, ...base },
      ctx(),
    );
    await receiveBlankLot(
      store,
      {
        type: 'ReceiveBlankLot',
        lotId: 'L2',
        from: 212001,
        to: 220000,
        deliveryNote: { number: 'PGH-2', date: '2024-05-20' },
        missing: [{ from: 219981, to: 220000 }],
        ...base,
      },
      ctx(),
    );
    await lot('L1')({
      type: 'AllocateBlanks',
      authorityCode: 'SGD-HP',
      toAuthority: 'PGD-TN',
      ranges: [{ from: 200001, to: 202500 }],
      handover: { number: 'BB-GN-01', date: '2024-06-01' },
      allocatedOn: '2024-06-01',
    });
    await lot('L1')({
      type: 'ReserveBlanks',
      authorityCode: 'SGD-HP',
      printRunId: 'run-a',
      ranges: [{ from: 203401, to: 203420 }],
      reservedOn: '2024-08-05',
    });
    await lot('L1')({
      type: 'SpoilBlanks',
      authorityCode: 'SGD-HP',
      ranges: [{ from: 203417, to: 203417 }],
      reason: 'misprint',
      note: 'Kẹt giấy',
      spoiledOn: '2024-08-05',
    });
    const bindings = [...Array.from({ length: 16 }, (_, i) => 203401 + i), 203418, 203419].map((serial) => ({
      serial,
      diplomaId: `d-${serial}`,
    }));
    await lot('L1')({ type: 'BindBlanks', authorityCode: 'SGD-HP', printRunId: 'run-a', bindings, boundOn: '2024-08-06' });
    await lot('L1')({
      type: 'ReleaseBlanks',
      authorityCode: 'SGD-HP',
      printRunId: 'run-a',
      ranges: [{ from: 203420, to: 203420 }],
      releasedOn: '2024-08-06',
    });
    await lot('L1')({
      type: 'DestroyBlanks',
      authorityCode: 'SGD-HP',
      ranges: [{ from: 203417, to: 203417 }],
      councilDecision: { number: '45/QĐ-SGDĐT', date: '2024-12-01' },
      members,
      method: 'Nghiền',
      place: 'Sở GDĐT',
      minutesRef: 'BB-HUY-2024',
      destroyedOn: '2024-12-10',
    });
    await lot('L2')({
      type: 'ReportBlanksLost',
      authorityCode: 'SGD-HP',
      ranges: [{ from: 215000, to: 215001 }],
      minutesRef: 'BB-MAT-1',
      policeUnit: 'Công an quận Lê Chân',
      policeNotifiedAt: '2024-09-02T08:30:00+07:00',
      circumstances: 'Mất khi chuyển kho',
      lostOn: '2024-09-01',
    });

    const db = openReadModelDatabase(join(dir.path, 'read.sqlite'));
    const runner = new ProjectionRunner(store, db, [blankLedgerProjection], { logger: quiet });
    runner.start();
    await runner.waitUntilCaughtUp((await store.headPosition())!);

    const year = blankReconciliation(db, 'SGD-HP', 'THPT', '2024-01-01', '2024-12-31', '2024-12-31');
    expect(year).toMatchObject({
      opening: 0,
      received: 19980,
      allocatedOut: 2500,
      issued: 18,
      destroyed: 1,
      lost: 2,
      returned: 0,
      closing: 17459,
      balanced: true,
      breaks: [],
    });
    expect(year.onHandBySerial).toEqual({ inStock: 17459, reserved: 0, spoiledAwaitingDestruction: 0, total: 17459 });
    expect(blankReconciliation(db, 'PGD-TN', 'THPT', '2024-01-01', '2024-12-31', '2024-12-31')).toMatchObject({
      allocatedIn: 2500,
      closing: 2500,
      balanced: true,
    });

    // Issue 17 / rule 16: a period that ended in the past is counted serial by serial as of its last day,
    // from the dated history above, and reconciles with the ledger's closing balance of that day.
    const asOf = (authority: string, day: string) => {
      const r = blankReconciliation(db, authority, 'THPT', '2024-01-01', day, '2026-12-05');
      expect({ day, closing: r.closing, balanced: r.balanced, breaks: r.breaks }).toEqual({
        day,
        closing: r.onHandBySerial!.total,
        balanced: true,
        breaks: [],
      });
      return r.onHandBySerial;
    };
    expect(asOf('SGD-HP', '2024-05-19')).toEqual({ inStock: 0, reserved: 0, spoiledAwaitingDestruction: 0, total: 0 });
    // Received 12,000 + 7,980 (20 short), 2,500 handed to the Phòng on 01/06.
    expect(asOf('SGD-HP', '2024-05-31')).toEqual({ inStock: 19980, reserved: 0, spoiledAwaitingDestruction: 0, total: 19980 });
    expect(asOf('PGD-TN', '2024-05-31')).toEqual({ inStock: 0, reserved: 0, spoiledAwaitingDestruction: 0, total: 0 });
    expect(asOf('PGD-TN', '2024-06-01')).toEqual({ inStock: 2500, reserved: 0, spoiledAwaitingDestruction: 0, total: 2500 });
    // 05/08: 20 reserved for run-a, one of them jammed and spoiled.
    expect(asOf('SGD-HP', '2024-08-05')).toEqual({ inStock: 17460, reserved: 19, spoiledAwaitingDestruction: 1, total: 17480 });
    // 06/08: 18 printed on, the last reserved one released.
    expect(asOf('SGD-HP', '2024-08-06')).toEqual({ inStock: 17461, reserved: 0, spoiledAwaitingDestruction: 1, total: 17462 });
    // 01/09: two lost; 10/12: the spoiled one destroyed by the council.
    expect(asOf('SGD-HP', '2024-09-01')).toEqual({ inStock: 17459, reserved: 0, spoiledAwaitingDestruction: 1, total: 17460 });
    expect(asOf('SGD-HP', '2024-12-09')).toEqual({ inStock: 17459, reserved: 0, spoiledAwaitingDestruction: 1, total: 17460 });
    expect(asOf('SGD-HP', '2024-12-10')).toEqual(year.onHandBySerial);

    const ledger = blankLedger(db, 'SGD-HP', { kind: 'THPT' });
    expect(ledger.map((row) => row.movement)).toEqual([
      'receipt',
      'receipt',
      'allocation_out',
      'spoiled',
      'bound',
      'bound',
      'destroyed',
      'lost',
    ]);
    expect(ledger.at(-1)?.balanceAfter).toBe(17459);

    const jammed = blankSerialStatus(db, 'HP', 203417);
    expect(jammed).toMatchObject({ serial: 'HP 0203417', lotId: 'L1', status: 'destroyed', holder: 'SGD-HP' });
    expect(jammed?.history.map((row) => row.movement)).toEqual(['receipt', 'spoiled', 'destroyed']);
    expect(blankSerialStatus(db, 'HP', 219990)?.status).toBe('missing');
    expect(destructionMinutes(db, 'SGD-HP', 'BB-HUY-2024')).toMatchObject({
      councilDecision: { number: '45/QĐ-SGDĐT' },
      members: members,
      items: [{ lotId: 'L1', range: 'HP 0203417', quantity: 1, stateBefore: 'spoiled', reason: 'misprint', kind: 'THPT' }],
    });
    expect(blankSerialStatus(db, 'HP', 999999)).toBeUndefined();

    const live = hashTables(db, blankLedgerProjection.tables);
    await runner.rebuild('blank-ledger');
    await runner.waitUntilCaughtUp((await store.headPosition())!);
    expect(hashTables(db, blankLedgerProjection.tables)).toBe(live);
    await runner.stop();
    db.close();
    await store.close();
    dir.remove();
  });
});
