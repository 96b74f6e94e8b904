import { CommandHandler } from '@nestjs/cqrs';
import { printRunDecider, printRunStream, openedRunOf, type OpenPrintRunInput } from '@so-goc/domain';
import { handleCommand, type CommandOutcome } from '@so-goc/event-store';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import { loadState } from './load-state';
import { openPrintRun } from './open-print-run';
import { closePrintRun, recordMisprint, recordPrinting, signPrintRun } from './print-run-steps';

// Print runs are authorized by the run itself: decideOpenPrintRun checks the decision and the lot,
// openedRunOf answers "no such run" to any authority but the one that opened it.

export class OpenPrintRun extends OfficerCommand<OpenPrintRunInput> {}
@CommandHandler(OpenPrintRun)
export class OpenPrintRunHandler extends OfficerCommandHandler<OpenPrintRun> {
  protected handle({ input, context, ifMatch }: OpenPrintRun): Promise<CommandOutcome> {
    return openPrintRun(this.deps.store, input, context, ifMatch);
  }
}

export class RecordPrinting extends OfficerCommand<{ printRunId: string; authorityCode: string; printedOn: string }> {}
@CommandHandler(RecordPrinting)
export class RecordPrintingHandler extends OfficerCommandHandler<RecordPrinting> {
  protected handle({ input, context, ifMatch }: RecordPrinting): Promise<CommandOutcome> {
    return recordPrinting(this.deps.store, input, context, ifMatch);
  }
}

export class RecordMisprint extends OfficerCommand<{
  printRunId: string;
  authorityCode: string;
  diplomaId: string;
  note: string;
  reprintedOn: string;
}> {}
@CommandHandler(RecordMisprint)
export class RecordMisprintHandler extends OfficerCommandHandler<RecordMisprint> {
  protected handle({ input, context, ifMatch }: RecordMisprint): Promise<CommandOutcome> {
    return recordMisprint(this.deps.store, input, context, ifMatch);
  }
}

export class SignPrintRun extends OfficerCommand<{
  printRunId: string;
  authorityCode: string;
  signerId: string;
  issueDate: string;
  issuePlace: string;
}> {}
@CommandHandler(SignPrintRun)
export class SignPrintRunHandler extends OfficerCommandHandler<SignPrintRun> {
  protected async handle({ input, context, ifMatch }: SignPrintRun): Promise<CommandOutcome> {
    return signPrintRun(this.deps.store, await this.deps.directory(), input, context, ifMatch);
  }
}

export class ClosePrintRun extends OfficerCommand<{ printRunId: string; authorityCode: string; closedOn: string }> {}
@CommandHandler(ClosePrintRun)
export class ClosePrintRunHandler extends OfficerCommandHandler<ClosePrintRun> {
  protected handle({ input, context, ifMatch }: ClosePrintRun): Promise<CommandOutcome> {
    return closePrintRun(this.deps.store, input, context, ifMatch);
  }
}

/** The SHA-256 of a rendered print job, so the paper can be compared with what was recorded (architecture §6). */
export class RecordPrintRunDocument extends OfficerCommand<{
  printRunId: string;
  authorityCode: string;
  mode: 'overlay' | 'preview';
  sha256: string;
  pageCount: number;
}> {}
@CommandHandler(RecordPrintRunDocument)
export class RecordPrintRunDocumentHandler extends OfficerCommandHandler<RecordPrintRunDocument> {
  protected async handle({ input, context, ifMatch }: RecordPrintRunDocument): Promise<CommandOutcome> {
    const stream = printRunStream(input.printRunId);
    openedRunOf(await loadState(this.deps.store, printRunDecider, stream), input.authorityCode);
    return handleCommand(this.deps.store, printRunDecider, {
      stream,
      context,
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
      command: {
        type: 'RecordPrintRunDocument',
        printRunId: input.printRunId,
        mode: input.mode,
        sha256: input.sha256,
        pageCount: input.pageCount,
        renderedAt: context.occurredAt,
      },
    });
  }
}

export const PRINT_RUN_COMMAND_HANDLERS = [
  OpenPrintRunHandler,
  RecordPrintingHandler,
  RecordMisprintHandler,
  SignPrintRunHandler,
  ClosePrintRunHandler,
  RecordPrintRunDocumentHandler,
];
