import {
  BLANK_RANGE_REGISTRY_STREAM,
  blankLotDecider,
  blankLotStream,
  blankRangeRegistryDecider,
  decideReceiveBlankLot,
  type CommandContext,
  type ReceiveBlankLotInput,
} from '@so-goc/domain';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';

export function receiveBlankLot(
  store: EventStore,
  command: ReceiveBlankLotInput,
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return executeWorkflow(
    store,
    context,
    async (reads) =>
      decideReceiveBlankLot(
        command,
        {
          registry: await reads.state(blankRangeRegistryDecider, BLANK_RANGE_REGISTRY_STREAM),
          lot: await reads.state(blankLotDecider, blankLotStream(command.lotId)),
        },
        context,
      ),
    ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
  );
}
