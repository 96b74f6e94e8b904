import type { AuthorityDirectory } from '../authorities/authority';
import { requireSignerActor } from '../authorities/authority-directory';
import { requireLicenceOn } from '../authorities/authority-licence';
import { blankLotStream } from '../blanks/blank';
import type { BlankLotState } from '../blanks/blank-lot.decider';
import { requireIssuerRule } from '../credential-kinds/credential-fields';
import type { CredentialKindEntry } from '../credential-kinds/credential-kind';
import type { CommandContext } from '../shared/command-context';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { requireIsoDate, throwIfInvalid } from '../shared/validation';
import type { WorkflowDecision } from '../shared/workflow';
import { certificateSignerOn } from './certificate-signer';
import { certificateRegisterDecider, certificateRegisterStream, type CertificateRegisterState } from './certificate-register';
import {
  certificatePrintRunDecider,
  certificatePrintRunNotFound,
  certificatePrintRunStream,
  certificateRunSpares,
  requireCertificateRunStatus,
  type CertificatePrintRunState,
  type OpenedCertificatePrintRun,
} from './certificate-print-run';
import {
  decidePrintingOnLot,
  releaseSpares,
  replaceMisprintedBlank,
  reserveAfterClaim,
  reservedForRun,
} from '../print-runs/print-run-core';

/**
 * The acts of a certificate print run across streams (issue 18 item 3), in the shape of the diploma run's
 * workflows (libs/domain/src/issuance/print-run.workflows.ts): the register book is the guard of "a
 * certificate is printed once", the lot of "a blank goes to one run" (the lot decider's own ReserveBlanks,
 * BindBlanks, ReplaceMisprintedBlank and ReleaseBlanks, the very acts diploma runs use), the run stream of
 * the run's life. Everything is decided before anything is appended, and each step recognises what an
 * earlier, cut-short attempt already recorded, so a resend completes the act.
 */

export interface OpenCertificatePrintRunInput {
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly kindCode: string;
  /** The register book's year (the year of its issuance decisions). */
  readonly year: number;
  readonly lotId: string;
  readonly templateVersion: string;
  readonly openedOn: IsoDate;
  /** Without it, every certificate of the book not yet printed, in register order. */
  readonly certificateIds?: readonly string[];
  /** Extra blanks reserved for misprints; released when the run closes. */
  readonly spareBlanks?: number;
}

export interface OpenCertificatePrintRunRead {
  readonly entry: CredentialKindEntry;
  readonly run: CertificatePrintRunState;
  readonly register: CertificateRegisterState;
  readonly lot: BlankLotState;
}

function lotNotFound(): DomainError {
  return new DomainError({
    code: 'LOT_NOT_FOUND',
    kind: 'not_found',
    messageVi: 'Không có lô phôi này.',
    messageEn: 'No such lot of blanks.',
    field: 'lotId',
  });
}

export function decideOpenCertificatePrintRun(
  input: OpenCertificatePrintRunInput,
  read: OpenCertificatePrintRunRead,
  context: CommandContext,
): WorkflowDecision {
  const runStream = certificatePrintRunStream(input.printRunId);
  const { entry, lot } = read;
  if (read.run.status !== 'none') {
    const header = read.run.header;
    if (header.lotId === input.lotId && header.authorityCode === input.authorityCode && header.kindCode === entry.code) {
      return { appends: [], primaryStream: runStream };
    }
    throw new DomainError({
      code: 'PRINT_RUN_EXISTS',
      kind: 'conflict',
      messageVi: `Đợt in ${input.printRunId} đã có.`,
      messageEn: `Print run ${input.printRunId} already exists.`,
      field: 'printRunId',
    });
  }
  throwIfInvalid(requireIsoDate('openedOn', input.openedOn));
  if (entry.blankKind === null || entry.fields === 'graduate-list') {
    throw new DomainError({
      code: 'KIND_NOT_PRINTED_ON_BLANKS',
      kind: 'rule_violation',
      messageVi: `${entry.nameVi} không in trên phôi có số hiệu (danh mục loại văn bằng, chứng chỉ).`,
      messageEn: `${entry.nameEn} is not printed on serial-numbered blanks (the catalogue of kinds).`,
      field: 'kindCode',
    });
  }
  if (lot.status !== 'received') throw lotNotFound();
  // Rule 17: a blank carries only a credential of its own kind and template version.
  if (lot.header.kind !== entry.blankKind || lot.header.templateVersion !== input.templateVersion.trim()) {
    throw new DomainError({
      code: 'BLANK_TEMPLATE_MISMATCH',
      kind: 'rule_violation',
      messageVi: `Lô ${lot.header.lotId} là phôi ${lot.header.kind} mẫu ${lot.header.templateVersion}; không in được ${entry.nameVi} (phôi ${entry.blankKind}) mẫu ${input.templateVersion}.`,
      messageEn: `Lot ${lot.header.lotId} holds ${lot.header.kind} blanks of template ${lot.header.templateVersion}; it cannot carry a ${entry.nameEn} (${entry.blankKind} blanks) of template ${input.templateVersion}.`,
      field: 'lotId',
      rule: 17,
    });
  }
  // Rule 37 by analogy: a template version the entry lists is used only within its validity.
  const listed = entry.templates.find((template) => template.version === input.templateVersion.trim());
  if (listed && (input.openedOn < listed.validFrom || (listed.validTo !== null && input.openedOn > listed.validTo))) {
    throw new DomainError({
      code: 'TEMPLATE_NOT_CURRENT',
      kind: 'rule_violation',
      messageVi: `Mẫu ${listed.version} có hiệu lực ${listed.validFrom} – ${listed.validTo ?? 'nay'}, không dùng được ngày ${input.openedOn}.`,
      messageEn: `Template ${listed.version} is in force ${listed.validFrom} – ${listed.validTo ?? 'open'}, not on ${input.openedOn}.`,
      field: 'templateVersion',
      rule: 37,
    });
  }

  const claimedBefore = [...read.register.certificates.values()]
    .filter((record) => record.printRunId === input.printRunId && !record.blank)
    .sort((a, b) => a.number - b.number);
  const claimEvents =
    claimedBefore.length > 0
      ? []
      : certificateRegisterDecider.decide(
          {
            type: 'ClaimCertificatesForPrintRun',
            printRunId: input.printRunId,
            ...(input.certificateIds ? { certificateIds: input.certificateIds } : {}),
          },
          read.register,
          context,
        );
  const claimedIds =
    claimedBefore.length > 0
      ? claimedBefore.map((record) => record.certificateId)
      : claimEvents.flatMap((event) => (event.type === 'CertificatesClaimedForPrintRun' ? event.data.certificateIds : []));
  const certificates = claimedIds.map((id) => {
    const record = read.register.certificates.get(id)!;
    return { certificateId: id, registerNumber: record.registerNumber, number: record.number };
  });
  certificates.sort((a, b) => a.number - b.number);

  const reservedBefore = reservedForRun(lot, input.printRunId);
  // Cut short between its claim and its reservation, a run that can no longer get its blanks gives its
  // certificates back (recorded), as a diploma run gives its graduates back (rule 16).
  const { reserveEvents, refused } =
    reservedBefore.length > 0
      ? { reserveEvents: [], refused: undefined }
      : reserveAfterClaim(
          lot,
          {
            authorityCode: input.authorityCode,
            printRunId: input.printRunId,
            count: certificates.length + (input.spareBlanks ?? 0),
            reservedOn: input.openedOn,
          },
          claimedBefore.length > 0,
          () => ({
            stream: certificateRegisterStream(input.authorityCode, entry.code, input.year),
            events: certificateRegisterDecider.decide(
              { type: 'ReleaseCertificateClaims', printRunId: input.printRunId },
              read.register,
              context,
            ),
          }),
          context,
        );
  if (refused) return { appends: [refused.append], primaryStream: runStream, refusal: refused.refusal };
  const reserved =
    reservedBefore.length > 0 ? reservedBefore : reserveEvents.flatMap((e) => (e.type === 'BlanksReserved' ? e.data.ranges : []));

  const runEvents = certificatePrintRunDecider.decide(
    {
      type: 'OpenCertificatePrintRun',
      header: {
        printRunId: input.printRunId,
        authorityCode: input.authorityCode,
        kindCode: entry.code,
        blankKind: entry.blankKind,
        registerYear: input.year,
        lotId: lot.header.lotId,
        prefix: lot.header.prefix,
        width: lot.header.width,
        templateVersion: input.templateVersion.trim(),
        openedOn: input.openedOn,
        reserved,
      },
      certificates: certificates.map(({ certificateId, registerNumber }) => ({ certificateId, registerNumber })),
    },
    read.run,
    context,
  );
  return {
    appends: [
      { stream: certificateRegisterStream(input.authorityCode, entry.code, input.year), events: claimEvents },
      { stream: blankLotStream(input.lotId), events: reserveEvents },
      { stream: runStream, events: runEvents },
    ],
    primaryStream: runStream,
  };
}

/** A run is acted on only by the authority that opened it; to anyone else it does not exist. */
export function openedCertificateRunOf(state: CertificatePrintRunState, authorityCode: string): OpenedCertificatePrintRun {
  if (state.status === 'none' || state.header.authorityCode !== authorityCode) throw certificatePrintRunNotFound();
  return state;
}

export interface CertificateRunAndLot {
  readonly run: CertificatePrintRunState;
  readonly lot: BlankLotState;
}

/**
 * Off the printer: every planned blank now carries its certificate (the lot binds serial → certificate id). A
 * blank that may never be used again refuses the act and the attempt is recorded on the lot (rule 18, F4).
 */
export function decideRecordCertificatePrinting(
  input: { printRunId: string; authorityCode: string; printedOn: IsoDate },
  read: CertificateRunAndLot,
  context: CommandContext,
): WorkflowDecision {
  const run = openedCertificateRunOf(read.run, input.authorityCode);
  const runEvents = certificatePrintRunDecider.decide({ type: 'RecordCertificatePrinting', printedOn: input.printedOn }, run, context);
  // The same lot acts as a diploma run's, in bounded appends sealed by the run's "printed" (issue 20).
  return decidePrintingOnLot(
    read.lot,
    run.header,
    run.entries.map((e) => ({ serial: e.serial, diplomaId: e.certificateId })),
    input.printedOn,
    { stream: certificatePrintRunStream(input.printRunId), events: runEvents },
    context,
  );
}

/** Q4: the blank is spoiled, the certificate goes onto the run's next spare (or the next in stock), its number stays. */
export function decideRecordCertificateMisprint(
  input: { printRunId: string; authorityCode: string; certificateId: string; note: string; reprintedOn: IsoDate },
  read: CertificateRunAndLot,
  context: CommandContext,
): WorkflowDecision {
  const run = openedCertificateRunOf(read.run, input.authorityCode);
  const index = run.indexOf.get(input.certificateId);
  if (index === undefined) {
    throw new DomainError({
      code: 'CERTIFICATE_NOT_IN_RUN',
      kind: 'not_found',
      messageVi: `Chứng chỉ ${input.certificateId} không thuộc đợt in này.`,
      messageEn: `Certificate ${input.certificateId} is not in this print run.`,
      field: 'certificateId',
    });
  }
  // The run's state first (printed, not signed): a wrong-state call records nothing on the lot.
  requireCertificateRunStatus(run, ['printed'], 'a misprint');
  const { lotEvents, newSerial, newlyReserved } = replaceMisprintedBlank(
    read.lot,
    run.header,
    { credentialId: input.certificateId, oldSerial: run.entries[index]!.serial, note: input.note, reprintedOn: input.reprintedOn },
    context,
  );
  const runEvents = certificatePrintRunDecider.decide(
    {
      type: 'RecordCertificateMisprint',
      certificateId: input.certificateId,
      newSerial,
      newlyReserved,
      note: input.note,
      reprintedOn: input.reprintedOn,
    },
    run,
    context,
  );
  return {
    appends: [
      { stream: blankLotStream(run.header.lotId), events: lotEvents },
      { stream: certificatePrintRunStream(input.printRunId), events: runEvents },
    ],
    primaryStream: certificatePrintRunStream(input.printRunId),
  };
}

export interface SignCertificatePrintRunInput {
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly signerName: string;
  readonly signerTitle: string;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
}

export interface SignCertificatePrintRunRead {
  readonly entry: CredentialKindEntry;
  readonly run: CertificatePrintRunState;
  /** The run's register book. */
  readonly register: CertificateRegisterState;
  readonly directory: AuthorityDirectory;
}

/**
 * Signing and sealing issues the printed certificates (rules 5, 6, 25; §8): the issuer must still be competent
 * and licensed for the kind on the issue date, the date comes after each certificate's issuance decision and
 * the printing. The run records the signature, then the register gains each certificate's serial. The run
 * goes first, so a crash in between leaves no serial in the register for an unsigned run; a resend appends
 * what the register still lacks.
 */
export function decideSignCertificatePrintRun(
  input: SignCertificatePrintRunInput,
  read: SignCertificatePrintRunRead,
  context: CommandContext,
): WorkflowDecision {
  const run = openedCertificateRunOf(read.run, input.authorityCode);
  // Rule 25, as for diplomas: the registrar prepares, only an officer in the signer role records the signature.
  if (context.actor.role !== 'signer') {
    throw new DomainError({
      code: 'SIGNATURE_NEEDS_SIGNER_ROLE',
      kind: 'forbidden',
      messageVi: 'Chỉ người có vai trò ký mới được ghi nhận chữ ký; cán bộ nghiệp vụ chỉ chuẩn bị.',
      messageEn: 'Only an officer in the signer role records a signature; a registrar prepares it.',
      field: 'signerName',
      rule: 25,
    });
  }
  const runStream = certificatePrintRunStream(input.printRunId);
  const registerStream = certificateRegisterStream(run.header.authorityCode, run.header.kindCode, run.header.registerYear);
  const toRegister = (signed: OpenedCertificatePrintRun) => {
    const signature = signed.signature!;
    return certificateRegisterDecider.decide(
      {
        type: 'RecordCertificatesPrinted',
        printRunId: signed.header.printRunId,
        lotId: signed.header.lotId,
        issueDate: signature.issueDate,
        issuePlace: signature.issuePlace,
        signerName: signature.signerName,
        signerTitle: signature.signerTitle,
        certificates: signed.entries.map(({ certificateId, serial, serialLabel }) => ({ certificateId, serial, serialLabel })),
      },
      read.register,
      context,
    );
  };
  if (
    run.signature !== null &&
    run.signature.issueDate === input.issueDate &&
    run.signature.signerName === input.signerName.normalize('NFC').trim()
  ) {
    const missing = toRegister(run);
    if (missing.length > 0) return { appends: [{ stream: registerStream, events: missing }], primaryStream: runStream };
  }
  const issuer = read.directory.authorities.get(run.header.authorityCode);
  if (!issuer) throw certificatePrintRunNotFound();
  // §8: competence and licence are checked on the act's date, the signature's as the decision's.
  const rule = requireIssuerRule(read.entry, issuer.kind, input.issueDate, {});
  const licence = rule.licenceRequired ? requireLicenceOn(read.directory, issuer.code, read.entry.code, input.issueDate) : null;
  const sessions = new Set(run.entries.map((e) => read.register.certificates.get(e.certificateId)?.sessionId));
  const latestDecision = [...read.register.sessions.values()]
    .filter((session) => sessions.has(session.sessionId))
    .map((session) => session.decision.date)
    .sort()
    .at(-1);
  const runEvents = certificatePrintRunDecider.decide(
    {
      type: 'SignCertificatePrintRun',
      notBefore: latestDecision ?? run.header.openedOn,
      signerName: input.signerName,
      signerTitle: input.signerTitle,
      issueDate: input.issueDate,
      issuePlace: input.issuePlace,
      licence: licence ? { licenceId: licence.licenceId, decisionRef: licence.decisionRef } : null,
      legalBasis: rule.legalBasis,
    },
    run,
    context,
  );
  // Rules 6, 25 (issue 18): once the run may be signed, the signer must be one of the issuer's signers in the
  // directory, in a signing role and in mandate on the day signed — the diplomas' check, with its codes.
  requireSignerActor(
    context.actor,
    certificateSignerOn(read.directory, {
      authorityCode: run.header.authorityCode,
      date: input.issueDate,
      signerName: input.signerName,
      field: 'signerName',
    }),
  );
  const signed = runEvents.reduce(certificatePrintRunDecider.evolve, read.run);
  if (signed.status === 'none') throw new Error('unreachable: a signed run exists');
  return {
    appends: [
      { stream: runStream, events: runEvents },
      { stream: registerStream, events: toRegister(signed) },
    ],
    primaryStream: runStream,
  };
}

/** The unused spares go back to stock, then the run closes balanced (§2.3, rule 16). */
export function decideCloseCertificatePrintRun(
  input: { printRunId: string; authorityCode: string; closedOn: IsoDate },
  read: CertificateRunAndLot,
  context: CommandContext,
): WorkflowDecision {
  const run = openedCertificateRunOf(read.run, input.authorityCode);
  const spares = run.status === 'signed' ? certificateRunSpares(run) : [];
  const { lotEvents, releasedRanges } = releaseSpares(read.lot, run.header, spares, input.closedOn, context);
  const runEvents = certificatePrintRunDecider.decide(
    {
      type: 'CloseCertificatePrintRun',
      closedOn: input.closedOn,
      releasedRanges,
    },
    run,
    context,
  );
  return {
    appends: [
      { stream: blankLotStream(run.header.lotId), events: lotEvents },
      { stream: certificatePrintRunStream(input.printRunId), events: runEvents },
    ],
    primaryStream: certificatePrintRunStream(input.printRunId),
  };
}

/**
 * Certificate blanks go down only to a unit that may print them (issue 18, §8): when the blank kind belongs to
 * certificate kinds whose issuer rows ask a licence of the receiver's kind of authority, the receiver must hold
 * one for such a kind, in force on the hand-over date. Diploma and copy blanks (no entry) pass unchanged.
 */
export function requireLicensedForBlanks(
  directory: AuthorityDirectory,
  entries: readonly CredentialKindEntry[],
  blankKind: string,
  receiverCode: string,
  on: IsoDate,
): void {
  const receiver = directory.authorities.get(receiverCode);
  const printedOnThem = entries.filter((entry) => entry.fields !== 'graduate-list' && entry.blankKind === blankKind);
  if (!receiver || printedOnThem.length === 0) return;
  const needing = printedOnThem.filter((entry) =>
    entry.issuers === 'policy-table'
      ? false
      : entry.issuers.some((rule) => rule.licenceRequired && rule.authorityKinds.includes(receiver.kind)),
  );
  if (needing.length === 0) return;
  let refusal: unknown;
  for (const entry of needing) {
    try {
      requireLicenceOn(directory, receiverCode, entry.code, on);
      return;
    } catch (error) {
      refusal ??= error;
    }
  }
  if (refusal instanceof DomainError) {
    throw new DomainError({ ...refusal.problem, field: 'toAuthority' });
  }
  throw refusal;
}
