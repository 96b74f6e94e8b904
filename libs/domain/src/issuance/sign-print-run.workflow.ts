import type { AuthorityDirectory } from '../authorities/authority';
import type { CommandContext } from '../shared/command-context';
import type { IsoDate } from '../shared/dates';
import type { StreamAppend, WorkflowDecision } from '../shared/workflow';
import type { GraduationDecisionState } from '../decisions/graduation-decision';
import { diplomaStream, type IssuanceEvent } from '../diplomas/diploma';
import type { DiplomaState } from '../diplomas/diploma-state';
import { printRunStream } from './print-run';
import { printRunDecider } from './print-run.decider';
import type { OpenedPrintRun, PrintRunState } from './print-run-state';
import { decideClosePrintRun, openedRunOf, type PrintRunAndLot } from './print-run.workflows';

export interface SignPrintRunInput {
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly signerId: string;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
}

export interface SignPrintRunRead {
  readonly run: PrintRunState;
  /** The run's graduation decision: the holder of each diploma as the decision listed them. */
  readonly decision: GraduationDecisionState;
  /** The stream of each diploma of the run, folded (empty before the run is signed). */
  readonly diplomas: ReadonlyMap<string, DiplomaState>;
  readonly directory: AuthorityDirectory;
}

/**
 * The issuance event of every diploma of a signed run, in register order: the run gives the serial
 * (after any misprint), the register number, the signer and the issue date; the decision gives the
 * holder. Used by signing, and by the migration that brings a store of the previous release forward.
 */
export function diplomaIssuancesOf(run: OpenedPrintRun, decision: GraduationDecisionState): IssuanceEvent[] {
  const signature = run.signature;
  if (signature === null) return [];
  if (decision.status !== 'recorded' || decision.header.decisionId !== run.header.decisionId) {
    throw new Error(`unreachable: print run ${run.header.printRunId} was opened on decision ${run.header.decisionId}`);
  }
  return run.entries.map((entry) => {
    const graduate = decision.graduates.get(entry.graduateId);
    if (!graduate) throw new Error(`unreachable: graduate ${entry.graduateId} is not in decision ${run.header.decisionId}`);
    return {
      type: 'DiplomaIssued',
      data: {
        diplomaId: entry.diplomaId,
        graduateId: entry.graduateId,
        printRunId: run.header.printRunId,
        decisionId: run.header.decisionId,
        decisionNumber: run.header.decisionNumber,
        decisionDate: run.header.decisionDate,
        authorityCode: run.header.authorityCode,
        kind: run.header.kind,
        lotId: run.header.lotId,
        templateVersion: run.header.templateVersion,
        registerNumber: entry.registerNumber,
        registerLabel: entry.registerLabel,
        serial: entry.serial,
        serialLabel: entry.serialLabel,
        issueDate: signature.issueDate,
        issuePlace: signature.issuePlace,
        signerName: signature.signerName,
        signerTitle: signature.signerTitle,
        holder: {
          fullName: graduate.fullName,
          birthDate: graduate.birthDate,
          birthPlace: graduate.birthPlace,
          sex: graduate.sex,
          ethnicity: graduate.ethnicity,
        },
      },
    };
  });
}

/**
 * Signing and sealing issues every diploma of the run (rules 5, 6, 25; docs/domain.md §2.4
 * "Signed&Sealed = Issued"): the run records the signature, then each diploma's own stream opens with
 * its `DiplomaIssued`. The run goes first, so a crash in between never leaves a diploma issued by a run
 * that is not signed; a resend of the same signature (with or without its Idempotency-Key) appends the
 * issuance events still missing and nothing else. Any other call on a signed run gets the run's refusal.
 */
export function decideSignPrintRun(input: SignPrintRunInput, read: SignPrintRunRead, context: CommandContext): WorkflowDecision {
  const run = openedRunOf(read.run, input.authorityCode);
  const runStream = printRunStream(input.printRunId);
  const toDiplomas = (events: readonly IssuanceEvent[]) => notYetIssued(events, read.diplomas);
  if (run.signature !== null && run.signature.signerId === input.signerId && run.signature.issueDate === input.issueDate) {
    const missing = toDiplomas(diplomaIssuancesOf(run, read.decision));
    if (missing.length > 0) return { appends: missing, primaryStream: runStream };
  }
  const runEvents = printRunDecider.decide(
    {
      type: 'SignPrintRun',
      printRunId: input.printRunId,
      signerId: input.signerId,
      issueDate: input.issueDate,
      issuePlace: input.issuePlace,
      directory: read.directory,
    },
    run,
    context,
  );
  const signed = runEvents.reduce(printRunDecider.evolve, read.run);
  if (signed.status === 'none') throw new Error('unreachable: a signed run exists');
  return {
    appends: [{ stream: runStream, events: runEvents }, ...toDiplomas(diplomaIssuancesOf(signed, read.decision))],
    primaryStream: runStream,
  };
}

/** The issuance events whose diploma stream does not hold one yet, each as the append that opens that stream. */
function notYetIssued(events: readonly IssuanceEvent[], diplomas: ReadonlyMap<string, DiplomaState>): StreamAppend[] {
  return events
    .filter((e) => !diplomas.get(e.data.diplomaId)?.issued)
    .map((e) => ({ stream: diplomaStream(e.data.diplomaId), events: [e] }));
}

export interface ClosePrintRunRead extends PrintRunAndLot {
  /** The run's graduation decision (the holders), as for signing. */
  readonly decision: GraduationDecisionState;
  /** The stream of each diploma of the run, folded. */
  readonly diplomas: ReadonlyMap<string, DiplomaState>;
}

/**
 * Closing a run (docs/domain.md §2.3) also finishes its signing: if signing crashed after the run's
 * `PrintRunSigned` and before every diploma's `DiplomaIssued`, and nobody resent the signature, the
 * missing issuance events are appended first, then the spares go back and the run closes (rules 5, 25:
 * a signed run's diplomas are issued, whatever happened to the process). Issuances go first, so a crash
 * during closing leaves an unclosed run whose resent closing completes the rest. A run already closed
 * with diplomas still missing (closed by the release before this rule) gets only those on a resend.
 */
export function decideCloseSignedPrintRun(
  input: { printRunId: string; authorityCode: string; closedOn: IsoDate },
  read: ClosePrintRunRead,
  context: CommandContext,
): WorkflowDecision {
  const run = openedRunOf(read.run, input.authorityCode);
  const missing = run.signature === null ? [] : notYetIssued(diplomaIssuancesOf(run, read.decision), read.diplomas);
  if (run.status === 'closed' && missing.length > 0) return { appends: missing, primaryStream: printRunStream(input.printRunId) };
  const closing = decideClosePrintRun(input, read, context);
  return { ...closing, appends: [...missing, ...closing.appends] };
}
