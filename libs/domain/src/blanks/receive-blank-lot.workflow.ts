import type { CommandContext } from '../shared/command-context';
import { DomainError } from '../shared/errors';
import type { WorkflowDecision } from '../shared/workflow';
import { actedOnOf } from '../shared/plausible-dates';
import { BLANK_RANGE_REGISTRY_STREAM, blankLotStream, type BlankLotCommand } from './blank';
import { blankLotDecider, validateReceipt, type BlankLotState } from './blank-lot.decider';
import { blankRangeRegistryDecider, type BlankRangeRegistryState } from './blank-range-registry.decider';

export type ReceiveBlankLotInput = Extract<BlankLotCommand, { type: 'ReceiveBlankLot' }>;

/**
 * A receipt touches two streams: the range registry (a serial is received once anywhere, rule 9) and
 * the new lot's own stream. Both are decided before either is appended. A range this lot already
 * claimed in a cut-short attempt is recognised, so resending the receipt completes it.
 */
export function decideReceiveBlankLot(
  command: ReceiveBlankLotInput,
  read: { registry: BlankRangeRegistryState; lot: BlankLotState },
  context: CommandContext,
): WorkflowDecision {
  validateReceipt(command, actedOnOf(context));
  const lotStream = blankLotStream(command.lotId);
  const own = read.registry.find((claim) => claim.lotId === command.lotId);
  const sameClaim =
    own !== undefined &&
    own.prefix === command.prefix &&
    own.width === command.width &&
    own.from === command.from &&
    own.to === command.to &&
    own.authorityCode === command.authorityCode &&
    own.kind === command.kind;
  if (read.lot.status !== 'none') {
    if (sameClaim && read.lot.header.receivingAuthority === command.authorityCode) return { appends: [], primaryStream: lotStream };
    throw new DomainError({
      code: 'LOT_ALREADY_RECEIVED',
      kind: 'conflict',
      messageVi: `Lô ${command.lotId} đã được nhận.`,
      messageEn: `Lot ${command.lotId} was already received.`,
      field: 'lotId',
    });
  }
  const {
    type: _type,
    supplier: _s,
    deliveryNote: _d,
    receivedBy: _r,
    receivedOn: _o,
    missing: _m,
    damaged: _g,
    templateVersion: _t,
    knownKinds: _k,
    ...claim
  } = command;
  const registryEvents = sameClaim ? [] : blankRangeRegistryDecider.decide({ type: 'ClaimBlankRange', ...claim }, read.registry, context);
  const lotEvents = blankLotDecider.decide(command, read.lot, context);
  return {
    appends: [
      { stream: BLANK_RANGE_REGISTRY_STREAM, events: registryEvents },
      { stream: lotStream, events: lotEvents },
    ],
    primaryStream: lotStream,
  };
}
