import { createHash } from 'node:crypto';
import type { PublishedKeySet } from '@so-goc/documents';
import {
  DomainError,
  SIGNING_KEY_DIRECTORY_STREAM,
  evolveSigningKeyDirectory,
  signingKeyDirectoryDecider,
  type CommandContext,
  type SigningKeyDirectoryEvent,
  type SigningKeyDirectoryState,
} from '@so-goc/domain';
import { decodeEvent, handleCommand, StreamStateCache, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import type { SigningKey } from './file-keyring';

/**
 * Where the private halves of the token-signing keys live. The embedded default is FileKeyring (PEM
 * files under the data directory, one machine). Several API nodes need one store they all reach —
 * a KMS or HSM behind this interface, which is not built yet — otherwise each node would make its own
 * key for an authority and only the first would be published (see KeyPublication).
 */
export interface SigningKeyStore {
  /** The key new tokens of this authority are signed with; made on first use by stores that can. */
  activeSigningKey(authorityCode: string): SigningKey;
  /** The public halves of every key the store holds, retired ones included. */
  publishedKeySet(): PublishedKeySet;
}

/**
 * Puts a node's signing keys into the national signing-key directory (an event stream), so every
 * portal learns them through its read models, whichever API node signed. Called before a token
 * leaves the node: a QR printed with an unpublished key would read as forged everywhere.
 */
export class KeyPublication {
  private readonly directory: StreamStateCache<SigningKeyDirectoryState>;
  private revision: bigint | 'no_stream' = 'no_stream';

  constructor(
    private readonly store: EventStore,
    private readonly keys: SigningKeyStore,
  ) {
    this.directory = new StreamStateCache(
      store,
      SIGNING_KEY_DIRECTORY_STREAM,
      signingKeyDirectoryDecider.initialState,
      (state, recorded) => {
        this.revision = recorded.revision;
        return evolveSigningKeyDirectory(state, decodeEvent<SigningKeyDirectoryEvent>(recorded));
      },
    );
  }

  /** Makes sure the authority's active key (and any key this store retired) is in the directory. */
  async ensurePublished(authorityCode: string, context: CommandContext): Promise<CommandOutcome> {
    const active = this.keys.activeSigningKey(authorityCode);
    const directory = await this.directory.current();
    const listed = directory.keys.get(active.kid);
    if (listed && listed.retiredAt === null)
      return { stream: SIGNING_KEY_DIRECTORY_STREAM, events: [], revision: this.revision, alreadyHandled: true };
    if (listed) throw heldElsewhere(authorityCode, active.kid, 'retired in the directory by another node');

    const own = this.keys.publishedKeySet().keys.filter((key) => key.authorityCode === authorityCode);
    for (const key of own) {
      if (key.retiredAt !== null && directory.keys.get(key.kid)?.retiredAt === null) {
        await this.record({ type: 'RetireSigningKey', kid: key.kid, retiredAt: key.retiredAt }, `retire:${key.kid}`, context);
      }
    }
    const publicHalf = own.find((key) => key.kid === active.kid);
    if (!publicHalf) throw new Error(`Key store lists no public key for its active key ${active.kid}`);
    try {
      return await this.record(
        { type: 'PublishSigningKey', kid: publicHalf.kid, authorityCode, x: publicHalf.x, createdAt: publicHalf.createdAt },
        `publish:${publicHalf.kid}`,
        context,
      );
    } catch (error) {
      if (error instanceof DomainError && error.problem.code === 'ACTIVE_SIGNING_KEY_EXISTS')
        throw heldElsewhere(authorityCode, active.kid, error.problem.messageEn);
      throw error;
    }
  }

  /** A deterministic command id per key, so two nodes publishing the same key record it once. */
  private async record(
    command: Parameters<typeof signingKeyDirectoryDecider.decide>[0],
    what: string,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const commandId = uuidFrom(`signing-key-directory:${what}`);
    return handleCommand(this.store, signingKeyDirectoryDecider, {
      stream: SIGNING_KEY_DIRECTORY_STREAM,
      command,
      context: { ...context, commandId },
    });
  }
}

function heldElsewhere(authorityCode: string, kid: string, detail: string): DomainError {
  return new DomainError({
    code: 'SIGNING_KEY_HELD_ELSEWHERE',
    kind: 'conflict',
    messageVi: `Khoá ký ${kid} của ${authorityCode} trên máy này không phải khoá đang được công bố (${detail}). Mọi máy chủ API phải dùng chung một kho khoá (KMS/HSM).`,
    messageEn: `This node's signing key ${kid} for ${authorityCode} is not the published active key (${detail}). All API nodes must share one key store (KMS/HSM).`,
    field: 'authorityCode',
  });
}

function uuidFrom(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The key set a portal verifies with: the national directory as projected into its read models, plus
 * keys only the local key store knows (the embedded default before its keys were published). A local
 * key that would give an authority a second active key is left out: the directory decides which key
 * is current, and a set with two would be refused as a whole.
 */
export function mergePublishedKeySets(directory: PublishedKeySet, local: PublishedKeySet): PublishedKeySet {
  const byKid = new Map(directory.keys.map((key) => [key.kid, key]));
  const activeAuthorities = new Set(directory.keys.filter((key) => key.retiredAt === null).map((key) => key.authorityCode));
  for (const key of local.keys) {
    if (byKid.has(key.kid)) continue;
    if (key.retiredAt === null && activeAuthorities.has(key.authorityCode)) continue;
    byKid.set(key.kid, key);
    if (key.retiredAt === null) activeAuthorities.add(key.authorityCode);
  }
  return { keys: [...byKid.values()] };
}
