import { Injectable } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { idempotencyKeyDecider, idempotencyKeyStream, type CommandContext } from '@so-goc/domain';
import { handleCommand, type CommandOutcome } from '@so-goc/event-store';
import { loadState } from '../issuance/load-state';
import { WriteDependencies } from './write-dependencies';

/**
 * One act of an officer (or of the CLI acting as one): what was asked, who asks, and the revision of
 * the record the client saw (HTTP If-Match), if it sent one. Every write goes through the CommandBus as
 * one of these, from HTTP, the CLI, the demo loader and tests alike.
 */
export abstract class OfficerCommand<TInput> extends Command<CommandOutcome> {
  constructor(
    readonly input: TInput,
    readonly context: CommandContext,
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

/**
 * The one write path. Before the act is handled, an Idempotency-Key the client sent is bound to this
 * request, so reusing it for another request is refused (409) while a resend of the same one completes.
 * Handlers authorize the act against the record they touch, then read, decide and append.
 */
@Injectable()
export abstract class OfficerCommandHandler<TCommand extends OfficerCommand<unknown>> {
  constructor(protected readonly deps: WriteDependencies) {}

  async execute(command: TCommand): Promise<CommandOutcome> {
    const idempotency = command.context.idempotency;
    if (!idempotency) return this.handle(command);
    const stream = idempotencyKeyStream(idempotency.key);
    const use = { type: 'UseIdempotencyKey' as const, key: idempotency.key, fingerprint: idempotency.fingerprint, act: idempotency.act };
    // Refused before anything is done when the key names another request; recorded only once the act
    // succeeded, so a refused act leaves nothing behind, not even its key.
    idempotencyKeyDecider.decide(use, await loadState(this.deps.store, idempotencyKeyDecider, stream), command.context);
    const outcome = await this.handle(command);
    // The key's own record is keyed by the request, so a different request is decided, not skipped.
    await handleCommand(this.deps.store, idempotencyKeyDecider, {
      stream,
      context: { ...command.context, commandId: `${idempotency.key}:${idempotency.fingerprint}` },
      command: use,
    });
    return outcome;
  }

  protected abstract handle(command: TCommand): Promise<CommandOutcome>;
}
