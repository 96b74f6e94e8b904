import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requirePattern } from '../shared/validation';
import type { DiplomaKind } from '../regimes/legal-regimes';

/**
 * Register numbers (số vào sổ gốc) run 1, 2, 3 … per authority, diploma kind and calendar year, with no
 * gap and no reuse, and each appears on exactly one diploma (rules 21, 24). One stream per book hands
 * them out, so two print runs of the same office can never get the same number: the stream's revision
 * decides who was first.
 */
export function registerStream(authorityCode: string, kind: DiplomaKind, year: number): string {
  return `register-${authorityCode}-${kind}-${year}`;
}

/** How the number is written on the diploma and in the book: it shows the kind and the year (rule 21). */
export function formatRegisterNumber(kind: DiplomaKind, year: number, value: number): string {
  return `${String(value).padStart(6, '0')}/${kind}-${year}`;
}

export type RegisterEvent = DomainEvent<'RegisterNumbersAssigned', { printRunId: string; first: number; last: number; count: number }>;

export type RegisterCommand = { type: 'AssignRegisterNumbers'; printRunId: string; count: number };

export interface RegisterState {
  readonly next: number;
  readonly byPrintRun: ReadonlyMap<string, { first: number; last: number }>;
}

const MAX_PER_ASSIGNMENT = 50_000;

export const registerNumbersDecider: Decider<RegisterCommand, RegisterState, RegisterEvent> = {
  initialState: { next: 1, byPrintRun: new Map() },
  evolve(state, event) {
    const byPrintRun = new Map(state.byPrintRun);
    byPrintRun.set(event.data.printRunId, { first: event.data.first, last: event.data.last });
    return { next: event.data.last + 1, byPrintRun };
  },
  decide(command, state) {
    const problems = collectProblems(
      requirePattern('printRunId', command.printRunId, /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/, 'không phải mã đợt in hợp lệ', 'is not a print run id'),
      Number.isInteger(command.count) && command.count >= 1 && command.count <= MAX_PER_ASSIGNMENT
        ? undefined
        : { field: 'count', code: 'OUT_OF_RANGE', messageVi: `Số lượng phải từ 1 đến ${MAX_PER_ASSIGNMENT}.`, messageEn: `Count must be 1 to ${MAX_PER_ASSIGNMENT}.` },
    );
    if (problems.length > 0) throw invalidInput(problems);
    const earlier = state.byPrintRun.get(command.printRunId);
    if (earlier) {
      throw new DomainError({
        code: 'PRINT_RUN_ALREADY_NUMBERED',
        kind: 'conflict',
        messageVi: `Đợt in ${command.printRunId} đã được cấp số vào sổ ${earlier.first}–${earlier.last}; số vào sổ chỉ cấp một lần.`,
        messageEn: `Print run ${command.printRunId} already has register numbers ${earlier.first}–${earlier.last}; numbers are assigned once.`,
        field: 'printRunId',
        rule: 24,
      });
    }
    const first = state.next;
    const last = first + command.count - 1;
    return [{ type: 'RegisterNumbersAssigned', data: { printRunId: command.printRunId, first, last, count: command.count } }];
  },
};
