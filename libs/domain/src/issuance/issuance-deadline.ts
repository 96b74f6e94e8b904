import type { IsoDate } from '../shared/dates';
import { addCalendarDays } from '../calendar/working-days';
import { deadlineFor, type DiplomaMedium } from '../regimes/deadline-table';
import type { Confidence } from '../regimes/diploma-templates';
import type { DiplomaKind, RegimeCode } from '../regimes/legal-regimes';

export interface IssuanceDeadline {
  readonly days: number;
  readonly regime: RegimeCode;
  /** False where the table's value is M or L (THCS under TT21, Q11): the overdue list says so. */
  readonly confirmed: boolean;
  readonly confidence: Confidence;
  readonly source: string;
}

/** Rule 7: the issuance deadline for a decision of this kind and date (the deadline table), or null when none is known. */
export function issuanceDeadline(
  kind: DiplomaKind,
  decisionDate: IsoDate,
  medium: DiplomaMedium = 'paper',
): (IssuanceDeadline & { dueBy: IsoDate }) | null {
  const deadline = deadlineFor('issue', kind, decisionDate, medium);
  if (!deadline || deadline.length === null) return null;
  const { length: days, regime, confirmed, confidence, source } = deadline;
  return { days, regime, confirmed, confidence, source, dueBy: addCalendarDays(decisionDate, days) };
}
