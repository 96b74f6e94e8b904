import type { Decider } from '../shared/decider';
import { DomainError, invalidInput, type FieldProblem } from '../shared/errors';
import { collectProblems, requirePattern, requireText, requirePersonText } from '../shared/validation';
import { EMPTY_ACCESS_CONTROL, evolveAccessControl } from './access-control';
import { decideCredentials, isCredentialCommand } from './credentials';
import {
  MAX_TOKEN_LIFETIME_DAYS,
  OFFICER_ROLES,
  type AccessControlCommand,
  type AccessControlEvent,
  type AccessControlState,
  type OfficerRecord,
  type OfficerRole,
} from './officer';

const ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export const accessControlDecider: Decider<AccessControlCommand, AccessControlState, AccessControlEvent> = {
  initialState: EMPTY_ACCESS_CONTROL,
  evolve: evolveAccessControl,

  decide(command, state, context) {
    if (isCredentialCommand(command)) return decideCredentials(command, state, context, (code, id) => activeOfficerOf(state, code, id));
    switch (command.type) {
      case 'BootstrapAdministrator': {
        if (state.officers.size > 0) {
          throw new DomainError({
            code: 'ADMINISTRATOR_ALREADY_EXISTS',
            kind: 'conflict',
            messageVi: 'Hệ thống đã có tài khoản; quản trị viên đầu tiên chỉ tạo được trên dữ liệu mới.',
            messageEn: 'Accounts already exist; the first administrator can only be created on fresh data.',
          });
        }
        const officer = newOfficer(state, { ...command, roles: ['administrator'] });
        return [officer, newToken(state, { ...command, lifetimeDays: command.lifetimeDays }, context.occurredAt)];
      }
      case 'CreateOfficer':
        return [newOfficer(state, command)];
      case 'ChangeOfficerRoles': {
        const problems = collectProblems(rolesProblem(command.roles), booleanProblem('includeSubordinates', command.includeSubordinates));
        if (problems.length > 0) throw invalidInput(problems);
        const officer = activeOfficerOf(state, command.authorityCode, command.officerId);
        return [
          {
            type: 'OfficerRolesChanged',
            data: { officerId: officer.officerId, roles: unique(command.roles), includeSubordinates: command.includeSubordinates },
          },
        ];
      }
      case 'DisableOfficer': {
        const problems = collectProblems(requireText('reason', command.reason, 300));
        if (problems.length > 0) throw invalidInput(problems);
        const officer = activeOfficerOf(state, command.authorityCode, command.officerId);
        if (officer.officerId === context.actor.officerId) {
          throw new DomainError({
            code: 'CANNOT_DISABLE_SELF',
            kind: 'rule_violation',
            messageVi: 'Không thể tự khoá tài khoản của chính mình.',
            messageEn: 'You cannot disable your own account.',
            field: 'officerId',
          });
        }
        return [{ type: 'OfficerAccountDisabled', data: { officerId: officer.officerId, reason: command.reason.trim() } }];
      }
      case 'IssueToken': {
        activeOfficerOf(state, command.authorityCode, command.officerId);
        return [newToken(state, command, context.occurredAt)];
      }
      case 'RevokeToken': {
        const problems = collectProblems(requireText('reason', command.reason, 300));
        if (problems.length > 0) throw invalidInput(problems);
        const officer = officerOf(state, command.authorityCode, command.officerId);
        const token = state.tokens.get(command.tokenId);
        if (!token || token.officerId !== officer.officerId) {
          throw new DomainError({
            code: 'TOKEN_NOT_FOUND',
            kind: 'not_found',
            messageVi: `Không có mã truy cập ${command.tokenId} của cán bộ này.`,
            messageEn: `No token ${command.tokenId} for this officer.`,
            field: 'tokenId',
          });
        }
        if (token.revoked) {
          throw new DomainError({
            code: 'TOKEN_ALREADY_REVOKED',
            kind: 'conflict',
            messageVi: 'Mã truy cập này đã bị thu hồi.',
            messageEn: 'This token is already revoked.',
            field: 'tokenId',
          });
        }
        return [
          { type: 'OfficerTokenRevoked', data: { tokenId: token.tokenId, officerId: officer.officerId, reason: command.reason.trim() } },
        ];
      }
    }
  },
};

function newOfficer(
  state: AccessControlState,
  command: {
    officerId: string;
    username: string;
    fullName: string;
    authorityCode: string;
    roles: OfficerRole[];
    includeSubordinates: boolean;
  },
): AccessControlEvent {
  const problems = collectProblems(
    requirePattern(
      'officerId',
      command.officerId,
      ID,
      'chỉ gồm chữ thường, chữ số, gạch ngang',
      'must be lower-case letters, digits or hyphens',
    ),
    requirePattern(
      'username',
      command.username,
      USERNAME,
      'gồm 3–64 chữ thường, chữ số, dấu chấm, gạch',
      'must be 3–64 lower-case letters, digits, dots, dashes',
    ),
    requirePersonText('fullName', command.fullName, 120),
    rolesProblem(command.roles),
    booleanProblem('includeSubordinates', command.includeSubordinates),
  );
  if (problems.length > 0) throw invalidInput(problems);
  if (state.officers.has(command.officerId)) {
    throw new DomainError({
      code: 'OFFICER_ALREADY_EXISTS',
      kind: 'conflict',
      messageVi: `Đã có cán bộ mã ${command.officerId}.`,
      messageEn: `Officer ${command.officerId} already exists.`,
      field: 'officerId',
    });
  }
  if ([...state.officers.values()].some((officer) => officer.username === command.username)) {
    throw new DomainError({
      code: 'USERNAME_TAKEN',
      kind: 'conflict',
      messageVi: `Tên đăng nhập ${command.username} đã được dùng.`,
      messageEn: `Username ${command.username} is taken.`,
      field: 'username',
    });
  }
  return {
    type: 'OfficerAccountCreated',
    data: {
      officerId: command.officerId,
      username: command.username,
      fullName: command.fullName.trim(),
      authorityCode: command.authorityCode,
      roles: unique(command.roles),
      includeSubordinates: command.includeSubordinates,
    },
  };
}

function newToken(
  state: AccessControlState,
  command: { officerId: string; tokenId: string; secretHash: string; lifetimeDays: number },
  occurredAt: string,
): AccessControlEvent {
  const problems = collectProblems(
    requirePattern('tokenId', command.tokenId, /^[0-9a-f]{32}$/, 'không hợp lệ', 'is not valid'),
    requirePattern('secretHash', command.secretHash, SHA256_HEX, 'không hợp lệ', 'is not valid'),
    Number.isInteger(command.lifetimeDays) && command.lifetimeDays >= 1 && command.lifetimeDays <= MAX_TOKEN_LIFETIME_DAYS
      ? undefined
      : {
          field: 'lifetimeDays',
          code: 'OUT_OF_RANGE',
          messageVi: `Thời hạn mã truy cập phải từ 1 đến ${MAX_TOKEN_LIFETIME_DAYS} ngày.`,
          messageEn: `Token lifetime must be 1 to ${MAX_TOKEN_LIFETIME_DAYS} days.`,
        },
  );
  if (problems.length > 0) throw invalidInput(problems);
  if (state.tokens.has(command.tokenId)) {
    throw new DomainError({
      code: 'TOKEN_ID_TAKEN',
      kind: 'conflict',
      messageVi: 'Mã truy cập bị trùng.',
      messageEn: 'Token id already used.',
      field: 'tokenId',
    });
  }
  const expiresAt = new Date(Date.parse(occurredAt) + command.lifetimeDays * 24 * 3600 * 1000).toISOString();
  return {
    type: 'OfficerTokenIssued',
    data: { tokenId: command.tokenId, officerId: command.officerId, secretHash: command.secretHash, expiresAt },
  };
}

function officerOf(state: AccessControlState, authorityCode: string, officerId: string): OfficerRecord {
  const officer = state.officers.get(officerId);
  // An officer of another authority is reported as absent: its existence is none of the caller's business.
  if (!officer || officer.authorityCode !== authorityCode) {
    throw new DomainError({
      code: 'OFFICER_NOT_FOUND',
      kind: 'not_found',
      messageVi: `Đơn vị ${authorityCode} không có cán bộ ${officerId}.`,
      messageEn: `${authorityCode} has no officer ${officerId}.`,
      field: 'officerId',
    });
  }
  return officer;
}

function activeOfficerOf(state: AccessControlState, authorityCode: string, officerId: string): OfficerRecord {
  const officer = officerOf(state, authorityCode, officerId);
  if (officer.disabled) {
    throw new DomainError({
      code: 'OFFICER_DISABLED',
      kind: 'rule_violation',
      messageVi: 'Tài khoản cán bộ đã bị khoá.',
      messageEn: 'The officer account is disabled.',
      field: 'officerId',
    });
  }
  return officer;
}

function rolesProblem(roles: unknown): FieldProblem | undefined {
  if (Array.isArray(roles) && roles.length > 0 && roles.every((role) => (OFFICER_ROLES as readonly unknown[]).includes(role)))
    return undefined;
  return {
    field: 'roles',
    code: 'NOT_ALLOWED_VALUE',
    messageVi: `Vai trò phải là một hoặc nhiều trong: ${OFFICER_ROLES.join(', ')}.`,
    messageEn: `Roles must be one or more of: ${OFFICER_ROLES.join(', ')}.`,
  };
}

function booleanProblem(field: string, value: unknown): FieldProblem | undefined {
  return typeof value === 'boolean'
    ? undefined
    : { field, code: 'NOT_BOOLEAN', messageVi: `"${field}" phải là đúng/sai.`, messageEn: `"${field}" must be true or false.` };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
