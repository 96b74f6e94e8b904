import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Structure and QR checks for PDF specs. Like poppler.ts, a missing tool fails loudly: a skipped check
// is how a broken QR or a corrupt xref would ship.

function run(tool: string, args: string[], pkg: string): string {
  try {
    return execFileSync(tool, args, { env: process.env, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} was not found: apt-get install -y ${pkg}. The PDF tests must not be skipped.`);
    throw error;
  }
}

function withFile<T>(pdf: Uint8Array, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'so-goc-pdf-check-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, pdf);
    return use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `qpdf --check`; returns its report, throws (with the report) when qpdf finds an error or a warning. */
export function qpdfCheck(pdf: Uint8Array): string {
  return withFile(pdf, (path) => {
    try {
      return run('qpdf', ['--check', path], 'qpdf');
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`qpdf --check failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
    }
  });
}

/** Renders one page with pdftoppm and decodes every QR code on it with zbarimg, as a phone would see the print. */
export function decodeQrCodes(pdf: Uint8Array, page = 1, dpi = 200): string[] {
  return withFile(pdf, (path, dir) => {
    const base = join(dir, 'page');
    run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, base], 'poppler-utils');
    // zbarimg exits with 4 when it finds no symbol: report that as "no codes", not as a crash.
    let out: string;
    try {
      out = run('zbarimg', ['--raw', '-q', `${base}.png`], 'zbar-tools');
    } catch (error) {
      if ((error as { status?: number }).status === 4) return [];
      throw error;
    }
    return out.split('\n').filter((line) => line !== '');
  });
}
