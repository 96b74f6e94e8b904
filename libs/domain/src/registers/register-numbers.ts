import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requirePattern } from '../shared/validation';
import type { DiplomaKind } from '../regimes/legal-regimes';

/**
 * Register numbers (số vào sổ gốc) run 1, 2, 3 … per authority, diploma kind and calendar year, with no
 * gap and no reuse, and each appears on exactly one diploma (rules 21, 24). One stream per book hands
 * them out, and each number is written together with the diploma it belongs to: two print runs of the
 * same office can never get the same number (the stream's revision decides who was first), and a number
 * can never be handed out without its diploma, which would leave a gap in the book.
 */
export function registerStream(authorityCode: string, kind: DiplomaKind, year: number): string {
  return `register-${authorityCode}-${kind}-${year}`;
}

/** How the number is written on the diploma and in the book: it shows the kind and the year (rule 21). */
export function formatRegisterNumber(kind: DiplomaKind, year: number, value: number): string {
  return `${String(value).padStart(6, '0')}/${kind}-${year}`;
}

export const REGISTER_ENTRIES_PER_EVENT = 500;

/** Numbers first..last go, in order, to diplomaIds; a large run is several of these in one append. */
export type RegisterEvent = DomainEvent<
  'RegisterNumbersAssigned',
  {
    printRunId: string;
    first: number;
    last: number;
    count: number;
    diplomaIds: string[];
    /**
     * Issue 20: a run numbered in several events carries its whole block (first of the run, count of the
     * run) on each of them, so the block is the run's as soon as its first part lands: another run numbers
     * after it, and a resend after a crash between the parts fills the rest of the block without a gap.
     */
    block?: { first: number; count: number };
  }
>;

export type RegisterCommand = { type: 'AssignRegisterNumbers'; printRunId: string; diplomaIds: string[] };

/** Numbers of a run's block not yet written with their diploma (a crash between parts, issue 20); 0 when complete. */
export function unfilledOfBlock(state: RegisterState, printRunId: string): number {
  const numbered = state.byPrintRun.get(printRunId);
  const block = state.blockByPrintRun.get(printRunId);
  if (!numbered || !block) return 0;
  return block.first + block.count - 1 - numbered.last;
}

export interface RegisterState {
  readonly next: number;
  readonly byPrintRun: ReadonlyMap<string, { first: number; last: number }>;
  readonly numberByDiploma: ReadonlyMap<string, number>;
  /** The whole block of a run numbered in several parts (issue 20). */
  readonly blockByPrintRun: ReadonlyMap<string, { first: number; count: number }>;
}

/** The most diplomas one print run enters in the register at once: a larger cohort is printed in several runs. */
export const MAX_PER_ASSIGNMENT = 50_000;

export const registerNumbersDecider: Decider<RegisterCommand, RegisterState, RegisterEvent> = {
  initialState: { next: 1, byPrintRun: new Map(), numberByDiploma: new Map(), blockByPrintRun: new Map() },
  evolve(state, event) {
    const { printRunId, first, last, diplomaIds, block } = event.data;
    const byPrintRun = new Map(state.byPrintRun);
    const earlier = byPrintRun.get(printRunId);
    byPrintRun.set(printRunId, { first: earlier?.first ?? first, last });
    const numberByDiploma = new Map(state.numberByDiploma);
    diplomaIds.forEach((id, index) => numberByDiploma.set(id, first + index));
    let blockByPrintRun = state.blockByPrintRun;
    if (block && !blockByPrintRun.has(printRunId)) blockByPrintRun = new Map(blockByPrintRun).set(printRunId, block);
    // A block is taken whole by its first part: the next run numbers after it (issue 20).
    const next = block ? Math.max(last + 1, state.next, block.first + block.count) : last + 1;
    return { next, byPrintRun, numberByDiploma, blockByPrintRun };
  },
  decide(command, state) {
    const ids = command.diplomaIds;
    const problems = collectProblems(
      requirePattern(
        'printRunId',
        command.printRunId,
        /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/,
        'không phải mã đợt in hợp lệ',
        'is not a print run id',
      ),
      Array.isArray(ids) &&
        ids.length >= 1 &&
        ids.length <= MAX_PER_ASSIGNMENT &&
        ids.every((id) => typeof id === 'string' && id.length > 0)
        ? undefined
        : {
            field: 'diplomaIds',
            code: 'OUT_OF_RANGE',
            messageVi: `Mỗi lần vào sổ từ 1 đến ${MAX_PER_ASSIGNMENT} văn bằng.`,
            messageEn: `Enter 1 to ${MAX_PER_ASSIGNMENT} diplomas at a time.`,
          },
    );
    if (problems.length > 0) throw invalidInput(problems);
    const earlier = state.byPrintRun.get(command.printRunId);
    const unfilled = unfilledOfBlock(state, command.printRunId);
    // A resend after a crash between the parts of a block: the rest of the block, in order (issue 20).
    const resumeAt = earlier && unfilled > 0 && ids.length === unfilled ? earlier.last + 1 : undefined;
    if (earlier && resumeAt === undefined) {
      throw new DomainError({
        code: 'PRINT_RUN_ALREADY_NUMBERED',
        kind: 'conflict',
        messageVi: `Đợt in ${command.printRunId} đã được cấp số vào sổ ${earlier.first}–${earlier.last}; số vào sổ chỉ cấp một lần.`,
        messageEn: `Print run ${command.printRunId} already has register numbers ${earlier.first}–${earlier.last}; numbers are assigned once.`,
        field: 'printRunId',
        rule: 24,
      });
    }
    const unique = new Set(ids);
    const already = ids.find((id) => state.numberByDiploma.has(id));
    if (unique.size !== ids.length || already !== undefined) {
      const id = already ?? ids.find((candidate, index) => ids.indexOf(candidate) !== index)!;
      throw new DomainError({
        code: 'DIPLOMA_ALREADY_IN_REGISTER',
        kind: 'conflict',
        messageVi: `Văn bằng ${id} đã có số vào sổ; mỗi văn bằng chỉ vào sổ một lần.`,
        messageEn: `Diploma ${id} already has a register number; a diploma is entered once.`,
        field: 'diplomaIds',
        rule: 21,
      });
    }
    const events: RegisterEvent[] = [];
    const start0 = resumeAt ?? state.next;
    const block =
      resumeAt !== undefined
        ? state.blockByPrintRun.get(command.printRunId)
        : ids.length > REGISTER_ENTRIES_PER_EVENT
          ? { first: start0, count: ids.length }
          : undefined;
    for (let start = 0; start < ids.length; start += REGISTER_ENTRIES_PER_EVENT) {
      const chunk = ids.slice(start, start + REGISTER_ENTRIES_PER_EVENT);
      const first = start0 + start;
      events.push({
        type: 'RegisterNumbersAssigned',
        data: {
          printRunId: command.printRunId,
          first,
          last: first + chunk.length - 1,
          count: chunk.length,
          diplomaIds: chunk,
          ...(block ? { block } : {}),
        },
      });
    }
    return events;
  },
};
