import {
  BLANK_RANGE_REGISTRY_STREAM,
  blankLotDecider,
  blankLotStream,
  blankRangeRegistryDecider,
  actedOnOf,
  validateReceipt,
  type BlankLotCommand,
  type CommandContext,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';

type ReceiveBlankLot = Extract<BlankLotCommand, { type: 'ReceiveBlankLot' }>;

/**
 * A receipt touches two streams: the range registry (which refuses a serial received twice anywhere)
 * and the new lot's own stream. The command is fully validated first, so once the range is claimed
 * only an outage can stop the second append; both appends derive their event ids from the same command
 * id, so resending the command completes a receipt cut short without recording anything twice.
 */
export async function receiveBlankLot(store: EventStore, command: ReceiveBlankLot, context: CommandContext): Promise<CommandOutcome> {
  validateReceipt(command, actedOnOf(context));
  await handleCommand(store, blankRangeRegistryDecider, {
    stream: BLANK_RANGE_REGISTRY_STREAM,
    context,
    command: { type: 'ClaimBlankRange', lotId: command.lotId, kind: command.kind, prefix: command.prefix, width: command.width, from: command.from, to: command.to, authorityCode: command.authorityCode },
  });
  return handleCommand(store, blankLotDecider, { stream: blankLotStream(command.lotId), context, command, expectedRevision: 'no_stream' });
}
