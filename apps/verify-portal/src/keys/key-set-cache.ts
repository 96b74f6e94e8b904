import {
  verifyRecognitionToken,
  type RecognitionTokenResult,
  verificationKeySetOf,
  verifyVerificationToken,
  type PublishedKeySet,
  type VerificationKeySet,
  type VerificationResult,
} from '@so-goc/documents';

/** Where the published keys come from: the keyring's public index in embedded mode. */
export type KeySetSource = () => PublishedKeySet;

export interface KeySetCacheOptions {
  /** A rotation made elsewhere (the CLI) is published within this time even if no token needs the new key. */
  readonly maxAgeMs?: number;
  /** Tokens with made-up kids must not make every request re-read the keyring. */
  readonly minReloadIntervalMs?: number;
  readonly now?: () => number;
}

interface Loaded {
  readonly published: PublishedKeySet;
  readonly verification: VerificationKeySet;
  readonly loadedAt: number;
}

/**
 * Builds the verification keys once and keeps them: creating KeyObjects per request would cost more than
 * the signature check. An unknown kid triggers one reload (a key made after the last load, e.g. the first
 * key of a new authority), at most once per interval.
 */
export class KeySetCache {
  private loaded: Loaded | undefined;
  private readonly maxAgeMs: number;
  private readonly minReloadIntervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly source: KeySetSource,
    options: KeySetCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.minReloadIntervalMs = options.minReloadIntervalMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  published(): PublishedKeySet {
    return this.current().published;
  }

  verify(token: string): VerificationResult {
    const result = verifyVerificationToken(token, this.current().verification);
    if (result.status === 'forged' && result.reason === 'unknown_key' && this.now() - this.loaded!.loadedAt >= this.minReloadIntervalMs) {
      return verifyVerificationToken(token, this.reload().verification);
    }
    return result;
  }

  /** A recognition document's token (§8): the same keys, its own signing domain. */
  verifyRecognition(token: string): RecognitionTokenResult {
    const result = verifyRecognitionToken(token, this.current().verification);
    if (result.status === 'forged' && result.reason === 'unknown_key' && this.now() - this.loaded!.loadedAt >= this.minReloadIntervalMs) {
      return verifyRecognitionToken(token, this.reload().verification);
    }
    return result;
  }

  private current(): Loaded {
    if (this.loaded && this.now() - this.loaded.loadedAt < this.maxAgeMs) return this.loaded;
    try {
      return this.reload();
    } catch (error) {
      // A keyring being rewritten or briefly unreadable must not turn genuine diplomas into forgeries.
      if (this.loaded) return this.loaded;
      throw error;
    }
  }

  private reload(): Loaded {
    const published = this.source();
    this.loaded = { published, verification: verificationKeySetOf(published), loadedAt: this.now() };
    return this.loaded;
  }
}
