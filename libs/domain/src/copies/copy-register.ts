import type { Decider, DomainEvent } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import type { DiplomaKind } from '../regimes/legal-regimes';

/**
 * Copy-register numbers (số vào sổ cấp bản sao): consecutive per authority, kind and calendar year, each
 * on exactly one copy, showing kind and year (rule 52). One stream per book decides who was first. A certificate's
 * copies have their own book per kind of the catalogue (issue 18), numbered the same way.
 */
export function copyRegisterStream(authorityCode: string, kind: DiplomaKind | string, year: number): string {
  return `copy-register-${authorityCode}-${kind}-${year}`;
}

export function formatCopyNumber(kind: DiplomaKind | string, year: number, value: number): string {
  return `${String(value).padStart(6, '0')}/BS-${kind}-${year}`;
}

export type CopyRegisterEvent = DomainEvent<'CopyNumbersAssigned', { requestId: string; first: number; last: number; copyIds: string[] }>;
export type CopyRegisterCommand = { type: 'AssignCopyNumbers'; requestId: string; copyIds: string[] };
export interface CopyRegisterState {
  readonly next: number;
  readonly requests: ReadonlySet<string>;
  /** The first number each request got: a resent issuing finds its numbers instead of taking new ones. */
  readonly firstOf: ReadonlyMap<string, number>;
}

export const copyRegisterDecider: Decider<CopyRegisterCommand, CopyRegisterState, CopyRegisterEvent> = {
  initialState: { next: 1, requests: new Set(), firstOf: new Map() },
  evolve: (state, event) => ({
    next: event.data.last + 1,
    requests: new Set(state.requests).add(event.data.requestId),
    firstOf: new Map(state.firstOf).set(event.data.requestId, event.data.first),
  }),
  decide(command, state) {
    const ids = command.copyIds;
    if (!Array.isArray(ids) || ids.length < 1 || ids.length > 100 || new Set(ids).size !== ids.length) {
      throw invalidInput([
        {
          field: 'copies',
          code: 'OUT_OF_RANGE',
          messageVi: 'Mỗi lần cấp từ 1 đến 100 bản sao.',
          messageEn: 'Issue 1 to 100 copies at a time.',
        },
      ]);
    }
    if (state.requests.has(command.requestId)) {
      throw new DomainError({
        code: 'REQUEST_ALREADY_NUMBERED',
        kind: 'conflict',
        messageVi: 'Yêu cầu này đã được cấp số vào sổ bản sao.',
        messageEn: 'This request already has copy numbers.',
        field: 'requestId',
        rule: 52,
      });
    }
    return [
      {
        type: 'CopyNumbersAssigned',
        data: { requestId: command.requestId, first: state.next, last: state.next + ids.length - 1, copyIds: ids },
      },
    ];
  },
};
