import { CommandHandler } from '@nestjs/cqrs';
import {
  recogniseForeignDiploma,
  recognitionDecider,
  recognitionRegisterDecider,
  recognitionRegisterStream,
  recognitionStream,
  requireOpen,
  type CommandContext,
  type DossierDocument,
  type ForeignDiploma,
  type ForeignVerificationOutcome,
  type RecognitionApplicant,
  type RecognitionChannel,
  type RecognitionEvent,
  type RecognitionLevel,
  type RecognitionRevocationGround,
  type RecognitionState,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome } from '@so-goc/event-store';
import { loadState } from '../issuance/load-state';
import { executeWorkflow } from '../write-path/execute-workflow';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';

export interface ReceiveRecognitionApplicationInput {
  readonly recognitionId: string;
  readonly authorityCode: string;
  readonly channel: RecognitionChannel;
  readonly receivedOn: string;
  readonly applicant: RecognitionApplicant;
  readonly foreignDiploma: ForeignDiploma;
  readonly dossier: readonly DossierDocument[];
}

/** Every act after the receipt names the application and the authority acting (the route's). */
interface OnApplication {
  readonly recognitionId: string;
  readonly authorityCode: string;
}

export class ReceiveRecognitionApplication extends OfficerCommand<ReceiveRecognitionApplicationInput, RecognitionEvent> {}
export class SendRecognitionVerification extends OfficerCommand<
  OnApplication & { sentOn: string; letterNumber: string; addressee: string }
> {}
export class RecordRecognitionVerificationAnswer extends OfficerCommand<
  OnApplication & { answeredOn: string; outcome: ForeignVerificationOutcome; reference: string; note?: string | null }
> {}
export class RecogniseForeignDiploma extends OfficerCommand<
  OnApplication & { decidedOn: string; equivalentTo: RecognitionLevel; signerId: string },
  RecognitionEvent
> {}
export class RefuseRecognition extends OfficerCommand<
  OnApplication & { refusedOn: string; letterNumber: string; reasons: string; signerId: string }
> {}
/** Revocation of a recognition document by a signed decision with its grounds and reasons (issue 18). */
export class RevokeRecognition extends OfficerCommand<
  OnApplication & {
    decisionNumber: string;
    revokedOn: string;
    grounds: readonly RecognitionRevocationGround[];
    reasons: string;
    signerId: string;
  }
> {}

/**
 * The Sở that received an application acts on it (or the Sở that took over its records); another
 * Sở is refused before anything is read further or appended (§8, issue 12 item 6).
 */
abstract class RecognitionActHandler<TCommand extends OfficerCommand<OnApplication>> extends OfficerCommandHandler<TCommand> {
  protected async authorized(input: OnApplication, context: CommandContext): Promise<RecognitionState> {
    const state = await loadState(this.deps.store, recognitionDecider, recognitionStream(input.recognitionId));
    const open = state.status === 'none' ? requireOpen(state) : state;
    await this.deps.authorizeOnRecord(
      {
        authorityCode: open.application.authorityCode,
        vi: `hồ sơ công nhận văn bằng ${input.recognitionId}`,
        en: `recognition application ${input.recognitionId}`,
      },
      input.authorityCode,
      context,
    );
    return state;
  }
}

@CommandHandler(ReceiveRecognitionApplication)
export class ReceiveRecognitionApplicationHandler extends OfficerCommandHandler<ReceiveRecognitionApplication> {
  protected async handle({ input, context, ifMatch }: ReceiveRecognitionApplication): Promise<CommandOutcome<RecognitionEvent>> {
    return handleCommand(this.deps.store, recognitionDecider, {
      stream: recognitionStream(input.recognitionId),
      context,
      command: {
        type: 'ReceiveRecognitionApplication',
        ...input,
        directory: await this.deps.directory(),
        calendar: await this.deps.calendar(),
      },
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

@CommandHandler(SendRecognitionVerification)
export class SendRecognitionVerificationHandler extends RecognitionActHandler<SendRecognitionVerification> {
  protected async handle({ input, context, ifMatch }: SendRecognitionVerification): Promise<CommandOutcome> {
    await this.authorized(input, context);
    const { authorityCode: _acting, ...command } = input;
    return handleCommand(this.deps.store, recognitionDecider, {
      stream: recognitionStream(input.recognitionId),
      context,
      command: { type: 'SendRecognitionVerification', ...command, calendar: await this.deps.calendar() },
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

@CommandHandler(RecordRecognitionVerificationAnswer)
export class RecordRecognitionVerificationAnswerHandler extends RecognitionActHandler<RecordRecognitionVerificationAnswer> {
  protected async handle({ input, context, ifMatch }: RecordRecognitionVerificationAnswer): Promise<CommandOutcome> {
    await this.authorized(input, context);
    const { authorityCode: _acting, ...command } = input;
    return handleCommand(this.deps.store, recognitionDecider, {
      stream: recognitionStream(input.recognitionId),
      context,
      command: { type: 'RecordRecognitionVerificationAnswer', ...command },
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

@CommandHandler(RefuseRecognition)
export class RefuseRecognitionHandler extends RecognitionActHandler<RefuseRecognition> {
  protected async handle({ input, context, ifMatch }: RefuseRecognition): Promise<CommandOutcome> {
    await this.authorized(input, context);
    const { authorityCode: _acting, ...command } = input;
    return handleCommand(this.deps.store, recognitionDecider, {
      stream: recognitionStream(input.recognitionId),
      context,
      command: { type: 'RefuseRecognition', ...command, directory: await this.deps.directory() },
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

@CommandHandler(RevokeRecognition)
export class RevokeRecognitionHandler extends RecognitionActHandler<RevokeRecognition> {
  protected async handle({ input, context, ifMatch }: RevokeRecognition): Promise<CommandOutcome> {
    await this.authorized(input, context);
    const { authorityCode: _acting, ...command } = input;
    return handleCommand(this.deps.store, recognitionDecider, {
      stream: recognitionStream(input.recognitionId),
      context,
      command: { type: 'RevokeRecognition', ...command, directory: await this.deps.directory() },
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    });
  }
}

/** Two streams: the decision year's recognition register (the number), then the application (the decision). */
@CommandHandler(RecogniseForeignDiploma)
export class RecogniseForeignDiplomaHandler extends RecognitionActHandler<RecogniseForeignDiploma> {
  protected async handle({ input, context, ifMatch }: RecogniseForeignDiploma): Promise<CommandOutcome<RecognitionEvent>> {
    await this.authorized(input, context);
    const directory = await this.deps.directory();
    return executeWorkflow<RecognitionEvent>(
      this.deps.store,
      context,
      async (reads) => {
        const recognition = await reads.state(recognitionDecider, recognitionStream(input.recognitionId));
        const authorityCode = recognition.status === 'none' ? input.authorityCode : recognition.application.authorityCode;
        const year = Number(String(input.decidedOn).slice(0, 4));
        const register = Number.isInteger(year)
          ? await reads.state(recognitionRegisterDecider, recognitionRegisterStream(authorityCode, year))
          : recognitionRegisterDecider.initialState;
        return recogniseForeignDiploma(recognition, register, {
          recognitionId: input.recognitionId,
          decidedOn: input.decidedOn,
          equivalentTo: input.equivalentTo,
          signerId: input.signerId,
          directory,
          actor: context.actor,
        });
      },
      ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
    );
  }
}

export const RECOGNITION_COMMAND_HANDLERS = [
  ReceiveRecognitionApplicationHandler,
  SendRecognitionVerificationHandler,
  RecordRecognitionVerificationAnswerHandler,
  RecogniseForeignDiplomaHandler,
  RefuseRecognitionHandler,
  RevokeRecognitionHandler,
];
