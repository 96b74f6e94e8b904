import { evolveCredentials } from './credentials';
import type { AccessControlEvent, AccessControlState, OfficerRecord } from './officer';

export const EMPTY_ACCESS_CONTROL: AccessControlState = { officers: new Map(), tokens: new Map(), credentials: new Map() };

export function evolveAccessControl(state: AccessControlState, event: AccessControlEvent): AccessControlState {
  switch (event.type) {
    case 'OfficerAccountCreated':
      return { ...state, officers: with_(state.officers, event.data.officerId, { ...event.data, disabled: false }) };
    case 'OfficerRolesChanged':
      return {
        ...state,
        officers: change(state.officers, event.data.officerId, (o) => ({
          ...o,
          roles: event.data.roles,
          includeSubordinates: event.data.includeSubordinates,
        })),
      };
    case 'OfficerAccountDisabled':
      return { ...state, officers: change(state.officers, event.data.officerId, (o) => ({ ...o, disabled: true })) };
    case 'OfficerTokenIssued':
      return { ...state, tokens: with_(state.tokens, event.data.tokenId, { ...event.data, revoked: false }) };
    case 'OfficerTokenRevoked':
      return { ...state, tokens: change(state.tokens, event.data.tokenId, (t) => ({ ...t, revoked: true })) };
    default:
      return { ...state, credentials: evolveCredentials(state.credentials, event) };
  }
}

function with_<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  const next = new Map(map);
  next.set(key, value);
  return next;
}

function change<V>(map: ReadonlyMap<string, V>, key: string, update: (value: V) => V): ReadonlyMap<string, V> {
  const current = map.get(key);
  return current === undefined ? map : with_(map, key, update(current));
}

export type TokenCheck =
  | { readonly valid: true; readonly officer: OfficerRecord; readonly tokenId: string }
  | { readonly valid: false; readonly reason: 'unknown' | 'expired' | 'revoked' | 'officer_disabled' };

/**
 * Checks a presented token. `secretHashMatches` compares in constant time (done by the caller, which
 * owns the crypto); the domain decides what the outcome means.
 */
export function checkToken(
  state: AccessControlState,
  tokenId: string,
  secretHashMatches: (storedHash: string) => boolean,
  now: Date,
): TokenCheck {
  const token = state.tokens.get(tokenId);
  if (!token || !secretHashMatches(token.secretHash)) return { valid: false, reason: 'unknown' };
  if (token.revoked) return { valid: false, reason: 'revoked' };
  if (Date.parse(token.expiresAt) <= now.getTime()) return { valid: false, reason: 'expired' };
  const officer = state.officers.get(token.officerId);
  if (!officer || officer.disabled) return { valid: false, reason: 'officer_disabled' };
  return { valid: true, officer, tokenId };
}
