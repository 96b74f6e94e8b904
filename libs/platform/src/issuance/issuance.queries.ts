import { QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@so-goc/domain';
import { decisionAuthority, decisionDiplomas, printRunView, type PrintRunView } from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

/** A print run and its print job (each blank in order with its register number, serial and holder): its authority's only. */
export class PrintRunQuery extends OfficerQuery<{ authorityCode: string; printRunId: string }, PrintRunView> {}
@QueryHandler(PrintRunQuery)
export class PrintRunHandler extends OfficerQueryHandler<PrintRunQuery> {
  protected answer({ input }: PrintRunQuery): PrintRunView {
    const run = printRunView(this.deps.readModels, input.printRunId);
    if (!run || run.authorityCode !== input.authorityCode) {
      throw new DomainError({
        code: 'PRINT_RUN_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có đợt in này.',
        messageEn: 'No such print run.',
        field: 'printRunId',
      });
    }
    return run;
  }
}

/** The graduates of a decision with the state of their diplomas: the deciding authority's only. */
export class DecisionDiplomasQuery extends OfficerQuery<
  { authorityCode: string; decisionId: string },
  { decisionId: string; diplomas: ReturnType<typeof decisionDiplomas> }
> {}
@QueryHandler(DecisionDiplomasQuery)
export class DecisionDiplomasHandler extends OfficerQueryHandler<DecisionDiplomasQuery> {
  protected answer({ input: { authorityCode, decisionId } }: DecisionDiplomasQuery) {
    const rows = decisionDiplomas(this.deps.readModels, decisionId);
    if (rows.length === 0 || decisionAuthority(this.deps.readModels, decisionId) !== authorityCode) {
      throw new DomainError({
        code: 'DECISION_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có quyết định này.',
        messageEn: 'No such decision.',
        field: 'decisionId',
      });
    }
    return { decisionId, diplomas: rows };
  }
}

export const ISSUANCE_QUERY_HANDLERS = [PrintRunHandler, DecisionDiplomasHandler];
