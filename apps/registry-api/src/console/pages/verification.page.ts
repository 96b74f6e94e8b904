import type { SignerView, VerificationLetterRow, VerificationRequestView } from '@so-goc/projections';
import {
  errorSummary,
  form,
  notice,
  pager,
  selectField,
  submit,
  summaryList,
  table,
  tag,
  textArea,
  textField,
  type FieldError,
  type TagColour,
} from '../ui/components';
import { markup, type Html, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { PAGE_SIZE } from './act-pages';
import { HOLDER_FIELD_WORDS } from './after-issuance.page';
import { dmy, type FormValues } from './form-input';

const DATE_HINT: Words = { vi: 'ngày/tháng/năm', en: 'day/month/year' };

const RESULT_WORDS: Record<string, [Words, TagColour]> = {
  MATCH: [{ vi: 'Khớp với sổ gốc', en: 'Matches the register' }, 'green'],
  MISMATCH: [{ vi: 'Không khớp', en: 'Does not match' }, 'amber'],
  NOT_FOUND: [{ vi: 'Không có trong sổ gốc', en: 'Not in the register' }, 'grey'],
  REVOKED: [{ vi: 'Đã bị thu hồi', en: 'Revoked' }, 'red'],
  CORRECTED: [{ vi: 'Hợp lệ, đã chỉnh sửa', en: 'Valid, corrected' }, 'blue'],
};

type Answer = NonNullable<VerificationRequestView['answers']>[number];

export function answerText(ctx: PageContext, a: Answer): SafeHtml {
  const [words, colour] = RESULT_WORDS[a.result] ?? [{ vi: a.result, en: a.result }, 'grey' as const];
  const fields = a.mismatchedFields.map((f) => HOLDER_FIELD_WORDS[f as keyof typeof HOLDER_FIELD_WORDS]?.[ctx.lang] ?? f).join(', ');
  const decisions = a.decisions.map((d) => `${d.decisionNumber} (${dmy(d.decisionDate)})`).join(', ');
  return markup`${tag(words[ctx.lang], colour)}${fields ? ` ${ctx.lang === 'vi' ? 'ở' : 'in'}: ${fields}` : ''}${decisions ? ` — ${ctx.lang === 'vi' ? 'quyết định' : 'decision'} ${decisions}` : ''}`;
}

export function letterFormPage(ctx: PageContext, o: { values: FormValues; errors: readonly FieldError[]; commandId?: string }): string {
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const errors = o.errors;
  const base = consoleBase(ctx.authorityCode ?? '');
  return page(ctx, {
    title: { vi: 'Nhập công văn xác minh', en: 'Enter a verification letter' },
    nav: 'verification',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}<p class="hint">${vi ? 'Xác minh văn bằng' : 'Verification'}</p><h1>${vi ? 'Nhập công văn đề nghị xác minh' : 'Enter a verification letter'}</h1>
${form(
  ctx,
  { action: `${base}/verification/new`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${textField(ctx.lang, { name: 'requestId', label: { vi: 'Số hồ sơ', en: 'File number' }, hint: { vi: 'Chữ, số và gạch ngang, ví dụ cv-ca-2026-17', en: 'Letters, digits and hyphens, e.g. cv-ca-2026-17' }, value: v['requestId'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'organisation', label: { vi: 'Cơ quan gửi', en: 'Sent by' }, value: v['organisation'] ?? '', errors })}
${textField(ctx.lang, { name: 'letterNumber', label: { vi: 'Số công văn', en: 'Letter number' }, value: v['letterNumber'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'letterDate', label: { vi: 'Ngày công văn', en: 'Letter date' }, hint: DATE_HINT, value: v['letterDate'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'receivedOn', label: { vi: 'Ngày nhận', en: 'Received on' }, hint: DATE_HINT, value: v['receivedOn'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'legalBasis', label: { vi: 'Căn cứ, mục đích (nếu có)', en: 'Legal basis, purpose (if any)' }, value: v['legalBasis'] ?? '', errors })}
${textArea(ctx.lang, { name: 'people', label: { vi: 'Những người cần xác minh', en: 'The people to verify' }, hint: { vi: 'Mỗi người một dòng: họ tên; ngày sinh; số hiệu; số vào sổ — có thể dán từ Excel. Ví dụ: Nguyễn Thị Thuỷ; 18/09/2006; HP 0203418;', en: 'One a line: full name; date of birth; serial; register number — may be pasted from Excel. E.g. Nguyễn Thị Thuỷ; 18/09/2006; HP 0203418;' }, value: v['people'] ?? '', errors, rows: 8 })}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi nhận công văn', en: 'Record the letter' })}<a href="${base}/verification">${vi ? 'Huỷ' : 'Cancel'}</a></div>`,
)}`,
  });
}

export function lettersPage(ctx: PageContext, o: { rows: readonly VerificationLetterRow[]; total: number; page: number }): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  return page(ctx, {
    title: { vi: 'Xác minh văn bằng', en: 'Verification letters' },
    nav: 'verification',
    body: markup`<h1>${vi ? 'Công văn đề nghị xác minh văn bằng' : 'Verification letters'}</h1>
<div class="actions"><a class="button" href="${base}/verification/new">${vi ? 'Nhập công văn' : 'Enter a letter'}</a></div>
${table(ctx.lang, {
  caption: { vi: `Công văn: ${o.total}`, en: `Letters: ${o.total}` },
  columns: [
    { label: { vi: 'Số hồ sơ', en: 'File' } },
    { label: { vi: 'Cơ quan gửi', en: 'Sent by' } },
    { label: { vi: 'Công văn', en: 'Letter' } },
    { label: { vi: 'Số người', en: 'People' }, num: true },
    { label: { vi: 'Trả lời', en: 'Answer' } },
  ],
  rows: o.rows.map((r): Html[] => [
    markup`<a href="${base}/verification/${r.requestId}">${r.requestId}</a>`,
    r.organisation,
    `${r.letterNumber}, ${dmy(r.letterDate)}`,
    r.people,
    r.responseLetterNumber ? `${r.responseLetterNumber}, ${dmy(r.respondedOn)}` : tag(vi ? 'Chưa trả lời' : 'Not answered', 'amber'),
  ]),
  empty: { vi: 'Chưa có công văn nào.', en: 'No letters yet.' },
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * PAGE_SIZE < o.total, total: o.total, pageSize: PAGE_SIZE, href: (p) => `${base}/verification?page=${p}` })}`,
  });
}

/** A letter, its people and — once answered — each answer, with the response letter to print. */
export function letterPage(
  ctx: PageContext,
  o: {
    letter: VerificationRequestView;
    signers: readonly SignerView[];
    values: FormValues;
    errors: readonly FieldError[];
    done?: string;
    commandId?: string;
  },
): string {
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  const l = o.letter;
  const here = `${base}/verification/${l.requestId}`;
  const v = o.values;
  const errors = o.errors;
  return page(ctx, {
    title: { vi: `Công văn ${l.letterNumber}`, en: `Letter ${l.letterNumber}` },
    nav: 'verification',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}${o.done ? notice(o.done) : ''}<p class="hint">${vi ? 'Xác minh văn bằng' : 'Verification'} · ${l.requestId}</p><h1>${vi ? `Công văn ${l.letterNumber}` : `Letter ${l.letterNumber}`}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Cơ quan gửi', en: 'Sent by' }, l.organisation],
  [{ vi: 'Ngày công văn, ngày nhận', en: 'Dated, received' }, `${dmy(l.letterDate)}, ${dmy(l.receivedOn)}`],
  [
    { vi: 'Trả lời', en: 'Answer' },
    l.responseLetterNumber
      ? `${l.responseLetterNumber}, ${dmy(l.respondedOn)} — ${l.signerTitle ?? ''} ${l.signerName ?? ''}`
      : vi
        ? 'Chưa trả lời'
        : 'Not answered yet',
  ],
])}
${table(ctx.lang, {
  caption: { vi: `Người cần xác minh: ${l.subjects.length}`, en: `People to verify: ${l.subjects.length}` },
  columns: [
    { label: { vi: 'STT', en: 'No.' }, num: true },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Ngày sinh', en: 'Born' } },
    { label: { vi: 'Số hiệu', en: 'Serial' } },
    { label: { vi: 'Số vào sổ', en: 'Register no.' } },
    { label: { vi: 'Kết quả', en: 'Answer' } },
  ],
  rows: l.subjects.map((s, i): Html[] => [
    i + 1,
    s.fullName,
    dmy(s.birthDate),
    s.serial ?? '',
    s.registerNumber ?? '',
    l.answers?.[i] ? answerText(ctx, l.answers[i]) : vi ? 'Chưa trả lời' : 'Not answered',
  ]),
})}
${
  l.answers
    ? markup`<div class="actions"><a class="button" href="${here}/letter.pdf" download>${vi ? 'Tải công văn trả lời (PDF)' : 'Download the response letter (PDF)'}</a></div>`
    : form(
        ctx,
        { action: here, ...(o.commandId ? { commandId: o.commandId } : {}) },
        markup`<h2>${vi ? 'Trả lời công văn' : 'Answer the letter'}</h2>
<p class="hint">${vi ? 'Hệ thống đối chiếu từng người với sổ gốc; bạn xem kết quả trước khi ghi.' : 'Each person is checked against the register; you see the answers before they are recorded.'}</p>
${textField(ctx.lang, { name: 'responseLetterNumber', label: { vi: 'Số công văn trả lời', en: 'Response letter number' }, value: v['responseLetterNumber'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'respondedOn', label: { vi: 'Ngày trả lời', en: 'Dated' }, hint: DATE_HINT, value: v['respondedOn'] ?? '', errors, short: true })}
${selectField(ctx.lang, { name: 'signerId', label: { vi: 'Người ký', en: 'Signer' }, value: v['signerId'] ?? '', errors, options: [{ value: '', label: '' }, ...o.signers.map((s) => ({ value: s.signerId, label: `${s.fullName} — ${s.title}` }))] })}
<div class="actions">${submit(ctx.lang, { vi: 'Tiếp tục', en: 'Continue' })}</div>`,
      )
}
<p><a href="${base}/verification">${vi ? 'Về danh sách công văn' : 'Back to the letters'}</a></p>`,
  });
}
