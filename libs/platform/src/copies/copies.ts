import {
  blankLotDecider,
  blankLotStream,
  copyRegisterDecider,
  copyRegisterStream,
  copyRequestDecider,
  copyRequestStream,
  copyRegisterYearOf,
  decideIssueCertificateCopies,
  decideIssueCopies,
  DomainError,
  parseCertificateId,
  type AuthorityDirectory,
  type Calendar,
  type CommandContext,
  type CopyRefusalGround,
  type CertificateCopyFacts,
  type CopyRequestChannel,
  type CopySource,
  type DiplomaFacts,
  type IssueCopiesInput,
  type Requester,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { findCertificate } from '../certificates/certificate.commands';
import { loadDiploma } from '../diplomas/issued-diploma';
import { loadState } from '../issuance/load-state';
import { executeWorkflow } from '../write-path/execute-workflow';

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

export async function receiveCopyRequest(
  store: EventStore,
  calendar: Calendar,
  feePerCopy: number,
  input: CopyRequestInput,
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  // Issue 17: the decider answers at reception what the register already answers (rule 55).
  const diploma = await copySourceFacts(store, input.diplomaId);
  return handleCommand(store, copyRequestDecider, {
    stream: copyRequestStream(input.requestId),
    context,
    command: { type: 'ReceiveCopyRequest', ...input, feePerCopy, calendar, diploma },
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
  });
}

export function extendCopyRequest(
  store: EventStore,
  calendar: Calendar,
  input: { requestId: string; workingDays: number; reason: string; writtenAgreementRef?: string | null },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return handleCommand(store, copyRequestDecider, {
    stream: copyRequestStream(input.requestId),
    context,
    command: { type: 'ExtendCopyRequest', ...input, calendar },
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
  });
}

/**
 * The register entry a request names — a certificate when the id names a certificate's book (issue 18), else a
 * diploma — or null when the register has no such entry (rule 50).
 */
export async function copySourceFacts(store: EventStore, id: string): Promise<CopySource | null> {
  return parseCertificateId(id) ? certificateCopyFacts(store, id) : diplomaFacts(store, id);
}

/** A certificate's entry and its session, read from its book; null when the book holds no such entry. */
export async function certificateCopyFacts(store: EventStore, certificateId: string): Promise<CertificateCopyFacts | null> {
  const found = await findCertificate(store, certificateId);
  const session = found?.state.sessions.get(found.record.sessionId);
  return found && session ? { certificate: found.record, session } : null;
}

/** The diploma a request names, or null when the register has no such entry (rule 50). */
export async function diplomaFacts(store: EventStore, diplomaId: string): Promise<(DiplomaFacts & { lotId: string }) | null> {
  try {
    const { issued, state, lotId } = await loadDiploma(store, diplomaId);
    return { issued, state, lotId };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DIPLOMA_NOT_FOUND') return null;
    throw error;
  }
}

export async function openRequest(store: EventStore, requestId: string) {
  const state = await loadState(store, copyRequestDecider, copyRequestStream(requestId));
  if (state.status === 'none')
    throw new DomainError({
      code: 'COPY_REQUEST_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có yêu cầu cấp bản sao này.',
      messageEn: 'No such copy request.',
      field: 'requestId',
    });
  return state;
}

export async function refuseCopyRequest(
  store: EventStore,
  input: { requestId: string; grounds: CopyRefusalGround[]; reasons: string; refusedOn: string; letterRef: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  const request = await openRequest(store, input.requestId);
  const diploma = await copySourceFacts(store, request.request.diplomaId);
  return handleCommand(store, copyRequestDecider, {
    stream: copyRequestStream(input.requestId),
    context,
    command: { type: 'RefuseCopyRequest', ...input, diploma },
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
  });
}

/** Copies (rules 46, 52, 53, 57), as decided by decideIssueCopies — or, for a certificate, decideIssueCertificateCopies. */
export function issueCopies(
  store: EventStore,
  directory: AuthorityDirectory,
  input: IssueCopiesInput,
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return executeWorkflow(
    store,
    context,
    async (reads) => {
      const request = await reads.state(copyRequestDecider, copyRequestStream(input.requestId));
      const year = copyRegisterYearOf(input.issuedOn);
      if (request.status !== 'none' && parseCertificateId(request.request.diplomaId)) {
        const certificate = await certificateCopyFacts(store, request.request.diplomaId);
        const kind = certificate?.session.kindCode ?? parseCertificateId(request.request.diplomaId)!.kindCode;
        return decideIssueCertificateCopies(
          input,
          {
            request,
            certificate,
            register: await reads.state(copyRegisterDecider, copyRegisterStream(input.authorityCode, kind, year)),
            directory,
          },
          context,
        );
      }
      const diploma = request.status === 'none' ? null : await diplomaFacts(store, request.request.diplomaId);
      const kind = diploma?.issued.kind ?? 'THPT';
      return decideIssueCopies(
        input,
        {
          request,
          diploma,
          lot: await reads.state(blankLotDecider, blankLotStream(input.lotId ?? '')),
          register: await reads.state(copyRegisterDecider, copyRegisterStream(input.authorityCode, kind, year)),
          directory,
        },
        context,
      );
    },
    ifMatch !== undefined ? { expectedRevision: ifMatch } : {},
  );
}
