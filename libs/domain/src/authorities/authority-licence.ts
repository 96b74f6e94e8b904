import type { IsoDate } from '../shared/dates';
import { DomainError, invalidInput } from '../shared/errors';
import { collectProblems, requireIsoDate, requirePattern, requireText } from '../shared/validation';
import { CREDENTIAL_KIND_CODE_PATTERN } from '../credential-kinds/credential-kind';
import type { AuthorityDirectory } from './authority';
import { isActiveOn } from './authority-directory';

/**
 * Issue 18 item 2, docs/domain.md §8: centres, universities and schools issue certificates under a licence or
 * assignment from the Sở (decision, scope = kinds of credential, validity). Acting outside it is refused, and the
 * licence is judged on the date of the act, never today: a certificate dated inside the licence stays valid after
 * the licence ends, and one dated after it is refused even if recorded earlier.
 */
export interface AuthorityLicence {
  readonly licenceId: string;
  /** The licensee. */
  readonly authorityCode: string;
  /** The Sở (or ministry) that granted it: the licensee's parent in the directory. */
  readonly grantedBy: string;
  readonly decisionRef: string;
  readonly decisionDate: IsoDate;
  /** Catalogue codes of the kinds the licensee may issue. */
  readonly scope: readonly string[];
  readonly validFrom: IsoDate;
  /** Inclusive; null = open-ended. */
  readonly validTo: IsoDate | null;
}

export interface GrantLicenceCommand extends Omit<AuthorityLicence, 'validTo'> {
  readonly type: 'GrantLicence';
  readonly validTo?: IsoDate | null;
}

const LICENCE_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

export function decideGrantLicence(command: GrantLicenceCommand, directory: AuthorityDirectory): AuthorityLicence {
  const scope: unknown = command.scope;
  const problems = collectProblems(
    requirePattern(
      'licenceId',
      command.licenceId,
      LICENCE_ID,
      'chỉ gồm chữ thường, chữ số, gạch ngang',
      'must be lower-case letters, digits or hyphens',
    ),
    requireText('decisionRef', command.decisionRef, 100),
    requireIsoDate('decisionDate', command.decisionDate),
    requireIsoDate('validFrom', command.validFrom),
    command.validTo == null ? undefined : requireIsoDate('validTo', command.validTo),
    Array.isArray(scope) && scope.length > 0 && scope.length <= 50
      ? scope
          .map((code, i) =>
            requirePattern(
              `scope[${i}]`,
              code,
              CREDENTIAL_KIND_CODE_PATTERN,
              'không phải mã loại chứng chỉ',
              'is not a credential kind code',
            ),
          )
          .find((p) => p !== undefined)
      : {
          field: 'scope',
          code: 'REQUIRED',
          messageVi: 'Giấy phép phải nêu các loại chứng chỉ được cấp.',
          messageEn: 'A licence must list the kinds of credential it covers.',
        },
  );
  if (problems.length > 0) throw invalidInput(problems);
  if (command.validTo != null && command.validTo < command.validFrom) {
    throw new DomainError({
      code: 'LICENCE_ENDS_BEFORE_START',
      kind: 'invalid_input',
      messageVi: 'Ngày hết hiệu lực không được trước ngày có hiệu lực.',
      messageEn: 'The licence cannot end before it starts.',
      field: 'validTo',
    });
  }
  if ((directory.licences ?? []).some((licence) => licence.licenceId === command.licenceId)) {
    throw new DomainError({
      code: 'LICENCE_ALREADY_GRANTED',
      kind: 'conflict',
      messageVi: `Giấy phép ${command.licenceId} đã được ghi nhận.`,
      messageEn: `Licence ${command.licenceId} is already recorded.`,
      field: 'licenceId',
    });
  }
  const licensee = directory.authorities.get(command.authorityCode);
  if (!licensee || licensee.parentCode !== command.grantedBy) {
    throw new DomainError({
      code: 'LICENSEE_NOT_SUBORDINATE',
      kind: 'rule_violation',
      messageVi: `Đơn vị ${command.authorityCode} không trực thuộc ${command.grantedBy}; chỉ cơ quan quản lý trực tiếp mới cấp phép.`,
      messageEn: `${command.authorityCode} is not under ${command.grantedBy}; only the body it sits under licenses it.`,
      field: 'authorityCode',
    });
  }
  if (!isActiveOn(licensee, command.validFrom)) {
    throw new DomainError({
      code: 'AUTHORITY_NOT_ACTIVE_ON_DATE',
      kind: 'rule_violation',
      messageVi: `Đơn vị ${licensee.name} không hoạt động vào ngày ${command.validFrom}.`,
      messageEn: `${licensee.name} is not active on ${command.validFrom}.`,
      field: 'validFrom',
    });
  }
  return {
    licenceId: command.licenceId,
    authorityCode: licensee.code,
    grantedBy: command.grantedBy,
    decisionRef: command.decisionRef.trim(),
    decisionDate: command.decisionDate,
    scope: [...new Set(command.scope)],
    validFrom: command.validFrom,
    validTo: command.validTo ?? null,
  };
}

/**
 * The licence under which `authorityCode` issues `kindCode` on `date`, or a refusal naming why: no licence for
 * that kind at all (LICENCE_OUT_OF_SCOPE when it holds licences for other kinds, LICENCE_MISSING when none), or
 * none in force on that date (LICENCE_EXPIRED / LICENCE_NOT_YET_VALID), always with the dates of the nearest one.
 */
export function requireLicenceOn(directory: AuthorityDirectory, authorityCode: string, kindCode: string, date: IsoDate): AuthorityLicence {
  const own = (directory.licences ?? []).filter((licence) => licence.authorityCode === authorityCode);
  const covering = own.filter((licence) => licence.scope.includes(kindCode));
  const inForce = covering.find((licence) => licence.validFrom <= date && (licence.validTo === null || date <= licence.validTo));
  if (inForce) return inForce;
  const refuse = (code: string, vi: string, en: string, field: string): DomainError =>
    new DomainError({ code, kind: 'rule_violation', messageVi: vi, messageEn: en, field });
  if (covering.length === 0) {
    if (own.length === 0) {
      throw refuse(
        'LICENCE_MISSING',
        `Đơn vị ${authorityCode} chưa được Sở cấp phép cấp chứng chỉ ${kindCode}.`,
        `${authorityCode} holds no licence from the Sở to issue ${kindCode}.`,
        'credentialKind',
      );
    }
    throw refuse(
      'LICENCE_OUT_OF_SCOPE',
      `Giấy phép của ${authorityCode} (${own.map((l) => l.decisionRef).join(', ')}) không bao gồm ${kindCode}.`,
      `${authorityCode}'s licence (${own.map((l) => l.decisionRef).join(', ')}) does not cover ${kindCode}.`,
      'credentialKind',
    );
  }
  const earlier = covering.filter((licence) => licence.validTo !== null && licence.validTo < date);
  const latest = earlier.sort((a, b) => (a.validTo ?? '').localeCompare(b.validTo ?? '')).at(-1);
  if (latest) {
    throw refuse(
      'LICENCE_EXPIRED',
      `Giấy phép ${latest.decisionRef} của ${authorityCode} hết hiệu lực ngày ${latest.validTo ?? ''}; không cấp được chứng chỉ ngày ${date}.`,
      `${authorityCode}'s licence ${latest.decisionRef} expired on ${latest.validTo ?? ''}; no certificate can be issued on ${date}.`,
      'decisionDate',
    );
  }
  const next = [...covering].sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  throw refuse(
    'LICENCE_NOT_YET_VALID',
    `Giấy phép ${next?.decisionRef ?? ''} của ${authorityCode} chỉ có hiệu lực từ ${next?.validFrom ?? ''}.`,
    `${authorityCode}'s licence ${next?.decisionRef ?? ''} is in force only from ${next?.validFrom ?? ''}.`,
    'decisionDate',
  );
}
