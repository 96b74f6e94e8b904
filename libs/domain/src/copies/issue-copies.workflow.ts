import type { AuthorityDirectory } from '../authorities/authority';
import type { CommandContext } from '../shared/command-context';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import type { WorkflowDecision } from '../shared/workflow';
import { blankLotDecider, type BlankLotState } from '../blanks/blank-lot.decider';
import { blankLotStream } from '../blanks/blank';
import { formatSerial } from '../blanks/serial-range';
import { copyRegisterDecider, copyRegisterStream, formatCopyNumber, type CopyRegisterState } from './copy-register';
import { copyRequestDecider, refusalGroundFor, type CopyRequestState } from './copy-request.decider';
import { copyRequestStream, type CertificateCopyFacts, type DiplomaFacts, type IssuedCopy } from './copy-request';

export interface IssueCopiesInput {
  readonly requestId: string;
  readonly authorityCode: string;
  /** The copy-blank lot (rule 53); copies from a certificate register take none (issue 18). */
  readonly lotId?: string;
  readonly issuedOn: IsoDate;
  readonly issuePlace: string;
  readonly signerId: string;
}

export interface IssueCopiesRead {
  readonly request: CopyRequestState;
  readonly diploma: DiplomaFacts | null;
  readonly lot: BlankLotState;
  readonly register: CopyRegisterState;
  readonly directory: AuthorityDirectory;
}

/** Copies are numbered per calendar year of the day they are issued (rule 52). */
export function copyRegisterYearOf(issuedOn: IsoDate): number {
  return Number(issuedOn.slice(0, 4));
}

/**
 * Copies (rules 46, 52, 53, 57): the copy register hands out the numbers, the copy-blank lot the paper,
 * and the request records the copies — all decided before any append. A cut-short earlier attempt is
 * recognised by the request id (its numbers, its bound blanks), so a resend completes it and never
 * takes new numbers or new blanks.
 */
export function decideIssueCopies(input: IssueCopiesInput, read: IssueCopiesRead, context: CommandContext): WorkflowDecision {
  const requestStream = copyRequestStream(input.requestId);
  if (read.request.status === 'issued') return { appends: [], primaryStream: requestStream };
  if (read.request.status === 'none')
    throw new DomainError({
      code: 'COPY_REQUEST_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có yêu cầu cấp bản sao này.',
      messageEn: 'No such copy request.',
      field: 'requestId',
    });
  if (!read.diploma) throw refusalGroundFor(null, read.request.request.requester)!;
  const kind = read.diploma.issued.kind;
  if (!input.lotId)
    throw new DomainError({
      code: 'BLANK_TEMPLATE_MISMATCH',
      kind: 'invalid_input',
      messageVi: `Bản sao văn bằng ${kind} phải in trên phôi bản sao ${kind}: cần lô phôi.`,
      messageEn: `A copy of a ${kind} diploma goes on ${kind} copy blanks: name the lot.`,
      field: 'lotId',
      rule: 53,
    });
  const lotId = input.lotId;
  // Rule 53: copies go on copy blanks of the diploma's kind.
  if (read.lot.status !== 'received' || read.lot.header.kind !== `${kind}_COPY`) {
    throw new DomainError({
      code: 'BLANK_TEMPLATE_MISMATCH',
      kind: 'rule_violation',
      messageVi: `Bản sao văn bằng ${kind} phải in trên phôi bản sao ${kind}.`,
      messageEn: `A copy of a ${kind} diploma goes on ${kind} copy blanks.`,
      field: 'lotId',
      rule: 53,
    });
  }
  const lot = read.lot;
  const copyIds = Array.from({ length: read.request.request.copies }, (_, i) => `${input.requestId}-${i + 1}`);
  const year = copyRegisterYearOf(input.issuedOn);
  const command = {
    type: 'IssueCopies' as const,
    requestId: input.requestId,
    lotId,
    issuedOn: input.issuedOn,
    issuePlace: input.issuePlace,
    signerId: input.signerId,
    actingAuthorityCode: input.authorityCode,
    directory: read.directory,
  };

  const numberedFirst = read.register.firstOf.get(input.requestId);
  const numberEvents =
    numberedFirst === undefined
      ? copyRegisterDecider.decide({ type: 'AssignCopyNumbers', requestId: input.requestId, copyIds }, read.register, context)
      : [];
  const first = numberedFirst ?? numberEvents[0]!.data.first;

  const boundBefore = new Map([...lot.diplomaBySerial].filter(([, id]) => copyIds.includes(id)).map(([serial, id]) => [id, serial]));
  const lotEvents =
    boundBefore.size === 0
      ? blankLotDecider.decide(
          {
            type: 'BindNextBlanks',
            authorityCode: input.authorityCode,
            printRunId: `copies-${input.requestId}`.slice(0, 64),
            diplomaIds: copyIds,
            boundOn: input.issuedOn,
          },
          lot,
          context,
        )
      : [];
  const serialOf = new Map(boundBefore);
  for (const event of lotEvents) if (event.type === 'BlanksBound') for (const b of event.data.bindings) serialOf.set(b.diplomaId, b.serial);

  const copies: IssuedCopy[] = copyIds.map((copyId, i) => ({
    copyId,
    copyNumber: formatCopyNumber(kind, year, first + i),
    copyNumberValue: first + i,
    serial: formatSerial(lot.header.prefix, lot.header.width, serialOf.get(copyId)!),
  }));
  const requestEvents = copyRequestDecider.decide({ ...command, diploma: read.diploma, copies }, read.request, context);
  return {
    appends: [
      { stream: copyRegisterStream(input.authorityCode, kind, year), events: numberEvents },
      { stream: blankLotStream(lotId), events: lotEvents },
      { stream: requestStream, events: requestEvents },
    ],
    primaryStream: requestStream,
  };
}

export interface IssueCertificateCopiesRead {
  readonly request: CopyRequestState;
  readonly certificate: CertificateCopyFacts | null;
  readonly register: CopyRegisterState;
  readonly directory: AuthorityDirectory;
}

/**
 * Copies from a certificate register (bản sao từ sổ gốc cấp chứng chỉ, issue 18): the same request, refusal and
 * copy-register numbering as a diploma's (rules 46–52, 55, 57), in the copy book of the certificate's kind. No
 * source puts certificate copies on serial-numbered copy blanks (rule 53 speaks of diploma templates), so none is
 * bound: the copy-register number is what identifies the copy. A resent issuing finds its numbers.
 */
export function decideIssueCertificateCopies(
  input: IssueCopiesInput,
  read: IssueCertificateCopiesRead,
  context: CommandContext,
): WorkflowDecision {
  const requestStream = copyRequestStream(input.requestId);
  if (read.request.status === 'issued') return { appends: [], primaryStream: requestStream };
  if (read.request.status === 'none')
    throw new DomainError({
      code: 'COPY_REQUEST_NOT_FOUND',
      kind: 'not_found',
      messageVi: 'Không có yêu cầu cấp bản sao này.',
      messageEn: 'No such copy request.',
      field: 'requestId',
    });
  if (!read.certificate) throw refusalGroundFor(null, read.request.request.requester)!;
  const kind = read.certificate.session.kindCode;
  const copyIds = Array.from({ length: read.request.request.copies }, (_, i) => `${input.requestId}-${i + 1}`);
  const year = copyRegisterYearOf(input.issuedOn);
  const numberedFirst = read.register.firstOf.get(input.requestId);
  const numberEvents =
    numberedFirst === undefined
      ? copyRegisterDecider.decide({ type: 'AssignCopyNumbers', requestId: input.requestId, copyIds }, read.register, context)
      : [];
  const first = numberedFirst ?? numberEvents[0]!.data.first;
  const copies: IssuedCopy[] = copyIds.map((copyId, i) => ({
    copyId,
    copyNumber: formatCopyNumber(kind, year, first + i),
    copyNumberValue: first + i,
    serial: '',
  }));
  const requestEvents = copyRequestDecider.decide(
    {
      type: 'IssueCertificateCopies',
      requestId: input.requestId,
      certificate: read.certificate,
      copies,
      issuedOn: input.issuedOn,
      issuePlace: input.issuePlace,
      signerId: input.signerId,
      actingAuthorityCode: input.authorityCode,
      directory: read.directory,
    },
    read.request,
    context,
  );
  return {
    appends: [
      { stream: copyRegisterStream(input.authorityCode, kind, year), events: numberEvents },
      { stream: requestStream, events: requestEvents },
    ],
    primaryStream: requestStream,
  };
}
