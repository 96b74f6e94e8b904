import { actedOnIfKnown, requireScheduledDate } from '../shared/plausible-dates';
import type { Decider } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requireOneOf, requireOptionalText, requirePattern, requireText, requirePersonText } from '../shared/validation';
import {
  AUTHORITY_CODE_PATTERN,
  AUTHORITY_KINDS,
  SIGNER_ROLES,
  type AuthorityDirectory,
  type AuthorityDirectoryCommand,
  type AuthorityDirectoryEvent,
  type AuthorityKind,
  type AuthorityRecord,
} from './authority';
import { EMPTY_DIRECTORY, evolveDirectory, isActiveOn } from './authority-directory';
import { decideHandOver } from './register-hand-over';
import { decideGrantLicence } from './authority-licence';

/** Which kinds may sit directly under which (two-tier local government from 01/07/2025 included). */
const ALLOWED_PARENTS: Record<AuthorityKind, readonly (AuthorityKind | null)[]> = {
  ministry: [null],
  province_department: ['ministry', null],
  district_office: ['province_department'],
  commune_committee: ['province_department'],
  school: ['province_department', 'district_office', 'commune_committee'],
  centre: ['province_department'],
  higher_education: ['ministry', 'province_department', null],
};

const codeProblem = (field: string, value: unknown) =>
  requirePattern(
    field,
    value,
    AUTHORITY_CODE_PATTERN,
    'phải gồm 2–32 chữ in hoa, chữ số hoặc dấu gạch ngang',
    'must be 2–32 capital letters, digits or hyphens',
  );

export const authorityDirectoryDecider: Decider<AuthorityDirectoryCommand, AuthorityDirectory, AuthorityDirectoryEvent> = {
  initialState: EMPTY_DIRECTORY,
  evolve: evolveDirectory,

  decide(command, directory, context) {
    // The directory's dates may be set ahead (a merger effective on 1 July) but not absurdly far, nor before 1945 (issue 16).
    const actedOn = actedOnIfKnown(context);
    switch (command.type) {
      case 'RegisterAuthority': {
        const problems = collectProblems(
          codeProblem('code', command.code),
          requirePersonText('name', command.name, 200),
          requireOneOf('kind', command.kind, AUTHORITY_KINDS),
          command.parentCode == null ? undefined : codeProblem('parentCode', command.parentCode),
          requireScheduledDate('registeredOn', command.registeredOn, actedOn),
          requireOptionalText('governingBody', command.governingBody, 200),
        );
        if (problems.length > 0) throw invalidInput(problems);
        const existing = directory.authorities.get(command.code);
        if (existing) {
          throw new DomainError({
            code: 'AUTHORITY_ALREADY_REGISTERED',
            kind: 'conflict',
            messageVi: `Đơn vị mã ${command.code} đã được đăng ký (${existing.name}).`,
            messageEn: `Authority ${command.code} is already registered (${existing.name}).`,
            field: 'code',
          });
        }
        const parent = command.parentCode ? activeAuthority(directory, command.parentCode, command.registeredOn, 'parentCode') : null;
        if (!ALLOWED_PARENTS[command.kind].includes(parent ? parent.kind : null)) {
          throw new DomainError({
            code: 'PARENT_KIND_NOT_ALLOWED',
            kind: 'rule_violation',
            messageVi: `Đơn vị loại ${command.kind} không thể trực thuộc ${parent ? parent.kind : 'không đơn vị nào'}.`,
            messageEn: `An authority of kind ${command.kind} cannot sit under ${parent ? parent.kind : 'no parent'}.`,
            field: 'parentCode',
          });
        }
        return [
          {
            type: 'AuthorityRegistered',
            data: {
              code: command.code,
              name: command.name.trim(),
              kind: command.kind,
              parentCode: parent?.code ?? null,
              registeredOn: command.registeredOn,
              governingBody: command.governingBody?.trim() || null,
            },
          },
        ];
      }

      case 'RenameAuthority': {
        const problems = collectProblems(
          requirePersonText('name', command.name, 200),
          requireScheduledDate('effectiveOn', command.effectiveOn, actedOn),
        );
        if (problems.length > 0) throw invalidInput(problems);
        const record = activeAuthority(directory, command.code, command.effectiveOn, 'code');
        const name = command.name.trim();
        if (name === record.name) {
          throw new DomainError({
            code: 'AUTHORITY_NAME_UNCHANGED',
            kind: 'rule_violation',
            messageVi: 'Tên mới trùng với tên hiện tại; không có gì để ghi.',
            messageEn: 'The new name is the current name; nothing to record.',
            field: 'name',
          });
        }
        return [
          { type: 'AuthorityRenamed', data: { code: record.code, previousName: record.name, name, effectiveOn: command.effectiveOn } },
        ];
      }

      case 'SetGoverningBody': {
        const problems = collectProblems(
          requireOptionalText('governingBody', command.governingBody, 200),
          requireScheduledDate('effectiveOn', command.effectiveOn, actedOn),
        );
        if (problems.length > 0) throw invalidInput(problems);
        const record = activeAuthority(directory, command.code, command.effectiveOn, 'code');
        const governingBody = command.governingBody?.trim() || null;
        if (governingBody === record.governingBody) {
          throw new DomainError({
            code: 'GOVERNING_BODY_UNCHANGED',
            kind: 'rule_violation',
            messageVi: 'Cơ quan chủ quản không đổi; không có gì để ghi.',
            messageEn: 'The governing body is unchanged; nothing to record.',
            field: 'governingBody',
          });
        }
        return [
          {
            type: 'AuthorityGoverningBodySet',
            data: { code: record.code, previous: record.governingBody, governingBody, effectiveOn: command.effectiveOn },
          },
        ];
      }

      case 'MergeAuthority':
      case 'AbolishAuthority': {
        const successorField = command.type === 'MergeAuthority' ? 'intoCode' : 'successorCode';
        const successorCode = command.type === 'MergeAuthority' ? command.intoCode : command.successorCode;
        const problems = collectProblems(
          codeProblem(successorField, successorCode),
          requireScheduledDate('effectiveOn', command.effectiveOn, actedOn),
          requireText('decisionRef', command.decisionRef, 100),
        );
        if (problems.length > 0) throw invalidInput(problems);
        const record = activeAuthority(directory, command.code, command.effectiveOn, 'code');
        const successor = activeAuthority(directory, successorCode, command.effectiveOn, successorField);
        if (successor.code === record.code) {
          throw new DomainError({
            code: 'SUCCESSOR_IS_SELF',
            kind: 'rule_violation',
            messageVi: 'Đơn vị kế thừa phải là một đơn vị khác.',
            messageEn: 'The successor must be another authority.',
            field: successorField,
          });
        }
        if (command.type === 'MergeAuthority') {
          if (successor.kind !== record.kind) {
            throw new DomainError({
              code: 'MERGE_ACROSS_KINDS',
              kind: 'rule_violation',
              messageVi: 'Chỉ hợp nhất được vào đơn vị cùng loại; dùng giải thể có chỉ định đơn vị kế thừa.',
              messageEn: 'A merger joins authorities of the same kind; use abolition with a successor instead.',
              field: 'intoCode',
            });
          }
          return [
            {
              type: 'AuthorityMerged',
              data: {
                code: record.code,
                intoCode: successor.code,
                effectiveOn: command.effectiveOn,
                decisionRef: command.decisionRef.trim(),
              },
            },
          ];
        }
        return [
          {
            type: 'AuthorityAbolished',
            data: {
              code: record.code,
              successorCode: successor.code,
              effectiveOn: command.effectiveOn,
              decisionRef: command.decisionRef.trim(),
            },
          },
        ];
      }

      case 'RegisterSigner': {
        const problems = collectProblems(
          requirePattern(
            'signerId',
            command.signerId,
            /^[a-z0-9][a-z0-9-]{1,63}$/,
            'chỉ gồm chữ thường, chữ số, gạch ngang',
            'must be lower-case letters, digits or hyphens',
          ),
          codeProblem('authorityCode', command.authorityCode),
          requirePersonText('fullName', command.fullName, 120),
          requirePersonText('title', command.title, 120),
          requireOneOf('role', command.role, SIGNER_ROLES),
          requireScheduledDate('validFrom', command.validFrom, actedOn),
          command.validTo == null ? undefined : requireScheduledDate('validTo', command.validTo, actedOn),
          requireOptionalText('delegationRef', command.delegationRef, 100),
          requireOptionalText('officerId', command.officerId, 64),
        );
        if (problems.length > 0) throw invalidInput(problems);
        if (directory.signers.has(command.signerId)) {
          throw new DomainError({
            code: 'SIGNER_ALREADY_REGISTERED',
            kind: 'conflict',
            messageVi: `Người ký ${command.signerId} đã được đăng ký.`,
            messageEn: `Signer ${command.signerId} is already registered.`,
            field: 'signerId',
          });
        }
        activeAuthority(directory, command.authorityCode, command.validFrom, 'authorityCode');
        if (command.validTo != null && command.validTo < command.validFrom) throw mandateEndsBeforeStart();
        if (command.role === 'deputy_in_charge' && !command.delegationRef?.trim()) {
          throw new DomainError({
            code: 'DELEGATION_REQUIRED',
            kind: 'rule_violation',
            messageVi: 'Cấp phó được giao phụ trách phải có số quyết định giao phụ trách.',
            messageEn: 'A deputy in charge needs the reference of the assignment decision.',
            field: 'delegationRef',
            rule: 6,
          });
        }
        return [
          {
            type: 'SignerRegistered',
            data: {
              signerId: command.signerId,
              authorityCode: command.authorityCode,
              fullName: command.fullName.trim(),
              title: command.title.trim(),
              role: command.role,
              validFrom: command.validFrom,
              validTo: command.validTo ?? null,
              delegationRef: command.delegationRef?.trim() || null,
              ...(command.officerId?.trim() ? { officerId: command.officerId.trim() } : {}),
            },
          },
        ];
      }

      case 'EndSignerMandate': {
        const problems = collectProblems(
          requireScheduledDate('validTo', command.validTo, actedOn),
          requireText('reason', command.reason, 300),
        );
        if (problems.length > 0) throw invalidInput(problems);
        const signer = directory.signers.get(command.signerId);
        // A signer of another authority is reported as absent to this one.
        if (!signer || signer.authorityCode !== command.authorityCode) {
          throw new DomainError({
            code: 'SIGNER_NOT_FOUND',
            kind: 'not_found',
            messageVi: `Không có người ký ${command.signerId}.`,
            messageEn: `No signer ${command.signerId}.`,
            field: 'signerId',
          });
        }
        if (command.validTo < signer.validFrom) throw mandateEndsBeforeStart();
        if (signer.validTo !== null && signer.validTo <= command.validTo) {
          throw new DomainError({
            code: 'MANDATE_ALREADY_ENDED',
            kind: 'rule_violation',
            messageVi: `Nhiệm vụ ký của ${signer.fullName} đã kết thúc ngày ${signer.validTo}.`,
            messageEn: `${signer.fullName}'s mandate already ended on ${signer.validTo}.`,
            field: 'validTo',
          });
        }
        return [
          { type: 'SignerMandateEnded', data: { signerId: signer.signerId, validTo: command.validTo, reason: command.reason.trim() } },
        ];
      }

      case 'HandOverRegisters':
        return [{ type: 'RegistersHandedOver', data: decideHandOver(command, directory, actedOn) }];

      case 'GrantLicence':
        return [{ type: 'AuthorityLicenceGranted', data: decideGrantLicence(command, directory) }];
    }
  },
};

function activeAuthority(directory: AuthorityDirectory, code: string, date: IsoDate, field: string): AuthorityRecord {
  const record = directory.authorities.get(code);
  if (!record) throw authorityNotFound(code, field);
  if (!isActiveOn(record, date)) {
    throw new DomainError({
      code: 'AUTHORITY_NOT_ACTIVE_ON_DATE',
      kind: 'rule_violation',
      messageVi: `Đơn vị ${record.name} không hoạt động vào ngày ${date}${record.end ? ` (chấm dứt từ ${record.end.effectiveOn})` : ''}.`,
      messageEn: `${record.name} is not active on ${date}${record.end ? ` (ended ${record.end.effectiveOn})` : ''}.`,
      field,
    });
  }
  return record;
}

export function authorityNotFound(code: string, field = 'code'): DomainError {
  return new DomainError({
    code: 'AUTHORITY_NOT_FOUND',
    kind: 'not_found',
    messageVi: `Không có đơn vị mã ${code}.`,
    messageEn: `No authority with code ${code}.`,
    field,
  });
}

function mandateEndsBeforeStart(): DomainError {
  return new DomainError({
    code: 'MANDATE_ENDS_BEFORE_START',
    kind: 'invalid_input',
    messageVi: 'Ngày kết thúc không được trước ngày bắt đầu.',
    messageEn: 'The end date cannot be before the start date.',
    field: 'validTo',
  });
}
