import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  AUTHORITY_DIRECTORY_STREAM,
  authorityDirectoryDecider,
  DomainError,
  type CommandContext,
  type RegisterHandOver,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { underIdempotencyKey } from '../write-path/idempotency-key-guard';
import { EVENT_STORE } from '../infrastructure';

/** TT10/2026: a body records the registers it received (minutes, date, list of books). */
export class HandOverRegisters extends Command<CommandOutcome> {
  constructor(
    readonly handOver: RegisterHandOver,
    readonly context: CommandContext,
    /** If-Match: the revision of the directory stream (the ETag the hand-over answers with) the officer saw. */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

@CommandHandler(HandOverRegisters)
export class HandOverRegistersHandler implements ICommandHandler<HandOverRegisters, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ handOver, context, ifMatch }: HandOverRegisters): Promise<CommandOutcome> {
    // The receiver records the minutes it signed for: custody moves to it, so it alone may claim it.
    if (context.actor.authorityCode !== handOver.toCode) {
      throw new DomainError({
        code: 'NOT_RECEIVER',
        kind: 'forbidden',
        messageVi: 'Chỉ đơn vị nhận sổ mới ghi nhận biên bản bàn giao.',
        messageEn: 'Only the receiving body records the hand-over.',
        field: 'toCode',
        rule: 46,
      });
    }
    return underIdempotencyKey(this.store, context, () =>
      handleCommand(this.store, authorityDirectoryDecider, {
        stream: AUTHORITY_DIRECTORY_STREAM,
        context,
        command: { type: 'HandOverRegisters', ...handOver },
        ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
      }),
    );
  }
}
