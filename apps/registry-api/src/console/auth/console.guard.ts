import { timingSafeEqual } from 'node:crypto';
import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, isWithinScope, type OfficerRole } from '@so-goc/domain';
import { OfficerAccess, type OfficerRequest } from '@so-goc/platform';
import { cookie } from './console-http';
import { SESSION_COOKIE, SessionStore, type ConsoleSession } from './session-store';

const CONSOLE_ROUTE = 'so-goc:console-route';

/** A console page for signed-in officers holding one of these roles, for the authority in `:code`. */
export const ConsolePage = (...roles: OfficerRole[]): MethodDecorator & ClassDecorator => SetMetadata(CONSOLE_ROUTE, roles);
/** Sign-in pages and assets: a session may be anonymous or absent. */
export const ConsoleOpen = (): MethodDecorator & ClassDecorator => SetMetadata(CONSOLE_ROUTE, 'open');

export interface ConsoleRequest extends OfficerRequest {
  console?: { id: string; session: ConsoleSession };
}

/** Thrown when a page needs a signed-in officer and there is none: the filter sends the browser to sign in. */
export class SignInRequired extends Error {}

/**
 * The console's counterpart of the bearer-token guard: a live session (not idle, officer not disabled,
 * checked against the access-control stream on every request), the route's role, the authority in
 * scope, and a CSRF token on every POST. Routes that declare nothing are refused.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: OfficerAccess,
    private readonly sessions: SessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const declared = this.reflector.getAllAndOverride<OfficerRole[] | 'open' | undefined>(CONSOLE_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const id = cookie(request, SESSION_COOKIE);
    const session = this.sessions.touch(id);
    if (session && id) request.console = { id, session };
    if (request.method !== 'GET' && request.method !== 'HEAD' && !csrfMatches(request, session)) {
      throw forbidden(
        'CSRF_TOKEN_MISSING',
        'Biểu mẫu đã hết hạn hoặc không gửi từ trang của hệ thống; hãy tải lại trang và gửi lại.',
        'The form has expired or did not come from this site; reload the page and send it again.',
      );
    }
    if (declared === 'open') return true;
    if (!declared) throw forbidden('ROLE_NOT_ALLOWED', 'Trang này không mở cho tài khoản nào.', 'This page is open to no account.');
    if (!session || session.stage !== 'signed-in' || !session.officerId) throw new SignInRequired();
    const officer = (await this.access.accessState()).officers.get(session.officerId);
    if (!officer || officer.disabled) {
      // Disabled by an administrator a moment ago: every session of the account ends now.
      this.sessions.destroyOfficer(session.officerId);
      throw new SignInRequired();
    }
    const actingRole = declared.find((role) => officer.roles.includes(role));
    if (!actingRole)
      throw forbidden('ROLE_NOT_ALLOWED', 'Vai trò của bạn không được thực hiện thao tác này.', 'Your role may not perform this action.');
    const target = request.params['code'];
    const inScope =
      typeof target === 'string' &&
      (target === officer.authorityCode ||
        (officer.includeSubordinates &&
          isWithinScope(await this.access.directory(), { authorityCode: officer.authorityCode, includeSubordinates: true }, target)));
    if (!inScope)
      throw forbidden(
        'OUTSIDE_SCOPE',
        'Đơn vị này nằm ngoài phạm vi tài khoản của bạn.',
        'This authority is outside your account’s scope.',
      );
    request.officerAccess = { officer, tokenId: 'console-session', actingRole };
    return true;
  }
}

function csrfMatches(request: ConsoleRequest, session: ConsoleSession | undefined): boolean {
  if (!session) return false;
  const body = request.body as Record<string, unknown> | undefined;
  // A multipart form's body is parsed after this guard, so such forms carry the token in their action URL.
  const presented =
    typeof body?.['_csrf'] === 'string' ? body['_csrf'] : typeof request.query['_csrf'] === 'string' ? request.query['_csrf'] : '';
  const a = Buffer.from(presented);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

function forbidden(code: string, vi: string, en: string): DomainError {
  return new DomainError({ code, kind: 'forbidden', messageVi: vi, messageEn: en });
}
