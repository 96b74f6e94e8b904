import {
  blankLotDecider,
  blankLotStream,
  decideOpenPrintRun,
  graduationDecisionDecider,
  graduationDecisionStream,
  printRunDecider,
  printRunStream,
  registerNumbersDecider,
  registerStream,
  registerYearOf,
  type CommandContext,
  type OpenPrintRunInput,
} from '@so-goc/domain';
import type { CommandOutcome, EventStore } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';

export type OpenPrintRunRequest = OpenPrintRunInput;

/** Reads the four streams an opening touches and appends what decideOpenPrintRun decided, in its order. */
export function openPrintRun(
  store: EventStore,
  request: OpenPrintRunRequest,
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return executeWorkflow(
    store,
    context,
    async (reads) => {
      const decision = await reads.state(graduationDecisionDecider, graduationDecisionStream(request.decisionId));
      const kind = decision.status === 'recorded' ? decision.header.kind : 'THPT';
      return decideOpenPrintRun(
        request,
        {
          run: await reads.state(printRunDecider, printRunStream(request.printRunId)),
          decision,
          lot: await reads.state(blankLotDecider, blankLotStream(request.lotId)),
          register: await reads.state(
            registerNumbersDecider,
            registerStream(request.authorityCode, kind, registerYearOf(request.openedOn)),
          ),
        },
        context,
      );
    },
    ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
  );
}
