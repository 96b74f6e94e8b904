import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { CommandOutcome } from '@so-goc/event-store';
import { currentWritePosition, WRITE_POSITION_HEADER } from '../read-your-writes/write-position';
import { etagOf } from './command-context';

/**
 * 201 for a new act, 200 when the same command id was already handled; ETag pins the next command.
 * `writePosition` (also the Sogoc-Write-Position header) is the position the act reached: sent back as
 * Sogoc-Read-After, any node's read waits until its read models show the act (issue 20 item 4).
 */
export function commandReply(response: Response, outcome: CommandOutcome, extra: Record<string, unknown> = {}): object {
  response.status(outcome.alreadyHandled ? HttpStatus.OK : HttpStatus.CREATED);
  response.setHeader('ETag', etagOf(outcome.revision));
  const writePosition = currentWritePosition();
  if (writePosition !== undefined) response.setHeader(WRITE_POSITION_HEADER, writePosition);
  return {
    stream: outcome.stream,
    revision: String(outcome.revision),
    alreadyHandled: outcome.alreadyHandled,
    events: outcome.events.map((event) => ({ id: event.id, type: event.type })),
    ...(writePosition !== undefined ? { writePosition } : {}),
    ...extra,
  };
}
