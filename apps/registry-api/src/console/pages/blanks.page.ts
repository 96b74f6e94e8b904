import type { LedgerRow } from '@so-goc/projections';
import {
  errorSummary,
  form,
  linkButton,
  notice,
  pager,
  selectField,
  submit,
  table,
  textArea,
  textField,
  type FieldError,
} from '../ui/components';
import { markup } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { dmy, type FormValues } from './form-input';

export const MOVEMENTS: Record<string, { vi: string; en: string }> = {
  receipt: { vi: 'Nhận', en: 'Received' },
  allocation_out: { vi: 'Giao xuống', en: 'Handed down' },
  allocation_in: { vi: 'Nhận từ cấp trên', en: 'Received from above' },
  bound: { vi: 'In văn bằng', en: 'Printed on' },
  destroyed: { vi: 'Huỷ', en: 'Destroyed' },
  lost: { vi: 'Mất', en: 'Lost' },
  returned: { vi: 'Trả lại', en: 'Returned' },
  recovered_for_destruction: { vi: 'Thu về để huỷ', en: 'Recovered for destruction' },
};

export const LEDGER_PAGE_SIZE = 50;

/** 11.980 in Vietnamese, 11,980 in English: the way each reader groups thousands. */
export function count(ctx: PageContext, value: number): string {
  return value.toLocaleString(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB');
}

export function blanksPage(
  ctx: PageContext,
  o: { rows: readonly LedgerRow[]; page: number; total: number; done?: string; minutesRef?: string },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Phôi văn bằng', en: 'Blanks' },
    nav: 'blanks',
    body: markup`${o.done ? notice(o.done) : ''}${
      o.minutesRef
        ? markup`<p>${vi ? `Biên bản huỷ ${o.minutesRef}: ` : `Destruction minutes ${o.minutesRef}: `}<a href="${base}/blanks/destructions/${encodeURIComponent(o.minutesRef)}.pdf" download>PDF</a> · <a href="${base}/blanks/destructions/${encodeURIComponent(o.minutesRef)}.xlsx" download>Excel</a></p>`
        : ''
    }<h1>${vi ? 'Sổ quản lý phôi' : 'Blank ledger'}</h1>
<div class="actions">${linkButton(ctx.lang, `${base}/blanks/receive`, { vi: 'Nhận lô phôi', en: 'Receive a lot' }, 'primary')}
${linkButton(ctx.lang, `${base}/blanks/act/allocate`, { vi: 'Giao phôi xuống', en: 'Hand down' })}
${linkButton(ctx.lang, `${base}/blanks/act/spoil`, { vi: 'Ghi phôi hỏng', en: 'Spoiled' })}
${linkButton(ctx.lang, `${base}/blanks/act/destroy`, { vi: 'Huỷ phôi', en: 'Destroy' })}
${linkButton(ctx.lang, `${base}/blanks/act/lose`, { vi: 'Báo mất', en: 'Report lost' })}
${linkButton(ctx.lang, `${base}/blanks/act/return`, { vi: 'Trả phôi', en: 'Return' })}</div>
<div class="actions"><a href="${base}/blanks/serial">${vi ? 'Tra số hiệu phôi' : 'Look up a serial'}</a>
<a href="${base}/blanks/reconciliation">${vi ? 'Đối chiếu theo kỳ' : 'Reconcile a period'}</a>
<a href="${base}/blanks/ledger.xlsx" download>${vi ? 'Tải sổ (Excel)' : 'Download (Excel)'}</a>
<a href="${base}/blanks/ledger.pdf" download>${vi ? 'Tải sổ (PDF)' : 'Download (PDF)'}</a></div>
${table(ctx.lang, {
  caption: { vi: 'Các lần nhập, xuất phôi theo thứ tự thời gian', en: 'Every movement of blanks, oldest first' },
  columns: [
    { label: { vi: 'Ngày', en: 'Date' } },
    { label: { vi: 'Nghiệp vụ', en: 'Movement' } },
    { label: { vi: 'Loại', en: 'Kind' } },
    { label: { vi: 'Số hiệu', en: 'Serials' } },
    { label: { vi: 'Số lượng', en: 'Quantity' }, num: true },
    { label: { vi: 'Tồn sau', en: 'Balance after' }, num: true },
    { label: { vi: 'Chứng từ', en: 'Document' } },
  ],
  rows: o.rows.map((r) => [
    dmy(r.date),
    MOVEMENTS[r.movement]?.[ctx.lang] ?? r.movement,
    r.kind,
    r.range,
    count(ctx, r.quantity),
    count(ctx, r.balanceAfter),
    r.document ?? '',
  ]),
  empty: { vi: 'Chưa có phôi nào được ghi nhận.', en: 'No blanks recorded yet.' },
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * LEDGER_PAGE_SIZE < o.total, total: o.total, pageSize: LEDGER_PAGE_SIZE, href: (p) => `${base}/blanks?page=${p}` })}`,
  });
}

export function receiveLotPage(ctx: PageContext, o: { values: FormValues; errors: readonly FieldError[]; commandId?: string }): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const v = o.values;
  const errors = o.errors;
  const f = (name: string, vi: string, en: string, hint?: [string, string], short = false) =>
    textField(ctx.lang, {
      name,
      label: { vi, en },
      value: v[name] ?? '',
      errors,
      short,
      ...(hint ? { hint: { vi: hint[0], en: hint[1] } } : {}),
    });
  return page(ctx, {
    title: { vi: 'Nhận lô phôi', en: 'Receive a lot of blanks' },
    nav: 'blanks',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}<h1>${ctx.lang === 'vi' ? 'Nhận lô phôi' : 'Receive a lot of blanks'}</h1>
${form(
  ctx,
  { action: `${base}/blanks/receive`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${f('lotId', 'Mã lô', 'Lot code', ['Do đơn vị đặt, ví dụ HP-2024-THPT-1.', 'Your own code, e.g. HP-2024-THPT-1.'])}
${selectField(ctx.lang, {
  name: 'kind',
  label: { vi: 'Loại phôi', en: 'Kind of blank' },
  value: v['kind'] ?? 'THPT',
  errors,
  options: [
    { value: 'THPT', label: ctx.lang === 'vi' ? 'Bằng tốt nghiệp THPT' : 'THPT diploma' },
    { value: 'THCS', label: ctx.lang === 'vi' ? 'Bằng tốt nghiệp THCS' : 'THCS diploma' },
    { value: 'THPT_COPY', label: ctx.lang === 'vi' ? 'Bản sao THPT' : 'THPT copy' },
    { value: 'THCS_COPY', label: ctx.lang === 'vi' ? 'Bản sao THCS' : 'THCS copy' },
  ],
})}
${f('templateVersion', 'Mẫu phôi', 'Template', ['Ví dụ TT21-2019.', 'For example TT21-2019.'], true)}
${f('firstSerial', 'Số hiệu đầu', 'First serial', ['Như in trên phôi, ví dụ HP 0200001.', 'As printed, e.g. HP 0200001.'], true)}
${f('lastSerial', 'Số hiệu cuối', 'Last serial', undefined, true)}
${textArea(ctx.lang, { name: 'missing', label: { vi: 'Phôi thiếu khi nhận (nếu có)', en: 'Blanks missing at receipt (if any)' }, hint: { vi: 'Mỗi dòng một đoạn, ví dụ HP 0203001-HP 0203020.', en: 'One range a line, e.g. HP 0203001-HP 0203020.' }, value: v['missing'] ?? '', errors })}
${f('supplier', 'Nơi giao', 'Supplier')}
${f('deliveryNoteNumber', 'Số phiếu giao nhận', 'Delivery note number', undefined, true)}
${f('deliveryNoteDate', 'Ngày phiếu giao nhận', 'Delivery note date', ['ngày/tháng/năm', 'day/month/year'], true)}
${f('receivedBy', 'Người nhận', 'Received by')}
${f('receivedOn', 'Ngày nhận', 'Received on', ['ngày/tháng/năm', 'day/month/year'], true)}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi nhận lô phôi', en: 'Record the lot' })}<a href="${base}/blanks">${ctx.lang === 'vi' ? 'Huỷ bỏ' : 'Cancel'}</a></div>`,
)}`,
  });
}
