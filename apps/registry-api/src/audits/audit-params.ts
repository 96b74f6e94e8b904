import { DomainError, type ErrorKind } from '@so-goc/domain';

export function invalidFilter(field: string, messageVi: string, messageEn: string, kind: ErrorKind = 'invalid_input'): DomainError {
  return new DomainError({ code: kind === 'not_found' ? 'FINDING_NOT_FOUND' : 'INVALID_FILTER', kind, messageVi, messageEn, field });
}
