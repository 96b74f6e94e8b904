import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { CommandOutcome } from '@so-goc/event-store';
import { etagOf } from './command-context';

/** 201 for a new act, 200 when the same command id was already handled; ETag pins the next command. */
export function commandReply(response: Response, outcome: CommandOutcome, extra: Record<string, unknown> = {}): object {
  response.status(outcome.alreadyHandled ? HttpStatus.OK : HttpStatus.CREATED);
  response.setHeader('ETag', etagOf(outcome.revision));
  return {
    stream: outcome.stream,
    revision: String(outcome.revision),
    alreadyHandled: outcome.alreadyHandled,
    events: outcome.events.map((event) => ({ id: event.id, type: event.type })),
    ...extra,
  };
}
