import { sign } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  LOG_CHECKPOINT_STREAM,
  LOG_SIGNING_KEY_OWNER,
  logCheckpointDecider,
  logCheckpointMessage,
  type CommandContext,
  type LogCheckpointSignature,
} from '@so-goc/domain';
import { handleCommand, isHashChained, type EventStore } from '@so-goc/event-store';
import { INFRASTRUCTURE, type Infrastructure } from '../infrastructure';
import { FileKeyring } from '../verification/file-keyring';

export interface LogCheckpointOutcome {
  /** False when nothing was appended since the last checkpoint, or the store is empty or not chained. */
  readonly recorded: boolean;
  readonly checkpoint?: LogCheckpointSignature;
  readonly reason?: 'empty' | 'not_chained' | 'nothing_new';
}

/**
 * Signs the head of the log with the registry's own Ed25519 key (published with the authorities' keys)
 * and records the checkpoint as an event of its own stream. An event rather than a side table: it is
 * chained like every other event (deleting one breaks the chain), a backup carries it, and the portal
 * publishes it through a projection like every other public fact. It covers the events before it.
 */
export async function signLogCheckpoint(store: EventStore, keyring: FileKeyring, context: CommandContext): Promise<LogCheckpointOutcome> {
  if (!isHashChained(store)) return { recorded: false, reason: 'not_chained' };
  const head = await store.chainHead();
  if (!head) return { recorded: false, reason: 'empty' };
  // The newest event being the last checkpoint itself, a new one would only vouch for that checkpoint.
  const newest = (await store.readStream(LOG_CHECKPOINT_STREAM)).events.at(-1);
  if (newest && newest.position.commit === head.position) return { recorded: false, reason: 'nothing_new' };
  const checkpoint = signChainHead(keyring, head.position, head.hash, context.occurredAt, await store.chainOrigin());
  const outcome = await handleCommand(store, logCheckpointDecider, {
    stream: LOG_CHECKPOINT_STREAM,
    command: { type: 'SignLogCheckpoint', ...checkpoint },
    context,
  });
  return outcome.events.length > 0 ? { recorded: true, checkpoint } : { recorded: false, reason: 'nothing_new', checkpoint };
}

export function signChainHead(
  keyring: FileKeyring,
  position: bigint,
  hash: string,
  signedAt: string,
  hashedAtMigrationUpTo: bigint,
): LogCheckpointSignature {
  const key = keyring.activeSigningKey(LOG_SIGNING_KEY_OWNER);
  const unsigned = { position: position.toString(), hash, signedAt, hashedAtMigrationUpTo: hashedAtMigrationUpTo.toString() };
  const signature = sign(null, logCheckpointMessage(unsigned), key.privateKey).toString('base64url');
  return { ...unsigned, keyId: key.kid, signature };
}

/** The registry signs the head of its log (CLI `checkpoint`; the running system's LogWatch calls signLogCheckpoint daily). */
export class SignLogCheckpointCommand extends Command<LogCheckpointOutcome> {
  constructor(readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(SignLogCheckpointCommand)
export class SignLogCheckpointHandler implements ICommandHandler<SignLogCheckpointCommand, LogCheckpointOutcome> {
  constructor(@Inject(INFRASTRUCTURE) private readonly infrastructure: Infrastructure) {}

  execute(command: SignLogCheckpointCommand): Promise<LogCheckpointOutcome> {
    return signLogCheckpoint(this.infrastructure.store, FileKeyring.forConfig(this.infrastructure.config), command.context);
  }
}
