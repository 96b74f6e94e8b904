import {
  blankLotDecider,
  blankLotStream,
  diplomaDecider,
  diplomaStream,
  formatSerial,
  parseSerial,
  signerEntitledOn,
  authorizeAct,
  currentHolder,
  type AuthorityDirectory,
  type Calendar,
  type CivilStatusDocument,
  type CommandContext,
  type CorrectionGround,
  type HolderField,
  type ReissueEvent,
  type RevocationGround,
  type RevocationSource,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { loadState } from '../issuance/load-state';
import { loadDiploma } from './issued-diploma';

/** Each act reads the diploma's issuance facts, then is decided on the diploma's own stream. */
async function onDiploma(store: EventStore, diplomaId: string, context: CommandContext, command: (issued: Awaited<ReturnType<typeof loadDiploma>>['issued']) => Parameters<typeof diplomaDecider.decide>[0]): Promise<CommandOutcome> {
  const { issued } = await loadDiploma(store, diplomaId);
  return handleCommand(store, diplomaDecider, { stream: diplomaStream(diplomaId), context, command: command(issued) });
}

export function requestCorrection(
  store: EventStore,
  calendar: Calendar,
  request: { diplomaId: string; authorityCode: string; requestId: string; ground: CorrectionGround; changes: { field: HolderField; after: string }[]; document: CivilStatusDocument; requestedBy: string; receivedOn: string; dossierCompleteOn: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  const { diplomaId, ...rest } = request;
  return onDiploma(store, diplomaId, context, (issued) => ({ type: 'RequestCorrection', issued, calendar, ...rest }));
}

export function decideCorrection(
  store: EventStore,
  directory: AuthorityDirectory,
  request: { diplomaId: string; requestId: string; decisionNumber: string; decisionDate: string; authorityCode: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  return onDiploma(store, request.diplomaId, context, (issued) => ({ type: 'DecideCorrection', issued, requestId: request.requestId, decisionNumber: request.decisionNumber, decisionDate: request.decisionDate, actingAuthorityCode: request.authorityCode, directory }));
}

export function refuseCorrection(store: EventStore, request: { diplomaId: string; requestId: string; reasons: string; refusedOn: string; authorityCode: string }, context: CommandContext): Promise<CommandOutcome> {
  return onDiploma(store, request.diplomaId, context, (issued) => ({ type: 'RefuseCorrection', issued, requestId: request.requestId, reasons: request.reasons, refusedOn: request.refusedOn, actingAuthorityCode: request.authorityCode }));
}

export function revokeDiploma(
  store: EventStore,
  directory: AuthorityDirectory,
  request: { diplomaId: string; decisionNumber: string; decisionDate: string; ground: RevocationGround; reasons: string; source: RevocationSource; authorityCode: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  const { diplomaId, authorityCode, ...rest } = request;
  return onDiploma(store, diplomaId, context, (issued) => ({ type: 'RevokeDiploma', issued, actingAuthorityCode: authorityCode, directory, ...rest }));
}

export function publishRevocation(store: EventStore, request: { diplomaId: string; publishedOn: string; where: string }, context: CommandContext): Promise<CommandOutcome> {
  return onDiploma(store, request.diplomaId, context, (issued) => ({ type: 'PublishRevocation', issued, publishedOn: request.publishedOn, where: request.where }));
}

export function notifyRevocation(store: EventStore, request: { diplomaId: string; recipients: { kind: string; name: string }[]; holderReceivedOn: string }, context: CommandContext): Promise<CommandOutcome> {
  return onDiploma(store, request.diplomaId, context, (issued) => ({ type: 'NotifyRevocation', issued, recipients: request.recipients, holderReceivedOn: request.holderReceivedOn }));
}

/**
 * The holder brought the revoked paper back (rule 43). The diploma records the return; the paper goes
 * back into the lot as spoiled, to await the destruction council (rule 44).
 */
export async function recordRevokedDiplomaReturned(store: EventStore, request: { diplomaId: string; returnedOn: string; receivedBy: string; authorityCode: string }, context: CommandContext): Promise<CommandOutcome> {
  const { issued, lotId } = await loadDiploma(store, request.diplomaId);
  const outcome = await handleCommand(store, diplomaDecider, { stream: diplomaStream(request.diplomaId), context, command: { type: 'RecordRevokedDiplomaReturned', issued, returnedOn: request.returnedOn, receivedBy: request.receivedBy } });
  const serial = parseSerial(issued.serialLabel);
  // A digitised diploma (issue 14) was printed before the registry: it has no lot to return its paper to.
  if (serial && lotId !== '') {
    await handleCommand(store, blankLotDecider, {
      stream: blankLotStream(lotId),
      context,
      command: { type: 'SpoilBlanks', authorityCode: request.authorityCode, ranges: [{ from: serial.value, to: serial.value }], reason: 'revoked_and_recovered', note: `${issued.registerLabel}, trả lại ${request.returnedOn}`, spoiledOn: request.returnedOn },
    });
  }
  return outcome;
}

export interface ReissueRequest {
  readonly diplomaId: string;
  readonly authorityCode: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly issuerError: string;
  readonly changes: { field: HolderField; after: string }[];
  readonly lotId: string;
  readonly issueDate: string;
  readonly issuePlace: string;
  readonly signerId: string;
}

/** `x` → `x-r1`, `x-r1` → `x-r2`: the replacement's id shows what it replaces. */
export function replacementDiplomaId(diplomaId: string): string {
  const match = /^(.*)-r(\d+)$/.exec(diplomaId);
  return match ? `${match[1]}-r${Number(match[2]) + 1}` : `${diplomaId}-r1`;
}

/**
 * Rules 36–39: the old diploma is revoked for the issuer's error and superseded; a new one goes on a new
 * blank with the appendix number. Everything refusable is decided first on the old diploma's state
 * (pure, nothing written); then the new blank is taken, the old diploma records the reissue, and the
 * new diploma's stream starts. All appends share the command id, so a resend completes a cut-short run.
 */
export async function reissueDiploma(store: EventStore, directory: AuthorityDirectory, request: ReissueRequest, context: CommandContext): Promise<CommandOutcome> {
  const old = await loadDiploma(store, request.diplomaId);
  const newDiplomaId = replacementDiplomaId(request.diplomaId);
  const reissue = { type: 'ReissueDiploma' as const, issued: old.issued, decisionNumber: request.decisionNumber, decisionDate: request.decisionDate, issuerError: request.issuerError, changes: request.changes, newDiplomaId, actingAuthorityCode: request.authorityCode, directory };
  diplomaDecider.decide({ ...reissue, newSerialLabel: '(phôi mới)' }, old.state, context);
  const authorization = authorizeAct(directory, { act: 'reissue', diplomaKind: old.issued.kind, actDate: request.issueDate, actingAuthorityCode: request.authorityCode, issuerCode: old.issued.authorityCode });
  signerEntitledOn(directory, { signerId: request.signerId, authorityCode: request.authorityCode, date: request.issueDate, roles: authorization.signerRoles });

  const bound = await handleCommand(store, blankLotDecider, { stream: blankLotStream(request.lotId), context, command: { type: 'BindNextBlanks', authorityCode: request.authorityCode, printRunId: `reissue-${newDiplomaId}`.slice(0, 64), diplomaIds: [newDiplomaId], boundOn: request.issueDate } });
  const serial = (bound.events.find((e) => e.type === 'BlanksBound')!.data as { bindings: { serial: number }[] }).bindings[0]!.serial;
  const lot = await loadState(store, blankLotDecider, blankLotStream(request.lotId));
  if (lot.status !== 'received') throw new Error('unreachable: a blank was bound in a lot that does not exist');
  const newSerialLabel = formatSerial(lot.header.prefix, lot.header.width, serial);

  const revoked = await handleCommand(store, diplomaDecider, { stream: diplomaStream(request.diplomaId), context, command: { ...reissue, newSerialLabel } });
  const reissued = revoked.events.find((e) => e.type === 'DiplomaReissued')!.data as Extract<ReissueEvent, { type: 'DiplomaReissued' }>['data'];
  const holder = { ...currentHolder(old.issued.holder, old.state) };
  for (const change of reissued.changes) Object.assign(holder, { [change.field]: change.after });
  return handleCommand(store, diplomaDecider, {
    stream: diplomaStream(newDiplomaId),
    context,
    expectedRevision: 'no_stream',
    command: { type: 'IssueReplacementDiploma', replaced: old.issued, reissue: reissued, holder, lotId: request.lotId, serial, issueDate: request.issueDate, issuePlace: request.issuePlace, signerId: request.signerId, actingAuthorityCode: request.authorityCode, directory },
  });
}
