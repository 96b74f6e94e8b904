import type { DomainEvent } from '../shared/decider';
import type { CredentialCommand, CredentialEvent } from './credentials';

/**
 * registrar records acts; signer signs them; auditor reads everything in scope and changes nothing;
 * administrator manages accounts, tokens, authorities and signers.
 */
export const OFFICER_ROLES = ['registrar', 'signer', 'auditor', 'administrator'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Officers, their tokens and revocations share one stream: usernames stay unique and a revocation is never lost. */
export const ACCESS_CONTROL_STREAM = 'access-control';

export const MAX_TOKEN_LIFETIME_DAYS = 90;

export interface OfficerRecord {
  readonly officerId: string;
  readonly username: string;
  readonly fullName: string;
  readonly authorityCode: string;
  readonly roles: readonly OfficerRole[];
  /** For a Sở: the officer also acts for the units under it. */
  readonly includeSubordinates: boolean;
  readonly disabled: boolean;
}

export interface TokenRecord {
  readonly tokenId: string;
  readonly officerId: string;
  /** SHA-256 of the secret, hex. The secret itself is shown once and never stored. */
  readonly secretHash: string;
  readonly expiresAt: string;
  readonly revoked: boolean;
}

export interface AccessControlState {
  readonly officers: ReadonlyMap<string, OfficerRecord>;
  readonly tokens: ReadonlyMap<string, TokenRecord>;
  /** Kept apart from OfficerRecord so that a record sent to a client never carries a password hash. */
  readonly credentials: ReadonlyMap<string, OfficerCredentials>;
}

/** What the console's login checks: hashes and sealed secrets only, and the run of failed attempts. */
export interface OfficerCredentials {
  readonly passwordHash?: string;
  /** The TOTP secret sealed with the deployment's key; the event log never holds it in the clear. */
  readonly sealedTotpSecret?: string;
  readonly failuresInARow: number;
  /** No attempt is checked before this instant (the slow-down). */
  readonly retryAfter?: string;
  readonly lockedUntil?: string;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  readonly lastTotpStep?: number;
}

export type AccessControlEvent =
  | DomainEvent<
      'OfficerAccountCreated',
      { officerId: string; username: string; fullName: string; authorityCode: string; roles: OfficerRole[]; includeSubordinates: boolean }
    >
  | DomainEvent<'OfficerRolesChanged', { officerId: string; roles: OfficerRole[]; includeSubordinates: boolean }>
  | DomainEvent<'OfficerAccountDisabled', { officerId: string; reason: string }>
  | DomainEvent<'OfficerTokenIssued', { tokenId: string; officerId: string; secretHash: string; expiresAt: string }>
  | DomainEvent<'OfficerTokenRevoked', { tokenId: string; officerId: string; reason: string }>
  | CredentialEvent;

interface OfficerFields {
  officerId: string;
  username: string;
  fullName: string;
  roles: OfficerRole[];
  includeSubordinates: boolean;
}

/** Every command names the authority it acts in (the route's authority); the decider checks it. */
export type AccessControlCommand =
  | ({ type: 'BootstrapAdministrator'; authorityCode: string; tokenId: string; secretHash: string; lifetimeDays: number } & OfficerFields)
  | ({ type: 'CreateOfficer'; authorityCode: string } & OfficerFields)
  | { type: 'ChangeOfficerRoles'; authorityCode: string; officerId: string; roles: OfficerRole[]; includeSubordinates: boolean }
  | { type: 'DisableOfficer'; authorityCode: string; officerId: string; reason: string }
  | { type: 'IssueToken'; authorityCode: string; officerId: string; tokenId: string; secretHash: string; lifetimeDays: number }
  | { type: 'RevokeToken'; authorityCode: string; officerId: string; tokenId: string; reason: string }
  | CredentialCommand;
