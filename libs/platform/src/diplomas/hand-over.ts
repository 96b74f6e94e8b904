import { diplomaDecider, diplomaStream, type CommandContext, type Recipient } from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { issuedDiploma } from './issued-diploma';

export async function deliverDiploma(
  store: EventStore,
  request: { diplomaId: string; authorityCode: string; recipient: Recipient; deliveredOn: string; deliveredBy: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  const issued = await issuedDiploma(store, request.diplomaId);
  return handleCommand(store, diplomaDecider, {
    stream: diplomaStream(request.diplomaId),
    context,
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    command: {
      type: 'DeliverDiploma',
      issued,
      recipient: request.recipient,
      deliveredOn: request.deliveredOn,
      actingAuthorityCode: request.authorityCode,
      deliveredBy: request.deliveredBy,
    },
  });
}

export async function reportDiplomaLostBeforeDelivery(
  store: EventStore,
  request: {
    diplomaId: string;
    authorityCode: string;
    minutesRef: string;
    policeUnit: string;
    policeNotifiedAt: string;
    circumstances: string;
    reportedTo: string[];
    lostOn: string;
  },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  const { diplomaId, authorityCode, ...report } = request;
  const issued = await issuedDiploma(store, diplomaId);
  return handleCommand(store, diplomaDecider, {
    stream: diplomaStream(diplomaId),
    context,
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    command: { type: 'ReportDiplomaLostBeforeDelivery', issued, actingAuthorityCode: authorityCode, ...report },
  });
}
