import { join } from 'node:path';
import { runTool, withPdfFile } from './poppler';

// Structure and QR checks for PDF specs; a missing tool fails loudly: a skipped check is how a broken QR
// or a corrupt xref would ship.

const run = (tool: string, args: string[], aptPackage: string): string => runTool(tool, args, aptPackage).toString('utf8');

/** `qpdf --check`; returns its report, throws (with the report) when qpdf finds an error or a warning. */
export function qpdfCheck(pdf: Uint8Array): string {
  return withPdfFile(pdf, (path) => {
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
  return withPdfFile(pdf, (path, dir) => {
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
