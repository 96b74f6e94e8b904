import { parseBirthDate, type FieldProblem } from '@so-goc/domain';

/**
 * Optional with either way of asking: the issuer and year printed on the paper. They never widen the
 * match (the diploma is still found only by serial + holder or serial + register number); they say
 * which issuer and year the "not found" answer should tell the registry's coverage of (issue 14 §7).
 */
export interface CoverageAsked {
  readonly issuerCode: string;
  readonly year: number;
}

export type LookupRequest = (
  | { readonly kind: 'serial_holder'; readonly serial: string; readonly fullName: string; readonly birthDate: string }
  | { readonly kind: 'serial_register'; readonly serial: string; readonly registerNumber: string }
) & { readonly coverageOf?: CoverageAsked };

export const LOOKUP_FIELDS = ['serial', 'fullName', 'birthDate', 'registerNumber', 'issuerCode', 'year'] as const;
export type LookupField = (typeof LOOKUP_FIELDS)[number];

/** What the visitor typed, NFC and trimmed, to put back into the form next to the problems. */
export type TypedLookup = Partial<Record<LookupField, string>>;

export type ParsedLookup =
  | { readonly ok: true; readonly request: LookupRequest; readonly typed: TypedLookup }
  | {
      readonly ok: false;
      readonly problems: readonly FieldProblem[];
      readonly typed: TypedLookup;
      readonly kind: LookupRequest['kind'] | undefined;
    };

const MAX_LENGTH: Record<LookupField, number> = { serial: 40, fullName: 120, birthDate: 20, registerNumber: 40, issuerCode: 32, year: 4 };
const ISSUER_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const SERIAL_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u;

/**
 * One reading of the lookup query for the page and the JSON API alike, so both refuse the same inputs
 * with the same codes. Exactly one way of asking is accepted: serial + full name + birth date, or serial +
 * register number; anything looser would turn the portal into a search over the register.
 */
export function parseLookupQuery(query: Readonly<Record<string, unknown>>, ignored: readonly string[] = []): ParsedLookup {
  const problems: FieldProblem[] = [];
  const typed: TypedLookup = {};
  for (const key of Object.keys(query)) {
    if (!(LOOKUP_FIELDS as readonly string[]).includes(key) && !ignored.includes(key)) {
      problems.push(problem(key, 'UNKNOWN_FIELD', `Tham số "${key}" không được chấp nhận.`, `Parameter "${key}" is not accepted.`));
    }
  }
  for (const field of LOOKUP_FIELDS) {
    const value = query[field];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      problems.push(problem(field, 'REPEATED_FIELD', `Trường "${field}" chỉ được gửi một lần.`, `Field "${field}" must be sent once.`));
      continue;
    }
    if (typeof value !== 'string') {
      problems.push(problem(field, 'FIELD_NOT_TEXT', `Trường "${field}" phải là chuỗi ký tự.`, `Field "${field}" must be a string.`));
      continue;
    }
    const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (text.length > MAX_LENGTH[field]) {
      problems.push(problem(field, 'TOO_LONG', `Trường "${field}" quá dài.`, `Field "${field}" is too long.`));
      continue;
    }
    typed[field] = text;
  }

  const byHolder = typed.fullName !== undefined || typed.birthDate !== undefined;
  const byRegister = typed.registerNumber !== undefined;
  const kind = byHolder && !byRegister ? 'serial_holder' : byRegister && !byHolder ? 'serial_register' : undefined;
  if (typed.serial === undefined) {
    if (!problems.some((p) => p.field === 'serial'))
      problems.push(problem('serial', 'SERIAL_REQUIRED', 'Hãy nhập số hiệu văn bằng.', 'Enter the diploma serial number.'));
  } else if (!SERIAL_SHAPE.test(typed.serial)) {
    problems.push(
      problem(
        'serial',
        'SERIAL_FORMAT',
        'Số hiệu văn bằng chỉ gồm chữ, số và dấu cách, ví dụ HP 0203418.',
        'A serial number has letters, digits and spaces only, e.g. HP 0203418.',
      ),
    );
  }
  if (byHolder && byRegister) {
    problems.push(
      problem(
        'registerNumber',
        'LOOKUP_WAYS_MIXED',
        'Chọn một cách tra cứu: hoặc họ tên và ngày sinh, hoặc số vào sổ gốc.',
        'Choose one way to look up: either full name and date of birth, or register number.',
      ),
    );
  } else if (!byHolder && !byRegister) {
    if (!problems.some((p) => p.field !== 'serial')) {
      problems.push(
        problem(
          'fullName',
          'LOOKUP_WAY_REQUIRED',
          'Nhập thêm họ tên và ngày sinh, hoặc số vào sổ gốc.',
          'Also enter the full name and date of birth, or the register number.',
        ),
      );
    }
  }
  let birthDate: string | undefined;
  if (kind === 'serial_holder') {
    if (typed.fullName === undefined)
      problems.push(
        problem('fullName', 'FULL_NAME_REQUIRED', 'Hãy nhập họ và tên người được cấp văn bằng.', 'Enter the holder’s full name.'),
      );
    if (typed.birthDate === undefined) {
      problems.push(
        problem('birthDate', 'BIRTH_DATE_REQUIRED', 'Hãy nhập ngày sinh, ví dụ 18/09/2006.', 'Enter the date of birth, e.g. 18/09/2006.'),
      );
    } else {
      const parsed = parseBirthDate(typed.birthDate);
      if (parsed.ok) birthDate = parsed.value;
      else if (parsed.reason === 'impossible')
        problems.push(
          problem('birthDate', 'BIRTH_DATE_IMPOSSIBLE', 'Ngày sinh không có thật trên lịch.', 'The date of birth does not exist.'),
        );
      else
        problems.push(
          problem(
            'birthDate',
            'BIRTH_DATE_FORMAT',
            'Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 18/09/2006.',
            'The date of birth must be day/month/year, e.g. 18/09/2006.',
          ),
        );
    }
  }
  const coverageOf = readCoverageAsked(typed, problems);
  if (problems.length > 0 || kind === undefined) return { ok: false, problems, typed, kind };
  const serial = typed.serial!;
  const asked = coverageOf ? { coverageOf } : {};
  const request: LookupRequest =
    kind === 'serial_holder'
      ? { kind, serial, fullName: typed.fullName!, birthDate: birthDate!, ...asked }
      : { kind, serial, registerNumber: typed.registerNumber!, ...asked };
  return { ok: true, request, typed };
}

/** Issuer code and year go together: one without the other names no register. */
function readCoverageAsked(typed: TypedLookup, problems: FieldProblem[]): CoverageAsked | undefined {
  if (typed.issuerCode === undefined && typed.year === undefined) return undefined;
  const before = problems.length;
  const issuerCode = typed.issuerCode?.toUpperCase();
  if (issuerCode === undefined)
    problems.push(
      problem('issuerCode', 'ISSUER_REQUIRED', 'Hãy nhập mã cơ quan cấp cùng với năm cấp.', 'Enter the issuer code along with the year.'),
    );
  else if (!ISSUER_CODE.test(issuerCode))
    problems.push(
      problem(
        'issuerCode',
        'ISSUER_FORMAT',
        'Mã cơ quan cấp gồm chữ in hoa, số và dấu gạch, ví dụ SGD-HP.',
        'An issuer code has capitals, digits and dashes, e.g. SGD-HP.',
      ),
    );
  const year = typed.year === undefined ? undefined : Number(typed.year);
  if (typed.year === undefined)
    problems.push(
      problem('year', 'YEAR_REQUIRED', 'Hãy nhập năm cấp cùng với mã cơ quan cấp.', 'Enter the year along with the issuer code.'),
    );
  else if (!/^\d{4}$/.test(typed.year) || year! < 1945 || year! > 2100)
    problems.push(problem('year', 'YEAR_FORMAT', 'Năm cấp gồm 4 chữ số, ví dụ 1998.', 'The year has four digits, e.g. 1998.'));
  return problems.length > before ? undefined : { issuerCode: issuerCode!, year: year! };
}

function problem(field: string, code: string, messageVi: string, messageEn: string): FieldProblem {
  return { field, code, messageVi, messageEn };
}
