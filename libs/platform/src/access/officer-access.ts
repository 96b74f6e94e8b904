import {
  ACCESS_CONTROL_STREAM,
  DomainError,
  EMPTY_ACCESS_CONTROL,
  checkToken,
  evolveAccessControl,
  type AccessControlEvent,
  type AccessControlState,
  type AuthorityDirectory,
  type OfficerRecord,
} from '@so-goc/domain';
import { decodeEvent, StreamStateCache, type EventStore } from '@so-goc/event-store';
import { authorityDirectoryCache } from './authority-directory-cache';
import { parseBearer, secretMatches } from './officer-token';

export interface AuthenticatedOfficer {
  readonly officer: OfficerRecord;
  readonly tokenId: string;
}

const REASONS = {
  missing: [
    'Cần đăng nhập: gửi mã truy cập trong tiêu đề Authorization: Bearer …',
    'Authentication required: send a token as Authorization: Bearer …',
  ],
  unknown: ['Mã truy cập không hợp lệ.', 'The token is not valid.'],
  expired: ['Mã truy cập đã hết hạn.', 'The token has expired.'],
  revoked: ['Mã truy cập đã bị thu hồi.', 'The token has been revoked.'],
  officer_disabled: ['Tài khoản cán bộ đã bị khoá.', 'The officer account is disabled.'],
} as const;

/**
 * Authenticates bearer tokens and exposes the authority directory for scope checks. Both come from
 * their streams in the event store (never from a read model), so a revocation takes effect at once.
 */
export class OfficerAccess {
  private readonly accessControl: StreamStateCache<AccessControlState>;
  private readonly authorityDirectory: StreamStateCache<AuthorityDirectory>;

  constructor(store: EventStore) {
    this.accessControl = new StreamStateCache(store, ACCESS_CONTROL_STREAM, EMPTY_ACCESS_CONTROL, (state, event) =>
      evolveAccessControl(state, decodeEvent<AccessControlEvent>(event)),
    );
    this.authorityDirectory = authorityDirectoryCache(store);
  }

  async authenticate(authorization: string | undefined, now: Date = new Date()): Promise<AuthenticatedOfficer> {
    const presented = parseBearer(authorization);
    if (!presented) throw unauthenticated(authorization ? 'unknown' : 'missing');
    const check = checkToken(await this.accessControl.current(), presented.tokenId, (hash) => secretMatches(presented.secret, hash), now);
    if (!check.valid) throw unauthenticated(check.reason);
    return { officer: check.officer, tokenId: check.tokenId };
  }

  /** Officers and their credentials as the stream has them now: the console checks its sessions against it. */
  accessState(): Promise<AccessControlState> {
    return this.accessControl.current();
  }

  directory(): Promise<AuthorityDirectory> {
    return this.authorityDirectory.current();
  }
}

function unauthenticated(reason: keyof typeof REASONS): DomainError {
  const [vi, en] = REASONS[reason];
  return new DomainError({
    code: reason === 'missing' ? 'AUTHENTICATION_REQUIRED' : `TOKEN_${reason.toUpperCase()}`,
    kind: 'unauthenticated',
    messageVi: vi,
    messageEn: en,
  });
}
