import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { competenceFor, type DiplomaKind, type Regime, type RegulatedAct, type SignerRole } from '../regimes/legal-regimes';
import type { AuthorityDirectory } from './authority';
import { isActiveOn, registerHolderOn } from './authority-directory';

export interface ActAuthorizationQuery {
  readonly act: RegulatedAct;
  readonly diplomaKind: DiplomaKind;
  readonly actDate: IsoDate;
  /** The authority recording the act. */
  readonly actingAuthorityCode: string;
  /** For acts on an existing diploma: the authority that issued it. */
  readonly issuerCode?: string;
}

export interface ActAuthorization {
  readonly regime: Regime;
  readonly signerRoles: readonly SignerRole[];
  readonly legalBasis: string;
}

/**
 * May this authority perform this act on this date? Issuing is judged on the acting authority's own
 * kind; every later act belongs to whoever holds the issuer's register on the act's date, i.e. the
 * issuer or its successor after a merger or abolition (rules 32, 41, 46), under that date's regime.
 */
export function authorizeAct(directory: AuthorityDirectory, query: ActAuthorizationQuery): ActAuthorization {
  const acting = directory.authorities.get(query.actingAuthorityCode);
  if (!acting || !isActiveOn(acting, query.actDate)) {
    throw refusal(
      'ACTING_AUTHORITY_NOT_ACTIVE',
      `Đơn vị ${query.actingAuthorityCode} không hoạt động vào ngày ${query.actDate}.`,
      `${query.actingAuthorityCode} is not active on ${query.actDate}.`,
    );
  }
  const issuer = query.act === 'issue' ? acting : query.issuerCode ? directory.authorities.get(query.issuerCode) : undefined;
  if (!issuer) throw refusal('ISSUER_UNKNOWN', 'Không xác định được đơn vị đã cấp văn bằng.', 'The issuing authority is unknown.');
  const answer = competenceFor({ diplomaKind: query.diplomaKind, act: query.act, actDate: query.actDate, issuerKind: issuer.kind });
  if (!answer.permitted) {
    throw new DomainError({
      code: answer.code,
      kind: 'rule_violation',
      messageVi: answer.messageVi,
      messageEn: answer.messageEn,
      ...(answer.rule !== undefined ? { rule: answer.rule } : {}),
    });
  }
  if (answer.basis === 'register_holder') {
    const holder = registerHolderOn(directory, issuer.code, query.actDate, query.diplomaKind);
    if (!holder || holder.code !== acting.code) {
      throw refusal(
        'NOT_REGISTER_HOLDER',
        `Vào ngày ${query.actDate}, sổ gốc của ${issuer.name} do ${holder?.name ?? 'đơn vị khác'} quản lý; ${acting.name} không thực hiện được thao tác này.`,
        `On ${query.actDate} ${issuer.name}'s register is held by ${holder?.name ?? 'another authority'}; ${acting.name} cannot do this.`,
      );
    }
  }
  if (!answer.competentKinds.includes(acting.kind)) {
    throw refusal(
      'AUTHORITY_NOT_COMPETENT',
      `Theo ${answer.regime.code}, ${acting.name} không có thẩm quyền ${query.act} văn bằng ${query.diplomaKind} vào ngày ${query.actDate}.`,
      `Under ${answer.regime.code}, ${acting.name} may not ${query.act} a ${query.diplomaKind} diploma on ${query.actDate}.`,
    );
  }
  return { regime: answer.regime, signerRoles: answer.signerRoles, legalBasis: answer.legalBasis };
}

function refusal(code: string, vi: string, en: string): DomainError {
  return new DomainError({ code, kind: 'rule_violation', messageVi: vi, messageEn: en });
}
