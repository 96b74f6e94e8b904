import type { Decider } from '../shared/decider';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requireOneOf, requirePattern, requireText } from '../shared/validation';
import {
  AUTHORITY_CODE_PATTERN,
  AUTHORITY_KINDS,
  type AuthorityCommand,
  type AuthorityEvent,
  type AuthorityState,
} from './authority';

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The life of one authority (Sở, Phòng, UBND xã, school). Registration and renaming only for now;
 * mergers, succession and abolition arrive with the authorities issue.
 */
export const authorityDecider: Decider<AuthorityCommand, AuthorityState, AuthorityEvent> = {
  initialState: { status: 'unregistered' },

  evolve(state, event) {
    switch (event.type) {
      case 'AuthorityRegistered':
        return { status: 'registered', ...event.data };
      case 'AuthorityRenamed':
        return state.status === 'registered' ? { ...state, name: event.data.name } : state;
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterAuthority': {
        const problems = collectProblems(
          requirePattern('code', command.code, AUTHORITY_CODE_PATTERN, 'phải gồm 2–32 chữ in hoa, chữ số hoặc dấu gạch ngang', 'must be 2–32 capital letters, digits or hyphens'),
          requireText('name', command.name, 200),
          requireOneOf('kind', command.kind, AUTHORITY_KINDS),
          command.parentCode == null
            ? undefined
            : requirePattern('parentCode', command.parentCode, AUTHORITY_CODE_PATTERN, 'không phải mã đơn vị hợp lệ', 'is not a valid authority code'),
          requirePattern('registeredOn', command.registeredOn, ISO_DATE, 'phải là ngày dạng YYYY-MM-DD', 'must be a date as YYYY-MM-DD'),
        );
        if (problems.length > 0) throw invalidInput(problems);
        if (state.status === 'registered') {
          throw new DomainError({
            code: 'AUTHORITY_ALREADY_REGISTERED',
            kind: 'conflict',
            messageVi: `Đơn vị mã ${command.code} đã được đăng ký (${state.name}).`,
            messageEn: `Authority ${command.code} is already registered (${state.name}).`,
            field: 'code',
          });
        }
        return [
          {
            type: 'AuthorityRegistered',
            data: { code: command.code, name: command.name.trim(), kind: command.kind, parentCode: command.parentCode ?? null, registeredOn: command.registeredOn },
          },
        ];
      }
      case 'RenameAuthority': {
        const problems = collectProblems(
          requireText('name', command.name, 200),
          requirePattern('effectiveOn', command.effectiveOn, ISO_DATE, 'phải là ngày dạng YYYY-MM-DD', 'must be a date as YYYY-MM-DD'),
        );
        if (problems.length > 0) throw invalidInput(problems);
        if (state.status !== 'registered') throw authorityNotFound(command.code);
        const name = command.name.trim();
        if (name === state.name) {
          throw new DomainError({
            code: 'AUTHORITY_NAME_UNCHANGED',
            kind: 'rule_violation',
            messageVi: 'Tên mới trùng với tên hiện tại; không có gì để ghi.',
            messageEn: 'The new name is the current name; nothing to record.',
            field: 'name',
          });
        }
        return [{ type: 'AuthorityRenamed', data: { code: state.code, previousName: state.name, name, effectiveOn: command.effectiveOn } }];
      }
    }
  },
};

export function authorityNotFound(code: string): DomainError {
  return new DomainError({
    code: 'AUTHORITY_NOT_FOUND',
    kind: 'not_found',
    messageVi: `Không có đơn vị mã ${code}.`,
    messageEn: `No authority with code ${code}.`,
    field: 'code',
  });
}
