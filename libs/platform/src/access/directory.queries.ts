import { QueryHandler } from '@nestjs/cqrs';
import { authorityNotFound } from '@so-goc/domain';
import {
  findAuthority,
  letterheadOf,
  listOfficers,
  listSigners,
  listSubordinates,
  type AuthorityView,
  type OfficerView,
  type SignerView,
} from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

/** The authority acted for, as the directory read model has it. */
export class AuthorityQuery extends OfficerQuery<{ authorityCode: string }, AuthorityView> {}
@QueryHandler(AuthorityQuery)
export class AuthorityHandler extends OfficerQueryHandler<AuthorityQuery> {
  protected answer({ input }: AuthorityQuery): AuthorityView {
    const view = findAuthority(this.deps.readModels, input.authorityCode);
    if (!view) throw authorityNotFound(input.authorityCode);
    return view;
  }
}

/** The units directly under the authority. */
export class SubordinatesQuery extends OfficerQuery<{ authorityCode: string }, AuthorityView[]> {}
@QueryHandler(SubordinatesQuery)
export class SubordinatesHandler extends OfficerQueryHandler<SubordinatesQuery> {
  protected answer({ input }: SubordinatesQuery): AuthorityView[] {
    return listSubordinates(this.deps.readModels, input.authorityCode);
  }
}

/** The people who sign the authority's diplomas, with their mandates. */
export class SignersQuery extends OfficerQuery<{ authorityCode: string }, SignerView[]> {}
@QueryHandler(SignersQuery)
export class SignersHandler extends OfficerQueryHandler<SignersQuery> {
  protected answer({ input }: SignersQuery): SignerView[] {
    return listSigners(this.deps.readModels, input.authorityCode);
  }
}

/** The authority's officer accounts (never their token secrets). */
export class OfficersQuery extends OfficerQuery<{ authorityCode: string }, OfficerView[]> {}
@QueryHandler(OfficersQuery)
export class OfficersHandler extends OfficerQueryHandler<OfficersQuery> {
  protected answer({ input }: OfficersQuery): OfficerView[] {
    return listOfficers(this.deps.readModels, input.authorityCode);
  }
}

/** The dateline's place is the locality in the authority's name: "Sở Giáo dục và Đào tạo Hải Phòng" → "Hải Phòng". */
export function placeOf(authorityName: string): string {
  return authorityName
    .replace(/^.*?(Đào tạo|GDĐT)\s+/u, '')
    .replace(/^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+/iu, '')
    .trim();
}

/** What heads a document an authority issues: its name, its superior's (the letterhead), and the dateline's place. */
export interface DocumentHeading {
  readonly authorityCode: string;
  readonly authorityName: string;
  readonly superiorName: string | null;
  readonly place: string;
}
export class DocumentHeadingQuery extends OfficerQuery<{ authorityCode: string }, DocumentHeading> {}
@QueryHandler(DocumentHeadingQuery)
export class DocumentHeadingHandler extends OfficerQueryHandler<DocumentHeadingQuery> {
  protected answer({ input }: DocumentHeadingQuery): DocumentHeading {
    const code = input.authorityCode;
    return {
      authorityCode: code,
      ...letterheadOf(this.deps.readModels, code),
      place: placeOf(findAuthority(this.deps.readModels, code)?.name ?? ''),
    };
  }
}

export const DIRECTORY_QUERY_HANDLERS = [AuthorityHandler, SubordinatesHandler, SignersHandler, OfficersHandler, DocumentHeadingHandler];
