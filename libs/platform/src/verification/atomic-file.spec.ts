import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@so-goc/event-store/testing/temp-dir';
import { writeFileAtomic } from './atomic-file';

describe('writeFileAtomic', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir('atomic-file')));
  afterEach(() => temp.remove());

  it('replaces a file with exactly the mode asked for and leaves nothing else behind', () => {
    const path = join(temp.path, 'secret.pem');
    writeFileSync(path, 'old', { mode: 0o644 });
    writeFileAtomic(path, 'new', 0o600);
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(temp.path)).toEqual(['secret.pem']);
  });

  it('leaves the old file whole and cleans up its temporary file when the rename fails', () => {
    const path = join(temp.path, 'taken');
    mkdirSync(join(path, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(path, 'new', 0o600)).toThrow();
    expect(readdirSync(temp.path)).toEqual(['taken']);
    expect(statSync(path).isDirectory()).toBe(true);
  });
});
