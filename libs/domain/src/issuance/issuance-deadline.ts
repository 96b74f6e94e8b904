import type { IsoDate } from '../shared/dates';
import { addCalendarDays } from '../calendar/working-days';
import { regimeOn, type DiplomaKind, type RegimeCode } from '../regimes/legal-regimes';

export interface IssuanceDeadline {
  readonly days: number;
  readonly regime: RegimeCode;
  /** Rule 7's trigger and, for THCS under TT21, the length are unconfirmed (domain Q11). */
  readonly confirmed: boolean;
}

// Rule 7. Counted in calendar days from the graduation decision, the trigger TT10 names; TT21's own
// trigger is unconfirmed (Q11), so the decision date is used for both until it is settled.
const DEADLINES: Readonly<Partial<Record<RegimeCode, Readonly<Record<DiplomaKind, IssuanceDeadline | null>>>>> = {
  'TT21/2019': { THPT: { days: 75, regime: 'TT21/2019', confirmed: true }, THCS: { days: 30, regime: 'TT21/2019', confirmed: false } },
  'TT13/2025': { THPT: { days: 75, regime: 'TT13/2025', confirmed: true }, THCS: { days: 30, regime: 'TT13/2025', confirmed: false } },
  'TT10/2026': { THPT: { days: 30, regime: 'TT10/2026', confirmed: true }, THCS: null },
};

/** The issuance deadline for a decision of this kind and date, or null when no deadline is known. */
export function issuanceDeadline(kind: DiplomaKind, decisionDate: IsoDate): (IssuanceDeadline & { dueBy: IsoDate }) | null {
  const deadline = DEADLINES[regimeOn(decisionDate).code]?.[kind] ?? null;
  if (!deadline) return null;
  return { ...deadline, dueBy: addCalendarDays(decisionDate, deadline.days) };
}
