import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, findingDecider, findingStream, isWithinScope, type CommandContext, type FindingSighting } from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { EVENT_STORE } from '../infrastructure';
import { authorityDirectoryCache } from '../access/authority-directory-cache';
import { loadState } from '../issuance/load-state';
import { underIdempotencyKey } from '../write-path/idempotency-key-guard';

/** One finding per detection key, whatever the key's characters. */
export function findingIdFor(detectionKey: string): string {
  return createHash('sha256').update(detectionKey).digest('hex').slice(0, 24);
}

/** A detection's latest sighting, sent by the sweeper (the system acts, no officer). */
export class RecordFindingSighting extends Command<CommandOutcome> {
  constructor(
    readonly detectionKey: string,
    readonly sighting: FindingSighting,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class AcknowledgeFinding extends Command<CommandOutcome> {
  constructor(
    readonly findingId: string,
    readonly note: string | null,
    readonly context: CommandContext,
    /** If-Match: the finding stream's revision the officer saw (the ETag of the last answer). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

export class AssignFinding extends Command<CommandOutcome> {
  constructor(
    readonly findingId: string,
    readonly assignee: string,
    readonly note: string | null,
    readonly context: CommandContext,
    /** If-Match: the finding stream's revision the officer saw (the ETag of the last answer). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

export class CloseFinding extends Command<CommandOutcome> {
  constructor(
    readonly findingId: string,
    readonly note: string,
    readonly context: CommandContext,
    /** If-Match: the finding stream's revision the officer saw (the ETag of the last answer). */
    readonly ifMatch?: bigint,
  ) {
    super();
  }
}

@CommandHandler(RecordFindingSighting)
export class RecordFindingSightingHandler implements ICommandHandler<RecordFindingSighting, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(c: RecordFindingSighting): Promise<CommandOutcome> {
    const findingId = findingIdFor(c.detectionKey);
    return handleCommand(this.store, findingDecider, {
      stream: findingStream(findingId),
      context: c.context,
      command: { type: 'RecordSighting', findingId, detectionKey: c.detectionKey, sighting: c.sighting },
    });
  }
}

/**
 * Handling a finding: an auditor or administrator of the finding's own authority, or of a Sở above it
 * (a Sở watches its units). Checked against the finding's recorded authority before anything is appended.
 */
abstract class HandleFinding<C extends { findingId: string; context: CommandContext; ifMatch?: bigint | undefined }> {
  // One fold of the directory stream per handler, brought up to date on each read, not one per command.
  private readonly directory: ReturnType<typeof authorityDirectoryCache>;

  constructor(protected readonly store: EventStore) {
    this.directory = authorityDirectoryCache(store);
  }

  protected abstract command(c: C): Parameters<typeof findingDecider.decide>[0];

  execute(c: C): Promise<CommandOutcome> {
    return underIdempotencyKey(this.store, c.context, () => this.handle(c));
  }

  private async handle(c: C): Promise<CommandOutcome> {
    const state = await loadState(this.store, findingDecider, findingStream(c.findingId));
    if (state.status !== 'none') {
      if (!['auditor', 'administrator'].includes(c.context.actor.role)) throw forbidden('role');
      const directory = await this.directory.current();
      if (!isWithinScope(directory, { authorityCode: c.context.actor.authorityCode, includeSubordinates: true }, state.authorityCode))
        throw forbidden('authorityCode');
    }
    return handleCommand(this.store, findingDecider, {
      stream: findingStream(c.findingId),
      context: c.context,
      command: this.command(c),
      ...(c.ifMatch !== undefined ? { expectedRevision: c.ifMatch } : {}),
    });
  }
}

@CommandHandler(AcknowledgeFinding)
export class AcknowledgeFindingHandler extends HandleFinding<AcknowledgeFinding> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store);
  }
  protected command(c: AcknowledgeFinding) {
    return { type: 'AcknowledgeFinding' as const, findingId: c.findingId, note: c.note };
  }
}

@CommandHandler(AssignFinding)
export class AssignFindingHandler extends HandleFinding<AssignFinding> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store);
  }
  protected command(c: AssignFinding) {
    return { type: 'AssignFinding' as const, findingId: c.findingId, assignee: c.assignee, note: c.note };
  }
}

@CommandHandler(CloseFinding)
export class CloseFindingHandler extends HandleFinding<CloseFinding> {
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store);
  }
  protected command(c: CloseFinding) {
    return { type: 'CloseFinding' as const, findingId: c.findingId, note: c.note };
  }
}

export const FINDING_COMMAND_HANDLERS = [
  RecordFindingSightingHandler,
  AcknowledgeFindingHandler,
  AssignFindingHandler,
  CloseFindingHandler,
];

function forbidden(field: string): DomainError {
  return new DomainError({
    code: 'FINDING_OUTSIDE_AUTHORITY',
    kind: 'forbidden',
    messageVi: 'Chỉ kiểm tra viên hoặc quản trị của cơ quan có phát hiện (hoặc Sở cấp trên) được xử lý phát hiện này.',
    messageEn: "Only an auditor or administrator of the finding's authority (or the Sở above it) may handle this finding.",
    field,
  });
}
