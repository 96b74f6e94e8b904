import type { IsoDate } from '../shared/dates';
import type { DiplomaKind } from '../regimes/legal-regimes';
import { handedOverTo } from './register-hand-over';
import { DomainError } from '../shared/errors';
import type { AuthorityDirectory, AuthorityDirectoryEvent, AuthorityRecord, SignerRecord, SignerRoleName } from './authority';

export const EMPTY_DIRECTORY: AuthorityDirectory = { authorities: new Map(), signers: new Map() };

export function evolveDirectory(directory: AuthorityDirectory, event: AuthorityDirectoryEvent): AuthorityDirectory {
  const authorities = new Map(directory.authorities);
  const signers = new Map(directory.signers);
  switch (event.type) {
    case 'AuthorityRegistered':
      authorities.set(event.data.code, { ...event.data, governingBody: event.data.governingBody ?? null, end: null });
      break;
    case 'AuthorityGoverningBodySet':
      update(authorities, event.data.code, (record) => ({ ...record, governingBody: event.data.governingBody }));
      break;
    case 'AuthorityRenamed':
      update(authorities, event.data.code, (record) => ({ ...record, name: event.data.name }));
      break;
    case 'AuthorityMerged':
      update(authorities, event.data.code, (record) => ({
        ...record,
        end: {
          how: 'merged',
          effectiveOn: event.data.effectiveOn,
          successorCode: event.data.intoCode,
          decisionRef: event.data.decisionRef,
        },
      }));
      break;
    case 'AuthorityAbolished':
      update(authorities, event.data.code, (record) => ({
        ...record,
        end: {
          how: 'abolished',
          effectiveOn: event.data.effectiveOn,
          successorCode: event.data.successorCode,
          decisionRef: event.data.decisionRef,
        },
      }));
      break;
    case 'SignerRegistered':
      signers.set(event.data.signerId, { ...event.data });
      break;
    case 'RegistersHandedOver':
      return { ...directory, authorities, signers, handOvers: [...(directory.handOvers ?? []), event.data] };
    case 'AuthorityLicenceGranted':
      return { ...directory, authorities, signers, licences: [...(directory.licences ?? []), event.data] };
    case 'SignerMandateEnded':
      {
        const signer = signers.get(event.data.signerId);
        if (signer) signers.set(signer.signerId, { ...signer, validTo: event.data.validTo });
      }
      break;
  }
  return { ...directory, authorities, signers };
}

function update(map: Map<string, AuthorityRecord>, code: string, change: (record: AuthorityRecord) => AuthorityRecord): void {
  const record = map.get(code);
  if (record) map.set(code, change(record));
}

export function isActiveOn(record: AuthorityRecord, date: IsoDate): boolean {
  return record.registeredOn <= date && (record.end === null || date < record.end.effectiveOn);
}

/**
 * Who holds `code`'s registers on `date`: the authority itself while it exists, then its successor, and
 * so on along the chain of mergers and abolitions (rules 32, 41, 46); for a kind, also along recorded
 * hand-overs of that kind's books (TT10/2026).
 */
export function registerHolderOn(
  directory: AuthorityDirectory,
  code: string,
  date: IsoDate,
  kind?: DiplomaKind,
): AuthorityRecord | undefined {
  const seen = new Set<string>();
  let current = directory.authorities.get(code);
  for (;;) {
    if (!current || seen.has(current.code)) return undefined;
    const next =
      current.end && current.end.effectiveOn <= date ? current.end.successorCode : handedOverTo(directory, current.code, kind, date);
    if (next === undefined) return current;
    seen.add(current.code);
    current = directory.authorities.get(next);
  }
}

/** True when `target` is `scope` itself or, with subordinates included, any unit under it. */
/** The authorities whose registers `code` holds on `date`: its own and those of units it succeeded. */
export function registersHeldOn(directory: AuthorityDirectory, code: string, date: IsoDate): string[] {
  return [...directory.authorities.keys()].filter((other) => other === code || registerHolderOn(directory, other, date)?.code === code);
}

export function isWithinScope(
  directory: AuthorityDirectory,
  scope: { authorityCode: string; includeSubordinates: boolean },
  target: string,
): boolean {
  if (target === scope.authorityCode) return true;
  if (!scope.includeSubordinates) return false;
  const seen = new Set<string>();
  let current = directory.authorities.get(target);
  while (current?.parentCode && !seen.has(current.code)) {
    seen.add(current.code);
    if (current.parentCode === scope.authorityCode) return true;
    current = directory.authorities.get(current.parentCode);
  }
  return false;
}

/** Rule 25: the signer must hold the signing authority for `authorityCode` on `date`, in one of `roles`. */
export function signerEntitledOn(
  directory: AuthorityDirectory,
  query: { signerId: string; authorityCode: string; date: IsoDate; roles: readonly SignerRoleName[] },
): SignerRecord {
  const signer = directory.signers.get(query.signerId);
  const refuse = (code: string, vi: string, en: string): DomainError =>
    new DomainError({ code, kind: 'rule_violation', messageVi: vi, messageEn: en, field: 'signerId', rule: 25 });
  if (!signer || signer.authorityCode !== query.authorityCode) {
    throw refuse(
      'SIGNER_NOT_OF_AUTHORITY',
      `Người ký ${query.signerId} không thuộc đơn vị ${query.authorityCode}.`,
      `Signer ${query.signerId} does not sign for ${query.authorityCode}.`,
    );
  }
  if (signer.validFrom > query.date || (signer.validTo !== null && signer.validTo < query.date)) {
    throw refuse(
      'SIGNER_NOT_ENTITLED_ON_DATE',
      `${signer.fullName} không có thẩm quyền ký vào ngày ${query.date} (hiệu lực ${signer.validFrom} – ${signer.validTo ?? 'nay'}).`,
      `${signer.fullName} may not sign on ${query.date} (mandate ${signer.validFrom} – ${signer.validTo ?? 'open'}).`,
    );
  }
  if (!query.roles.includes(signer.role)) {
    throw refuse(
      'SIGNER_ROLE_NOT_ALLOWED',
      `Chức danh của người ký không được ký văn bằng này.`,
      `The signer's role may not sign this document.`,
    );
  }
  if (signer.role === 'deputy_in_charge' && !signer.delegationRef) {
    throw new DomainError({
      code: 'DELEGATION_MISSING',
      kind: 'rule_violation',
      messageVi: 'Cấp phó phụ trách chỉ được ký khi có quyết định giao phụ trách.',
      messageEn: 'A deputy in charge may sign only with the assignment decision on file.',
      field: 'signerId',
      rule: 6,
    });
  }
  return signer;
}

/**
 * The line above an authority's name on its papers (Nghị định 30/2020): its governing body when recorded;
 * otherwise its parent in the directory, except a Sở's, which is the ministry and never heads its papers.
 */
export function letterheadSuperior(
  record: { kind: string; governingBody: string | null },
  parent: { name: string; kind: string } | undefined,
): string | null {
  if (record.governingBody) return record.governingBody;
  if (!parent || parent.kind === 'ministry') return null;
  return parent.name;
}

/**
 * Rules 6, 25 and issue 17: a signature is the signer's own act. Only an officer acting in the signer role
 * records it and, where the signer record names the officer account that signs for that person, only that
 * account; the registrar prepares the run and cannot sign it.
 */
export function requireSignerActor(actor: { officerId: string; role: string } | undefined, signer: SignerRecord): void {
  if (!actor || actor.role !== 'signer') {
    throw new DomainError({
      code: 'SIGNATURE_NEEDS_SIGNER_ROLE',
      kind: 'forbidden',
      messageVi: 'Chỉ người có vai trò ký mới được ghi nhận chữ ký; cán bộ nghiệp vụ chỉ chuẩn bị.',
      messageEn: 'Only an officer in the signer role records a signature; a registrar prepares it.',
      field: 'signerId',
      rule: 25,
    });
  }
  if (signer.officerId && signer.officerId !== actor.officerId) {
    throw new DomainError({
      code: 'SIGNER_NOT_LINKED_TO_OFFICER',
      kind: 'forbidden',
      messageVi: `Tài khoản này không phải tài khoản ký của ${signer.fullName}.`,
      messageEn: `This account does not sign for ${signer.fullName}.`,
      field: 'signerId',
      rule: 25,
    });
  }
}
