import { QueryHandler } from '@nestjs/cqrs';
import { DomainError, vietnamDateOf } from '@so-goc/domain';
import { recognitionById, recognitionRegister, recognitionsOf, recognitionsOverdue, type RecognitionView } from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

/** The recognition applications (docs/domain.md §8) an authority received. */
export class RecognitionsQuery extends OfficerQuery<{ authorityCode: string }, { recognitions: RecognitionView[] }> {}
@QueryHandler(RecognitionsQuery)
export class RecognitionsHandler extends OfficerQueryHandler<RecognitionsQuery> {
  protected answer({ input }: RecognitionsQuery): { recognitions: RecognitionView[] } {
    return { recognitions: recognitionsOf(this.deps.readModels, input.authorityCode) };
  }
}

/** Applications without a result past their due day (`today` YYYY-MM-DD; Vietnam's today when absent or unreadable). */
export class RecognitionsOverdueQuery extends OfficerQuery<
  { authorityCode: string; today?: string },
  { today: string; recognitions: RecognitionView[] }
> {}
@QueryHandler(RecognitionsOverdueQuery)
export class RecognitionsOverdueHandler extends OfficerQueryHandler<RecognitionsOverdueQuery> {
  protected answer({ input }: RecognitionsOverdueQuery): { today: string; recognitions: RecognitionView[] } {
    const today = input.today && /^\d{4}-\d{2}-\d{2}$/.test(input.today) ? input.today : vietnamDateOf(new Date());
    return { today, recognitions: recognitionsOverdue(this.deps.readModels, input.authorityCode, today) };
  }
}

/** One application, its verification and its decision or refusal: the receiving authority's only (another's is 404). */
export class RecognitionQuery extends OfficerQuery<{ authorityCode: string; recognitionId: string }, RecognitionView> {}
@QueryHandler(RecognitionQuery)
export class RecognitionHandler extends OfficerQueryHandler<RecognitionQuery> {
  protected answer({ input }: RecognitionQuery): RecognitionView {
    const found = recognitionById(this.deps.readModels, input.recognitionId);
    if (!found || found.authorityCode !== input.authorityCode)
      throw new DomainError({
        code: 'RECOGNITION_NOT_FOUND',
        kind: 'not_found',
        messageVi: 'Không có hồ sơ đề nghị công nhận này.',
        messageEn: 'No such recognition application.',
        field: 'recognitionId',
      });
    return found;
  }
}

/** The recognition register (sổ theo dõi công nhận) of one authority and decision year. */
export class RecognitionRegisterQuery extends OfficerQuery<{ authorityCode: string; year: number }, RecognitionView[]> {}
@QueryHandler(RecognitionRegisterQuery)
export class RecognitionRegisterHandler extends OfficerQueryHandler<RecognitionRegisterQuery> {
  protected answer({ input }: RecognitionRegisterQuery): RecognitionView[] {
    return recognitionRegister(this.deps.readModels, input.authorityCode, input.year);
  }
}

export const RECOGNITION_QUERY_HANDLERS = [RecognitionsHandler, RecognitionsOverdueHandler, RecognitionHandler, RecognitionRegisterHandler];
