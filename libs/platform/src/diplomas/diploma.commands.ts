import { CommandHandler } from '@nestjs/cqrs';
import type { CommandContext, DiplomaEvent } from '@so-goc/domain';
import type { CommandOutcome } from '@so-goc/event-store';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import {
  decideCorrection,
  notifyRevocation,
  proposeRevocation,
  publishRevocation,
  recordDigitalIssue,
  recordRevokedDiplomaReturned,
  refuseCorrection,
  reissueDiploma,
  requestCorrection,
  revokeDiploma,
  type ReissueRequest,
} from './after-issuance';
import { deliverDiploma, reportDiplomaLostBeforeDelivery } from './hand-over';
import { loadDiploma, type DiplomaRecord } from './issued-diploma';

type Args<F extends (...args: never[]) => unknown, I extends number> = Parameters<F>[I];

/**
 * Every act on an issued diploma: the acting authority must hold the diploma's register today (the
 * issuer, or its successor) before anything is decided — whatever authority the URL names. The stream
 * is read once: the read that authorizes the act is the read the act is decided on (a retry after a
 * concurrent write reads afresh).
 */
abstract class DiplomaActHandler<
  TCommand extends OfficerCommand<{ diplomaId: string; authorityCode: string }, DiplomaEvent>,
> extends OfficerCommandHandler<TCommand> {
  protected async authorize(diplomaId: string, actingAuthorityCode: string, context: CommandContext): Promise<DiplomaRecord> {
    const record = await loadDiploma(this.deps.store, diplomaId);
    const { issued } = record;
    await this.deps.authorizeOnRecord(
      { authorityCode: issued.authorityCode, vi: `văn bằng ${issued.serialLabel}`, en: `diploma ${issued.serialLabel}` },
      actingAuthorityCode,
      context,
    );
    return record;
  }
}

export class DeliverDiploma extends OfficerCommand<Args<typeof deliverDiploma, 1>, DiplomaEvent> {}
@CommandHandler(DeliverDiploma)
export class DeliverDiplomaHandler extends DiplomaActHandler<DeliverDiploma> {
  protected async handle({ input, context, ifMatch }: DeliverDiploma): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return deliverDiploma(this.deps.store, input, context, ifMatch, record);
  }
}

export class ReportDiplomaLost extends OfficerCommand<Args<typeof reportDiplomaLostBeforeDelivery, 1>, DiplomaEvent> {}
@CommandHandler(ReportDiplomaLost)
export class ReportDiplomaLostHandler extends DiplomaActHandler<ReportDiplomaLost> {
  protected async handle({ input, context, ifMatch }: ReportDiplomaLost): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return reportDiplomaLostBeforeDelivery(this.deps.store, input, context, ifMatch, record);
  }
}

export class RequestCorrection extends OfficerCommand<Args<typeof requestCorrection, 2>, DiplomaEvent> {}
@CommandHandler(RequestCorrection)
export class RequestCorrectionHandler extends DiplomaActHandler<RequestCorrection> {
  protected async handle({ input, context, ifMatch }: RequestCorrection): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return requestCorrection(this.deps.store, await this.deps.calendar(), input, context, ifMatch, record);
  }
}

export class DecideCorrection extends OfficerCommand<Args<typeof decideCorrection, 2>, DiplomaEvent> {}
@CommandHandler(DecideCorrection)
export class DecideCorrectionHandler extends DiplomaActHandler<DecideCorrection> {
  protected async handle({ input, context, ifMatch }: DecideCorrection): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return decideCorrection(this.deps.store, await this.deps.directory(), input, context, ifMatch, record);
  }
}

export class RefuseCorrection extends OfficerCommand<Args<typeof refuseCorrection, 1>, DiplomaEvent> {}
@CommandHandler(RefuseCorrection)
export class RefuseCorrectionHandler extends DiplomaActHandler<RefuseCorrection> {
  protected async handle({ input, context, ifMatch }: RefuseCorrection): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return refuseCorrection(this.deps.store, input, context, ifMatch, record);
  }
}

export class ReissueDiploma extends OfficerCommand<ReissueRequest, DiplomaEvent> {}
@CommandHandler(ReissueDiploma)
export class ReissueDiplomaHandler extends DiplomaActHandler<ReissueDiploma> {
  protected async handle({ input, context, ifMatch }: ReissueDiploma): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return reissueDiploma(this.deps.store, await this.deps.directory(), input, context, ifMatch, record);
  }
}

export class RecordDigitalIssue extends OfficerCommand<Args<typeof recordDigitalIssue, 1>, DiplomaEvent> {}
@CommandHandler(RecordDigitalIssue)
export class RecordDigitalIssueHandler extends DiplomaActHandler<RecordDigitalIssue> {
  protected async handle({ input, context, ifMatch }: RecordDigitalIssue): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return recordDigitalIssue(this.deps.store, input, context, ifMatch, record);
  }
}

export class ProposeRevocation extends OfficerCommand<Args<typeof proposeRevocation, 1> & { authorityCode: string }, DiplomaEvent> {}
@CommandHandler(ProposeRevocation)
export class ProposeRevocationHandler extends DiplomaActHandler<ProposeRevocation> {
  protected async handle({ input, context, ifMatch }: ProposeRevocation): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    const { authorityCode: _authorityCode, ...request } = input;
    return proposeRevocation(this.deps.store, request, context, ifMatch, record);
  }
}

export class RevokeDiploma extends OfficerCommand<Args<typeof revokeDiploma, 2>, DiplomaEvent> {}
@CommandHandler(RevokeDiploma)
export class RevokeDiplomaHandler extends DiplomaActHandler<RevokeDiploma> {
  protected async handle({ input, context, ifMatch }: RevokeDiploma): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return revokeDiploma(this.deps.store, await this.deps.directory(), input, context, ifMatch, record);
  }
}

export class PublishRevocation extends OfficerCommand<Args<typeof publishRevocation, 1> & { authorityCode: string }, DiplomaEvent> {}
@CommandHandler(PublishRevocation)
export class PublishRevocationHandler extends DiplomaActHandler<PublishRevocation> {
  protected async handle({ input, context, ifMatch }: PublishRevocation): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return publishRevocation(this.deps.store, input, context, ifMatch, record);
  }
}

export class NotifyRevocation extends OfficerCommand<Args<typeof notifyRevocation, 1> & { authorityCode: string }, DiplomaEvent> {}
@CommandHandler(NotifyRevocation)
export class NotifyRevocationHandler extends DiplomaActHandler<NotifyRevocation> {
  protected async handle({ input, context, ifMatch }: NotifyRevocation): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return notifyRevocation(this.deps.store, input, context, ifMatch, record);
  }
}

export class RecordRevokedDiplomaReturned extends OfficerCommand<Args<typeof recordRevokedDiplomaReturned, 1>, DiplomaEvent> {}
@CommandHandler(RecordRevokedDiplomaReturned)
export class RecordRevokedDiplomaReturnedHandler extends DiplomaActHandler<RecordRevokedDiplomaReturned> {
  protected async handle({ input, context, ifMatch }: RecordRevokedDiplomaReturned): Promise<CommandOutcome<DiplomaEvent>> {
    const record = await this.authorize(input.diplomaId, input.authorityCode, context);
    return recordRevokedDiplomaReturned(this.deps.store, input, context, ifMatch, record);
  }
}

export const DIPLOMA_COMMAND_HANDLERS = [
  DeliverDiplomaHandler,
  ReportDiplomaLostHandler,
  RequestCorrectionHandler,
  DecideCorrectionHandler,
  RefuseCorrectionHandler,
  ReissueDiplomaHandler,
  ProposeRevocationHandler,
  RecordDigitalIssueHandler,
  RevokeDiplomaHandler,
  PublishRevocationHandler,
  NotifyRevocationHandler,
  RecordRevokedDiplomaReturnedHandler,
];
