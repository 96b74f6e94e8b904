import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Readers see the old file or the new one, never a torn one: the bytes go to a temporary file beside the
 * target, are flushed to disk, and only then renamed over it (rename is atomic within a directory). The
 * directory is flushed too, or a power cut could forget the rename after we reported success.
 */
export function writeFileAtomic(path: string, data: string, mode: number): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      // openSync's mode passes through the umask; set it outright so the file has exactly the mode promised.
      fchmodSync(fd, mode);
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(dirname(path));
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot open or flush a directory; the rename itself has still happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
