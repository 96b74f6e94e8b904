import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SHA256_HEX, sniffScanType, type ScanMediaType } from '@so-goc/domain';

export interface ScanFacts {
  readonly sha256: string;
  /** undefined when the bytes are none of the accepted formats. */
  readonly mediaType: ScanMediaType | undefined;
  readonly byteSize: number;
}

export function scanFacts(bytes: Uint8Array): ScanFacts {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    mediaType: sniffScanType(bytes.subarray(0, 16)),
    byteSize: bytes.byteLength,
  };
}

/**
 * Page scans, content-addressed: the file's name is its SHA-256, which the event records, so a scan can
 * never be replaced under the same name and anyone can check a file against the record. Files are only
 * ever added; writing the same bytes twice leaves one file.
 */
export class ScanStore {
  constructor(private readonly directory: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return join(this.directory, sha256.slice(0, 2), sha256);
  }

  put(bytes: Uint8Array, facts: ScanFacts): void {
    const target = this.pathOf(facts.sha256);
    if (existsSync(target)) return;
    mkdirSync(join(this.directory, facts.sha256.slice(0, 2)), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const fd = openSync(temp, 'wx', 0o444);
      try {
        writeSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }

  read(sha256: string): Buffer | undefined {
    const path = this.pathOf(sha256);
    return existsSync(path) ? readFileSync(path) : undefined;
  }
}
