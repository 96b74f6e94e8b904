import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { OFFICER_ROLES, type Actor, type OfficerRole } from '@so-goc/domain';
import type { AuthenticatedOfficer } from './officer-access';

export const OFFICER_ROUTE = 'so-goc:officer-route';
export const PUBLIC_ROUTE = 'so-goc:public-route';

/** Every role may read; the auditor may do nothing else. */
export const READ_ROLES: readonly OfficerRole[] = OFFICER_ROLES;

/**
 * Marks an officer route and the roles that may use it. Its path must carry the acting authority as
 * `:code`; the guard checks that authority against the officer's scope.
 */
export const OfficerRoute = (...roles: OfficerRole[]): MethodDecorator & ClassDecorator => SetMetadata(OFFICER_ROUTE, roles);

/** Health and documentation: the only routes that need no officer. */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

export interface OfficerRequest extends Request {
  officerAccess?: AuthenticatedOfficer & { actingRole: OfficerRole };
}

/** The actor recorded in every event's metadata: who, in which role, for which authority. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const access = context.switchToHttp().getRequest<OfficerRequest>().officerAccess;
  if (!access) throw new Error('CurrentActor used on a route the officer guard did not authorise');
  return { officerId: access.officer.officerId, role: access.actingRole, authorityCode: access.officer.authorityCode };
});
