import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { HandOverRegistersCommand, RegisterHandOver } from './register-hand-over';
import type { AuthorityLicence, GrantLicenceCommand } from './authority-licence';

/**
 * Kinds of body that hold diploma or certificate registers (docs/domain.md §1, §8). `centre` is a
 * foreign-language, IT or other training centre and `higher_education` a university that tests on the framework
 * (issue 18); what each may issue is its licence's scope (`AuthorityLicenceGranted`), not its kind.
 */
export const AUTHORITY_KINDS = [
  'ministry',
  'province_department',
  'district_office',
  'commune_committee',
  'school',
  'centre',
  'higher_education',
] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export const AUTHORITY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export const SIGNER_ROLES = ['head', 'deputy_in_charge'] as const;
export type SignerRoleName = (typeof SIGNER_ROLES)[number];

/**
 * All authorities and their signers live in one stream: registering a child, merging into a successor
 * or naming who keeps an abolished office's registers touches several authorities at once, and one
 * stream's revision keeps those invariants. The volume is small (hundreds of authorities per province).
 */
export const AUTHORITY_DIRECTORY_STREAM = 'authority-directory';

export interface AuthorityRecord {
  readonly code: string;
  readonly name: string;
  readonly kind: AuthorityKind;
  readonly parentCode: string | null;
  /**
   * The body heading the authority's papers above its own name (Nghị định 30/2020, "tên cơ quan chủ quản"):
   * a Sở's is "Ủy ban nhân dân thành phố Hải Phòng", not the ministry that is its parent in the directory.
   */
  readonly governingBody: string | null;
  readonly registeredOn: IsoDate;
  /** Set when the authority stops: from that date `successorCode` holds its registers (rules 32, 41). */
  readonly end: {
    readonly how: 'merged' | 'abolished';
    readonly effectiveOn: IsoDate;
    readonly successorCode: string;
    readonly decisionRef: string;
  } | null;
}

export interface SignerRecord {
  readonly signerId: string;
  readonly authorityCode: string;
  readonly fullName: string;
  readonly title: string;
  readonly role: SignerRoleName;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | null;
  /** Rule 6: a deputy in charge signs only with the assignment decision on file. */
  readonly delegationRef: string | null;
  /** The officer account that records this person's signatures (issue 17: the registrar prepares, the signer signs). */
  readonly officerId?: string | null;
}

export interface AuthorityDirectory {
  readonly authorities: ReadonlyMap<string, AuthorityRecord>;
  readonly signers: ReadonlyMap<string, SignerRecord>;
  /** Registers handed over while both bodies exist (TT10/2026: communes' THCS books to the Sở). */
  readonly handOvers?: readonly RegisterHandOver[];
  /** Licences to issue certificates (issue 18, domain §8); absent until the first one is granted. */
  readonly licences?: readonly AuthorityLicence[];
}

export type AuthorityDirectoryEvent =
  /** `governingBody` is absent from events recorded before it existed. */
  | DomainEvent<
      'AuthorityRegistered',
      { code: string; name: string; kind: AuthorityKind; parentCode: string | null; registeredOn: IsoDate; governingBody?: string | null }
    >
  | DomainEvent<'AuthorityGoverningBodySet', { code: string; previous: string | null; governingBody: string | null; effectiveOn: IsoDate }>
  | DomainEvent<'AuthorityRenamed', { code: string; previousName: string; name: string; effectiveOn: IsoDate }>
  | DomainEvent<'AuthorityMerged', { code: string; intoCode: string; effectiveOn: IsoDate; decisionRef: string }>
  | DomainEvent<'AuthorityAbolished', { code: string; successorCode: string; effectiveOn: IsoDate; decisionRef: string }>
  | DomainEvent<
      'SignerRegistered',
      {
        signerId: string;
        authorityCode: string;
        fullName: string;
        title: string;
        role: SignerRoleName;
        validFrom: IsoDate;
        validTo: IsoDate | null;
        delegationRef: string | null;
        officerId?: string | null;
      }
    >
  | DomainEvent<'SignerMandateEnded', { signerId: string; validTo: IsoDate; reason: string }>
  | DomainEvent<'RegistersHandedOver', RegisterHandOver>
  | DomainEvent<'AuthorityLicenceGranted', AuthorityLicence>;

export type AuthorityDirectoryCommand =
  | {
      type: 'RegisterAuthority';
      code: string;
      name: string;
      kind: AuthorityKind;
      parentCode?: string | null;
      registeredOn: IsoDate;
      governingBody?: string | null;
    }
  | { type: 'SetGoverningBody'; code: string; governingBody: string | null; effectiveOn: IsoDate }
  | { type: 'RenameAuthority'; code: string; name: string; effectiveOn: IsoDate }
  | { type: 'MergeAuthority'; code: string; intoCode: string; effectiveOn: IsoDate; decisionRef: string }
  | { type: 'AbolishAuthority'; code: string; successorCode: string; effectiveOn: IsoDate; decisionRef: string }
  | {
      type: 'RegisterSigner';
      signerId: string;
      authorityCode: string;
      fullName: string;
      title: string;
      role: SignerRoleName;
      validFrom: IsoDate;
      validTo?: IsoDate | null;
      delegationRef?: string | null;
      officerId?: string | null;
    }
  | { type: 'EndSignerMandate'; authorityCode: string; signerId: string; validTo: IsoDate; reason: string }
  | HandOverRegistersCommand
  | GrantLicenceCommand;
