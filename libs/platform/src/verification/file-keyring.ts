import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTHORITY_CODE_PATTERN } from '@so-goc/domain';
import {
  InvalidKeySetError,
  keyIdOf,
  publishedKeyOf,
  validatePublishedKeySet,
  verificationKeySetOf,
  type PublishedKey,
  type PublishedKeySet,
  type VerificationKeySet,
} from '@so-goc/documents';
import type { SoGocConfig } from '../config';
import { writeFileAtomic } from './atomic-file';
import { withFileLock } from './file-lock';

/** A private key ready to sign an authority's verification tokens. Holds a KeyObject, which prints and serialises as nothing. */
export interface SigningKey {
  readonly kid: string;
  readonly authorityCode: string;
  readonly createdAt: string;
  readonly privateKey: KeyObject;
}

export interface FileKeyringOptions {
  readonly now?: () => Date;
  readonly lockTimeoutMs?: number;
}

/** Public facts only: x is kept so the key set can be published without opening any private key. */
interface KeyringEntry {
  readonly kid: string;
  readonly authorityCode: string;
  readonly x: string;
  readonly createdAt: string;
  readonly retiredAt: string | null;
}

const INDEX_VERSION = 1;
const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;
const INDEX_FILE_MODE = 0o644;

export function defaultKeyringDir(config: Pick<SoGocConfig, 'dataDir'>): string {
  return join(config.dataDir, 'keys');
}

/**
 * Ed25519 keys per authority under one directory: `<authorityCode>/<kid>.pem` (PKCS#8, mode 0600) and
 * `keyring.json`, the index of who owns which key and when it was in use. Each call reads the index afresh,
 * so a rotation made by another process (the CLI) is seen by a running server. Nothing here logs.
 */
export class FileKeyring {
  private readonly now: () => Date;
  private readonly lockTimeoutMs: number;

  constructor(
    readonly dir: string,
    options: FileKeyringOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  }

  static forConfig(config: Pick<SoGocConfig, 'dataDir'>, options?: FileKeyringOptions): FileKeyring {
    return new FileKeyring(defaultKeyringDir(config), options);
  }

  /** The key new tokens are signed with; an authority's first key is made on first use. */
  activeSigningKey(authorityCode: string): SigningKey {
    checkAuthorityCode(authorityCode);
    const active = activeEntry(this.readIndex(), authorityCode);
    if (active) return this.load(active);
    return this.locked(() => {
      const keys = this.readIndex();
      const created = activeEntry(keys, authorityCode);
      return created ? this.load(created) : this.create(keys, authorityCode, this.now().toISOString());
    });
  }

  /**
   * Retires the current key at `at` and makes a new one from `at` on. The retired key stays published, so
   * every diploma already printed with its tokens keeps verifying.
   */
  rotate(authorityCode: string, at: Date | string): SigningKey {
    checkAuthorityCode(authorityCode);
    const instant = toInstant(at);
    return this.locked(() => {
      const keys = this.readIndex();
      const current = activeEntry(keys, authorityCode);
      if (current && Date.parse(instant) < Date.parse(current.createdAt)) {
        throw new RangeError(
          `Cannot retire key ${current.kid} of ${authorityCode} at ${instant}, before it was created (${current.createdAt})`,
        );
      }
      const retired = keys.map((key) => (key === current ? { ...key, retiredAt: instant } : key));
      return this.create(retired, authorityCode, instant);
    });
  }

  publishedKeySet(): PublishedKeySet {
    return validatePublishedKeySet({ keys: this.readIndex().map(toPublished) });
  }

  verificationKeySet(): VerificationKeySet {
    return verificationKeySetOf(this.publishedKeySet());
  }

  /** The private key file is complete on disk before the index names it; a crash between leaves only an unused file. */
  private create(keys: readonly KeyringEntry[], authorityCode: string, createdAt: string): SigningKey {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const published = publishedKeyOf({ publicKey, authorityCode, createdAt, retiredAt: null });
    const entry: KeyringEntry = { kid: published.kid, authorityCode, x: published.x, createdAt, retiredAt: null };
    mkdirSync(join(this.dir, authorityCode), { recursive: true, mode: PRIVATE_DIR_MODE });
    writeFileAtomic(this.privateKeyPath(entry), privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), PRIVATE_FILE_MODE);
    const next = [...keys, entry];
    validatePublishedKeySet({ keys: next.map(toPublished) });
    writeFileAtomic(this.indexPath, `${JSON.stringify({ version: INDEX_VERSION, keys: next }, null, 2)}\n`, INDEX_FILE_MODE);
    return { kid: entry.kid, authorityCode, createdAt, privateKey };
  }

  /** Errors name the file, never its content: that would put a private key into a log. */
  private load(entry: KeyringEntry): SigningKey {
    const path = this.privateKeyPath(entry);
    if (!existsSync(path))
      throw new Error(
        `Private key ${entry.kid} of ${entry.authorityCode} is missing (${path}); restore it from backup rather than making a new one`,
      );
    let privateKey: KeyObject;
    try {
      privateKey = createPrivateKey({ key: readFileSync(path), format: 'pem' });
    } catch {
      throw new Error(`${path} is not a readable private key`);
    }
    if (privateKey.asymmetricKeyType !== 'ed25519' || keyIdOf(createPublicKey(privateKey)) !== entry.kid) {
      throw new Error(`${path} does not hold the Ed25519 key ${entry.kid} that keyring.json lists`);
    }
    return { kid: entry.kid, authorityCode: entry.authorityCode, createdAt: entry.createdAt, privateKey };
  }

  private readIndex(): KeyringEntry[] {
    let text: string;
    try {
      text = readFileSync(this.indexPath, 'utf8');
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return [];
      throw error;
    }
    try {
      const index: unknown = JSON.parse(text);
      if (
        typeof index !== 'object' ||
        index === null ||
        !('version' in index) ||
        index.version !== INDEX_VERSION ||
        !('keys' in index) ||
        !Array.isArray(index.keys)
      ) {
        throw new InvalidKeySetError([`expected {"version": ${INDEX_VERSION}, "keys": [...]}`]);
      }
      return validatePublishedKeySet({
        keys: index.keys.map((entry: unknown) => ({ kty: 'OKP', crv: 'Ed25519', use: 'sig', alg: 'EdDSA', ...(entry as object) })),
      }).keys.map(toEntry);
    } catch (error) {
      throw new Error(`${this.indexPath} is corrupt: ${(error as Error).message}`);
    }
  }

  private locked<T>(work: () => T): T {
    mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    return withFileLock(join(this.dir, 'keyring.lock'), { timeoutMs: this.lockTimeoutMs }, work);
  }

  private get indexPath(): string {
    return join(this.dir, 'keyring.json');
  }

  private privateKeyPath(entry: Pick<KeyringEntry, 'authorityCode' | 'kid'>): string {
    return join(this.dir, entry.authorityCode, `${entry.kid}.pem`);
  }
}

function activeEntry(keys: readonly KeyringEntry[], authorityCode: string): KeyringEntry | undefined {
  return keys.find((key) => key.authorityCode === authorityCode && key.retiredAt === null);
}

function toPublished(entry: KeyringEntry): PublishedKey {
  return {
    kid: entry.kid,
    authorityCode: entry.authorityCode,
    kty: 'OKP',
    crv: 'Ed25519',
    x: entry.x,
    use: 'sig',
    alg: 'EdDSA',
    createdAt: entry.createdAt,
    retiredAt: entry.retiredAt,
  };
}

function toEntry(key: PublishedKey): KeyringEntry {
  return { kid: key.kid, authorityCode: key.authorityCode, x: key.x, createdAt: key.createdAt, retiredAt: key.retiredAt };
}

/** The code becomes a directory name, so only the registry's own code shape is allowed (no "..", no "/"). */
function checkAuthorityCode(authorityCode: string): void {
  if (!AUTHORITY_CODE_PATTERN.test(authorityCode)) throw new RangeError(`Not an authority code: ${JSON.stringify(authorityCode)}`);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Strings must carry their zone: Date.parse reads "2025-01-01 00:00" as server-local time, a silent shift of hours. */
function toInstant(at: Date | string): string {
  const time = at instanceof Date ? at.getTime() : ISO_INSTANT.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError(`Not an instant: ${String(at)}`);
  return new Date(time).toISOString();
}
