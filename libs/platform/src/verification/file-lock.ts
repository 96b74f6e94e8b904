import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';

export interface FileLockOptions {
  readonly timeoutMs: number;
}

const RETRY_MS = 20;
// A holder writes its pid right after creating the file; an empty file older than this was left by a crash.
const EMPTY_LOCK_STALE_MS = 30_000;

/**
 * The API and the CLI may share one data directory. Without a lock, two processes creating an authority's
 * first key at the same moment would each write an index without the other's key, and diplomas printed
 * with the lost key's tokens could never be verified. The work is synchronous, so inside one process the
 * lock is never contended and needs no queue.
 */
export function withFileLock<T>(path: string, options: FileLockOptions, work: () => T): T {
  acquire(path, Date.now() + options.timeoutMs);
  try {
    return work();
  } finally {
    rmSync(path, { force: true });
  }
}

function acquire(path: string, deadline: number): void {
  for (;;) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    if (isStale(path)) {
      breakLock(path);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${path} is held by another process; if none is running, delete the file`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
  }
}

/**
 * Our own pid counts as stale: the work under the lock is synchronous, so this process cannot be holding it,
 * and in a container a restarted server often gets the same pid as the one that crashed.
 */
function isStale(path: string): boolean {
  let content: string;
  let ageMs: number;
  try {
    content = readFileSync(path, 'utf8');
    ageMs = Date.now() - statSync(path).mtimeMs;
  } catch {
    return false;
  }
  const pid = Number(content);
  if (content === '' || !Number.isSafeInteger(pid) || pid <= 0) return ageMs > EMPTY_LOCK_STALE_MS;
  return pid === process.pid || !isAlive(pid);
}

/** Renamed away rather than deleted, so that of two processes breaking the same lock only one succeeds. */
function breakLock(path: string): void {
  const aside = `${path}.stale-${process.pid}-${Date.now()}`;
  try {
    renameSync(path, aside);
    rmSync(aside, { force: true });
  } catch {
    // Another process broke it first; the next attempt to create the lock settles who holds it.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
