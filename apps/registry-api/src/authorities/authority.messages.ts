import { Command, CommandHandler, IQuery, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { authorityDecider, authorityNotFound, type AuthorityCommand, type CommandContext } from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { findAuthority, type AuthorityView } from '@so-goc/projections';
import { EVENT_STORE, READ_MODELS } from '@so-goc/platform';

export class ExecuteAuthorityCommand extends Command<CommandOutcome> {
  constructor(
    readonly stream: string,
    readonly command: AuthorityCommand,
    readonly context: CommandContext,
    readonly expectedRevision: bigint | undefined,
  ) {
    super();
  }
}

@CommandHandler(ExecuteAuthorityCommand)
export class ExecuteAuthorityCommandHandler implements ICommandHandler<ExecuteAuthorityCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(message: ExecuteAuthorityCommand): Promise<CommandOutcome> {
    return handleCommand(this.store, authorityDecider, {
      stream: message.stream,
      command: message.command,
      context: message.context,
      ...(message.expectedRevision !== undefined ? { expectedRevision: message.expectedRevision } : {}),
    });
  }
}

export class GetAuthorityQuery implements IQuery {
  constructor(readonly code: string) {}
}

@QueryHandler(GetAuthorityQuery)
export class GetAuthorityQueryHandler implements IQueryHandler<GetAuthorityQuery, AuthorityView> {
  constructor(@Inject(READ_MODELS) private readonly db: Database) {}

  execute(query: GetAuthorityQuery): Promise<AuthorityView> {
    const found = findAuthority(this.db, query.code);
    if (!found) return Promise.reject(authorityNotFound(query.code));
    return Promise.resolve(found);
  }
}
