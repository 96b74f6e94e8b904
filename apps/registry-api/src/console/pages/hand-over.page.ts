import type { RegisterEntryView } from '@so-goc/projections';
import { errorSummary, form, submit, summaryList, textField, type FieldError } from '../ui/components';
import { markup } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { dmy, type FormValues } from './form-input';

/** Rule 23: the holder, or a proxy with an authorisation, checks the diploma and signs for it. */
export function handOverPage(
  ctx: PageContext,
  o: { entry: RegisterEntryView; values: FormValues; errors: readonly FieldError[]; commandId?: string },
): string {
  const { entry, values: v, errors } = o;
  const vi = ctx.lang === 'vi';
  const base = consoleBase(ctx.authorityCode ?? '');
  const kind = v['recipientKind'] ?? 'holder';
  const radio = (value: string, label: string) =>
    markup`<label><input type="radio" name="recipientKind" value="${value}"${kind === value ? markup` checked` : ''}> ${label}</label>`;
  return page(ctx, {
    title: { vi: 'Phát văn bằng', en: 'Hand over a diploma' },
    nav: 'print-runs',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}<p class="hint">${vi ? 'Phát văn bằng' : 'Hand-over'}</p><h1>${entry.fullName}</h1>
${summaryList(ctx.lang, [
  [{ vi: 'Ngày sinh', en: 'Born' }, dmy(entry.birthDate)],
  [{ vi: 'Số vào sổ', en: 'Register no.' }, entry.registerLabel],
  [{ vi: 'Số hiệu', en: 'Serial' }, entry.serial],
  [{ vi: 'Trường', en: 'School' }, entry.school],
])}
${form(
  ctx,
  { action: `${base}/diplomas/${entry.diplomaId}/hand-over`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
<fieldset class="radios" id="f-recipientKind"><legend>${vi ? 'Người nhận' : 'Who receives it'}</legend>
${radio('holder', vi ? 'Chính người được cấp' : 'The holder')}${radio('proxy', vi ? 'Người được ủy quyền' : 'A proxy with an authorisation')}</fieldset>
${textField(ctx.lang, { name: 'recipientName', label: { vi: 'Họ tên người nhận', en: 'Recipient’s full name' }, value: v['recipientName'] ?? entry.fullName, errors })}
${textField(ctx.lang, { name: 'authorisationRef', label: { vi: 'Giấy ủy quyền (nếu nhận thay)', en: 'Authorisation (for a proxy)' }, value: v['authorisationRef'] ?? '', errors })}
${textField(ctx.lang, { name: 'idDocument', label: { vi: 'Giấy tờ tùy thân đã kiểm tra', en: 'Identity document checked' }, value: v['idDocument'] ?? '', errors })}
${textField(ctx.lang, { name: 'deliveredOn', label: { vi: 'Ngày phát', en: 'Handed over on' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['deliveredOn'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'deliveredBy', label: { vi: 'Cán bộ phát', en: 'Handed over by' }, value: v['deliveredBy'] ?? ctx.officer?.fullName ?? '', errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi nhận đã phát', en: 'Record the hand-over' })}<a href="${base}/print-runs/${entry.printRunId}">${vi ? 'Quay lại đợt in' : 'Back to the run'}</a></div>`,
)}`,
  });
}
