import { QueryHandler } from '@nestjs/cqrs';
import { DomainError, type DiplomaKind } from '@so-goc/domain';
import {
  copyRegister,
  copyRequestsPastDue,
  verificationRequestById,
  type CopyRegisterRow,
  type VerificationRequestView,
} from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

/** The copy register (sổ cấp bản sao) of one authority, kind and year. */
export class CopyRegisterQuery extends OfficerQuery<
  /** A diploma kind, or a certificate kind of the catalogue (its copy book, issue 18). */
  { authorityCode: string; kind: DiplomaKind | string; year: number },
  { copies: CopyRegisterRow[] }
> {}
@QueryHandler(CopyRegisterQuery)
export class CopyRegisterHandler extends OfficerQueryHandler<CopyRegisterQuery> {
  protected answer({ input }: CopyRegisterQuery): { copies: CopyRegisterRow[] } {
    return { copies: copyRegister(this.deps.readModels, input) };
  }
}

/** Copy requests past their due time at a moment (ISO; now when absent or unreadable). */
export class CopyRequestsPastDueQuery extends OfficerQuery<
  { authorityCode: string; now?: string },
  { now: string; requests: ReturnType<typeof copyRequestsPastDue> }
> {}
@QueryHandler(CopyRequestsPastDueQuery)
export class CopyRequestsPastDueHandler extends OfficerQueryHandler<CopyRequestsPastDueQuery> {
  protected answer({ input }: CopyRequestsPastDueQuery) {
    const now = input.now && !Number.isNaN(Date.parse(input.now)) ? new Date(input.now).toISOString() : new Date().toISOString();
    return { now, requests: copyRequestsPastDue(this.deps.readModels, input.authorityCode, now) };
  }
}

/** A police or employer's verification letter and its answer: the receiving authority's only. */
export class VerificationRequestQuery extends OfficerQuery<{ authorityCode: string; requestId: string }, VerificationRequestView> {}
@QueryHandler(VerificationRequestQuery)
export class VerificationRequestHandler extends OfficerQueryHandler<VerificationRequestQuery> {
  protected answer({ input }: VerificationRequestQuery): VerificationRequestView {
    const found = verificationRequestById(this.deps.readModels, input.requestId);
    if (!found || found.authorityCode !== input.authorityCode)
      throw new DomainError({
        code: 'VERIFICATION_REQUEST_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có công văn này.',
        messageEn: 'No such letter.',
        field: 'requestId',
      });
    return found;
  }
}

export const COPY_QUERY_HANDLERS = [CopyRegisterHandler, CopyRequestsPastDueHandler, VerificationRequestHandler];
