import type { DomainEvent } from '../shared/decider';

/** Kinds of body that hold diploma registers (docs/domain.md §1). */
export const AUTHORITY_KINDS = ['ministry', 'province_department', 'district_office', 'commune_committee', 'school'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const AUTHORITY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export function authorityStream(code: string): string {
  return `authority-${code}`;
}

export type AuthorityEvent =
  | DomainEvent<'AuthorityRegistered', { code: string; name: string; kind: AuthorityKind; parentCode: string | null; registeredOn: string }>
  | DomainEvent<'AuthorityRenamed', { code: string; previousName: string; name: string; effectiveOn: string }>;

export type AuthorityCommand =
  | { type: 'RegisterAuthority'; code: string; name: string; kind: AuthorityKind; parentCode?: string | null; registeredOn: string }
  | { type: 'RenameAuthority'; code: string; name: string; effectiveOn: string };

export type AuthorityState =
  | { status: 'unregistered' }
  | { status: 'registered'; code: string; name: string; kind: AuthorityKind; parentCode: string | null };
