import { diplomaDecider, diplomaStream, type CommandContext, type DiplomaEvent, type Recipient } from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { loadDiploma, type DiplomaRecord } from './issued-diploma';

export async function deliverDiploma(
  store: EventStore,
  request: { diplomaId: string; authorityCode: string; recipient: Recipient; deliveredOn: string; deliveredBy: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const { issued, read } = loaded ?? (await loadDiploma(store, request.diplomaId));
  return handleCommand(
    store,
    diplomaDecider,
    {
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
    },
    { firstRead: read },
  );
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
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const { diplomaId, authorityCode, ...report } = request;
  const { issued, read } = loaded ?? (await loadDiploma(store, diplomaId));
  return handleCommand(
    store,
    diplomaDecider,
    {
      stream: diplomaStream(diplomaId),
      context,
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
      command: { type: 'ReportDiplomaLostBeforeDelivery', issued, actingAuthorityCode: authorityCode, ...report },
    },
    { firstRead: read },
  );
}
