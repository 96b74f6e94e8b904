import { QueryHandler } from '@nestjs/cqrs';
import type { DiplomaKind } from '@so-goc/domain';
import { copyRegister, diplomaGraduate, type CopyRegisterRow, type DiplomaGraduate } from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

/** One entry of a copy book as the exported file prints it: the copy and the original's graduate (national ID, decision). */
export type CopyBookEntry = CopyRegisterRow & { readonly graduate: DiplomaGraduate | null };

/**
 * The copy book (sổ cấp bản sao) of one authority, kind and year, for the file the officers' API and the
 * console send alike; a certificate kind of the catalogue has its own copy book (issue 18).
 */
export class CopyBookQuery extends OfficerQuery<
  { authorityCode: string; kind: DiplomaKind | string; year: number },
  { entries: CopyBookEntry[] }
> {}
@QueryHandler(CopyBookQuery)
export class CopyBookHandler extends OfficerQueryHandler<CopyBookQuery> {
  protected answer({ input }: CopyBookQuery): { entries: CopyBookEntry[] } {
    const db = this.deps.readModels;
    return { entries: copyRegister(db, input).map((c) => ({ ...c, graduate: diplomaGraduate(db, c.diplomaId) ?? null })) };
  }
}

export const EXPORT_QUERY_HANDLERS = [CopyBookHandler];
