import type { Calendar } from '../calendar/holiday-calendar';
import { addWorkingDays } from '../calendar/working-days';
import { deadlineFor } from '../regimes/deadline-table';
import { CORRECTION_GROUNDS, type CivilStatusDocument, type CorrectionGround } from '../diplomas/correction';
import { requireDeciderOtherThan } from '../diplomas/separation-of-duties';
import { parseBirthDate } from '../graduates/birth-date';
import type { CommandContext } from '../shared/command-context';
import type { IsoDate } from '../shared/dates';
import type { DomainEvent } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import { actedOnIfKnown, requireActDate } from '../shared/plausible-dates';
import { requireOneOf, requirePattern, requirePersonText, requireText, throwIfInvalid } from '../shared/validation';

/**
 * Corrections of a certificate (issue 18, after issuance), by the rules that govern a diploma's: only on the
 * civil-status grounds of rule 27, by a decision of the body holding the register (rule 32) within the dated deadline
 * of a complete dossier (rule 29), never by editing the certificate (rule 30) but by an appendix entry in the
 * register (rule 22), never on a revoked certificate (rule 34), never a no-op (rule 35), and decided by another
 * officer than the one who took the dossier (issue 17, separation of duties). A certificate carries no sex or
 * ethnicity, so ground (b) of rule 27 has nothing to correct here.
 */
export const CERTIFICATE_CORRECTABLE_FIELDS = ['fullName', 'birthDate', 'birthPlace'] as const;
export type CertificateCorrectableField = (typeof CERTIFICATE_CORRECTABLE_FIELDS)[number];
export const CERTIFICATE_CORRECTION_GROUNDS: readonly CorrectionGround[] = CORRECTION_GROUNDS.filter(
  (ground) => ground !== 'ethnicity_or_sex_redetermined',
);
/**
 * Rule 29 and §0.5: the decision's deadline comes from the same dated table as a diploma's (its correction rows
 * name no kind): 5 working days under TT21, 2 under TT13/2025 — the Quy chế governs diplomas and certificates alike.
 */
export function certificateCorrectionWorkingDays(kindCode: string, dossierCompleteOn: IsoDate): number {
  const row = deadlineFor('correct', kindCode, dossierCompleteOn);
  if (!row || row.length === null) throw new Error(`The deadline table has no correction row for ${dossierCompleteOn}`);
  return row.length;
}

export interface CertificateFieldChange {
  readonly field: CertificateCorrectableField;
  readonly before: string;
  readonly after: string;
}

export interface CertificateCorrectionRequest {
  readonly certificateId: string;
  readonly requestId: string;
  readonly ground: CorrectionGround;
  readonly changes: readonly CertificateFieldChange[];
  readonly document: CivilStatusDocument;
  readonly requestedBy: string;
  readonly receivedOn: IsoDate;
  readonly dossierCompleteOn: IsoDate;
  readonly dueBy: IsoDate;
  /** The officer who recorded the dossier: may not record its decision or refusal (issue 17). */
  readonly recordedBy: string;
}

export interface CertificateCorrection {
  readonly certificateId: string;
  readonly requestId: string;
  readonly decisionNumber: string;
  readonly decisionDate: IsoDate;
  readonly ground: CorrectionGround;
  readonly changes: readonly CertificateFieldChange[];
  readonly document: CivilStatusDocument;
  /** The line of the register's appendix (phụ lục sổ gốc, rule 22): 1, 2, 3 … per book, no gap. */
  readonly appendixLine: number;
  readonly decidedWithinDeadline: boolean;
}

export type CertificateCorrectionEvent =
  | DomainEvent<'CertificateCorrectionRequested', CertificateCorrectionRequest>
  | DomainEvent<'CertificateCorrected', CertificateCorrection>
  | DomainEvent<'CertificateCorrectionRefused', { certificateId: string; requestId: string; reasons: string; refusedOn: IsoDate }>;

export type CertificateCorrectionCommand =
  | {
      readonly type: 'RequestCertificateCorrection';
      readonly certificateId: string;
      readonly requestId: string;
      readonly ground: CorrectionGround;
      readonly changes: readonly { field: CertificateCorrectableField; after: string }[];
      readonly document: CivilStatusDocument;
      readonly requestedBy: string;
      readonly receivedOn: IsoDate;
      readonly dossierCompleteOn: IsoDate;
      readonly calendar: Calendar;
    }
  | {
      readonly type: 'DecideCertificateCorrection';
      readonly certificateId: string;
      readonly requestId: string;
      readonly decisionNumber: string;
      readonly decisionDate: IsoDate;
    }
  | {
      readonly type: 'RefuseCertificateCorrection';
      readonly certificateId: string;
      readonly requestId: string;
      readonly reasons: string;
      readonly refusedOn: IsoDate;
    };

/** What the decisions need of the certificate and its book. */
export interface CertificateCorrectionFacts {
  readonly holder: Readonly<Record<CertificateCorrectableField, string>>;
  readonly status: 'ISSUED' | 'HANDED_OVER' | 'REVOKED';
  readonly issuedOn: IsoDate;
  readonly registerNumber: string;
  readonly kindCode: string;
  readonly request?: CertificateCorrectionRequest & { readonly status: 'open' | 'decided' | 'refused' };
  readonly requestExists: boolean;
  readonly nextAppendixLine: number;
}

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;

export function decideCertificateCorrection(
  command: CertificateCorrectionCommand,
  facts: CertificateCorrectionFacts,
  context: CommandContext,
): CertificateCorrectionEvent[] {
  const actedOn = actedOnIfKnown(context);
  switch (command.type) {
    case 'RequestCertificateCorrection': {
      throwIfInvalid(
        requirePattern('requestId', command.requestId, REQUEST_ID, 'gồm chữ, số, gạch ngang', 'must be letters, digits, hyphens'),
        requireOneOf('ground', command.ground, CERTIFICATE_CORRECTION_GROUNDS),
        requireText('document.kind', command.document?.kind, 100),
        requireText('document.number', command.document?.number, 100),
        requireActDate('document.date', command.document?.date, actedOn),
        requirePersonText('document.issuedBy', command.document?.issuedBy, 200),
        requirePersonText('requestedBy', command.requestedBy, 120),
        requireActDate('receivedOn', command.receivedOn, actedOn),
        requireActDate('dossierCompleteOn', command.dossierCompleteOn, actedOn),
        Array.isArray(command.changes) &&
          command.changes.length > 0 &&
          command.changes.length <= CERTIFICATE_CORRECTABLE_FIELDS.length &&
          command.changes.every(
            (c) => (CERTIFICATE_CORRECTABLE_FIELDS as readonly string[]).includes(c?.field) && typeof c.after === 'string',
          ) &&
          new Set(command.changes.map((c) => c.field)).size === command.changes.length
          ? undefined
          : {
              field: 'changes',
              code: 'BAD_CHANGES',
              messageVi: `Nêu nội dung sửa, mỗi trường một lần (${CERTIFICATE_CORRECTABLE_FIELDS.join(', ')}).`,
              messageEn: `List the changes, each field once (${CERTIFICATE_CORRECTABLE_FIELDS.join(', ')}).`,
            },
      );
      requireLive(facts);
      if (facts.requestExists)
        throw new DomainError({
          code: 'CORRECTION_REQUEST_EXISTS',
          kind: 'conflict',
          messageVi: `Đã có hồ sơ đề nghị ${command.requestId}.`,
          messageEn: `Request ${command.requestId} already exists.`,
          field: 'requestId',
        });
      if (command.dossierCompleteOn < command.receivedOn)
        throw invalidInput([
          {
            field: 'dossierCompleteOn',
            code: 'BEFORE_RECEIPT',
            messageVi: 'Hồ sơ không thể đầy đủ trước ngày nhận.',
            messageEn: 'A dossier cannot be complete before it was received.',
          },
        ]);
      return [
        {
          type: 'CertificateCorrectionRequested',
          data: {
            certificateId: command.certificateId,
            requestId: command.requestId,
            ground: command.ground,
            changes: withBefore(facts.holder, command.changes),
            document: {
              kind: command.document.kind.trim(),
              number: command.document.number.trim(),
              date: command.document.date,
              issuedBy: command.document.issuedBy.normalize('NFC').trim(),
            },
            requestedBy: command.requestedBy.normalize('NFC').trim(),
            receivedOn: command.receivedOn,
            dossierCompleteOn: command.dossierCompleteOn,
            dueBy: addWorkingDays(
              command.calendar,
              command.dossierCompleteOn,
              certificateCorrectionWorkingDays(facts.kindCode, command.dossierCompleteOn),
            ),
            recordedBy: context.actor.officerId,
          },
        },
      ];
    }
    case 'DecideCertificateCorrection': {
      throwIfInvalid(
        requireText('decisionNumber', command.decisionNumber, 60),
        requireActDate('decisionDate', command.decisionDate, actedOn),
      );
      const request = openRequest(facts, command.requestId);
      requireLive(facts);
      if (command.decisionDate < request.dossierCompleteOn)
        throw new DomainError({
          code: 'DATE_TOO_EARLY',
          kind: 'rule_violation',
          messageVi: 'Ngày quyết định trước ngày hồ sơ đầy đủ.',
          messageEn: 'The decision is dated before the dossier was complete.',
          field: 'decisionDate',
          rule: 29,
        });
      // Issue 17: the head decides (rule 32), not the officer who took the dossier.
      requireDeciderOtherThan(request.recordedBy, context, 'correction', 'requestId');
      return [
        {
          type: 'CertificateCorrected',
          data: {
            certificateId: command.certificateId,
            requestId: command.requestId,
            decisionNumber: command.decisionNumber.trim(),
            decisionDate: command.decisionDate,
            ground: request.ground,
            // A correction decided meanwhile may have made the same change already (rule 35).
            changes: withBefore(facts.holder, request.changes),
            document: request.document,
            appendixLine: facts.nextAppendixLine,
            decidedWithinDeadline: command.decisionDate <= request.dueBy,
          },
        },
      ];
    }
    case 'RefuseCertificateCorrection': {
      // Rule 29: a refusal is written, with its reasons, by the competent body — not the clerk who took it.
      throwIfInvalid(requireText('reasons', command.reasons, 2000), requireActDate('refusedOn', command.refusedOn, actedOn));
      const request = openRequest(facts, command.requestId);
      requireDeciderOtherThan(request.recordedBy, context, 'correction', 'requestId');
      return [
        {
          type: 'CertificateCorrectionRefused',
          data: {
            certificateId: command.certificateId,
            requestId: command.requestId,
            reasons: command.reasons.normalize('NFC').trim(),
            refusedOn: command.refusedOn,
          },
        },
      ];
    }
  }
}

function requireLive(facts: CertificateCorrectionFacts): void {
  if (facts.status === 'REVOKED')
    throw new DomainError({
      code: 'CERTIFICATE_REVOKED',
      kind: 'rule_violation',
      messageVi: `Chứng chỉ ${facts.registerNumber} đã bị thu hồi: không chỉnh sửa.`,
      messageEn: `Certificate ${facts.registerNumber} is revoked: it cannot be corrected.`,
      field: 'certificateId',
      rule: 34,
    });
}

function openRequest(facts: CertificateCorrectionFacts, requestId: string): CertificateCorrectionRequest {
  const request = facts.request;
  if (!request)
    throw new DomainError({
      code: 'CORRECTION_REQUEST_NOT_FOUND',
      kind: 'not_found',
      messageVi: `Không có hồ sơ đề nghị ${requestId}.`,
      messageEn: `No correction request ${requestId}.`,
      field: 'requestId',
    });
  if (request.status !== 'open')
    throw new DomainError({
      code: 'CORRECTION_REQUEST_CLOSED',
      kind: 'conflict',
      messageVi: `Hồ sơ ${requestId} đã được giải quyết.`,
      messageEn: `Request ${requestId} was already answered.`,
      field: 'requestId',
    });
  return request;
}

/** Rule 35: every correction changes something; values normalised as the results import normalises them. */
function withBefore(
  holder: Readonly<Record<CertificateCorrectableField, string>>,
  changes: readonly { field: CertificateCorrectableField; after: string }[],
): CertificateFieldChange[] {
  const result = changes.map((change) => ({
    field: change.field,
    before: holder[change.field],
    after: normalized(change.field, change.after),
  }));
  if (result.every((change) => change.before === change.after))
    throw new DomainError({
      code: 'CORRECTION_CHANGES_NOTHING',
      kind: 'rule_violation',
      messageVi: 'Nội dung đề nghị chỉnh sửa trùng với sổ gốc; không có gì để sửa.',
      messageEn: 'The requested content equals the register; there is nothing to correct.',
      field: 'changes',
      rule: 35,
    });
  return result.filter((change) => change.before !== change.after);
}

function normalized(field: CertificateCorrectableField, value: string): string {
  const text = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (field !== 'birthDate') {
    if (text.length === 0 || text.length > 200)
      throw invalidInput([
        { field: `changes.${field}`, code: 'REQUIRED', messageVi: 'Nội dung mới không hợp lệ.', messageEn: 'The new value is not valid.' },
      ]);
    return text;
  }
  const parsed = parseBirthDate(text);
  if (!parsed.ok)
    throw invalidInput([
      {
        field: 'changes.birthDate',
        code: 'BAD_DATE',
        messageVi: 'Ngày sinh mới không hợp lệ.',
        messageEn: 'The new birth date is not valid.',
      },
    ]);
  return parsed.value;
}
