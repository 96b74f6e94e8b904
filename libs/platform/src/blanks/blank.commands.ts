import { CommandHandler } from '@nestjs/cqrs';
import {
  blankLotDecider,
  blankLotStream,
  DomainError,
  isWithinScope,
  requireLicensedForBlanks,
  type BlankLotCommand,
  type ReceiveBlankLotInput,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome } from '@so-goc/event-store';
import { OfficerCommand, OfficerCommandHandler } from '../write-path/officer-command';
import { credentialKindsOf } from '../certificates/certificate.commands';
import { loadState } from '../issuance/load-state';
import { receiveBlankLot } from './receive-blank-lot';

type LotAct<T extends BlankLotCommand['type']> = Omit<Extract<BlankLotCommand, { type: T }>, 'type'> & { lotId: string };

export class ReceiveBlankLot extends OfficerCommand<Omit<ReceiveBlankLotInput, 'type'>> {}
@CommandHandler(ReceiveBlankLot)
export class ReceiveBlankLotHandler extends OfficerCommandHandler<ReceiveBlankLot> {
  protected handle({ input, context, ifMatch }: ReceiveBlankLot): Promise<CommandOutcome> {
    // Certificate blanks are the catalogue's (issue 18): a kind added as data brings its blank kind.
    return receiveBlankLot(
      this.deps.store,
      { type: 'ReceiveBlankLot', ...input, knownKinds: credentialKindsOf(this.deps).blankKinds },
      context,
      ifMatch,
    );
  }
}

/**
 * Acts on one lot's blanks. The lot decider authorizes by the record: only the authority that received
 * the lot or holds some of its blanks may act, and only on the blanks it holds.
 */
abstract class LotActHandler<TCommand extends OfficerCommand<{ lotId: string }>> extends OfficerCommandHandler<TCommand> {
  protected onLot(lotId: string, command: BlankLotCommand, message: TCommand): Promise<CommandOutcome> {
    return handleCommand(this.deps.store, blankLotDecider, {
      stream: blankLotStream(lotId),
      context: message.context,
      command,
      ...(message.ifMatch !== undefined ? { expectedRevision: message.ifMatch } : {}),
    });
  }
}

export class AllocateBlanks extends OfficerCommand<LotAct<'AllocateBlanks'>> {}
@CommandHandler(AllocateBlanks)
export class AllocateBlanksHandler extends LotActHandler<AllocateBlanks> {
  protected async handle(message: AllocateBlanks): Promise<CommandOutcome> {
    const { lotId, ...act } = message.input;
    const directory = await this.deps.directory();
    // Blanks go down the hierarchy only: the receiver must be a unit under the giver.
    if (
      act.toAuthority === act.authorityCode ||
      !isWithinScope(directory, { authorityCode: act.authorityCode, includeSubordinates: true }, act.toAuthority)
    ) {
      throw new DomainError({
        code: 'RECEIVER_NOT_SUBORDINATE',
        kind: 'rule_violation',
        messageVi: `${act.toAuthority} không phải đơn vị trực thuộc ${act.authorityCode}.`,
        messageEn: `${act.toAuthority} is not a unit under ${act.authorityCode}.`,
        field: 'toAuthority',
      });
    }
    // Certificate blanks only to a unit licensed for a kind printed on them, on the hand-over date (issue 18, §8).
    const lot = await loadState(this.deps.store, blankLotDecider, blankLotStream(lotId));
    if (lot.status === 'received') {
      requireLicensedForBlanks(directory, credentialKindsOf(this.deps).entries, lot.header.kind, act.toAuthority, act.allocatedOn);
    }
    return this.onLot(lotId, { type: 'AllocateBlanks', ...act }, message);
  }
}

export class SpoilBlanks extends OfficerCommand<LotAct<'SpoilBlanks'>> {}
@CommandHandler(SpoilBlanks)
export class SpoilBlanksHandler extends LotActHandler<SpoilBlanks> {
  protected handle(message: SpoilBlanks): Promise<CommandOutcome> {
    const { lotId, ...act } = message.input;
    return this.onLot(lotId, { type: 'SpoilBlanks', ...act }, message);
  }
}

export class DestroyBlanks extends OfficerCommand<LotAct<'DestroyBlanks'>> {}
@CommandHandler(DestroyBlanks)
export class DestroyBlanksHandler extends LotActHandler<DestroyBlanks> {
  protected handle(message: DestroyBlanks): Promise<CommandOutcome> {
    const { lotId, ...act } = message.input;
    return this.onLot(lotId, { type: 'DestroyBlanks', ...act }, message);
  }
}

export class ReportBlanksLost extends OfficerCommand<LotAct<'ReportBlanksLost'>> {}
@CommandHandler(ReportBlanksLost)
export class ReportBlanksLostHandler extends LotActHandler<ReportBlanksLost> {
  protected handle(message: ReportBlanksLost): Promise<CommandOutcome> {
    const { lotId, ...act } = message.input;
    return this.onLot(lotId, { type: 'ReportBlanksLost', ...act }, message);
  }
}

export class ReturnBlanks extends OfficerCommand<LotAct<'ReturnBlanks'>> {}
@CommandHandler(ReturnBlanks)
export class ReturnBlanksHandler extends LotActHandler<ReturnBlanks> {
  protected handle(message: ReturnBlanks): Promise<CommandOutcome> {
    const { lotId, ...act } = message.input;
    return this.onLot(lotId, { type: 'ReturnBlanks', ...act }, message);
  }
}

export const BLANK_COMMAND_HANDLERS = [
  ReceiveBlankLotHandler,
  AllocateBlanksHandler,
  SpoilBlanksHandler,
  DestroyBlanksHandler,
  ReportBlanksLostHandler,
  ReturnBlanksHandler,
];
