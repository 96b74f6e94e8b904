/**
 * Replay through the real projections, for docs/scale.md: records COHORT graduates through the real
 * command path (import → print run → printing → signing, as bench:cohort does), then replays the
 * whole store from zero through ALL_PROJECTIONS into a fresh read-model file, REPEAT times, and
 * reports diplomas/s and events/s together with the store's shape (events, streams, bytes per event).
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/replay.bench.ts
 *   COHORT=40000 REPEAT=3 npx ts-node -r tsconfig-paths/register --transpile-only bench/replay.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { CommandContext } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import {
  authorityDirectoryCache,
  importGraduationDecision,
  openPrintRun,
  receiveBlankLot,
  recordPrinting,
  signPrintRun,
} from '@so-goc/platform';
import { ALL_PROJECTIONS, openReadModelDatabase, ProjectionRunner } from '@so-goc/projections';
import { loadDemoProvinceInto } from '../apps/cli/src/commands/demo-province';

const COHORT = Number(process.env.COHORT ?? 20_000);
const REPEAT = Number(process.env.REPEAT ?? 3);

const context = (): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'bench', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2024-08-15T02:00:00.000Z',
  };
};

async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow([
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'Nơi sinh',
    'Giới tính',
    'Dân tộc',
    'Số định danh cá nhân',
    'Trường',
    'Lớp',
    'Xếp loại',
    'Hình thức đào tạo',
  ]);
  for (let i = 0; i < COHORT; i += 1) {
    const born = new Date(Date.UTC(2006, (i * 5) % 12, 1 + (i % 28)));
    sheet.addRow([
      i + 1,
      `Nguyễn Thị Thuỷ ${i}`,
      born,
      'Hải Phòng',
      i % 2 ? 'Nữ' : 'Nam',
      'Kinh',
      31206000000 + i,
      `Trường THPT số ${1 + (i % 61)} Hải Phòng`,
      `12A${1 + (i % 9)}`,
      '',
      'Chính quy',
    ]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function record(store: SqliteEventStore): Promise<void> {
  await loadDemoProvinceInto(store);
  await receiveBlankLot(
    store,
    {
      type: 'ReceiveBlankLot',
      lotId: 'HP-THPT-2024',
      authorityCode: 'SGD-HP',
      kind: 'THPT',
      templateVersion: 'TT21-2019',
      prefix: 'HP',
      width: 7,
      from: 200001,
      to: 200000 + COHORT + 1000,
      supplier: 'Nhà in Bộ GDĐT',
      deliveryNote: { number: 'PGH-1', date: '2024-05-20' },
      receivedBy: 'Lan',
      receivedOn: '2024-05-20',
    },
    context(),
  );
  const bytes = await workbook();
  await importGraduationDecision(
    store,
    {
      decisionId: 'sgd-hp-1234-2024',
      authorityCode: 'SGD-HP',
      number: '1234/QĐ-SGDĐT',
      date: '2024-07-20',
      kind: 'THPT',
      schoolYear: '2023-2024',
      examSession: 'Kỳ thi tốt nghiệp THPT năm 2024',
      fileName: 'cohort.xlsx',
      bytes,
    },
    context(),
  );
  await openPrintRun(
    store,
    {
      printRunId: 'thpt-2024',
      authorityCode: 'SGD-HP',
      decisionId: 'sgd-hp-1234-2024',
      lotId: 'HP-THPT-2024',
      templateVersion: 'TT21-2019',
      openedOn: '2024-08-05',
      spareBlanks: 50,
    },
    context(),
  );
  await recordPrinting(store, { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', printedOn: '2024-08-06' }, context());
  const directory = await authorityDirectoryCache(store).current();
  await signPrintRun(
    store,
    directory,
    { printRunId: 'thpt-2024', authorityCode: 'SGD-HP', signerId: 'gd-sgd-hp', issueDate: '2024-08-14', issuePlace: 'Hải Phòng' },
    context(),
  );
}

interface Shape {
  events: number;
  streams: number;
  largestStream: [string, number];
  bytesPerEvent: number;
  largestEvent: [string, number];
  byType: [string, number, number][];
}

function shapeOf(file: string): Shape {
  const db = new Database(file, { readonly: true });
  const events = db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
  const streams = db.prepare('SELECT COUNT(DISTINCT stream) FROM events').pluck().get() as number;
  const largest = db.prepare('SELECT stream, COUNT(*) AS n FROM events GROUP BY stream ORDER BY n DESC LIMIT 1').raw().get() as [
    string,
    number,
  ];
  const bytes = db.prepare('SELECT AVG(LENGTH(CAST(data AS BLOB)) + LENGTH(CAST(metadata AS BLOB))) FROM events').pluck().get() as number;
  const biggest = db.prepare('SELECT type, LENGTH(CAST(data AS BLOB)) AS n FROM events ORDER BY n DESC LIMIT 1').raw().get() as [
    string,
    number,
  ];
  const byType = db
    .prepare('SELECT type, COUNT(*), CAST(AVG(LENGTH(CAST(data AS BLOB))) AS INTEGER) FROM events GROUP BY type ORDER BY COUNT(*) DESC')
    .raw()
    .all() as [string, number, number][];
  db.close();
  return { events, streams, largestStream: largest, bytesPerEvent: Math.round(bytes), largestEvent: biggest, byType };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-replay-'));
  const file = join(dir, 'events.sqlite');
  const store = new SqliteEventStore({ file, synchronous: 'NORMAL' });
  try {
    process.stdout.write(`Recording a cohort of ${COHORT.toLocaleString('en')} through the command path (not timed)…\n`);
    await record(store);
    const shape = shapeOf(file);
    process.stdout.write(
      `Store: ${shape.events.toLocaleString('en')} events in ${shape.streams.toLocaleString('en')} streams, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB; ` +
        `mean data+metadata ${shape.bytesPerEvent} B/event; largest stream ${shape.largestStream[0]} (${shape.largestStream[1].toLocaleString('en')} events); ` +
        `largest event ${shape.largestEvent[0]} (${(shape.largestEvent[1] / 1024).toFixed(0)} KiB of data)\n`,
    );
    for (const [type, count, mean] of shape.byType)
      process.stdout.write(`  ${type.padEnd(36)} ${String(count).padStart(8)} events, mean data ${mean} B\n`);
    const head = (await store.headPosition())!;
    const rates: number[] = [];
    for (let round = 1; round <= REPEAT; round += 1) {
      const readModels = join(dir, `read-models-${round}.sqlite`);
      const db = openReadModelDatabase(readModels);
      const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS, {
        logger: { log: () => undefined, error: (m: string) => console.error(m) },
      });
      const started = performance.now();
      runner.start();
      await runner.waitUntilCaughtUp(head, 1_800_000);
      const seconds = (performance.now() - started) / 1000;
      await runner.stop();
      db.close();
      rates.push(COHORT / seconds);
      const megabytes = (shape.events * shape.bytesPerEvent) / 1024 / 1024;
      process.stdout.write(
        `  replay ${round}: ${seconds.toFixed(2)} s = ${Math.round(COHORT / seconds).toLocaleString('en')} issued diplomas/s, ${Math.round(shape.events / seconds).toLocaleString('en')} events/s, ` +
          `${(megabytes / seconds).toFixed(1)} MB/s of event JSON, through ${ALL_PROJECTIONS.length} projections; read models ${(statSync(readModels).size / 1024 / 1024).toFixed(1)} MB\n`,
      );
    }
    const sorted = [...rates].sort((a, b) => a - b);
    process.stdout.write(
      `Median ${Math.round(sorted[Math.floor(sorted.length / 2)]!).toLocaleString('en')} issued diplomas/s; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on 2 cores\n`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
