/**
 * Every refusal the system gives has a stable machine code, a Vietnamese message for officers and the
 * public, an English one for integrators, and, when one input is at fault, the field's path.
 * The kind decides the HTTP status at the edge; the domain never speaks HTTP.
 */
export type ErrorKind =
  'invalid_input' | 'rule_violation' | 'not_found' | 'conflict' | 'precondition_failed' | 'unauthenticated' | 'forbidden';

export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
}

export interface ProblemDescription {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly field?: string;
  /** Number of the rule in docs/domain.md §3 that the refusal enforces. */
  readonly rule?: number;
  readonly fieldProblems?: readonly FieldProblem[];
}

export class DomainError extends Error {
  constructor(readonly problem: ProblemDescription) {
    super(`${problem.code}: ${problem.messageEn}`);
    this.name = 'DomainError';
  }

  get code(): string {
    return this.problem.code;
  }
}

export function invalidInput(fieldProblems: readonly FieldProblem[]): DomainError {
  const first = fieldProblems[0];
  return new DomainError({
    code: 'INVALID_INPUT',
    kind: 'invalid_input',
    messageVi: 'Dữ liệu gửi lên không hợp lệ.',
    messageEn: 'The submitted data is not valid.',
    ...(first ? { field: first.field } : {}),
    fieldProblems,
  });
}
