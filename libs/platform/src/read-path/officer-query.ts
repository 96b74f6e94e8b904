import { Inject, Injectable } from '@nestjs/common';
import { Query, type QueryResult } from '@nestjs/cqrs';
import type { Database } from 'better-sqlite3';
import type { AuthorityDirectory } from '@so-goc/domain';
import { OfficerAccess } from '../access/officer-access';
import { READ_MODELS } from '../infrastructure';

/**
 * One question an officer asks (issue 12, item 1): what is asked, for which authority (the one the
 * officer acts for, already checked by the route's guard against the officer's scope). Every officers'
 * query goes through the QueryBus as one of these, from the officers' API and, when it wants, the console;
 * TResult is what `queryBus.execute(query)` answers, typed.
 */
export abstract class OfficerQuery<TInput extends { readonly authorityCode: string }, TResult> extends Query<TResult> {
  constructor(readonly input: TInput) {
    super();
  }
}

/** What query handlers read: the read models (projections only, architecture §5) and the directory folded from its stream. */
@Injectable()
export class ReadDependencies {
  constructor(
    @Inject(READ_MODELS) readonly readModels: Database,
    private readonly access: OfficerAccess,
  ) {}

  directory(): Promise<AuthorityDirectory> {
    return this.access.directory();
  }
}

/**
 * The one read path for officers: a handler answers one query from the read models, and decides who
 * may see which record (a print run of another authority is "not found", a blank serial only to the
 * authorities it passed through) — the same rule for every caller, not one per controller.
 */
@Injectable()
export abstract class OfficerQueryHandler<TQuery extends OfficerQuery<{ readonly authorityCode: string }, unknown>> {
  constructor(protected readonly deps: ReadDependencies) {}

  async execute(query: TQuery): Promise<QueryResult<TQuery>> {
    return this.answer(query);
  }

  protected abstract answer(query: TQuery): QueryResult<TQuery> | Promise<QueryResult<TQuery>>;
}
