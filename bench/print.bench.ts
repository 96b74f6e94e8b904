/**
 * `npm run bench:print`: diplomas to PDF at print-run scale.
 *   - A print run of BENCH_PAGES (default 20,000) diplomas written to a file with writePrintRunPdf, in
 *     overlay mode (what goes to the printer) and in preview mode (the whole face; the pre-printed art
 *     is one shared Form XObject), with the default worker threads (one per core).
 *   - The same overlay run at a tenth of the size: peak RSS must not grow with the run.
 *   - The page renderer on the main thread alone (workers: 0), for the per-core rate.
 *   - BENCH_SINGLE (default 1,000) single-diploma PDFs, one after the other, on the main thread.
 *   - The QR encoding alone for the same payloads: as the renderer does it (qrMatrix), with the
 *     library's own mask search, and with a plain string: the floor under every figure above.
 * Peak RSS is sampled every 20 ms during each scenario (process-wide, so worker threads count too).
 * CPU ms/page is the CPU time of all threads per page: on a machine shared with other jobs it is the
 * steadier figure, and 2,000 / (CPU ms/page) is the rate two idle cores would reach.
 * Every output file is checked with `qpdf --check` when qpdf is installed, then removed.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as QRCode from 'qrcode';
import { renderDiplomaPdf, writePrintRunPdf, type DiplomaFace, type PrintRunPdfOptions } from '@so-goc/documents';
import { qrMatrix } from '@so-goc/documents/pdf/stream-writer/qr-matrix';

function intFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${text}`);
  return value;
}

const PAGES = intFromEnv('BENCH_PAGES', 20_000);
const SINGLE = intFromEnv('BENCH_SINGLE', 1_000);

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Thành', 'Minh', 'Ngọc', 'Quốc', 'Thu', 'Hoàng', 'Xuân', 'Thuỳ'];
const GIVEN = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hưng',
  'Khánh',
  'Linh',
  'Mỹ',
  'Nga',
  'Phúc',
  'Quỳnh',
  'Sơn',
  'Thuỷ',
  'Trâm',
  'Uyên',
  'Việt',
  'Yến',
  'Ánh',
];
const PLACES = [
  'Thuỷ Nguyên, Hải Phòng',
  'Kiến Thuỵ, Hải Phòng',
  'Lê Chân, Hải Phòng',
  'An Dương, Hải Phòng',
  'Tiên Lãng, Hải Phòng',
  'Cát Hải, Hải Phòng',
];
const SCHOOLS = [
  'Trường THPT Lê Quý Đôn',
  'Trường THPT Chuyên Trần Phú',
  'Trường THPT Ngô Quyền',
  'Trường THPT Thái Phiên',
  'Trường THPT Kiến Thuỵ',
];

/** A lazy stream of distinct faces: the run's memory must not depend on holding the input either. */
function* faces(count: number, salt: string, checkpoints?: number[]): Generator<DiplomaFace> {
  for (let i = 0; i < count; i++) {
    // RSS as each quarter of the input is handed over: flat from quarter to quarter means flat in the run's length.
    if (checkpoints && i > 0 && i % Math.ceil(count / 4) === 0) checkpoints.push(process.memoryUsage().rss / 1e6);
    const token = createHash('sha512').update(`${salt}:${i}`).digest('base64url');
    yield {
      kind: 'THPT',
      issuerLine: 'GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG',
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 4) % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`,
      birthDate: `2006-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      birthPlace: PLACES[i % PLACES.length] ?? '',
      sex: i % 2 ? 'male' : 'female',
      ethnicity: 'Kinh',
      school: SCHOOLS[i % SCHOOLS.length] ?? '',
      graduationYear: '2024',
      classification: null,
      trainingMode: i % 10 === 0 ? 'continuing' : 'regular',
      issuePlace: 'Hải Phòng',
      issueDate: '2024-06-25',
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      signerName: 'Đặng Hoàng Yến',
      serial: `HP ${String(203418 + i).padStart(7, '0')}`,
      registerNumber: `${String(i + 1).padStart(6, '0')}/THPT-2024`,
      // ~200 characters, like the signed verification URL: the QR version (10) matches production.
      qrPayload: `https://tracuu.example.vn/v/${token}${token.slice(0, 86)}`,
    };
  }
}

interface Measured<T> {
  result: T;
  seconds: number;
  /** CPU time of every thread of the process (main and workers), user + system. */
  cpuSeconds: number;
  peakRssMb: number;
}

async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await work();
    const used = process.cpuUsage(cpu);
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1e6,
    };
  } finally {
    clearInterval(sampler);
  }
}

function qpdfCheck(path: string): string {
  try {
    execFileSync('qpdf', ['--check', path], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return 'qpdf --check ok';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'qpdf not installed';
    process.exitCode = 1;
    return `qpdf --check FAILED: ${String((error as { stdout?: Buffer }).stdout ?? error).slice(0, 300)}`;
  }
}

async function run(dir: string, label: string, pages: number, options: PrintRunPdfOptions): Promise<string> {
  const path = join(dir, `${label.replace(/\W+/g, '-')}.pdf`);
  const checkpoints: number[] = [];
  const { result, seconds, cpuSeconds, peakRssMb } = await measure(() => writePrintRunPdf(faces(pages, label, checkpoints), path, options));
  checkpoints.push(process.memoryUsage().rss / 1e6);
  const line =
    `${label.padEnd(44)} ${String(pages).padStart(6)} pages ${seconds.toFixed(2).padStart(7)} s ${(pages / seconds).toFixed(0).padStart(6)} pages/s  ` +
    `${((cpuSeconds / pages) * 1000).toFixed(2)} CPU ms/page  peak RSS ${peakRssMb.toFixed(0).padStart(4)} MB (by quarter: ${checkpoints.map((mb) => mb.toFixed(0)).join('/')})  ` +
    `${(result.byteLength / 1e6).toFixed(1)} MB file  ${qpdfCheck(path)}`;
  rmSync(path, { force: true });
  console.log(line);
  return line;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-print-'));
  try {
    console.log(
      `bench:print — Node ${process.version}, ${availableParallelism()} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const workers = availableParallelism();
    // Warm-up: font parsing, the base font subset and the workers' start-up are paid once, not per run.
    await run(dir, 'warm-up', 200, { mode: 'overlay' });
    await run(dir, `print run, overlay, ${workers} workers (1/10 size)`, Math.max(1, Math.round(PAGES / 10)), { mode: 'overlay' });
    await run(dir, `print run, overlay, ${workers} workers`, PAGES, { mode: 'overlay', calibration: { dx: 0.5, dy: -0.3 } });
    await run(dir, `print run, preview, ${workers} workers`, PAGES, { mode: 'preview' });
    await run(dir, 'print run, overlay, main thread only', Math.max(1, Math.round(PAGES / 10)), { mode: 'overlay', workers: 0 });

    const single = await measure(async () => {
      let bytes = 0;
      for (const face of faces(SINGLE, 'single')) bytes += (await renderDiplomaPdf(face, { mode: 'preview' })).bytes.length;
      return bytes;
    });
    console.log(
      `${'single-diploma PDFs, preview, main thread'.padEnd(44)} ${String(SINGLE).padStart(6)} PDFs  ${single.seconds.toFixed(2).padStart(7)} s ${(SINGLE / single.seconds).toFixed(0).padStart(6)} PDFs/s   ` +
        `${((single.cpuSeconds / SINGLE) * 1000).toFixed(2)} CPU ms/PDF   peak RSS ${single.peakRssMb.toFixed(0).padStart(4)} MB  ${(single.result / SINGLE / 1000).toFixed(1)} kB each`,
    );

    const payloads = Array.from(faces(2_000, 'qr'), (face) => face.qrPayload);
    const qrAlone = async (label: string, create: (payload: string) => unknown) => {
      const qr = await measure(async () => {
        for (const payload of payloads) create(payload);
        return payloads.length;
      });
      console.log(
        `${label.padEnd(44)} ${String(qr.result).padStart(6)} codes ${qr.seconds.toFixed(2).padStart(7)} s ${(qr.result / qr.seconds).toFixed(0).padStart(6)} codes/s  ${((qr.cpuSeconds / qr.result) * 1000).toFixed(2)} CPU ms each`,
      );
    };
    // What the renderer does (pdf/stream-writer/qr-matrix.ts), then the library's own mask search on the
    // same byte segment, then the plain-string call whose segment search the renderer avoids.
    await qrAlone('qrMatrix (as rendered)', qrMatrix);
    await qrAlone('QRCode.create, one byte segment', (payload) =>
      QRCode.create([{ data: Buffer.from(payload, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' }),
    );
    await qrAlone('QRCode.create, plain string', (payload) => QRCode.create(payload, { errorCorrectionLevel: 'M' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
