import { REVOCATION_GROUNDS, REVOCATION_SOURCES } from '@so-goc/domain';
import type { RegisterEntryView } from '@so-goc/projections';
import { errorSummary, form, linkButton, selectField, submit, summaryList, textArea, textField, type FieldError } from '../ui/components';
import { markup, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { dmy, type FormValues } from './form-input';

/** Rule 40's six grounds, in the words of TT21 Art. 25(1). */
export const GROUND_WORDS: Record<(typeof REVOCATION_GROUNDS)[number], Words> = {
  fraud: { vi: 'Gian lận trong thi cử, học tập hoặc hồ sơ để được cấp', en: 'Fraud in exams, study or the dossier' },
  ineligible: { vi: 'Cấp cho người không đủ điều kiện', en: 'Issued to an ineligible person' },
  unauthorised_issuer: { vi: 'Do người không có thẩm quyền cấp', en: 'Issued by someone without authority' },
  altered: { vi: 'Bị tẩy xoá, sửa chữa', en: 'Erased or altered' },
  used_by_another: { vi: 'Để cho người khác sử dụng', en: 'Lent to or used by another person' },
  issuer_error: { vi: 'Cấp sai do lỗi của cơ quan cấp', en: 'Issuer’s error' },
};

export const SOURCE_WORDS: Record<(typeof REVOCATION_SOURCES)[number], Words> = {
  inspection: { vi: 'Thanh tra, kiểm tra', en: 'Inspection' },
  police: { vi: 'Cơ quan công an', en: 'Police' },
  issuer: { vi: 'Cơ quan cấp tự phát hiện', en: 'The issuer itself' },
  minister: { vi: 'Bộ trưởng yêu cầu', en: 'The Minister' },
  court: { vi: 'Toà án', en: 'A court' },
};

function entrySummary(ctx: PageContext, entry: RegisterEntryView): ReturnType<typeof summaryList> {
  return summaryList(ctx.lang, [
    [{ vi: 'Họ và tên', en: 'Full name' }, entry.fullName],
    [{ vi: 'Ngày sinh', en: 'Born' }, dmy(entry.birthDate)],
    [{ vi: 'Số hiệu', en: 'Serial' }, entry.serial],
    [{ vi: 'Số vào sổ', en: 'Register no.' }, entry.registerLabel],
    [{ vi: 'Ngày cấp', en: 'Issued on' }, dmy(entry.issueDate)],
  ]);
}

export function revocationFormPage(
  ctx: PageContext,
  o: { entry: RegisterEntryView; values: FormValues; errors: readonly FieldError[] },
): string {
  const vi = ctx.lang === 'vi';
  const { entry, values: v, errors } = o;
  return page(ctx, {
    title: { vi: 'Thu hồi văn bằng', en: 'Revoke a diploma' },
    nav: 'register',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}<p class="hint">${vi ? 'Thu hồi, huỷ bỏ văn bằng' : 'Revoke and cancel a diploma'}</p><h1>${entry.fullName}</h1>
${entrySummary(ctx, entry)}
${form(
  ctx,
  { action: `${consoleBase(ctx.authorityCode ?? '')}/diplomas/${entry.diplomaId}/revocation` },
  markup`
${textField(ctx.lang, { name: 'decisionNumber', label: { vi: 'Số quyết định thu hồi', en: 'Revocation decision number' }, value: v['decisionNumber'] ?? '', errors })}
${textField(ctx.lang, { name: 'decisionDate', label: { vi: 'Ngày quyết định', en: 'Decision date' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['decisionDate'] ?? '', errors, short: true })}
${selectField(ctx.lang, { name: 'ground', label: { vi: 'Căn cứ thu hồi (quy tắc 40)', en: 'Ground (rule 40)' }, value: v['ground'] ?? '', errors, options: REVOCATION_GROUNDS.map((g) => ({ value: g, label: GROUND_WORDS[g][ctx.lang] })) })}
${selectField(ctx.lang, { name: 'source', label: { vi: 'Nơi phát hiện', en: 'Detected by' }, value: v['source'] ?? '', errors, options: REVOCATION_SOURCES.map((s) => ({ value: s, label: SOURCE_WORDS[s][ctx.lang] })) })}
${textArea(ctx.lang, { name: 'reasons', label: { vi: 'Lý do (ghi trong quyết định)', en: 'Reasons (as in the decision)' }, value: v['reasons'] ?? '', errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Tiếp tục', en: 'Continue' })}</div>`,
)}`,
  });
}

/** Revocation is terminal (rule 45): the page says so and restates the decision before anything is recorded. */
export function confirmRevocationPage(ctx: PageContext, o: { entry: RegisterEntryView; values: FormValues }): string {
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const ground = GROUND_WORDS[v['ground'] as keyof typeof GROUND_WORDS];
  const base = consoleBase(ctx.authorityCode ?? '');
  return page(ctx, {
    title: { vi: 'Xác nhận thu hồi', en: 'Confirm revocation' },
    nav: 'register',
    body: markup`<h1>${vi ? `Thu hồi văn bằng của ${o.entry.fullName}?` : `Revoke ${o.entry.fullName}’s diploma?`}</h1>
<div class="warning-text">${vi ? 'Thu hồi là không thể đảo ngược (quy tắc 45): văn bằng hết giá trị, cổng tra cứu trả lời "đã bị thu hồi", không cấp bản sao, không chỉnh sửa. Người được cấp phải nộp lại văn bằng trong 30 ngày (quy tắc 43).' : 'Revocation cannot be undone (rule 45): the diploma loses its value, the portal answers "revoked", no copies or corrections follow. The holder must return it within 30 days (rule 43).'}</div>
${entrySummary(ctx, o.entry)}
${summaryList(ctx.lang, [
  [{ vi: 'Quyết định', en: 'Decision' }, `${v['decisionNumber'] ?? ''}, ${v['decisionDate'] ?? ''}`],
  [{ vi: 'Căn cứ', en: 'Ground' }, ground ? ground[ctx.lang] : ''],
  [{ vi: 'Lý do', en: 'Reasons' }, v['reasons'] ?? ''],
])}
${form(
  ctx,
  { action: `${base}/diplomas/${o.entry.diplomaId}/revocation/confirmed`, label: { vi: 'Xác nhận thu hồi', en: 'Confirm revocation' } },
  markup`
${['decisionNumber', 'decisionDate', 'ground', 'source', 'reasons'].map((name) => markup`<input type="hidden" name="${name}" value="${v[name] ?? ''}">`)}
<div class="actions">${submit(ctx.lang, { vi: 'Xác nhận thu hồi', en: 'Confirm: revoke' }, 'warning')}${linkButton(ctx.lang, `${base}/diplomas/${o.entry.diplomaId}/revocation`, { vi: 'Quay lại', en: 'Go back' })}</div>`,
)}`,
  });
}
