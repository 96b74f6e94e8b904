import {
  blankLotDecider,
  blankLotStream,
  copyRegisterDecider,
  copyRegisterStream,
  copyRequestDecider,
  copyRequestStream,
  DomainError,
  formatCopyNumber,
  formatSerial,
  refusalGroundFor,
  type AuthorityDirectory,
  type Calendar,
  type CommandContext,
  type CopyRefusalGround,
  type CopyRequestChannel,
  type DiplomaFacts,
  type IssuedCopy,
  type Requester,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { loadDiploma } from '../diplomas/issued-diploma';
import { loadState } from '../issuance/load-state';

export interface CopyRequestInput {
  readonly requestId: string;
  readonly diplomaId: string;
  readonly authorityCode: string;
  readonly requester: Requester;
  readonly channel: CopyRequestChannel;
  readonly receivedAt: string;
  readonly dossierCompleteAt?: string | null;
  readonly copies: number;
}

export async function receiveCopyRequest(store: EventStore, calendar: Calendar, feePerCopy: number, input: CopyRequestInput, context: CommandContext): Promise<CommandOutcome> {
  // Issue 17: the decider answers at reception what the register already answers (rule 55).
  const diploma = await diplomaFacts(store, input.diplomaId);
  return handleCommand(store, copyRequestDecider, { stream: copyRequestStream(input.requestId), context, command: { type: 'ReceiveCopyRequest', ...input, feePerCopy, calendar, diploma } });
}

export function extendCopyRequest(store: EventStore, calendar: Calendar, input: { requestId: string; workingDays: number; reason: string; writtenAgreementRef?: string | null }, context: CommandContext): Promise<CommandOutcome> {
  return handleCommand(store, copyRequestDecider, { stream: copyRequestStream(input.requestId), context, command: { type: 'ExtendCopyRequest', ...input, calendar } });
}

/** The diploma a request names, or null when the register has no such entry (rule 50). */
async function diplomaFacts(store: EventStore, diplomaId: string): Promise<(DiplomaFacts & { lotId: string }) | null> {
  try {
    const { issued, state, lotId } = await loadDiploma(store, diplomaId);
    return { issued, state, lotId };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DIPLOMA_NOT_FOUND') return null;
    throw error;
  }
}

async function openRequest(store: EventStore, requestId: string) {
  const state = await loadState(store, copyRequestDecider, copyRequestStream(requestId));
  if (state.status === 'none') throw new DomainError({ code: 'COPY_REQUEST_NOT_FOUND', kind: 'not_found', messageVi: 'Không có yêu cầu cấp bản sao này.', messageEn: 'No such copy request.', field: 'requestId' });
  return state;
}

export async function refuseCopyRequest(
  store: EventStore,
  input: { requestId: string; grounds: CopyRefusalGround[]; reasons: string; refusedOn: string; letterRef: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  const request = await openRequest(store, input.requestId);
  const diploma = await diplomaFacts(store, request.request.diplomaId);
  return handleCommand(store, copyRequestDecider, { stream: copyRequestStream(input.requestId), context, command: { type: 'RefuseCopyRequest', ...input, diploma } });
}

/**
 * Copies (rules 46, 52, 53, 57): everything refusable is decided first on the request (nothing
 * written); then the copy register hands out the numbers, the copy-blank lot the paper, and the
 * request records the copies. The appends share the command id, so a resend completes a cut-short run.
 */
export async function issueCopies(
  store: EventStore,
  directory: AuthorityDirectory,
  input: { requestId: string; authorityCode: string; lotId: string; issuedOn: string; issuePlace: string; signerId: string },
  context: CommandContext,
): Promise<CommandOutcome> {
  const request = await openRequest(store, input.requestId);
  const diploma = await diplomaFacts(store, request.request.diplomaId);
  const copyIds = Array.from({ length: request.request.copies }, (_, i) => `${input.requestId}-${i + 1}`);
  const command = { type: 'IssueCopies' as const, requestId: input.requestId, lotId: input.lotId, issuedOn: input.issuedOn, issuePlace: input.issuePlace, signerId: input.signerId, actingAuthorityCode: input.authorityCode, directory };
  const placeholder: IssuedCopy[] = copyIds.map((copyId, i) => ({ copyId, copyNumber: '', copyNumberValue: i, serial: '' }));
  if (!diploma) throw refusalGroundFor(null, request.request.requester)!;
  const facts = diploma;
  copyRequestDecider.decide({ ...command, diploma: facts, copies: placeholder }, request, context);

  const lot = await loadState(store, blankLotDecider, blankLotStream(input.lotId));
  // Rule 53: copies go on copy blanks of the diploma's kind.
  if (lot.status !== 'received' || lot.header.kind !== `${facts.issued.kind}_COPY`) {
    throw new DomainError({ code: 'BLANK_TEMPLATE_MISMATCH', kind: 'rule_violation', messageVi: `Bản sao văn bằng ${facts.issued.kind} phải in trên phôi bản sao ${facts.issued.kind}.`, messageEn: `A copy of a ${facts.issued.kind} diploma goes on ${facts.issued.kind} copy blanks.`, field: 'lotId', rule: 53 });
  }
  const year = Number(input.issuedOn.slice(0, 4));
  const numbered = await handleCommand(store, copyRegisterDecider, { stream: copyRegisterStream(input.authorityCode, facts.issued.kind, year), context, command: { type: 'AssignCopyNumbers', requestId: input.requestId, copyIds } });
  const first = (numbered.events[0]!.data as { first: number }).first;
  const bound = await handleCommand(store, blankLotDecider, { stream: blankLotStream(input.lotId), context, command: { type: 'BindNextBlanks', authorityCode: input.authorityCode, printRunId: `copies-${input.requestId}`.slice(0, 64), diplomaIds: copyIds, boundOn: input.issuedOn } });
  const bindings = (bound.events.find((e) => e.type === 'BlanksBound')!.data as { bindings: { serial: number; diplomaId: string }[] }).bindings;
  const copies: IssuedCopy[] = copyIds.map((copyId, i) => ({
    copyId,
    copyNumber: formatCopyNumber(facts.issued.kind, year, first + i),
    copyNumberValue: first + i,
    serial: formatSerial(lot.header.prefix, lot.header.width, bindings.find((b) => b.diplomaId === copyId)!.serial),
  }));
  return handleCommand(store, copyRequestDecider, { stream: copyRequestStream(input.requestId), context, command: { ...command, diploma: facts, copies } });
}
