import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  blankLotDecider,
  blankLotStream,
  DomainError,
  foldEvents,
  type BlankLotCommand,
  type BlankLotEvent,
  type CommandContext,
} from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { receiveBlankLot } from './receive-blank-lot';

const context = (authorityCode = 'SGD-HP'): CommandContext => {
  const commandId = randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { officerId: 'cb-1', role: 'registrar', authorityCode },
    occurredAt: '2024-12-31T03:00:00.000Z',
  };
};

const receipt = (
  overrides: Partial<Extract<BlankLotCommand, { type: 'ReceiveBlankLot' }>> = {},
): Extract<BlankLotCommand, { type: 'ReceiveBlankLot' }> => ({
  type: 'ReceiveBlankLot',
  lotId: 'HP-2024-1',
  authorityCode: 'SGD-HP',
  kind: 'THPT',
  templateVersion: 'TT21-2019',
  prefix: 'HP',
  width: 7,
  from: 200001,
  to: 212000,
  supplier: 'Nhà in Bộ GDĐT',
  deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
  receivedBy: 'Nguyễn Thị Lan',
  receivedOn: '2024-05-20',
  ...overrides,
});

const board = { number: '45/QĐ-SGDĐT', date: '2024-12-01' };
const members = [
  { fullName: 'Nguyễn Văn An', title: 'Giám đốc', role: 'Chủ tịch hội đồng' },
  { fullName: 'Trần Thị Bình', title: 'Trưởng phòng KT', role: 'Thành viên' },
  { fullName: 'Lê Văn Cường', title: 'Thanh tra', role: 'Thư ký' },
];

describe('Blank stock (rules 9, 11, 12, 13, 16–18)', () => {
  let dir: { path: string; remove(): void };
  let store: SqliteEventStore;
  const lot = blankLotStream('HP-2024-1');

  async function count(): Promise<number> {
    const head = await store.headPosition();
    return head ? Number(head.commit) : 0;
  }
  async function act(command: BlankLotCommand, authorityCode = command.authorityCode) {
    return handleCommand(store, blankLotDecider, { stream: lot, command, context: context(authorityCode) });
  }
  async function expectRefused(run: () => Promise<unknown>, code: string): Promise<void> {
    const before = await count();
    const error = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect(await count()).toBe(before);
  }
  async function state() {
    return foldEvents(
      blankLotDecider,
      (await store.readStream(lot)).events.map((e) => ({ type: e.type, data: e.data }) as BlankLotEvent),
    );
  }

  beforeEach(async () => {
    dir = makeTempDir('blanks');
    store = new SqliteEventStore({ file: join(dir.path, 'events.sqlite') });
    await receiveBlankLot(store, receipt({ missing: [{ from: 211981, to: 212000 }] }), context());
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('records a receipt with its shortfall: the 20 missing serials are never in stock', async () => {
    const current = await state();
    expect(current.status === 'received' && current.segments.map((s) => [s.from, s.to, s.status])).toEqual([
      [200001, 211980, 'in_stock'],
      [211981, 212000, 'missing'],
    ]);
  });

  it('refuses a range that overlaps one already received anywhere, naming that lot', async () => {
    const attempt = () => receiveBlankLot(store, receipt({ lotId: 'HP-2024-2', from: 211990, to: 220000 }), context());
    await expectRefused(attempt, 'BLANK_RANGE_OVERLAPS');
    await attempt().catch((e: DomainError) => expect(e.problem.messageVi).toContain('HP-2024-1'));
    await receiveBlankLot(store, receipt({ lotId: 'HP-2024-2', from: 212001, to: 220000 }), context());
  });

  it.each([
    ['RANGE_REVERSED', { lotId: 'X-1', from: 300010, to: 300001 }],
    ['WIDTH_OVERFLOW', { lotId: 'X-2', prefix: 'QN', from: 9999990, to: 10000010 }],
    ['PREFIX_WIDTH_MISMATCH', { lotId: 'X-3', width: 8, from: 90000001, to: 90000010 }],
    ['INVALID_INPUT', { lotId: 'X-4', prefix: 'hp', from: 900001, to: 900010 }],
  ] as const)('refuses a receipt with %s and records nothing', async (code, overrides) => {
    const attempt = () => receiveBlankLot(store, receipt(overrides), context());
    const error = (await attempt().then(
      () => undefined,
      (e: unknown) => e,
    )) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    const codes = [error.code, ...(error.problem.fieldProblems?.map((p) => p.code) ?? [])];
    expect(codes).toContain(code);
    await expectRefused(attempt, error.code);
  });

  it('allocates a sub-range down the hierarchy, and refuses to hand out more than is held', async () => {
    await act({
      type: 'AllocateBlanks',
      authorityCode: 'SGD-HP',
      toAuthority: 'PGD-TN',
      ranges: [{ from: 200001, to: 202500 }],
      handover: { number: 'BB-01', date: '2024-06-01' },
      allocatedOn: '2024-06-01',
    });
    await expectRefused(
      () =>
        act({
          type: 'AllocateBlanks',
          authorityCode: 'PGD-TN',
          toAuthority: 'THCS-CVA',
          ranges: [{ from: 202000, to: 202600 }],
          handover: { number: 'BB-02', date: '2024-06-02' },
          allocatedOn: '2024-06-02',
        }),
      'ALLOCATION_EXCEEDS_STOCK',
    );
    await expectRefused(
      () =>
        act({
          type: 'ReserveBlanks',
          authorityCode: 'PGD-AD',
          printRunId: 'run-1',
          ranges: [{ from: 200001, to: 200010 }],
          reservedOn: '2024-06-03',
        }),
      // Issue 12: an office holding none of the lot's blanks is told the lot does not exist for it.
      'LOT_NOT_FOUND',
    );
  });

  it('destroys only spoiled blanks, and never lets a destroyed, lost or returned serial be bound again (rule 18)', async () => {
    await expectRefused(
      () =>
        act({
          type: 'DestroyBlanks',
          authorityCode: 'SGD-HP',
          ranges: [{ from: 203417, to: 203417 }],
          councilDecision: board,
          members,
          method: 'Nghiền',
          place: 'Trụ sở Sở',
          minutesRef: 'BB-HUY-01',
          destroyedOn: '2024-12-10',
        }),
      'BLANKS_NOT_SPOILED',
    );
    await act({
      type: 'ReserveBlanks',
      authorityCode: 'SGD-HP',
      printRunId: 'run-1',
      ranges: [{ from: 203401, to: 203500 }],
      reservedOn: '2024-08-01',
    });
    await act({
      type: 'SpoilBlanks',
      authorityCode: 'SGD-HP',
      ranges: [{ from: 203417, to: 203417 }],
      reason: 'misprint',
      note: 'Kẹt giấy',
      spoiledOn: '2024-08-02',
    });
    await act({
      type: 'DestroyBlanks',
      authorityCode: 'SGD-HP',
      ranges: [{ from: 203417, to: 203417 }],
      councilDecision: board,
      members,
      method: 'Nghiền',
      place: 'Trụ sở Sở',
      minutesRef: 'BB-HUY-01',
      destroyedOn: '2024-12-10',
    });

    const before = await count();
    const outcome = await act({
      type: 'BindBlanks',
      authorityCode: 'SGD-HP',
      printRunId: 'run-1',
      bindings: [{ serial: 203417, diplomaId: 'd-1' }],
      boundOn: '2024-12-11',
    });
    expect(outcome.events.map((e) => e.type)).toEqual(['BlankReuseAttempted']);
    expect(await count()).toBe(before + 1);
    const current = await state();
    expect(current.status === 'received' && current.diplomaBySerial.has(203417)).toBe(false);
  });

  it('refuses to report lost a serial already bound to a diploma', async () => {
    await act({
      type: 'ReserveBlanks',
      authorityCode: 'SGD-HP',
      printRunId: 'run-2',
      ranges: [{ from: 205001, to: 205002 }],
      reservedOn: '2024-08-01',
    });
    await act({
      type: 'BindBlanks',
      authorityCode: 'SGD-HP',
      printRunId: 'run-2',
      bindings: [{ serial: 205001, diplomaId: 'd-9' }],
      boundOn: '2024-08-02',
    });
    await expectRefused(
      () =>
        act({
          type: 'ReportBlanksLost',
          authorityCode: 'SGD-HP',
          ranges: [{ from: 205001, to: 205001 }],
          minutesRef: 'BB-MAT-1',
          policeUnit: 'Công an phường Lê Chân',
          policeNotifiedAt: '2024-08-03T09:00:00+07:00',
          circumstances: 'Thất lạc khi vận chuyển',
          lostOn: '2024-08-03',
        }),
      'BLANKS_CANNOT_BE_LOST',
    );
  });

  it('lets 20 print runs race for overlapping ranges: every serial is reserved at most once', async () => {
    const attempts = Array.from({ length: 20 }, (_, i) => ({ from: 206001 + i * 50, to: 206100 + i * 50 }));
    const results = await Promise.allSettled(
      attempts.map((range, i) =>
        act({ type: 'ReserveBlanks', authorityCode: 'SGD-HP', printRunId: `race-${i}`, ranges: [range], reservedOn: '2024-08-01' }),
      ),
    );
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [attempts[i]!] : []));
    for (const loser of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected'))
      expect((loser.reason as DomainError).code).toBe('BLANKS_NOT_AVAILABLE');
    const reservedSerials = winners.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, k) => r.from + k));
    expect(new Set(reservedSerials).size).toBe(reservedSerials.length);
    expect(winners.length).toBeGreaterThanOrEqual(10);

    const current = await state();
    const reservedInState =
      current.status === 'received'
        ? current.segments.filter((s) => s.status === 'reserved').reduce((n, s) => n + s.to - s.from + 1, 0)
        : 0;
    expect(reservedInState).toBe(reservedSerials.length);
  });
});
