import type { CommandContext } from '../shared/command-context';
import type { WorkflowDecision } from '../shared/workflow';
import { certificateRegisterDecider, type CertificateRegisterCommand, type CertificateRegisterState } from './certificate-register';

/**
 * A session's issuance decision as a large act in bounded appends (issue 20 item 2, the same protocol
 * as a graduation decision): the book's stream gains the session's opening, its list in chunks and the
 * seal, which the platform may record in several appends of at most MAX_APPEND_BYTES each. A resend
 * into a session a crash left unsealed lists what is missing and seals it (its events' ids continue the
 * first attempt's under the same command id); the same command resent after the seal appends nothing.
 */
export function decideIssueCertificates(
  command: Extract<CertificateRegisterCommand, { type: 'IssueCertificates' }>,
  read: {
    /** The book's stream (issuer, kind, year of the decision), read for `register`. */
    readonly stream: string;
    readonly register: CertificateRegisterState;
    /** The book already holds this very command's sealed session (a retried request). */
    readonly sealedByThisCommand: boolean;
  },
  context: CommandContext,
): WorkflowDecision {
  const { stream } = read;
  if (read.sealedByThisCommand && read.register.sessions.has(command.sessionId)) return { appends: [], primaryStream: stream };
  const events = certificateRegisterDecider.decide(command, read.register, context);
  return {
    appends: [{ stream, events, sealed: true, resumes: read.register.recording?.session.sessionId === command.sessionId }],
    primaryStream: stream,
  };
}
