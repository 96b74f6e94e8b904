import {
  blankLotDecider,
  blankLotStream,
  decideReissue,
  decideRevokedDiplomaReturned,
  decisionIdOfGraduate,
  graduationDecisionDecider,
  graduationDecisionStream,
  diplomaDecider,
  diplomaStream,
  replacementDiplomaId,
  type AuthorityDirectory,
  type Calendar,
  type CivilStatusDocument,
  type CommandContext,
  type CorrectionGround,
  type DiplomaCommand,
  type DiplomaEvent,
  type DiplomaState,
  type HolderField,
  type IssuedDiploma,
  type ReissueInput,
  type RevocationGround,
  type RevocationSource,
} from '@so-goc/domain';
import { decodeEvent, handleCommand, type CommandOutcome, type EventStore, type StreamRead } from '@so-goc/event-store';
import { executeWorkflow } from '../write-path/execute-workflow';
import { loadDiploma, type DiplomaRecord } from './issued-diploma';
import { loadState } from '../issuance/load-state';

/** Each act reads the diploma's issuance facts, then is decided on the diploma's own stream. */
export async function onDiploma(
  store: EventStore,
  diplomaId: string,
  context: CommandContext,
  command: (issued: IssuedDiploma) => DiplomaCommand,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  // The handler already read the stream to authorize the act on the record: decide on that same read.
  const { issued, read } = loaded ?? (await loadDiploma(store, diplomaId));
  return handleCommand(
    store,
    diplomaDecider,
    {
      stream: diplomaStream(diplomaId),
      context,
      command: command(issued),
      ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
    },
    { firstRead: read },
  );
}

export function requestCorrection(
  store: EventStore,
  calendar: Calendar,
  request: {
    diplomaId: string;
    authorityCode: string;
    requestId: string;
    ground: CorrectionGround;
    changes: { field: HolderField; after: string }[];
    document: CivilStatusDocument;
    requestedBy: string;
    receivedOn: string;
    dossierCompleteOn: string;
  },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const { diplomaId, ...rest } = request;
  return onDiploma(store, diplomaId, context, (issued) => ({ type: 'RequestCorrection', issued, calendar, ...rest }), ifMatch, loaded);
}

export function decideCorrection(
  store: EventStore,
  directory: AuthorityDirectory,
  request: { diplomaId: string; requestId: string; decisionNumber: string; decisionDate: string; authorityCode: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  return onDiploma(
    store,
    request.diplomaId,
    context,
    (issued) => ({
      type: 'DecideCorrection',
      issued,
      requestId: request.requestId,
      decisionNumber: request.decisionNumber,
      decisionDate: request.decisionDate,
      actingAuthorityCode: request.authorityCode,
      directory,
    }),
    ifMatch,
    loaded,
  );
}

export function refuseCorrection(
  store: EventStore,
  request: { diplomaId: string; requestId: string; reasons: string; refusedOn: string; authorityCode: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  return onDiploma(
    store,
    request.diplomaId,
    context,
    (issued) => ({
      type: 'RefuseCorrection',
      issued,
      requestId: request.requestId,
      reasons: request.reasons,
      refusedOn: request.refusedOn,
      actingAuthorityCode: request.authorityCode,
    }),
    ifMatch,
    loaded,
  );
}

export function revokeDiploma(
  store: EventStore,
  directory: AuthorityDirectory,
  request: {
    diplomaId: string;
    decisionNumber: string;
    decisionDate: string;
    ground: RevocationGround;
    reasons: string;
    source: RevocationSource;
    authorityCode: string;
  },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const { diplomaId, authorityCode, ...rest } = request;
  return onDiploma(
    store,
    diplomaId,
    context,
    (issued) => ({ type: 'RevokeDiploma', issued, actingAuthorityCode: authorityCode, directory, ...rest }),
    ifMatch,
    loaded,
  );
}

/**
 * §0.5: the diploma issued also as a digital record. The graduation decision's date (it starts the
 * digital deadline) comes from the decision the diploma belongs to; a replacement or a digitised book
 * entry has none.
 */
export async function recordDigitalIssue(
  store: EventStore,
  request: { diplomaId: string; authorityCode: string; issuedOn: string; reference: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const decisionId = decisionIdOfGraduate(request.diplomaId);
  const decision = decisionId ? await loadState(store, graduationDecisionDecider, graduationDecisionStream(decisionId)) : undefined;
  const decisionDate = decision?.status === 'recorded' && decision.graduates.has(request.diplomaId) ? decision.header.date : null;
  return onDiploma(
    store,
    request.diplomaId,
    context,
    (issued) => ({
      type: 'RecordDigitalIssue',
      issued,
      authorityCode: request.authorityCode,
      decisionDate,
      issuedOn: request.issuedOn,
      reference: request.reference,
    }),
    ifMatch,
    loaded,
  );
}

/** §2.7 "Opened": an officer proposes the revocation; another records the head's decision (issue 17). */
export function proposeRevocation(
  store: EventStore,
  request: { diplomaId: string; ground: RevocationGround; reasons: string; source: RevocationSource; proposedOn: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const { diplomaId, ...rest } = request;
  return onDiploma(store, diplomaId, context, (issued) => ({ type: 'ProposeRevocation', issued, ...rest }), ifMatch, loaded);
}

export function publishRevocation(
  store: EventStore,
  request: { diplomaId: string; publishedOn: string; where: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  return onDiploma(
    store,
    request.diplomaId,
    context,
    (issued) => ({ type: 'PublishRevocation', issued, publishedOn: request.publishedOn, where: request.where }),
    ifMatch,
    loaded,
  );
}

export function notifyRevocation(
  store: EventStore,
  request: { diplomaId: string; recipients: { kind: string; name: string }[]; holderReceivedOn: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  return onDiploma(
    store,
    request.diplomaId,
    context,
    (issued) => ({ type: 'NotifyRevocation', issued, recipients: request.recipients, holderReceivedOn: request.holderReceivedOn }),
    ifMatch,
    loaded,
  );
}

/** The holder brought the revoked paper back (rules 43, 44): see decideRevokedDiplomaReturned. */
export async function recordRevokedDiplomaReturned(
  store: EventStore,
  request: { diplomaId: string; returnedOn: string; receivedBy: string; authorityCode: string },
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const record = loaded ?? (await loadDiploma(store, request.diplomaId));
  return executeWorkflow<DiplomaEvent>(
    store,
    context,
    async (reads) => {
      const state = await reads.state(diplomaDecider, diplomaStream(request.diplomaId));
      const { issued, lotId } = issuanceOf(record, state);
      const lot = await reads.state(blankLotDecider, blankLotStream(lotId));
      return decideRevokedDiplomaReturned(request, { diploma: { issued, state }, lotId, lot }, context);
    },
    { ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}), firstReads: firstReadOf(record, request.diplomaId) },
  );
}

export type ReissueRequest = ReissueInput;

/** Rules 36–39, as decided by decideReissue: the old diploma's, the lot's and the replacement's streams. */
export async function reissueDiploma(
  store: EventStore,
  directory: AuthorityDirectory,
  request: ReissueRequest,
  context: CommandContext,
  ifMatch?: bigint,
  loaded?: DiplomaRecord,
): Promise<CommandOutcome<DiplomaEvent>> {
  const record = loaded ?? (await loadDiploma(store, request.diplomaId));
  const options = { ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}), firstReads: firstReadOf(record, request.diplomaId) };
  return executeWorkflow<DiplomaEvent>(
    store,
    context,
    async (reads) => {
      const oldStream = diplomaStream(request.diplomaId);
      const state = await reads.state(diplomaDecider, oldStream);
      const { issued } = issuanceOf(record, state);
      const events = reads.eventsOf(oldStream).map((e) => decodeEvent<DiplomaEvent>(e));
      return decideReissue(
        request,
        {
          old: { issued, state, events },
          lot: await reads.state(blankLotDecider, blankLotStream(request.lotId)),
          replacement: await reads.state(diplomaDecider, diplomaStream(replacementDiplomaId(request.diplomaId))),
          directory,
        },
        context,
      );
    },
    options,
  );
}

/** The diploma's issuance facts on the state a workflow folded (a retry's fresh read), else as first loaded (a digitised line). */
function issuanceOf(record: DiplomaRecord, state: DiplomaState): { issued: IssuedDiploma; lotId: string } {
  return state.issued ? { issued: state.issued, lotId: state.lotId ?? '' } : { issued: record.issued, lotId: record.lotId };
}

function firstReadOf(record: DiplomaRecord, diplomaId: string): ReadonlyMap<string, StreamRead> {
  return new Map([[diplomaStream(diplomaId), record.read]]);
}
