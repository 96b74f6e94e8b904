import { QueryHandler } from '@nestjs/cqrs';
import { DomainError, FINDING_SEVERITIES, FINDING_STATES, isWithinScope, type ErrorKind } from '@so-goc/domain';
import {
  AUDIT_PATTERNS,
  findAuthority,
  findingHistory,
  findings,
  publicListingExemptions,
  type FindingFilter,
  type FindingView,
} from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler, type ReadDependencies } from '../read-path/officer-query';

export function invalidFilter(field: string, messageVi: string, messageEn: string, kind: ErrorKind = 'invalid_input'): DomainError {
  return new DomainError({ code: kind === 'not_found' ? 'FINDING_NOT_FOUND' : 'INVALID_FILTER', kind, messageVi, messageEn, field });
}

/** What an auditor narrows findings by (all optional; `authority` = one unit of the authority's own). */
export interface FindingFilterInput {
  readonly authorityCode: string;
  readonly pattern?: string | undefined;
  readonly severity?: string | undefined;
  readonly state?: string | undefined;
  readonly authority?: string | undefined;
}

/** The authority and its units (a Sở watches its Phòng and communes), narrowed by the filters; another authority's unit is refused. */
async function findingFilter(deps: ReadDependencies, input: FindingFilterInput): Promise<FindingFilter> {
  const { authorityCode, pattern, severity, state, authority } = input;
  if (pattern && !(AUDIT_PATTERNS as readonly string[]).includes(pattern))
    throw invalidFilter(
      'pattern',
      `Dấu hiệu phải là một trong ${AUDIT_PATTERNS.join(', ')}.`,
      `pattern must be one of ${AUDIT_PATTERNS.join(', ')}.`,
    );
  if (severity && !(FINDING_SEVERITIES as readonly string[]).includes(severity))
    throw invalidFilter(
      'severity',
      `Mức độ phải là một trong ${FINDING_SEVERITIES.join(', ')}.`,
      `severity must be one of ${FINDING_SEVERITIES.join(', ')}.`,
    );
  if (state && !(FINDING_STATES as readonly string[]).includes(state))
    throw invalidFilter(
      'state',
      `Trạng thái phải là một trong ${FINDING_STATES.join(', ')}.`,
      `state must be one of ${FINDING_STATES.join(', ')}.`,
    );
  const directory = await deps.directory();
  const scope = [...directory.authorities.keys()].filter((other) =>
    isWithinScope(directory, { authorityCode, includeSubordinates: true }, other),
  );
  if (authority && !scope.includes(authority))
    throw invalidFilter(
      'authority',
      `Đơn vị ${authority} không thuộc ${authorityCode}.`,
      `Authority ${authority} is not ${authorityCode} or one of its units.`,
    );
  return {
    authorityCodes: authority ? [authority] : scope,
    ...(pattern ? { pattern } : {}),
    ...(severity ? { severity } : {}),
    ...(state ? { state } : {}),
  };
}

/** Findings of the authority and its units, with how many serious ones are still open (a home page's badge). */
export class AuditFindingsQuery extends OfficerQuery<FindingFilterInput, { findings: FindingView[]; count: number; newSerious: number }> {}
@QueryHandler(AuditFindingsQuery)
export class AuditFindingsHandler extends OfficerQueryHandler<AuditFindingsQuery> {
  protected async answer({ input }: AuditFindingsQuery) {
    const rows = findings(this.deps.readModels, await findingFilter(this.deps, input));
    return {
      findings: rows,
      count: rows.length,
      newSerious: rows.filter((f) => f.state === 'open' && (f.severity === 'critical' || f.severity === 'high')).length,
    };
  }
}

/** One finding of the authority or its units, with its handling history; another authority's is "not found". */
export class AuditFindingQuery extends OfficerQuery<
  { authorityCode: string; findingId: string },
  FindingView & { history: ReturnType<typeof findingHistory> }
> {}
@QueryHandler(AuditFindingQuery)
export class AuditFindingHandler extends OfficerQueryHandler<AuditFindingQuery> {
  protected async answer({ input: { authorityCode, findingId } }: AuditFindingQuery) {
    const filter = await findingFilter(this.deps, { authorityCode });
    const [finding] = findings(this.deps.readModels, filter).filter((f) => f.findingId === findingId);
    if (!finding)
      throw invalidFilter(
        'findingId',
        `Không có phát hiện ${findingId} của đơn vị.`,
        `No finding ${findingId} for this authority.`,
        'not_found',
      );
    return { ...finding, history: findingHistory(this.deps.readModels, findingId) };
  }
}

/** The findings still open, for the export, with the filter used and the authority's name for the heading. */
export class OpenFindingsQuery extends OfficerQuery<
  FindingFilterInput,
  { filter: FindingFilter; rows: FindingView[]; authorityName: string }
> {}
@QueryHandler(OpenFindingsQuery)
export class OpenFindingsHandler extends OfficerQueryHandler<OpenFindingsQuery> {
  protected async answer({ input }: OpenFindingsQuery) {
    const filter = await findingFilter(this.deps, input);
    const rows = findings(this.deps.readModels, filter).filter((f) => f.state !== 'closed');
    return { filter, rows, authorityName: findAuthority(this.deps.readModels, input.authorityCode)?.name ?? input.authorityCode };
  }
}

/** §5.1: diplomas kept out of the public lookup, who decided it, when and why, for the authority and its units. */
export class PublicListingExemptionsQuery extends OfficerQuery<
  { authorityCode: string },
  { exemptions: ReturnType<typeof publicListingExemptions> }
> {}
@QueryHandler(PublicListingExemptionsQuery)
export class PublicListingExemptionsHandler extends OfficerQueryHandler<PublicListingExemptionsQuery> {
  protected async answer({ input }: PublicListingExemptionsQuery) {
    const { authorityCodes } = await findingFilter(this.deps, { authorityCode: input.authorityCode });
    return { exemptions: publicListingExemptions(this.deps.readModels, authorityCodes) };
  }
}

export const AUDIT_QUERY_HANDLERS = [AuditFindingsHandler, AuditFindingHandler, OpenFindingsHandler, PublicListingExemptionsHandler];
