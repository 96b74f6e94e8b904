import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError, invalidInput, type FieldProblem } from '../shared/errors';
import { throwIfInvalid, requireIsoDate, requireOneOf, requirePattern, requireText, requirePersonText } from '../shared/validation';
import type { AuthorityDirectory } from '../authorities/authority';
import { authorizeAct } from '../authorities/act-authorization';
import { addWorkingDays } from '../calendar/working-days';
import type { Calendar } from '../calendar/holiday-calendar';
import { parseBirthDate } from '../graduates/birth-date';
import { parseSex } from '../graduates/graduate';
import { HOLDER_FIELDS, type HolderData, type HolderField, type IssuedDiploma } from './diploma';
import { currentHolder, type DiplomaState } from './diploma-state';
import { requireIssuedAndLive } from './diploma-guards';
import { deadlineFor } from '../regimes/deadline-table';
import type { CommandContext } from '../shared/command-context';
import { requireDeciderOtherThan } from './separation-of-duties';
import type { DiplomaKind } from '../regimes/legal-regimes';

/** Rule 27: the four legal grounds for correcting a diploma, and only these (TT21 Art. 22). */
export const CORRECTION_GROUNDS = [
  'civil_status_changed',
  'ethnicity_or_sex_redetermined',
  'civil_status_supplemented',
  'birth_registered_late_or_again',
] as const;
export type CorrectionGround = (typeof CORRECTION_GROUNDS)[number];

export interface FieldChange {
  readonly field: HolderField;
  readonly before: string;
  readonly after: string;
}

export interface CivilStatusDocument {
  readonly kind: string;
  readonly number: string;
  readonly date: IsoDate;
  readonly issuedBy: string;
}

export type CorrectionEvent =
  | DomainEvent<
      'DiplomaCorrectionRequested',
      {
        diplomaId: string;
        requestId: string;
        authorityCode: string;
        ground: CorrectionGround;
        changes: FieldChange[];
        document: CivilStatusDocument;
        requestedBy: string;
        receivedOn: IsoDate;
        dossierCompleteOn: IsoDate;
        dueBy: IsoDate;
        deadline?: CorrectionDeadline;
        /** The officer who recorded the dossier: may not record its decision (issue 17, rule 32). Absent in older events. */
        recordedBy?: string;
      }
    >
  | DomainEvent<
      'DiplomaCorrected',
      {
        diplomaId: string;
        requestId: string;
        decisionNumber: string;
        decisionDate: IsoDate;
        ground: CorrectionGround;
        changes: FieldChange[];
        document: CivilStatusDocument;
        authorityCode: string;
        regime: string;
        decidedWithinDeadline: boolean;
      }
    >
  | DomainEvent<
      'DiplomaCorrectionRefused',
      { diplomaId: string; requestId: string; reasons: string; refusedOn: IsoDate; authorityCode: string }
    >;

export type CorrectionCommand =
  | {
      type: 'RequestCorrection';
      issued: IssuedDiploma;
      /** The office that received the dossier and owes the decision. */
      authorityCode: string;
      requestId: string;
      ground: CorrectionGround;
      changes: { field: HolderField; after: string }[];
      document: CivilStatusDocument;
      requestedBy: string;
      receivedOn: IsoDate;
      dossierCompleteOn: IsoDate;
      calendar: Calendar;
    }
  | {
      type: 'DecideCorrection';
      issued: IssuedDiploma;
      requestId: string;
      decisionNumber: string;
      decisionDate: IsoDate;
      actingAuthorityCode: string;
      directory: AuthorityDirectory;
    }
  | {
      type: 'RefuseCorrection';
      issued: IssuedDiploma;
      requestId: string;
      reasons: string;
      refusedOn: IsoDate;
      actingAuthorityCode: string;
    };

const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/;
// Rule 27(b): ethnicity and sex change only when re-determined; the other grounds concern civil status.
const GROUNDS_FOR_FIELD: Readonly<Record<HolderField, readonly CorrectionGround[]>> = {
  fullName: ['civil_status_changed', 'civil_status_supplemented', 'birth_registered_late_or_again'],
  birthDate: ['civil_status_changed', 'civil_status_supplemented', 'birth_registered_late_or_again'],
  birthPlace: ['civil_status_changed', 'civil_status_supplemented', 'birth_registered_late_or_again'],
  sex: ['ethnicity_or_sex_redetermined'],
  ethnicity: ['ethnicity_or_sex_redetermined'],
};

export function requestCorrection(
  command: Extract<CorrectionCommand, { type: 'RequestCorrection' }>,
  state: DiplomaState,
  context?: CommandContext,
): CorrectionEvent[] {
  throwIfInvalid(
    requirePattern('requestId', command.requestId, REQUEST_ID, 'gồm chữ, số, gạch ngang', 'must be letters, digits, hyphens'),
    requireOneOf('ground', command.ground, CORRECTION_GROUNDS),
    requireText('document.kind', command.document?.kind, 100),
    requireText('document.number', command.document?.number, 100),
    requireIsoDate('document.date', command.document?.date),
    requirePersonText('document.issuedBy', command.document?.issuedBy, 200),
    requirePersonText('requestedBy', command.requestedBy, 120),
    requireIsoDate('receivedOn', command.receivedOn),
    requireIsoDate('dossierCompleteOn', command.dossierCompleteOn),
    changesProblem(command.changes),
  );
  requireIssuedAndLive(command.issued, state, 'correct');
  if (state.requests.has(command.requestId)) {
    throw new DomainError({
      code: 'CORRECTION_REQUEST_EXISTS',
      kind: 'conflict',
      messageVi: `Đã có hồ sơ đề nghị ${command.requestId}.`,
      messageEn: `Request ${command.requestId} already exists.`,
      field: 'requestId',
    });
  }
  for (const change of command.changes) {
    if (!GROUNDS_FOR_FIELD[change.field].includes(command.ground)) {
      throw new DomainError({
        code: 'GROUND_DOES_NOT_COVER_FIELD',
        kind: 'rule_violation',
        messageVi: `Căn cứ "${command.ground}" không cho phép sửa "${change.field}" (quy tắc 27).`,
        messageEn: `Ground "${command.ground}" does not allow changing "${change.field}" (rule 27).`,
        field: 'ground',
        rule: 27,
      });
    }
  }
  const changes = withBefore(currentHolder(command.issued.holder, state), command.changes);
  const deadline = correctionDeadline(command.issued.kind, command.dossierCompleteOn);
  if (command.dossierCompleteOn < command.receivedOn) {
    throw invalidInput([
      {
        field: 'dossierCompleteOn',
        code: 'BEFORE_RECEIPT',
        messageVi: 'Hồ sơ không thể đầy đủ trước ngày nhận.',
        messageEn: 'A dossier cannot be complete before it was received.',
      },
    ]);
  }
  return [
    {
      type: 'DiplomaCorrectionRequested',
      data: {
        diplomaId: command.issued.diplomaId,
        requestId: command.requestId,
        authorityCode: command.authorityCode,
        ground: command.ground,
        changes,
        document: {
          kind: command.document.kind.trim(),
          number: command.document.number.trim(),
          date: command.document.date,
          issuedBy: command.document.issuedBy.trim(),
        },
        requestedBy: command.requestedBy.trim(),
        receivedOn: command.receivedOn,
        dossierCompleteOn: command.dossierCompleteOn,
        dueBy: addWorkingDays(command.calendar, command.dossierCompleteOn, deadline.workingDays),
        deadline,
        ...(context ? { recordedBy: context.actor.officerId } : {}),
      },
    },
  ];
}

export function decideCorrection(
  command: Extract<CorrectionCommand, { type: 'DecideCorrection' }>,
  state: DiplomaState,
  context?: CommandContext,
): CorrectionEvent[] {
  throwIfInvalid(requireText('decisionNumber', command.decisionNumber, 60), requireIsoDate('decisionDate', command.decisionDate));
  const request = openRequest(state, command.requestId);
  requireIssuedAndLive(command.issued, state, 'correct');
  if (command.decisionDate < request.dossierCompleteOn) {
    throw new DomainError({
      code: 'DATE_TOO_EARLY',
      kind: 'rule_violation',
      messageVi: 'Ngày quyết định trước ngày hồ sơ đầy đủ.',
      messageEn: 'The decision is dated before the dossier was complete.',
      field: 'decisionDate',
      rule: 29,
    });
  }
  // Rule 32: the head of the body managing the register on the decision's date (the successor after a merger).
  const authorization = authorizeAct(command.directory, {
    act: 'correct',
    diplomaKind: command.issued.kind,
    actDate: command.decisionDate,
    actingAuthorityCode: command.actingAuthorityCode,
    issuerCode: command.issued.authorityCode,
  });
  // Issue 17: the head decides (rule 32), not the officer who took the dossier.
  requireDeciderOtherThan(request.recordedBy, context, 'correction', 'requestId');
  // A correction decided meanwhile may already have made the same change: withBefore refuses it (rule 35).
  return [
    {
      type: 'DiplomaCorrected',
      data: {
        diplomaId: command.issued.diplomaId,
        requestId: command.requestId,
        decisionNumber: command.decisionNumber.trim(),
        decisionDate: command.decisionDate,
        ground: request.ground,
        changes: withBefore(currentHolder(command.issued.holder, state), request.changes),
        document: request.document,
        authorityCode: command.actingAuthorityCode,
        regime: authorization.regime.code,
        decidedWithinDeadline: command.decisionDate <= request.dueBy,
      },
    },
  ];
}

export function refuseCorrection(
  command: Extract<CorrectionCommand, { type: 'RefuseCorrection' }>,
  state: DiplomaState,
  context?: CommandContext,
): CorrectionEvent[] {
  // Rule 29: a refusal is written, with its reasons.
  throwIfInvalid(requireText('reasons', command.reasons, 2000), requireIsoDate('refusedOn', command.refusedOn));
  const request = openRequest(state, command.requestId);
  // A refusal is the competent body's answer too (rule 29): not the clerk who took the dossier.
  requireDeciderOtherThan(request.recordedBy, context, 'correction', 'requestId');
  return [
    {
      type: 'DiplomaCorrectionRefused',
      data: {
        diplomaId: command.issued.diplomaId,
        requestId: command.requestId,
        reasons: command.reasons.trim(),
        refusedOn: command.refusedOn,
        authorityCode: command.actingAuthorityCode,
      },
    },
  ];
}

function openRequest(state: DiplomaState, requestId: string) {
  const request = state.requests.get(requestId);
  if (!request)
    throw new DomainError({
      code: 'CORRECTION_REQUEST_NOT_FOUND',
      kind: 'not_found',
      messageVi: `Không có hồ sơ đề nghị ${requestId}.`,
      messageEn: `No correction request ${requestId}.`,
      field: 'requestId',
    });
  if (request.status !== 'open') {
    throw new DomainError({
      code: 'CORRECTION_REQUEST_CLOSED',
      kind: 'conflict',
      messageVi: `Hồ sơ ${requestId} đã được giải quyết.`,
      messageEn: `Request ${requestId} was already answered.`,
      field: 'requestId',
    });
  }
  return request;
}

/** Rule 35: every change must change something; values are normalised as the import normalises them. */
function withBefore(holder: HolderData, changes: readonly { field: HolderField; after: string }[]): FieldChange[] {
  const result = changes.map((change) => ({
    field: change.field,
    before: String(holder[change.field]),
    after: normalizedValue(change.field, change.after),
  }));
  if (result.every((change) => change.before === change.after)) {
    throw new DomainError({
      code: 'CORRECTION_CHANGES_NOTHING',
      kind: 'rule_violation',
      messageVi: 'Nội dung đề nghị chỉnh sửa trùng với sổ gốc; không có gì để sửa.',
      messageEn: 'The requested content equals the register; there is nothing to correct.',
      field: 'changes',
      rule: 35,
    });
  }
  return result.filter((change) => change.before !== change.after);
}

function normalizedValue(field: HolderField, value: string): string {
  const text = value.trim().replace(/\s+/g, ' ');
  if (field === 'birthDate') {
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
  if (field === 'sex') {
    const sex = parseSex(text);
    if (!sex)
      throw invalidInput([
        { field: 'changes.sex', code: 'UNKNOWN_SEX', messageVi: 'Giới tính phải là Nam hoặc Nữ.', messageEn: 'Sex must be Nam or Nữ.' },
      ]);
    return sex;
  }
  return text;
}

function changesProblem(changes: unknown): FieldProblem | undefined {
  const valid =
    Array.isArray(changes) &&
    changes.length > 0 &&
    changes.every(
      (c: { field?: unknown; after?: unknown }) =>
        (HOLDER_FIELDS as readonly unknown[]).includes(c?.field) &&
        typeof c?.after === 'string' &&
        c.after.trim().length > 0 &&
        c.after.length <= 200,
    ) &&
    new Set(changes.map((c: { field: string }) => c.field)).size === changes.length;
  return valid
    ? undefined
    : {
        field: 'changes',
        code: 'BAD_CHANGES',
        messageVi: 'Nội dung sửa phải là danh sách {field, after}, mỗi trường một lần.',
        messageEn: 'Changes must be a list of {field, after}, each field once.',
      };
}

/** Which row of the deadline table set a request's due date: kept on the event, so an unconfirmed value stays visible. */
export interface CorrectionDeadline {
  readonly workingDays: number;
  readonly regime: string;
  readonly confirmed: boolean;
  readonly source: string;
}

/** The regime in force when the dossier is complete sets the period: 5 working days under TT21, 2 under TT13/2025 (M). */
function correctionDeadline(kind: DiplomaKind, dossierCompleteOn: IsoDate): CorrectionDeadline {
  const row = deadlineFor('correct', kind, dossierCompleteOn);
  if (!row || row.length === null) throw new Error(`The deadline table has no correction row for ${dossierCompleteOn}`);
  return { workingDays: row.length, regime: row.regime, confirmed: row.confirmed, source: row.source };
}
