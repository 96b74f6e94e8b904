import { CommandHandler } from '@nestjs/cqrs';
import {
  blankLotDecider,
  blankLotStream,
  certificatePrintRunDecider,
  certificatePrintRunStream,
  certificateRegisterDecider,
  certificateRegisterStream,
  decideCloseCertificatePrintRun,
  decideOpenCertificatePrintRun,
  decideRecordCertificateMisprint,
  decideRecordCertificatePrinting,
  decideSignCertificatePrintRun,
  foldEvents,
  openedCertificateRunOf,
  type CertificatePrintRunEvent,
  type CertificatePrintRunState,
  type CertificateRunAndLot,
  type CommandContext,
  type OpenCertificatePrintRunInput,
  type SignCertificatePrintRunInput,
  type WorkflowDecision,
} from '@so-goc/domain';
import { decodeEvent, handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import type { StreamReads } from '../write-path/stream-reads';
import { credentialKindsOf } from './certificate.commands';

/** One certificate print run folded from its stream (for the print job and the officers' view). */
export async function readCertificatePrintRun(
  store: EventStore,
  printRunId: string,
): Promise<{ state: CertificatePrintRunState; revision: bigint | 'no_stream' }> {
  const read = await store.readStream(certificatePrintRunStream(printRunId));
  return {
    state: foldEvents(
      certificatePrintRunDecider,
      read.events.map((event) => decodeEvent<CertificatePrintRunEvent>(event)),
    ),
    revision: read.revision,
  };
}

const pinned = (ifMatch: bigint | undefined) => (ifMatch !== undefined ? { expectedRevision: ifMatch } : {});

async function runAndLot(reads: StreamReads, printRunId: string): Promise<CertificateRunAndLot> {
  const run = await reads.state(certificatePrintRunDecider, certificatePrintRunStream(printRunId));
  const lotId = run.status === 'none' ? undefined : run.header.lotId;
  return { run, lot: lotId ? await reads.state(blankLotDecider, blankLotStream(lotId)) : blankLotDecider.initialState };
}

function onRunAndLot(
  store: EventStore,
  printRunId: string,
  context: CommandContext,
  ifMatch: bigint | undefined,
  decide: (read: CertificateRunAndLot) => WorkflowDecision,
): Promise<CommandOutcome> {
  return executeWorkflow(store, context, async (reads) => decide(await runAndLot(reads, printRunId)), pinned(ifMatch));
}

/**
 * Issue 18: opens a print run on certificate blanks — the register book gives the run its certificates, the lot
 * reserves a blank for each (and the spares), the run pairs them in register order.
 */
export class OpenCertificatePrintRun extends OfficerCommand<OpenCertificatePrintRunInput> {}
@CommandHandler(OpenCertificatePrintRun)
export class OpenCertificatePrintRunHandler extends OfficerCommandHandler<OpenCertificatePrintRun> {
  protected handle({ input, context }: OpenCertificatePrintRun): Promise<CommandOutcome> {
    const entry = credentialKindsOf(this.deps).get(input.kindCode, 'kindCode');
    return executeWorkflow(this.deps.store, context, async (reads) =>
      decideOpenCertificatePrintRun(
        input,
        {
          entry,
          run: await reads.state(certificatePrintRunDecider, certificatePrintRunStream(input.printRunId)),
          register: await reads.state(certificateRegisterDecider, certificateRegisterStream(input.authorityCode, entry.code, input.year)),
          lot: await reads.state(blankLotDecider, blankLotStream(input.lotId)),
        },
        context,
      ),
    );
  }
}

export class RecordCertificatePrinting extends OfficerCommand<{ printRunId: string; authorityCode: string; printedOn: string }> {}
@CommandHandler(RecordCertificatePrinting)
export class RecordCertificatePrintingHandler extends OfficerCommandHandler<RecordCertificatePrinting> {
  protected handle({ input, context, ifMatch }: RecordCertificatePrinting): Promise<CommandOutcome> {
    return onRunAndLot(this.deps.store, input.printRunId, context, ifMatch, (read) =>
      decideRecordCertificatePrinting(input, read, context),
    );
  }
}

export class RecordCertificateMisprint extends OfficerCommand<{
  printRunId: string;
  authorityCode: string;
  certificateId: string;
  note: string;
  reprintedOn: string;
}> {}
@CommandHandler(RecordCertificateMisprint)
export class RecordCertificateMisprintHandler extends OfficerCommandHandler<RecordCertificateMisprint> {
  protected handle({ input, context, ifMatch }: RecordCertificateMisprint): Promise<CommandOutcome> {
    return onRunAndLot(this.deps.store, input.printRunId, context, ifMatch, (read) =>
      decideRecordCertificateMisprint(input, read, context),
    );
  }
}

/** Signing issues the printed certificates: the register gains their serials (rules 5, 6; §8 licence on the date). */
export class SignCertificatePrintRun extends OfficerCommand<SignCertificatePrintRunInput> {}
@CommandHandler(SignCertificatePrintRun)
export class SignCertificatePrintRunHandler extends OfficerCommandHandler<SignCertificatePrintRun> {
  protected async handle({ input, context, ifMatch }: SignCertificatePrintRun): Promise<CommandOutcome> {
    const directory = await this.deps.directory();
    const catalogue = credentialKindsOf(this.deps);
    return executeWorkflow(
      this.deps.store,
      context,
      async (reads) => {
        const run = await reads.state(certificatePrintRunDecider, certificatePrintRunStream(input.printRunId));
        const opened = openedCertificateRunOf(run, input.authorityCode);
        const { authorityCode, kindCode, registerYear } = opened.header;
        return decideSignCertificatePrintRun(
          input,
          {
            entry: catalogue.get(kindCode, 'kindCode'),
            run,
            register: await reads.state(certificateRegisterDecider, certificateRegisterStream(authorityCode, kindCode, registerYear)),
            directory,
          },
          context,
        );
      },
      pinned(ifMatch),
    );
  }
}

export class CloseCertificatePrintRun extends OfficerCommand<{ printRunId: string; authorityCode: string; closedOn: string }> {}
@CommandHandler(CloseCertificatePrintRun)
export class CloseCertificatePrintRunHandler extends OfficerCommandHandler<CloseCertificatePrintRun> {
  protected handle({ input, context, ifMatch }: CloseCertificatePrintRun): Promise<CommandOutcome> {
    return onRunAndLot(this.deps.store, input.printRunId, context, ifMatch, (read) => decideCloseCertificatePrintRun(input, read, context));
  }
}

/** The SHA-256 of a rendered certificate print job, so the paper can be compared with what was recorded (§6). */
export class RecordCertificatePrintRunDocument extends OfficerCommand<{
  printRunId: string;
  authorityCode: string;
  mode: 'overlay' | 'preview';
  sha256: string;
  pageCount: number;
}> {}
@CommandHandler(RecordCertificatePrintRunDocument)
export class RecordCertificatePrintRunDocumentHandler extends OfficerCommandHandler<RecordCertificatePrintRunDocument> {
  protected async handle({ input, context, ifMatch }: RecordCertificatePrintRunDocument): Promise<CommandOutcome> {
    openedCertificateRunOf((await readCertificatePrintRun(this.deps.store, input.printRunId)).state, input.authorityCode);
    return handleCommand(this.deps.store, certificatePrintRunDecider, {
      stream: certificatePrintRunStream(input.printRunId),
      context,
      ...pinned(ifMatch),
      command: {
        type: 'RecordCertificatePrintRunDocument',
        mode: input.mode,
        sha256: input.sha256,
        pageCount: input.pageCount,
        renderedAt: context.occurredAt,
      },
    });
  }
}

export const CERTIFICATE_PRINT_RUN_COMMAND_HANDLERS = [
  OpenCertificatePrintRunHandler,
  RecordCertificatePrintingHandler,
  RecordCertificateMisprintHandler,
  SignCertificatePrintRunHandler,
  CloseCertificatePrintRunHandler,
  RecordCertificatePrintRunDocumentHandler,
];
