import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { invalidInput, type FieldProblem } from '@so-goc/domain';

/** Vietnamese wording for class-validator's constraints; the English comes from class-validator. */
const VIETNAMESE: Record<string, (field: string) => string> = {
  isNotEmpty: (f) => `Trường "${f}" là bắt buộc.`,
  isDefined: (f) => `Trường "${f}" là bắt buộc.`,
  isString: (f) => `Trường "${f}" phải là chuỗi ký tự.`,
  isInt: (f) => `Trường "${f}" phải là số nguyên.`,
  isBoolean: (f) => `Trường "${f}" phải là đúng/sai.`,
  maxLength: (f) => `Trường "${f}" quá dài.`,
  minLength: (f) => `Trường "${f}" quá ngắn.`,
  matches: (f) => `Trường "${f}" sai định dạng.`,
  isIn: (f) => `Giá trị của "${f}" không nằm trong danh sách cho phép.`,
  isEnum: (f) => `Giá trị của "${f}" không nằm trong danh sách cho phép.`,
  isISO8601: (f) => `Trường "${f}" phải là ngày hợp lệ.`,
  isUUID: (f) => `Trường "${f}" phải là mã UUID.`,
  whitelistValidation: (f) => `Trường "${f}" không được chấp nhận ở đây.`,
};

const CODES: Record<string, string> = {
  isNotEmpty: 'REQUIRED',
  isDefined: 'REQUIRED',
  whitelistValidation: 'UNKNOWN_FIELD',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  matches: 'BAD_FORMAT',
  isIn: 'NOT_ALLOWED_VALUE',
  isEnum: 'NOT_ALLOWED_VALUE',
};

export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, messageEn] of Object.entries(error.constraints ?? {})) {
      problems.push({
        field,
        code: CODES[constraint] ?? constraint.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
        messageVi: (VIETNAMESE[constraint] ?? ((f: string) => `Trường "${f}" không hợp lệ.`))(field),
        messageEn,
      });
    }
    problems.push(...flattenValidationErrors(error.children ?? [], field));
  }
  return problems;
}

/** class-validator on every DTO; unknown fields are refused rather than silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidInput(flattenValidationErrors(errors)),
  });
}
