import { QueryHandler } from '@nestjs/cqrs';
import { DomainError, isIsoDate, registersHeldOn, vietnamDateOf, type DiplomaKind } from '@so-goc/domain';
import {
  correctionRequestsPastDue,
  findDiplomas,
  overdueIssuance,
  overdueReturns,
  registerAppendix,
  type AppendixRowView,
  type DiplomaQuery,
  type OverdueDecision,
  type OverdueReturn,
  type RegisterEntryView,
} from '@so-goc/projections';
import { OfficerQuery, OfficerQueryHandler } from '../read-path/officer-query';

/** The day a "what is overdue" question is asked about: the one given (ISO), else today in Việt Nam. */
function dayOf(today: string | undefined): string {
  return today && isIsoDate(today) ? today : vietnamDateOf(new Date());
}

/**
 * Diplomas by serial, by register number, or by full name + birth date (diacritic-insensitive), in the
 * books the authority holds today: its own and those inherited from merged or abolished units.
 */
export class FindDiplomasQuery extends OfficerQuery<
  { authorityCode: string; serial?: string; registerNumber?: string; fullName?: string; birthDate?: string },
  { diplomas: RegisterEntryView[] }
> {}
@QueryHandler(FindDiplomasQuery)
export class FindDiplomasHandler extends OfficerQueryHandler<FindDiplomasQuery> {
  protected async answer({ input }: FindDiplomasQuery): Promise<{ diplomas: RegisterEntryView[] }> {
    const search = diplomaSearch(input);
    const held = registersHeldOn(await this.deps.directory(), input.authorityCode, vietnamDateOf(new Date()));
    return { diplomas: findDiplomas(this.deps.readModels, held, search) };
  }
}

function diplomaSearch(input: FindDiplomasQuery['input']): DiplomaQuery {
  if (input.serial) return { serial: input.serial };
  if (input.registerNumber) return { registerNumber: input.registerNumber };
  if (input.fullName && input.birthDate) return { fullName: input.fullName.normalize('NFC'), birthDate: input.birthDate };
  throw new DomainError({
    code: 'QUERY_INCOMPLETE',
    kind: 'invalid_input',
    messageVi: 'Tìm theo số hiệu, theo số vào sổ, hoặc theo họ tên cùng ngày sinh.',
    messageEn: 'Search by serial, by register number, or by full name together with date of birth.',
    field: 'serial',
  });
}

/** Rule 7: decisions with graduates still without a diploma past the deadline. */
export class OverdueIssuanceQuery extends OfficerQuery<
  { authorityCode: string; today?: string },
  { today: string; overdue: OverdueDecision[] }
> {}
@QueryHandler(OverdueIssuanceQuery)
export class OverdueIssuanceHandler extends OfficerQueryHandler<OverdueIssuanceQuery> {
  protected answer({ input }: OverdueIssuanceQuery): { today: string; overdue: OverdueDecision[] } {
    const today = dayOf(input.today);
    return { today, overdue: overdueIssuance(this.deps.readModels, input.authorityCode, today) };
  }
}

/** The register appendix (phụ lục sổ gốc): corrections and reissues of one book, in decision order. */
export class RegisterAppendixQuery extends OfficerQuery<
  { authorityCode: string; kind: DiplomaKind; year: number },
  { rows: AppendixRowView[] }
> {}
@QueryHandler(RegisterAppendixQuery)
export class RegisterAppendixHandler extends OfficerQueryHandler<RegisterAppendixQuery> {
  protected answer({ input }: RegisterAppendixQuery): { rows: AppendixRowView[] } {
    return { rows: registerAppendix(this.deps.readModels, input) };
  }
}

/** Rule 29: correction requests not settled within 5 working days. */
export class CorrectionRequestsPastDueQuery extends OfficerQuery<
  { authorityCode: string; today?: string },
  { today: string; requests: ReturnType<typeof correctionRequestsPastDue> }
> {}
@QueryHandler(CorrectionRequestsPastDueQuery)
export class CorrectionRequestsPastDueHandler extends OfficerQueryHandler<CorrectionRequestsPastDueQuery> {
  protected answer({ input }: CorrectionRequestsPastDueQuery) {
    const today = dayOf(input.today);
    return { today, requests: correctionRequestsPastDue(this.deps.readModels, input.authorityCode, today) };
  }
}

/** Rule 43: revoked diplomas not handed back within 30 days. */
export class OverdueReturnsQuery extends OfficerQuery<
  { authorityCode: string; today?: string },
  { today: string; overdue: OverdueReturn[] }
> {}
@QueryHandler(OverdueReturnsQuery)
export class OverdueReturnsHandler extends OfficerQueryHandler<OverdueReturnsQuery> {
  protected answer({ input }: OverdueReturnsQuery): { today: string; overdue: OverdueReturn[] } {
    const today = dayOf(input.today);
    return { today, overdue: overdueReturns(this.deps.readModels, input.authorityCode, today) };
  }
}

export const DIPLOMA_QUERY_HANDLERS = [
  FindDiplomasHandler,
  OverdueIssuanceHandler,
  RegisterAppendixHandler,
  CorrectionRequestsPastDueHandler,
  OverdueReturnsHandler,
];
