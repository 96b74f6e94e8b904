import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory per test, so every test runs on its own real SQLite file. */
export function makeTempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `so-goc-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
