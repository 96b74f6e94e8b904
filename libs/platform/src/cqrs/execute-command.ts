import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Decider, DomainEvent } from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { EVENT_STORE } from '../infrastructure';

/**
 * The one write path: every command goes through the CommandBus to handleCommand with the decider of
 * its stream. The bus is dispatch only; state lives in the event store.
 */
export class ExecuteCommand<TCommand = unknown> extends Command<CommandOutcome> {
  constructor(
    readonly decider: Decider<TCommand, unknown, DomainEvent>,
    readonly stream: string,
    readonly command: TCommand,
    readonly context: CommandContext,
    readonly expectedRevision?: bigint,
  ) {
    super();
  }
}

@CommandHandler(ExecuteCommand)
export class ExecuteCommandHandler implements ICommandHandler<ExecuteCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(message: ExecuteCommand): Promise<CommandOutcome> {
    return handleCommand(this.store, message.decider, {
      stream: message.stream,
      command: message.command,
      context: message.context,
      ...(message.expectedRevision !== undefined ? { expectedRevision: message.expectedRevision } : {}),
    });
  }
}

export function executeCommand<TCommand, TState, TEvent extends DomainEvent>(
  decider: Decider<TCommand, TState, TEvent>,
  stream: string,
  command: TCommand,
  context: CommandContext,
  expectedRevision?: bigint,
): ExecuteCommand<TCommand> {
  return new ExecuteCommand(decider as unknown as Decider<TCommand, unknown, DomainEvent>, stream, command, context, expectedRevision);
}
