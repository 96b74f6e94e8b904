import type { Confidence } from './diploma-templates';
import { regimeOn, type DiplomaKind, type RegimeCode } from './legal-regimes';

/** Acts that run against a deadline, each started by its own event (the date that picks the regime). */
export const DEADLINE_ACTS = ['issue', 'correct', 'reissue', 'copy', 'copy_extension'] as const;
export type DeadlineAct = (typeof DEADLINE_ACTS)[number];

export type DiplomaMedium = 'paper' | 'digital';

export interface DeadlineRow {
  readonly act: DeadlineAct;
  readonly regime: RegimeCode;
  /** null: every kind. */
  readonly kind: DiplomaKind | null;
  /** null: either medium (before TT10/2026 every diploma was paper). */
  readonly medium: DiplomaMedium | null;
  /** null: no deadline is known for this act under this regime; the overdue lists say so. */
  readonly length: number | null;
  readonly unit: 'calendar_days' | 'working_days';
  /** What starts the period. */
  readonly from: 'graduation_decision' | 'complete_dossier' | 'receipt' | 'first_due_date';
  /** §0.2, kept next to the value: an M or L value is shown as unconfirmed. */
  readonly confidence: Confidence;
  readonly source: string;
}

const row = (r: DeadlineRow): DeadlineRow => r;

/**
 * Every deadline the registry keeps, by the regime in force on the date that starts it (domain §0.1, §0.5),
 * like the competence table: a date picks the regime, the regime the row. Rows are data, read by
 * issuanceDeadline, the correction decider and the overdue lists; the copy rows document what
 * copy-request-due computes (rule 49, NĐ 23 Art. 7).
 */
export const DEADLINE_TABLE: readonly DeadlineRow[] = Object.freeze([
  // Rule 7, issuance after the graduation-recognition decision. TT21 Art. 17: THPT 75 days (H, Q11 settled).
  row({
    act: 'issue',
    regime: 'TT21/2019',
    kind: 'THPT',
    medium: null,
    length: 75,
    unit: 'calendar_days',
    from: 'graduation_decision',
    confidence: 'H',
    source: 'TT21 Art. 17 (§0.5)',
  }),
  row({
    act: 'issue',
    regime: 'TT13/2025',
    kind: 'THPT',
    medium: null,
    length: 75,
    unit: 'calendar_days',
    from: 'graduation_decision',
    confidence: 'M',
    source: 'TT21 Art. 17, not changed by TT13/2025',
  }),
  row({
    act: 'issue',
    regime: 'TT10/2026',
    kind: 'THPT',
    medium: 'paper',
    length: 30,
    unit: 'calendar_days',
    from: 'graduation_decision',
    confidence: 'H',
    source: 'TT10/2026 (§0.5, press on the final text)',
  }),
  row({
    act: 'issue',
    regime: 'TT10/2026',
    kind: 'THPT',
    medium: 'digital',
    length: 5,
    unit: 'calendar_days',
    from: 'graduation_decision',
    confidence: 'M',
    source: 'TT10/2026: 5 days kept against 10–15 working days asked (§0.5)',
  }),
  // THCS: the length under TT21 is recalled, not confirmed (Q11 stays open for THCS); no THCS diploma under TT10.
  row({
    act: 'issue',
    regime: 'TT21/2019',
    kind: 'THCS',
    medium: null,
    length: 30,
    unit: 'calendar_days',
    from: 'graduation_decision',
    confidence: 'L',
    source: 'unconfirmed (Q11, THCS)',
  }),
  row({
    act: 'issue',
    regime: 'TT13/2025',
    kind: 'THCS',
    medium: null,
    length: 30,
    unit: 'calendar_days',
    from: 'graduation_decision',
    confidence: 'L',
    source: 'unconfirmed (Q11, THCS)',
  }),
  row({
    act: 'issue',
    regime: 'PRE-TT21',
    kind: null,
    medium: null,
    length: null,
    unit: 'calendar_days',
    from: 'graduation_decision',
    confidence: 'L',
    source: 'not researched (TT19/2015 era)',
  }),
  // Corrections, from the complete dossier.
  row({
    act: 'correct',
    regime: 'TT21/2019',
    kind: null,
    medium: null,
    length: 5,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'H',
    source: 'TT21 Art. 23',
  }),
  row({
    act: 'correct',
    regime: 'TT13/2025',
    kind: null,
    medium: null,
    length: 2,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'M',
    source: 'TT13/2025 (§0.5)',
  }),
  row({
    act: 'correct',
    regime: 'TT10/2026',
    kind: null,
    medium: null,
    length: 3,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'M',
    source: 'TT10/2026 draft of Oct-2025 (§0.5); final text unseen',
  }),
  row({
    act: 'correct',
    regime: 'PRE-TT21',
    kind: null,
    medium: null,
    length: 5,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'L',
    source: 'assumed as TT21',
  }),
  // Reissue decisions (rule 37).
  row({
    act: 'reissue',
    regime: 'TT21/2019',
    kind: null,
    medium: null,
    length: 5,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'H',
    source: 'TT21 Art. 18(3)',
  }),
  row({
    act: 'reissue',
    regime: 'TT13/2025',
    kind: null,
    medium: null,
    length: 5,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'M',
    source: 'TT21 Art. 18(3), not changed by TT13/2025',
  }),
  row({
    act: 'reissue',
    regime: 'TT10/2026',
    kind: null,
    medium: null,
    length: 3,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'M',
    source: 'TT10/2026 draft of Oct-2025 (§0.5); final text unseen',
  }),
  row({
    act: 'reissue',
    regime: 'PRE-TT21',
    kind: null,
    medium: null,
    length: 5,
    unit: 'working_days',
    from: 'complete_dossier',
    confidence: 'L',
    source: 'assumed as TT21',
  }),
  // Copies (rule 49): the same working day, the next after 15:00; one more working day without a written agreement.
  ...(['PRE-TT21', 'TT21/2019', 'TT13/2025', 'TT10/2026'] as const).flatMap((regime) => [
    row({
      act: 'copy',
      regime,
      kind: null,
      medium: null,
      length: 0,
      unit: 'working_days',
      from: 'receipt',
      confidence: 'H',
      source: 'NĐ 23/2015 Art. 7; TT21 Art. 31',
    }),
    row({
      act: 'copy_extension',
      regime,
      kind: null,
      medium: null,
      length: 1,
      unit: 'working_days',
      from: 'first_due_date',
      confidence: regime === 'TT13/2025' ? 'M' : 'L',
      source: 'TT13/2025 (§0.5, rule 49); longer only by written agreement',
    }),
  ]),
]);

export interface Deadline extends DeadlineRow {
  /** False for an M or L value, or no value at all: the overdue lists show it as unconfirmed. */
  readonly confirmed: boolean;
}

/** The deadline of `act` started on `startedOn`, under the regime in force that day; undefined when the table has no row. */
/** `kind` may be a certificate kind of the catalogue (issue 18): only rows without a kind apply to it. */
export function deadlineFor(
  act: DeadlineAct,
  kind: DiplomaKind | string,
  startedOn: string,
  medium: DiplomaMedium = 'paper',
): Deadline | undefined {
  const regime = regimeOn(startedOn).code;
  const found = DEADLINE_TABLE.find(
    (r) => r.act === act && r.regime === regime && (r.kind === null || r.kind === kind) && (r.medium === null || r.medium === medium),
  );
  return found && { ...found, confirmed: found.length !== null && found.confidence === 'H' };
}
