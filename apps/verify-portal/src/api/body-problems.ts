import type { ProblemDescription } from '@so-goc/domain';

const PROBLEMS: Record<'BODY_TOO_LARGE' | 'BODY_UNSUPPORTED' | 'BODY_MALFORMED', ProblemDescription> = {
  BODY_TOO_LARGE: {
    code: 'BODY_TOO_LARGE',
    kind: 'invalid_input',
    messageVi: 'Nội dung gửi lên quá lớn cho một lượt tra cứu.',
    messageEn: 'The request body is too large for a lookup.',
  },
  BODY_UNSUPPORTED: {
    code: 'BODY_UNSUPPORTED',
    kind: 'invalid_input',
    messageVi: 'Hãy gửi thông tin tra cứu dạng biểu mẫu (application/x-www-form-urlencoded) hoặc JSON.',
    messageEn: 'Send the lookup as a form (application/x-www-form-urlencoded) or as JSON.',
  },
  BODY_MALFORMED: {
    code: 'BODY_MALFORMED',
    kind: 'invalid_input',
    messageVi: 'Nội dung gửi lên không phải một đối tượng JSON hợp lệ.',
    messageEn: 'The request body is not a valid JSON object.',
  },
};

export function bodyProblem(code: keyof typeof PROBLEMS): ProblemDescription {
  return PROBLEMS[code];
}
