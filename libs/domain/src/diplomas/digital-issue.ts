import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { requireIsoDate, requireText, throwIfInvalid } from '../shared/validation';
import { addCalendarDays } from '../calendar/working-days';
import { deadlineFor } from '../regimes/deadline-table';
import type { Confidence } from '../regimes/diploma-templates';
import type { DiplomaKind } from '../regimes/legal-regimes';
import type { IssuedDiploma } from './diploma';
import type { DiplomaState } from './diploma-state';
import { requireIssuedAndLive } from './diploma-guards';

/**
 * Where the digital diploma (bản điện tử) exists, as data (domain §0.5, M): piloted for the 2025 THPT
 * cohort, nationwide in 2026, back-issued for 2024 and earlier cohorts. Its signature and format are
 * unknown, so the registry records that it was issued, when, and the reference of the record it was
 * issued as (the national database's record, or the file's digest) — not the file itself.
 */
export interface DigitalMediumRow {
  readonly kind: DiplomaKind;
  /** The first day a digital diploma of this kind may be issued. */
  readonly from: IsoDate;
  readonly confidence: Confidence;
  readonly source: string;
}

export const DIGITAL_MEDIUM_TABLE: readonly DigitalMediumRow[] = Object.freeze([
  {
    kind: 'THPT',
    from: '2025-07-01',
    confidence: 'M',
    source: 'Domain §0.5: pilot for the 2025 THPT cohort, nationwide 2026, back-issue for 2024 and earlier',
  },
]);

export interface DigitalIssueDeadline {
  readonly days: number;
  readonly dueBy: IsoDate;
  readonly regime: string;
  readonly confirmed: boolean;
  readonly source: string;
}

export type DigitalIssueEvent = DomainEvent<
  'DiplomaIssuedDigitally',
  {
    diplomaId: string;
    authorityCode: string;
    issuedOn: IsoDate;
    /** The record the digital diploma was issued as: national-database record id or the file's SHA-256. */
    reference: string;
    /** Under TT10/2026 a digital THPT diploma is due 5 days after the graduation decision; null where no digital deadline applies (back-issue, pilot). */
    deadline: DigitalIssueDeadline | null;
    withinDeadline: boolean | null;
    /** The row of DIGITAL_MEDIUM_TABLE that allowed it. */
    mediumSource: string;
  }
>;

export interface RecordDigitalIssueCommand {
  readonly type: 'RecordDigitalIssue';
  readonly issued: IssuedDiploma;
  readonly authorityCode: string;
  /** The graduation decision's date: it starts the digital deadline (rule 7, §0.5); null for a replacement. */
  readonly decisionDate: IsoDate | null;
  readonly issuedOn: IsoDate;
  readonly reference: string;
}

/**
 * The digital diploma as a recorded medium of issue (§0.5): the same diploma — one register entry, one
 * serial on paper — issued also as a digital record. Recorded once; a live diploma only (rules 34, 45);
 * not before the graduation decision (rule 25) nor before the medium exists for the kind; its deadline from
 * the deadline table's digital row where the regime of the decision has one.
 */
export function recordDigitalIssue(command: RecordDigitalIssueCommand, state: DiplomaState): DigitalIssueEvent[] {
  throwIfInvalid(requireIsoDate('issuedOn', command.issuedOn), requireText('reference', command.reference, 200));
  const reference = command.reference.trim();
  if (state.digital) {
    if (state.digital.reference === reference && state.digital.issuedOn === command.issuedOn) return [];
    throw new DomainError({
      code: 'DIGITAL_DIPLOMA_ALREADY_ISSUED',
      kind: 'conflict',
      messageVi: `Văn bằng điện tử đã được cấp ngày ${state.digital.issuedOn} (${state.digital.reference}).`,
      messageEn: `The digital diploma was already issued on ${state.digital.issuedOn} (${state.digital.reference}).`,
      field: 'reference',
    });
  }
  requireIssuedAndLive(command.issued, state, 'digital');
  const medium = DIGITAL_MEDIUM_TABLE.find((r) => r.kind === command.issued.kind && r.from <= command.issuedOn);
  if (!medium) {
    throw new DomainError({
      code: 'DIGITAL_MEDIUM_NOT_AVAILABLE',
      kind: 'rule_violation',
      messageVi: `Chưa có văn bằng điện tử cho ${command.issued.kind} vào ngày ${command.issuedOn} (mục 0.5).`,
      messageEn: `No digital ${command.issued.kind} diploma exists on ${command.issuedOn} (domain §0.5).`,
      field: 'issuedOn',
    });
  }
  if (command.decisionDate && command.issuedOn < command.decisionDate) {
    throw new DomainError({
      code: 'DATE_TOO_EARLY',
      kind: 'rule_violation',
      messageVi: 'Ngày cấp văn bằng điện tử trước ngày quyết định công nhận tốt nghiệp.',
      messageEn: 'The digital diploma is dated before the graduation decision.',
      field: 'issuedOn',
      rule: 25,
    });
  }
  const row = command.decisionDate ? deadlineFor('issue', command.issued.kind, command.decisionDate, 'digital') : undefined;
  const deadline: DigitalIssueDeadline | null =
    row && row.medium === 'digital' && row.length !== null
      ? {
          days: row.length,
          dueBy: addCalendarDays(command.decisionDate!, row.length),
          regime: row.regime,
          confirmed: row.confirmed,
          source: row.source,
        }
      : null;
  return [
    {
      type: 'DiplomaIssuedDigitally',
      data: {
        diplomaId: command.issued.diplomaId,
        authorityCode: command.authorityCode,
        issuedOn: command.issuedOn,
        reference,
        deadline,
        withinDeadline: deadline ? command.issuedOn <= deadline.dueBy : null,
        mediumSource: medium.source,
      },
    },
  ];
}
