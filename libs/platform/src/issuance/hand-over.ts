import {
  decisionIdOfGraduate,
  diplomaDecider,
  diplomaStream,
  DomainError,
  graduationDecisionDecider,
  graduationDecisionStream,
  printRunDecider,
  printRunStream,
  type CommandContext,
  type IssuedDiploma,
  type Recipient,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { loadState } from './load-state';

/** The issuance facts of one diploma, from the decision (which run printed it) and that run. */
export async function issuedDiploma(store: EventStore, diplomaId: string): Promise<IssuedDiploma> {
  const notFound = new DomainError({ code: 'DIPLOMA_NOT_FOUND', kind: 'not_found', messageVi: `Không có văn bằng ${diplomaId}.`, messageEn: `No diploma ${diplomaId}.`, field: 'diplomaId' });
  const decisionId = decisionIdOfGraduate(diplomaId);
  if (!decisionId) throw notFound;
  const decision = await loadState(store, graduationDecisionDecider, graduationDecisionStream(decisionId));
  const printRunId = decision.status === 'recorded' ? decision.printRunOf.get(diplomaId) : undefined;
  if (!printRunId) throw notFound;
  const run = await loadState(store, printRunDecider, printRunStream(printRunId));
  const index = run.status === 'none' ? undefined : run.indexOf.get(diplomaId);
  if (run.status === 'none' || index === undefined) throw notFound;
  const entry = run.entries[index]!;
  return {
    diplomaId,
    printRunId,
    authorityCode: run.header.authorityCode,
    serialLabel: entry.serialLabel,
    registerLabel: entry.registerLabel,
    issueDate: run.signature?.issueDate ?? null,
  };
}

export async function deliverDiploma(
  store: EventStore,
  request: { diplomaId: string; authorityCode: string; recipient: Recipient; deliveredOn: string; deliveredBy: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  const issued = await issuedDiploma(store, request.diplomaId);
  return handleCommand(store, diplomaDecider, {
    stream: diplomaStream(request.diplomaId),
    context,
    command: { type: 'DeliverDiploma', issued, recipient: request.recipient, deliveredOn: request.deliveredOn, actingAuthorityCode: request.authorityCode, deliveredBy: request.deliveredBy },
  });
}

export async function reportDiplomaLostBeforeDelivery(
  store: EventStore,
  request: { diplomaId: string; authorityCode: string; minutesRef: string; policeUnit: string; policeNotifiedAt: string; circumstances: string; reportedTo: string[]; lostOn: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  const { diplomaId, authorityCode, ...report } = request;
  const issued = await issuedDiploma(store, diplomaId);
  return handleCommand(store, diplomaDecider, { stream: diplomaStream(diplomaId), context, command: { type: 'ReportDiplomaLostBeforeDelivery', issued, actingAuthorityCode: authorityCode, ...report } });
}
