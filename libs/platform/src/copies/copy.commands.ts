import { CommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  isCertificateSource,
  verificationRequestDecider,
  verificationRequestStream,
  type CommandContext,
} from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import { loadState } from '../issuance/load-state';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import {
  copySourceFacts,
  extendCopyRequest,
  issueCopies,
  openRequest,
  receiveCopyRequest,
  refuseCopyRequest,
  type CopyRequestInput,
} from './copies';
import { answerVerificationRequest, receiveVerificationRequest } from './verification-requests';

type Args<F extends (...args: never[]) => unknown, I extends number> = Parameters<F>[I];

/** A copy request is handled by the office that received it, and only while it holds the diploma's register. */
abstract class CopyRequestActHandler<
  TCommand extends OfficerCommand<{ requestId: string; authorityCode: string }>,
> extends OfficerCommandHandler<TCommand> {
  protected async authorizeRequest(requestId: string, actingAuthorityCode: string, context: CommandContext): Promise<void> {
    const request = await openRequest(this.deps.store, requestId);
    await this.deps.authorizeOnRecord(
      { authorityCode: request.request.authorityCode, vi: `yêu cầu cấp bản sao ${requestId}`, en: `copy request ${requestId}` },
      actingAuthorityCode,
      context,
    );
  }
}

export class ReceiveCopyRequest extends OfficerCommand<CopyRequestInput> {}
@CommandHandler(ReceiveCopyRequest)
export class ReceiveCopyRequestHandler extends OfficerCommandHandler<ReceiveCopyRequest> {
  protected async handle({ input, context, ifMatch }: ReceiveCopyRequest): Promise<CommandOutcome> {
    // Rule 46: only the office holding the diploma's register takes requests for it. A request naming no
    // register entry is still received, to be refused in writing (rule 50).
    const source = await copySourceFacts(this.deps.store, input.diplomaId);
    if (source)
      await this.deps.authorizeOnRecord(
        isCertificateSource(source)
          ? {
              // Issue 18: a certificate's copies come from the register of the centre that issued it (or its successor).
              authorityCode: source.session.authorityCode,
              vi: `chứng chỉ ${source.certificate.registerNumber}`,
              en: `certificate ${source.certificate.registerNumber}`,
            }
          : {
              authorityCode: source.issued.authorityCode,
              vi: `văn bằng ${source.issued.serialLabel}`,
              en: `diploma ${source.issued.serialLabel}`,
            },
        input.authorityCode,
        context,
      );
    return receiveCopyRequest(
      this.deps.store,
      await this.deps.calendar(),
      this.deps.infrastructure.config.copyFeePerCopyVnd,
      input,
      context,
      ifMatch,
    );
  }
}

export class ExtendCopyRequest extends OfficerCommand<Args<typeof extendCopyRequest, 2> & { authorityCode: string }> {}
@CommandHandler(ExtendCopyRequest)
export class ExtendCopyRequestHandler extends CopyRequestActHandler<ExtendCopyRequest> {
  protected async handle({ input, context, ifMatch }: ExtendCopyRequest): Promise<CommandOutcome> {
    await this.authorizeRequest(input.requestId, input.authorityCode, context);
    return extendCopyRequest(this.deps.store, await this.deps.calendar(), input, context, ifMatch);
  }
}

export class RefuseCopyRequest extends OfficerCommand<Args<typeof refuseCopyRequest, 1> & { authorityCode: string }> {}
@CommandHandler(RefuseCopyRequest)
export class RefuseCopyRequestHandler extends CopyRequestActHandler<RefuseCopyRequest> {
  protected async handle({ input, context, ifMatch }: RefuseCopyRequest): Promise<CommandOutcome> {
    await this.authorizeRequest(input.requestId, input.authorityCode, context);
    return refuseCopyRequest(this.deps.store, input, context, ifMatch);
  }
}

export class IssueCopies extends OfficerCommand<Args<typeof issueCopies, 2>> {}
@CommandHandler(IssueCopies)
export class IssueCopiesHandler extends CopyRequestActHandler<IssueCopies> {
  protected async handle({ input, context, ifMatch }: IssueCopies): Promise<CommandOutcome> {
    await this.authorizeRequest(input.requestId, input.authorityCode, context);
    return issueCopies(this.deps.store, await this.deps.directory(), input, context, ifMatch);
  }
}

export class ReceiveVerificationRequest extends OfficerCommand<Args<typeof receiveVerificationRequest, 1>> {}
@CommandHandler(ReceiveVerificationRequest)
export class ReceiveVerificationRequestHandler extends OfficerCommandHandler<ReceiveVerificationRequest> {
  protected handle({ input, context, ifMatch }: ReceiveVerificationRequest): Promise<CommandOutcome> {
    return receiveVerificationRequest(this.deps.store, input, context, ifMatch);
  }
}

export class AnswerVerificationRequest extends OfficerCommand<Args<typeof answerVerificationRequest, 3> & { authorityCode: string }> {}
@CommandHandler(AnswerVerificationRequest)
export class AnswerVerificationRequestHandler extends OfficerCommandHandler<AnswerVerificationRequest> {
  protected async handle({ input, context, ifMatch }: AnswerVerificationRequest): Promise<CommandOutcome> {
    const letter = await loadState(this.deps.store, verificationRequestDecider, verificationRequestStream(input.requestId));
    if (letter.status === 'none')
      throw new DomainError({
        code: 'VERIFICATION_REQUEST_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có công văn này.',
        messageEn: 'No such letter.',
        field: 'requestId',
      });
    await this.deps.authorizeOnRecord(
      {
        authorityCode: letter.request.authorityCode,
        vi: `công văn xác minh ${input.requestId}`,
        en: `verification letter ${input.requestId}`,
      },
      input.authorityCode,
      context,
    );
    return answerVerificationRequest(this.deps.store, this.deps.readModels, await this.deps.directory(), input, context, ifMatch);
  }
}

export const COPY_COMMAND_HANDLERS = [
  ReceiveCopyRequestHandler,
  ExtendCopyRequestHandler,
  RefuseCopyRequestHandler,
  IssueCopiesHandler,
  ReceiveVerificationRequestHandler,
  AnswerVerificationRequestHandler,
];
