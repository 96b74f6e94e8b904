/**
 * `npm run bench:digitise`: 100,000 lines typed from old paper books (ENTRIES=… to change), imported from
 * one XLSX through the real path: the tolerant sheet reader, every line judged by its book's decider,
 * one append per book on the SQLite adapter at synchronous=FULL. The workbook is generated first (not
 * timed): 200 books of the Sở (THPT 1976–2025, four volumes a year), 500 lines each, with birth dates
 * given as a year only, as month/year or in full, old serial and register-number formats, missing
 * serials and illegible cells. The workbook is written to a file and imported by a fresh process, so the
 * peak memory printed (max RSS) is the import's own, not the generator's.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { CommandContext } from '@so-goc/domain';
import { SqliteEventStore } from '@so-goc/event-store';
import {
  ImportLegacyEntries,
  ImportLegacyEntriesHandler,
  OfficerAccess,
  RegisterLegacyBook,
  RegisterLegacyBookHandler,
} from '@so-goc/platform';
import { loadDemoProvinceInto } from '../apps/cli/src/commands/demo-province';

const ENTRIES = Number(process.env.ENTRIES ?? 100_000);
const PER_BOOK = 500;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thu', 'Quốc', 'Hoàng', 'Thanh'];
const GIVEN = [
  'Thuỷ',
  'Hoà',
  'Yến',
  'Hưng',
  'Ánh',
  'Dũng',
  'Khoa',
  'Lan',
  'Mai',
  'Tuấn',
  'Phương',
  'Quỳnh',
  'Sơn',
  'Trang',
  'Việt',
  'Nhung',
  'Đạt',
  'Hằng',
];
const OLD_PLACES = ['Thuỷ Nguyên, Hải Phòng', 'An Hải, Hải Phòng', 'Kiến An, Hải Phòng', 'Vĩnh Bảo, Hải Phòng', 'Hải Hưng', 'Hà Nam Ninh'];
const KINDS = ['THPT', 'PTTH', 'Bổ túc THPT'];

const context = (): CommandContext => {
  const id = randomUUID();
  return {
    commandId: id,
    correlationId: id,
    causationId: id,
    actor: { officerId: 'bench', role: 'registrar', authorityCode: 'SGD-HP' },
    occurredAt: '2026-11-20T02:00:00.000Z',
  };
};

function bookOf(index: number): { year: number; volume: number } {
  const book = Math.floor(index / PER_BOOK);
  return { year: 1976 + Math.floor(book / 4), volume: 1 + (book % 4) };
}

/** Written row by row with ExcelJS's streaming writer (shared strings, as Excel saves them): the in-memory writer took ~20 s. */
async function writeLegacyWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('Sổ gốc');
  sheet
    .addRow([
      'Loại văn bằng',
      'Năm',
      'Tập',
      'Trang',
      'Dòng',
      'Số vào sổ',
      'Số hiệu',
      'Họ và tên',
      'Ngày sinh',
      'Nơi sinh',
      'Giới tính',
      'Dân tộc',
      'Trường',
      'Xếp loại',
      'Ngày cấp',
      'Người ký',
      'Chức vụ',
      'Ghi chú',
    ])
    .commit();
  for (let i = 0; i < ENTRIES; i += 1) {
    const { year, volume } = bookOf(i);
    const n = i % PER_BOOK;
    const born = year - 18;
    const birth = i % 3 === 0 ? String(born) : i % 3 === 1 ? `${1 + (i % 12)}/${born}` : `${1 + (i % 28)}/${1 + (i % 12)}/${born}`;
    const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 4) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;
    sheet
      .addRow([
        KINDS[year % 3],
        year,
        volume,
        1 + Math.floor(n / 25),
        1 + (n % 25),
        year < 1990 ? `${n + 1}` : `${String(n + 1).padStart(4, '0')}/${volume}-${year}`,
        i % 50 === 0 ? '' : `${String.fromCharCode(65 + (year % 26))} ${String(volume * 100000 + n).padStart(6, '0')}`,
        name,
        birth,
        i % 97 === 0 ? '[không đọc được]' : OLD_PLACES[i % OLD_PLACES.length],
        i % 2 ? 'Nữ' : 'Nam',
        'Kinh',
        `Trường PTTH số ${1 + (i % 40)}`,
        year < 1990 ? '' : 'Khá',
        new Date(Date.UTC(year, 7, 20)),
        'Trần Văn Bình',
        'KT. Giám đốc, Phó Giám đốc',
        '',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-digitise-'));
  try {
    const file = join(dir, 'so-goc-cu.xlsx');
    await writeLegacyWorkbook(file);
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--import', file], { stdio: 'inherit', env: process.env });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importFile(file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-digitise-store-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  try {
    await loadDemoProvinceInto(store);
    const access = new OfficerAccess(store);
    const books = new Set<string>();
    for (let i = 0; i < ENTRIES; i += PER_BOOK) {
      const { year, volume } = bookOf(i);
      books.add(`${year}-${volume}`);
      await new RegisterLegacyBookHandler(store, access).execute(
        new RegisterLegacyBook(
          { authorityCode: 'SGD-HP', kind: 'THPT', titleAsWritten: 'Sổ gốc cấp bằng tốt nghiệp', year, volume, pageCount: 20 },
          context(),
        ),
      );
    }
    const bytes = new Uint8Array(readFileSync(file));
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const outcome = await new ImportLegacyEntriesHandler(store, access).execute(
      new ImportLegacyEntries('SGD-HP', 'so-goc-cu.xlsx', bytes, context()),
    );
    const seconds = (performance.now() - started) / 1000;
    const recorded = outcome.books.reduce((sum, book) => sum + book.entriesRecorded, 0);
    console.log(
      `bench:digitise  ${ENTRIES.toLocaleString('en')} lines in ${books.size} books, XLSX ${(bytes.byteLength / 1e6).toFixed(1)} MB`,
    );
    console.log(
      `  import (stream-read + validate every line + ${outcome.books.length} appends, synchronous=FULL): ${seconds.toFixed(1)} s, ${Math.round(recorded / seconds).toLocaleString('en')} lines/s, ${recorded.toLocaleString('en')} recorded`,
    );
    console.log(
      `  peak memory of the importing process (max RSS): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (RSS before the import ${Math.round(rssBefore / 1e6)} MB)`,
    );
    const again = await new ImportLegacyEntriesHandler(store, access).execute(
      new ImportLegacyEntries('SGD-HP', 'so-goc-cu.xlsx', bytes, context()),
    );
    console.log(`  same file again: ${again.books.reduce((sum, book) => sum + book.entriesRecorded, 0)} lines recorded (idempotent)`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const importArg = process.argv.indexOf('--import');
const run = importArg > 0 ? importFile(process.argv[importArg + 1]!) : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
