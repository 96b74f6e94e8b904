import type { Database } from 'better-sqlite3';
import {
  DomainError,
  registersHeldOn,
  verificationRequestDecider,
  verificationRequestStream,
  type AuthorityDirectory,
  type CommandContext,
  type VerificationSubject,
} from '@so-goc/domain';
import { handleCommand, type CommandOutcome, type EventStore } from '@so-goc/event-store';
import { matchVerificationSubject } from '@so-goc/projections';
import { loadState } from '../issuance/load-state';

export function receiveVerificationRequest(
  store: EventStore,
  input: {
    requestId: string;
    authorityCode: string;
    organisation: string;
    letterNumber: string;
    letterDate: string;
    receivedOn: string;
    legalBasis?: string | null;
    subjects: VerificationSubject[];
  },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  return handleCommand(store, verificationRequestDecider, {
    stream: verificationRequestStream(input.requestId),
    context,
    command: { type: 'ReceiveVerificationRequest', ...input },
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
  });
}

/**
 * Answers every person of the letter from the registers the office holds on the day (its own and
 * those it inherited), and records the answers with the response letter.
 */
export async function answerVerificationRequest(
  store: EventStore,
  readModels: Database,
  directory: AuthorityDirectory,
  input: { requestId: string; responseLetterNumber: string; respondedOn: string; signerId: string },
  context: CommandContext,
  ifMatch?: bigint,
): Promise<CommandOutcome> {
  const state = await loadState(store, verificationRequestDecider, verificationRequestStream(input.requestId));
  if (state.status === 'none')
    throw new DomainError({
      code: 'VERIFICATION_REQUEST_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có công văn này.',
      messageEn: 'No such letter.',
      field: 'requestId',
    });
  const books = registersHeldOn(directory, state.request.authorityCode, input.respondedOn);
  const answers = state.request.subjects.map((subject) => matchVerificationSubject(readModels, books, subject));
  return handleCommand(store, verificationRequestDecider, {
    stream: verificationRequestStream(input.requestId),
    context,
    command: { type: 'AnswerVerificationRequest', ...input, answers, directory },
    ...(ifMatch !== undefined ? { expectedRevision: ifMatch } : {}),
  });
}
