/**
 * `npm run bench:books`: the sổ gốc as a PDF at a province's and a city's scale (issue 19).
 *   - A book of BOOK_ROWS lines (default "20000,100000"; one section per 2,500 lines, as a year's
 *     decisions split a province's cohort) generated in memory (not timed), then served by a bare
 *     node:http server from registerBookPdfStream, as the export endpoint does, and read by an HTTP
 *     client on the same process that writes it to a file.
 *   - Printed: time to first byte, total time, rows/s, pages/s, file size, CPU time, and the peak RSS of
 *     the process, the book's input included (each size runs in a child process of its own, so one
 *     size's heap does not count against the next). The input's own share is printed beside it.
 *   - The file is checked: `qpdf --check`, the page count, and pdftotext finds every register number.
 * BOOK_KEEP=<dir> keeps each file there as book-<rows>.pdf, to look at.
 * BOOK_PROFILE=1 writes a CPU profile (node --cpu-prof) of each size to the current directory.
 */
import { execFileSync, fork } from 'node:child_process';
import { copyFileSync, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { registerBookPdfStream, type RegisterBookExportInput, type RegisterBookRow, type RegisterBookSection } from '@so-goc/documents';

const AIM_SECONDS = 5;
const AIM_RSS_MB = 300;
const SECTION_ROWS = 2_500;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Thành', 'Minh', 'Ngọc', 'Quốc', 'Thu', 'Hoàng', 'Xuân', 'Thuỳ', 'Thị Thanh'];
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
  'Hải Phòng',
  'Xã Tiên Lãng, huyện Tiên Lãng, Hải Phòng',
  'Thái Bình',
  'Quảng Ninh',
  'Phường Lê Chân, Hải Phòng',
  'Hải Dương',
];
const ETHNICITIES = ['Kinh', 'Kinh', 'Kinh', 'Kinh', 'Tày', 'Mường', 'Sán Dìu'];
const SCHOOLS = [
  ...Array.from({ length: 58 }, (_, i) => `Trường THPT số ${i + 1} Hải Phòng`),
  'Trung tâm GDNN-GDTX Thủy Nguyên',
  'Trường THPT Ngô Quyền',
  'Trường THPT Lê Quý Đôn',
];
const CLASSIFICATIONS = ['Giỏi', 'Khá', 'Trung bình', null];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function row(n: number): RegisterBookRow {
  const fullName = `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n >> 4) % MIDDLE.length]} ${GIVEN[(n * 7) % GIVEN.length]}`;
  const received = n % 5 !== 4;
  return {
    registerNumber: `${pad(n + 1, 6)}/THPT-2025`,
    fullName,
    birthDate: `2007-${pad(1 + (n % 12), 2)}-${pad(1 + (n % 28), 2)}`,
    birthPlace: PLACES[n % PLACES.length] as string,
    sex: n % 2 ? 'female' : 'male',
    ethnicity: ETHNICITIES[n % ETHNICITIES.length] as string,
    school: SCHOOLS[n % SCHOOLS.length] as string,
    className: `12A${1 + (n % 12)}`,
    graduationYear: '2025',
    classification: CLASSIFICATIONS[n % CLASSIFICATIONS.length] ?? null,
    trainingMode: n % 23 === 0 ? 'continuing' : 'regular',
    serial: `HP ${pad(300000 + n, 7)}`,
    recipientName: received ? fullName : null,
    receivedOn: received ? '2025-08-20' : null,
    // About one line in a hundred carries a note, as a misprint or a proxy does.
    notes: n % 97 === 5 ? [{ type: 'received_by_proxy', proxyName: 'Nguyễn Văn Hùng', authorisationRef: '15/UQ-2025' }] : [],
  };
}

function book(rows: number): RegisterBookExportInput {
  const sections: RegisterBookSection[] = [];
  for (let start = 0; start < rows; start += SECTION_ROWS) {
    const number = sections.length + 1;
    sections.push({
      decisionNumber: `${800 + number}/QĐ-SGDĐT`,
      decisionDate: '2025-07-25',
      examSession: 'Kỳ thi tốt nghiệp THPT năm 2025',
      signerName: 'Nguyễn Văn An',
      signerTitle: 'Giám đốc',
      issueDate: '2025-08-10',
      issuePlace: 'Hải Phòng',
      rows: Array.from({ length: Math.min(SECTION_ROWS, rows - start) }, (_, i) => row(start + i)),
    });
  }
  return {
    authorityName: 'Sở Giáo dục và Đào tạo Hải Phòng',
    superiorName: 'Ủy ban nhân dân thành phố Hải Phòng',
    authorityCode: 'SGD-HP',
    kind: 'THPT',
    year: 2025,
    generatedAt: '2025-12-30T03:00:00.000Z',
    sections,
  };
}

interface Measured {
  rows: number;
  ttfbMs: number;
  totalMs: number;
  cpuMs: number;
  bytes: number;
  inputRssMb: number;
  peakRssMb: number;
  pages: number;
  missing: number;
  qpdf: string;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

async function measure(rows: number): Promise<Measured> {
  const input = book(rows);
  const baseRss = process.memoryUsage().rss;
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'application/pdf');
    registerBookPdfStream(input).pipe(response);
  });
  const port = await listen(server);
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-bench-books-'));
  const path = join(dir, 'book.pdf');
  try {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    let ttfbMs = 0;
    await new Promise<void>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/' }, (response) => {
        const file = createWriteStream(path);
        response.once('data', () => (ttfbMs = performance.now() - started));
        response.pipe(file);
        file.on('finish', resolve);
        response.on('error', reject);
      }).on('error', reject);
    });
    const totalMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    let qpdf: string;
    try {
      execFileSync('qpdf', ['--check', path], { stdio: ['ignore', 'pipe', 'pipe'] });
      qpdf = 'qpdf --check passed';
    } catch (error) {
      qpdf = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'qpdf not installed' : 'qpdf --check FAILED';
    }
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { maxBuffer: 1 << 30 }).toString('utf8');
    const pages = text.split('\f').length - 1;
    const found = new Set(text.match(/\d{6}\/\s*THPT-2025/g)?.map((m) => m.slice(0, 6)) ?? []);
    return {
      rows,
      ttfbMs,
      totalMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      bytes: statSync(path).size,
      inputRssMb: baseRss / 1e6,
      peakRssMb,
      pages,
      missing: rows - found.size,
      qpdf,
    };
  } finally {
    server.close();
    if (process.env.BOOK_KEEP) copyFileSync(path, join(process.env.BOOK_KEEP, `book-${rows}.pdf`));
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(m: Measured): void {
  const seconds = m.totalMs / 1000;
  const out = [
    `${m.rows.toLocaleString('en').padStart(7)} rows: ${m.pages.toLocaleString('en')} pages, ${(m.bytes / 1e6).toFixed(1)} MB`,
    `  time to first byte ${m.ttfbMs.toFixed(0)} ms; whole book ${seconds.toFixed(2)} s (aim < ${AIM_SECONDS} s for 20,000 rows)`,
    `  ${Math.round(m.rows / seconds).toLocaleString('en')} rows/s, ${Math.round(m.pages / seconds).toLocaleString('en')} pages/s, ` +
      `${(m.cpuMs / m.pages).toFixed(2)} CPU ms/page`,
    `  peak RSS ${m.peakRssMb.toFixed(0)} MB (aim < ${AIM_RSS_MB} MB for 20,000 rows), of which the process with the book's input before the first page: ${m.inputRssMb.toFixed(0)} MB`,
    `  ${m.qpdf}; pdftotext finds ${(m.rows - m.missing).toLocaleString('en')} of ${m.rows.toLocaleString('en')} register numbers`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  const only = process.env.BOOK_BENCH_CHILD;
  if (only) {
    const measured = await measure(Number(only));
    process.send?.(measured);
    return;
  }
  const sizes = (process.env.BOOK_ROWS ?? '20000,100000').split(',').map((s) => Number(s.replace(/_/g, '')));
  process.stdout.write(`Register books (sổ gốc) through the streaming writer, served over HTTP — ${sizes.join(', ')} rows\n`);
  for (const rows of sizes) {
    const execArgv = process.env.BOOK_PROFILE ? ['--cpu-prof', `--cpu-prof-name=books-${rows}.cpuprofile`] : [];
    const measured = await new Promise<Measured>((resolve, reject) => {
      const child = fork(__filename, [], { env: { ...process.env, BOOK_BENCH_CHILD: String(rows) }, execArgv });
      child.once('message', (m) => resolve(m as Measured));
      child.once('exit', (code) => (code ? reject(new Error(`bench child for ${rows} rows exited with ${code}`)) : undefined));
    });
    report(measured);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
