import type { ErrorKind, ProblemDescription } from '@so-goc/domain';

/** RFC 9457 problem details, with the bilingual fields every Sổ Gốc client relies on. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly field?: string;
  readonly rule?: number;
  readonly fieldProblems?: ProblemDescription['fieldProblems'];
  readonly instance?: string;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  rule_violation: 422,
};

export function statusOf(kind: ErrorKind): number {
  return STATUS_BY_KIND[kind];
}

export function toProblemDocument(problem: ProblemDescription, status: number, instance?: string): ProblemDocument {
  return {
    type: `urn:so-goc:problem:${problem.code.toLowerCase().replace(/_/g, '-')}`,
    title: problem.messageVi,
    status,
    code: problem.code,
    messageVi: problem.messageVi,
    messageEn: problem.messageEn,
    ...(problem.field !== undefined ? { field: problem.field } : {}),
    ...(problem.rule !== undefined ? { rule: problem.rule } : {}),
    ...(problem.fieldProblems !== undefined ? { fieldProblems: problem.fieldProblems } : {}),
    ...(instance !== undefined ? { instance } : {}),
  };
}
