import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, isWithinScope, type OfficerRole } from '@so-goc/domain';
import { OfficerAccess } from './officer-access';
import { OFFICER_ROUTE, PUBLIC_ROUTE, type OfficerRequest } from './officer-route';

/**
 * Runs before validation on every route: 401 without a valid token; 403 for a role the route does not
 * admit or an authority outside the officer's scope. Routes that declare nothing are refused, so a
 * forgotten decorator fails closed.
 */
@Injectable()
export class OfficerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: OfficerAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<OfficerRole[] | undefined>(OFFICER_ROUTE, targets);
    const request = context.switchToHttp().getRequest<OfficerRequest>();
    const authenticated = await this.access.authenticate(request.header('authorization'));
    const actingRole = roles?.find((role) => authenticated.officer.roles.includes(role));
    if (!roles || !actingRole)
      throw forbidden('ROLE_NOT_ALLOWED', 'Vai trò của bạn không được thực hiện thao tác này.', 'Your role may not perform this action.');
    const target = request.params.code;
    const { authorityCode, includeSubordinates } = authenticated.officer;
    // Most requests act for the officer's own authority; only the others need the directory read.
    const inScope =
      typeof target === 'string' &&
      (target === authorityCode ||
        (includeSubordinates && isWithinScope(await this.access.directory(), { authorityCode, includeSubordinates }, target)));
    if (!inScope) {
      throw forbidden(
        'OUTSIDE_SCOPE',
        'Đơn vị này nằm ngoài phạm vi tài khoản của bạn.',
        'This authority is outside your account’s scope.',
      );
    }
    request.officerAccess = { ...authenticated, actingRole };
    return true;
  }
}

function forbidden(code: string, vi: string, en: string): DomainError {
  return new DomainError({ code, kind: 'forbidden', messageVi: vi, messageEn: en });
}
