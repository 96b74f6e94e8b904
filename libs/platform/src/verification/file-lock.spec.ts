import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { withFileLock } from './file-lock';

/** Read-modify-write of a counter under the lock: any overlap between processes loses an increment. */
const CHILD = `
const { readFileSync, writeFileSync } = require('node:fs');
const { withFileLock } = require(process.argv[1]);
const [dir, start, rounds] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
while (Date.now() < start) {}
for (let i = 0; i < rounds; i++) {
  withFileLock(dir + '/counter.lock', { timeoutMs: 30000 }, () => {
    const n = Number(readFileSync(dir + '/count', 'utf8'));
    for (const until = Date.now() + 1; Date.now() < until; ) {}
    writeFileSync(dir + '/count', String(n + 1));
  });
}
`;

function runChild(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', CHILD, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exited with ${code}: ${stderr}`))));
  });
}

describe('withFileLock', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('file-lock')));
  afterEach(() => temp.remove());

  it('lets only one process at a time into the work', async () => {
    writeFileSync(join(temp.path, 'count'), '0');
    const start = String(Date.now() + 2000);
    await Promise.all([1, 2, 3].map(() => runChild([require.resolve('./file-lock'), temp.path, start, '40'])));
    expect(readFileSync(join(temp.path, 'count'), 'utf8')).toBe('120');
  });

  it('releases the lock when the work throws', () => {
    const lock = join(temp.path, 'x.lock');
    expect(() =>
      withFileLock(lock, { timeoutMs: 100 }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(withFileLock(lock, { timeoutMs: 100 }, () => 42)).toBe(42);
  });

  it('takes over a lock this very pid left behind, as a restarted container would', () => {
    const lock = join(temp.path, 'x.lock');
    writeFileSync(lock, String(process.pid));
    expect(withFileLock(lock, { timeoutMs: 100 }, () => 'ok')).toBe('ok');
  });
});
