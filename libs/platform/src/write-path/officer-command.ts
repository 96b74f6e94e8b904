import { Injectable } from '@nestjs/common';
import { Command, type CommandResult } from '@nestjs/cqrs';
import type { CommandContext, DomainEvent } from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import { underIdempotencyKey } from './idempotency-key-guard';
import { WriteDependencies } from './write-dependencies';

/**
 * One act of an officer (or of the CLI acting as one): what was asked, who asks, and the revision of
 * the record the client saw (HTTP If-Match), if it sent one. Every write goes through the CommandBus as
 * one of these, from HTTP, the CLI, the demo loader and tests alike. TEvent is the event union of the
 * decider that decides it: `bus.execute(command)` answers a CommandOutcome carrying those events, typed.
 */
export abstract class OfficerCommand<TInput, TEvent extends DomainEvent = DomainEvent> extends Command<CommandOutcome<TEvent>> {
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
export abstract class OfficerCommandHandler<TCommand extends OfficerCommand<unknown, DomainEvent>> {
  constructor(protected readonly deps: WriteDependencies) {}

  execute(command: TCommand): Promise<CommandResult<TCommand>> {
    return underIdempotencyKey(this.deps.store, command.context, () => this.handle(command));
  }

  protected abstract handle(command: TCommand): Promise<CommandResult<TCommand>>;
}
