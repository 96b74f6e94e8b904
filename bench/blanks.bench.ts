/**
 * `npm run bench:blanks`: a province's year of blanks at scale. Receives 100 lots of 10,000 blanks,
 * hands half of them down to 30 offices (5 handovers of 1,000 per lot), brings the blank ledger up to
 * date, and reconciles the Sở and every office. Everything goes through the real command path
 * (handleCommand on the SQLite adapter at its default synchronous=FULL) and the real projector.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { blankLotDecider, blankLotStream, type CommandContext } from '@so-goc/domain';
import { handleCommand, SqliteEventStore } from '@so-goc/event-store';
import { blankLedgerProjection, blankReconciliation, openReadModelDatabase, ProjectionRunner } from '@so-goc/projections';
import { receiveBlankLot } from '@so-goc/platform';

const LOTS = 100;
const LOT_SIZE = 10_000;
const OFFICES = 30;
const HANDOVERS_PER_LOT = 5;
const HANDOVER_SIZE = LOT_SIZE / 2 / HANDOVERS_PER_LOT;

const context = (): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'bench', role: 'registrar', authorityCode: 'SGD-BENCH' },
    occurredAt: '2024-06-01T02:00:00.000Z',
  };
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-blanks-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  try {
    let started = performance.now();
    for (let lot = 0; lot < LOTS; lot += 1) {
      await receiveBlankLot(
        store,
        {
          type: 'ReceiveBlankLot',
          lotId: `BK-${lot}`,
          authorityCode: 'SGD-BENCH',
          kind: 'THPT',
          templateVersion: 'TT21/2019',
          prefix: 'BK',
          width: 7,
          from: lot * LOT_SIZE + 1,
          to: (lot + 1) * LOT_SIZE,
          supplier: 'Nhà in Bộ GDĐT',
          deliveryNote: { number: `PGH-${lot}`, date: '2024-05-20' },
          receivedBy: 'Nguyễn Thị Lan',
          receivedOn: '2024-05-20',
        },
        context(),
      );
    }
    const receiveMs = performance.now() - started;

    started = performance.now();
    let handovers = 0;
    for (let lot = 0; lot < LOTS; lot += 1) {
      for (let part = 0; part < HANDOVERS_PER_LOT; part += 1) {
        const from = lot * LOT_SIZE + 1 + part * HANDOVER_SIZE;
        await handleCommand(store, blankLotDecider, {
          stream: blankLotStream(`BK-${lot}`),
          context: context(),
          command: {
            type: 'AllocateBlanks',
            authorityCode: 'SGD-BENCH',
            toAuthority: `OFFICE-${(lot * HANDOVERS_PER_LOT + part) % OFFICES}`,
            ranges: [{ from, to: from + HANDOVER_SIZE - 1 }],
            handover: { number: `BB-${lot}-${part}`, date: '2024-06-01' },
            allocatedOn: '2024-06-01',
          },
        });
        handovers += 1;
      }
    }
    const allocateMs = performance.now() - started;

    const db = openReadModelDatabase(join(dir, 'read-models.sqlite'));
    const runner = new ProjectionRunner(store, db, [blankLedgerProjection], {
      logger: { log: () => undefined, error: (m) => console.error(m) },
    });
    started = performance.now();
    runner.start();
    await runner.waitUntilCaughtUp((await store.headPosition())!, 600_000);
    const projectMs = performance.now() - started;
    await runner.stop();

    started = performance.now();
    const sở = blankReconciliation(db, 'SGD-BENCH', 'THPT', '2024-01-01', '2024-12-31', '2024-12-31');
    const offices = Array.from({ length: OFFICES }, (_, i) =>
      blankReconciliation(db, `OFFICE-${i}`, 'THPT', '2024-01-01', '2024-12-31', '2024-12-31'),
    );
    const reconcileMs = performance.now() - started;
    db.close();

    const allBalanced = sở.balanced && offices.every((o) => o.balanced);
    const officeTotal = offices.reduce((n, o) => n + o.closing, 0);
    const rows: [string, string, string][] = [
      [
        `receive ${LOTS} lots of ${LOT_SIZE.toLocaleString('en')} blanks`,
        `${(receiveMs / 1000).toFixed(2)} s`,
        `${((LOTS * 1000) / receiveMs).toFixed(0)} lots/s`,
      ],
      [
        `allocate half to ${OFFICES} offices (${handovers} handovers)`,
        `${(allocateMs / 1000).toFixed(2)} s`,
        `${((handovers * 1000) / allocateMs).toFixed(0)} handovers/s`,
      ],
      [
        'blank ledger projection catch-up',
        `${(projectMs / 1000).toFixed(2)} s`,
        `${(((LOTS * 2 + handovers) * 1000) / projectMs).toFixed(0)} events/s`,
      ],
      [`reconcile the Sở and ${OFFICES} offices`, `${reconcileMs.toFixed(1)} ms`, allBalanced ? 'all balanced' : 'NOT BALANCED'],
    ];
    console.log(`bench:blanks — Node ${process.version}, SQLite synchronous=FULL (adapter default)`);
    for (const [what, time, rate] of rows) console.log(`  ${what.padEnd(52)} ${time.padStart(10)}  ${rate}`);
    console.log(
      `  Sở closing balance ${sở.closing.toLocaleString('en')} (received ${sở.received.toLocaleString('en')}, allocated out ${sở.allocatedOut.toLocaleString('en')}); offices hold ${officeTotal.toLocaleString('en')}`,
    );
    console.log(
      `  events file ${(statSync(join(dir, 'events.sqlite')).size / 1e6).toFixed(1)} MB, peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
    if (!allBalanced) process.exitCode = 1;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
