import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Text extraction alone cannot tell a good PDF from one whose subset font draws blank glyphs
// (toolchain-facts.md), so the PDF specs render pages with poppler. A missing poppler must fail the
// run loudly: a skipped rendering check is exactly how that bug would ship.

/** Runs a document-checking tool; a missing one fails with the Debian package to install, never a skip. */
export function runTool(tool: string, args: string[], aptPackage = 'poppler-utils'): Buffer {
  try {
    // An explicit env: under jest, process.env is the sandbox's copy, and this is the one tests may change.
    return execFileSync(tool, args, { env: process.env, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        `${tool} was not found: install ${aptPackage} (apt-get install -y ${aptPackage}). The PDF tests render pages and must not be skipped.`,
      );
    }
    throw error;
  }
}

const poppler = (tool: string, args: string[]): Buffer => runTool(tool, args);

export function withPdfFile<T>(pdf: Uint8Array, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, pdf);
    return use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout`, one string per page. */
export function pdfPageTexts(pdf: Uint8Array): string[] {
  const text = withPdfFile(pdf, (path) => poppler('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-']).toString('utf8'));
  return text.split('\f').slice(0, -1);
}

export interface WordBox {
  readonly text: string;
  /** Points from the top-left corner of the page, as poppler reports them. */
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

export function wordBoxes(pdf: Uint8Array, page: number): WordBox[] {
  const html = withPdfFile(pdf, (path) =>
    poppler('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-']).toString('utf8'),
  );
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    text: (m[5] ?? '').replace(/&\w+;/g, (e) => ENTITIES[e] ?? e),
  }));
}

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Binary PGM (P5, 8-bit), which is what `pdftoppm -gray` writes. */
export function parsePgm(bytes: Buffer): GrayImage {
  const header = /^P5\s+(?:#[^\n]*\s+)*(\d+)\s+(?:#[^\n]*\s+)*(\d+)\s+(?:#[^\n]*\s+)*(\d+)\s/.exec(
    bytes.subarray(0, 200).toString('latin1'),
  );
  if (!header) throw new Error('Not a binary PGM image');
  const [width, height, max] = [Number(header[1]), Number(header[2]), Number(header[3])];
  if (max > 255) throw new Error('16-bit PGM is not expected from pdftoppm -gray');
  const pixels = bytes.subarray(header[0].length, header[0].length + width * height);
  if (pixels.length !== width * height) throw new Error('Truncated PGM image');
  return { width, height, pixels };
}

/** Renders one page in grey; `crop` is in points from the top-left, like poppler's word boxes. */
export function renderGray(
  pdf: Uint8Array,
  options: { page?: number; dpi?: number; crop?: { x: number; y: number; width: number; height: number }; png?: string } = {},
): GrayImage {
  const page = String(options.page ?? 1);
  const dpi = options.dpi ?? 50;
  const px = (points: number) => String(Math.round((points * dpi) / 72));
  const crop = options.crop
    ? ['-x', px(options.crop.x), '-y', px(options.crop.y), '-W', px(options.crop.width), '-H', px(options.crop.height)]
    : [];
  return withPdfFile(pdf, (path, dir) => {
    const base = join(dir, 'page');
    poppler('pdftoppm', ['-gray', '-r', String(dpi), '-f', page, '-l', page, '-singlefile', ...crop, path, base]);
    if (options.png) poppler('pdftoppm', ['-png', '-r', String(dpi), '-f', page, '-l', page, '-singlefile', ...crop, path, options.png]);
    return parsePgm(readFileSync(`${base}.pgm`));
  });
}

/** Share of pixels darker than mid-grey: blank glyphs leave only hairline borders, far below text's share. */
export function inkShare(image: GrayImage, threshold = 128): number {
  let dark = 0;
  for (const value of image.pixels) if (value < threshold) dark++;
  return dark / image.pixels.length;
}
