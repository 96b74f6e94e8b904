import { SPOILAGE_REASONS } from '@so-goc/domain';
import type { Reconciliation, SerialStatus } from '@so-goc/projections';
import {
  errorSummary,
  form,
  linkButton,
  selectField,
  submit,
  summaryList,
  table,
  tag,
  textArea,
  textField,
  type FieldError,
} from '../ui/components';
import { markup, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { count, MOVEMENTS } from './blanks.page';
import { dmy, type FormValues } from './form-input';

export const BLANK_ACTS = ['allocate', 'spoil', 'destroy', 'lose', 'return'] as const;
export type BlankAct = (typeof BLANK_ACTS)[number];

export const SPOILAGE_WORDS: Record<(typeof SPOILAGE_REASONS)[number], Words> = {
  damaged_at_receipt: { vi: 'Hỏng khi nhận', en: 'Damaged at receipt' },
  damaged: { vi: 'Hư hỏng trong bảo quản', en: 'Damaged in storage' },
  misprint: { vi: 'In sai, in hỏng', en: 'Misprinted' },
  poor_quality: { vi: 'Chất lượng in kém', en: 'Poor print quality' },
  obsolete_template: { vi: 'Mẫu phôi hết hiệu lực', en: 'Template no longer in force' },
  signed_but_wrong: { vi: 'Đã ký nhưng sai nội dung', en: 'Signed but wrong' },
  revoked_and_recovered: { vi: 'Văn bằng bị thu hồi, đã nộp lại', en: 'Revoked and returned' },
};

interface FieldSpec {
  readonly name: string;
  readonly label: Words;
  readonly hint?: Words;
  readonly area?: boolean;
  readonly short?: boolean;
  readonly options?: readonly { value: string; label: Words }[];
}

const DATE_HINT: Words = { vi: 'ngày/tháng/năm', en: 'day/month/year' };

/** What each act asks for, beyond the lot and its serial ranges; the words are TT21's. */
export const ACT_SPECS: Record<BlankAct, { title: Words; lead: Words; button: Words; fields: readonly FieldSpec[] }> = {
  allocate: {
    title: { vi: 'Giao phôi cho đơn vị trực thuộc', en: 'Hand blanks down to a unit' },
    lead: {
      vi: 'Phôi chỉ giao xuống đơn vị trực thuộc, kèm biên bản giao nhận (quy tắc 17).',
      en: 'Blanks go only to a unit under yours, with a hand-over record (rule 17).',
    },
    button: { vi: 'Ghi nhận giao phôi', en: 'Record the hand-over' },
    fields: [
      { name: 'toAuthority', label: { vi: 'Đơn vị nhận (mã)', en: 'Receiving unit (code)' }, short: true },
      { name: 'handoverNumber', label: { vi: 'Số biên bản giao nhận', en: 'Hand-over record number' }, short: true },
      { name: 'handoverDate', label: { vi: 'Ngày biên bản', en: 'Record date' }, hint: DATE_HINT, short: true },
      { name: 'allocatedOn', label: { vi: 'Ngày giao', en: 'Handed over on' }, hint: DATE_HINT, short: true },
    ],
  },
  spoil: {
    title: { vi: 'Ghi phôi hỏng', en: 'Record spoiled blanks' },
    lead: {
      vi: 'Phôi hỏng được giữ lại đến khi hội đồng huỷ (quy tắc 17).',
      en: 'Spoiled blanks are kept until the council destroys them (rule 17).',
    },
    button: { vi: 'Ghi phôi hỏng', en: 'Record as spoiled' },
    fields: [
      {
        name: 'reason',
        label: { vi: 'Lý do hỏng', en: 'Reason' },
        options: SPOILAGE_REASONS.map((r) => ({ value: r, label: SPOILAGE_WORDS[r] })),
      },
      { name: 'note', label: { vi: 'Ghi chú', en: 'Note' }, area: true },
      { name: 'spoiledOn', label: { vi: 'Ngày ghi nhận', en: 'Recorded on' }, hint: DATE_HINT, short: true },
    ],
  },
  destroy: {
    title: { vi: 'Huỷ phôi hỏng theo biên bản hội đồng', en: 'Destroy spoiled blanks by council minutes' },
    lead: {
      vi: 'Chỉ huỷ phôi đã ghi hỏng, do hội đồng có quyết định thành lập; việc huỷ không thể hoàn tác.',
      en: 'Only spoiled blanks are destroyed, by a council set up by decision; destruction cannot be undone.',
    },
    button: { vi: 'Tiếp tục', en: 'Continue' },
    fields: [
      { name: 'councilDecisionNumber', label: { vi: 'Số quyết định thành lập hội đồng', en: 'Council decision number' }, short: true },
      { name: 'councilDecisionDate', label: { vi: 'Ngày quyết định', en: 'Decision date' }, hint: DATE_HINT, short: true },
      {
        name: 'members',
        label: { vi: 'Thành viên hội đồng', en: 'Council members' },
        hint: {
          vi: 'Mỗi dòng một người: họ tên; chức vụ; vai trò trong hội đồng.',
          en: 'One person a line: full name; title; role on the council.',
        },
        area: true,
      },
      { name: 'method', label: { vi: 'Hình thức huỷ', en: 'Method' } },
      { name: 'place', label: { vi: 'Địa điểm', en: 'Place' } },
      { name: 'minutesRef', label: { vi: 'Số biên bản huỷ', en: 'Minutes reference' }, short: true },
      { name: 'destroyedOn', label: { vi: 'Ngày huỷ', en: 'Destroyed on' }, hint: DATE_HINT, short: true },
    ],
  },
  lose: {
    title: { vi: 'Báo mất phôi', en: 'Report blanks lost' },
    lead: {
      vi: 'Phôi mất phải được lập biên bản và báo cơ quan công an; số hiệu bị đánh dấu để phát hiện khi xuất hiện lại.',
      en: 'Lost blanks need minutes and a police report; the serials are flagged should they ever resurface.',
    },
    button: { vi: 'Ghi nhận mất phôi', en: 'Record the loss' },
    fields: [
      { name: 'minutesRef', label: { vi: 'Số biên bản', en: 'Minutes reference' }, short: true },
      { name: 'policeUnit', label: { vi: 'Cơ quan công an được báo', en: 'Police unit notified' } },
      {
        name: 'policeNotifiedAt',
        label: { vi: 'Thời điểm báo công an', en: 'Police notified at' },
        hint: { vi: 'ngày/tháng/năm giờ:phút, ví dụ 02/09/2024 08:30', en: 'day/month/year hour:minute, e.g. 02/09/2024 08:30' },
        short: true,
      },
      { name: 'circumstances', label: { vi: 'Hoàn cảnh mất', en: 'Circumstances' }, area: true },
      { name: 'lostOn', label: { vi: 'Ngày mất', en: 'Lost on' }, hint: DATE_HINT, short: true },
    ],
  },
  return: {
    title: { vi: 'Trả phôi cho nơi cấp', en: 'Return blanks to the supplier' },
    lead: { vi: 'Phôi chưa dùng trả lại kèm văn bản.', en: 'Unused blanks go back with a document.' },
    button: { vi: 'Ghi nhận trả phôi', en: 'Record the return' },
    fields: [
      { name: 'documentNumber', label: { vi: 'Số văn bản', en: 'Document number' }, short: true },
      { name: 'documentDate', label: { vi: 'Ngày văn bản', en: 'Document date' }, hint: DATE_HINT, short: true },
      { name: 'returnedOn', label: { vi: 'Ngày trả', en: 'Returned on' }, hint: DATE_HINT, short: true },
    ],
  },
};

function field(ctx: PageContext, spec: FieldSpec, values: FormValues, errors: readonly FieldError[]): SafeHtml {
  const common = { name: spec.name, label: spec.label, value: values[spec.name] ?? '', errors, ...(spec.hint ? { hint: spec.hint } : {}) };
  if (spec.options)
    return selectField(ctx.lang, { ...common, options: spec.options.map((o) => ({ value: o.value, label: o.label[ctx.lang] })) });
  if (spec.area) return textArea(ctx.lang, common);
  return textField(ctx.lang, { ...common, short: spec.short ?? false });
}

export function blankActPage(
  ctx: PageContext,
  o: { act: BlankAct; values: FormValues; errors: readonly FieldError[]; commandId?: string },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const spec = ACT_SPECS[o.act];
  const v = o.values;
  return page(ctx, {
    title: spec.title,
    nav: 'blanks',
    hasErrors: o.errors.length > 0,
    body: markup`${errorSummary(ctx.lang, o.errors)}<h1>${spec.title[ctx.lang]}</h1><p>${spec.lead[ctx.lang]}</p>
${form(
  ctx,
  { action: `${base}/blanks/act/${o.act}`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${textField(ctx.lang, { name: 'lotId', label: { vi: 'Mã lô', en: 'Lot code' }, value: v['lotId'] ?? '', errors: o.errors, short: true })}
${textArea(ctx.lang, {
  name: 'ranges',
  label: { vi: 'Số hiệu phôi', en: 'Serials' },
  hint: {
    vi: 'Mỗi dòng một số hiệu hoặc một đoạn, ví dụ HP 0200001-HP 0200500.',
    en: 'One serial or range a line, e.g. HP 0200001-HP 0200500.',
  },
  value: v['ranges'] ?? '',
  errors: o.errors,
})}
${spec.fields.map((f) => field(ctx, f, v, o.errors))}
<div class="actions">${submit(ctx.lang, spec.button, o.act === 'destroy' ? 'warning' : 'primary')}<a href="${base}/blanks">${ctx.lang === 'vi' ? 'Huỷ bỏ' : 'Cancel'}</a></div>`,
)}`,
  });
}

/** Destruction is irreversible: the page restates what will be destroyed, by whom, and that it cannot be undone. */
export function confirmDestructionPage(
  ctx: PageContext,
  o: { values: FormValues; quantity: number; ranges: readonly string[]; members: readonly string[]; commandId?: string },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  return page(ctx, {
    title: { vi: 'Xác nhận huỷ phôi', en: 'Confirm destruction' },
    nav: 'blanks',
    body: markup`<h1>${vi ? `Huỷ ${count(ctx, o.quantity)} phôi của lô ${v['lotId'] ?? ''}?` : `Destroy ${count(ctx, o.quantity)} blanks of lot ${v['lotId'] ?? ''}?`}</h1>
<div class="warning-text">${
      vi
        ? 'Việc huỷ không thể hoàn tác: các số hiệu dưới đây bị ghi là đã huỷ vĩnh viễn trong sổ quản lý phôi, không dùng để in văn bằng được nữa, và nếu xuất hiện lại sẽ bị cảnh báo gian lận.'
        : 'Destruction cannot be undone: the serials below are recorded as destroyed for good, can never carry a diploma, and are flagged as fraud should they ever resurface.'
    }</div>
${summaryList(ctx.lang, [
  [{ vi: 'Số hiệu', en: 'Serials' }, markup`${o.ranges.map((r, i) => markup`${i > 0 ? markup`<br>` : ''}${r}`)}`],
  [
    { vi: 'Quyết định thành lập hội đồng', en: 'Council decision' },
    `${v['councilDecisionNumber'] ?? ''}, ${v['councilDecisionDate'] ?? ''}`,
  ],
  [{ vi: 'Hội đồng', en: 'Council' }, markup`${o.members.map((m, i) => markup`${i > 0 ? markup`<br>` : ''}${m}`)}`],
  [{ vi: 'Hình thức, địa điểm', en: 'Method, place' }, `${v['method'] ?? ''} — ${v['place'] ?? ''}`],
  [{ vi: 'Biên bản, ngày huỷ', en: 'Minutes, date' }, `${v['minutesRef'] ?? ''}, ${v['destroyedOn'] ?? ''}`],
])}
${form(
  ctx,
  {
    action: `${base}/blanks/act/destroy`,
    ...(o.commandId ? { commandId: o.commandId } : {}),
    label: { vi: 'Xác nhận huỷ phôi', en: 'Confirm destruction' },
  },
  markup`
${['lotId', 'ranges', ...ACT_SPECS.destroy.fields.map((f) => f.name)].map((name) => markup`<input type="hidden" name="${name}" value="${v[name] ?? ''}">`)}
<div class="actions"><button type="submit" class="button warning" name="confirmed" value="yes">${vi ? 'Xác nhận: huỷ các phôi này' : 'Confirm: destroy these blanks'}</button>
<button type="submit" class="button secondary" name="confirmed" value="edit">${vi ? 'Quay lại sửa' : 'Go back and edit'}</button></div>`,
)}`,
  });
}

const STATUS_WORDS: Record<string, Words> = {
  in_stock: { vi: 'Trong kho', en: 'In stock' },
  reserved: { vi: 'Đã dành cho đợt in', en: 'Reserved for a print run' },
  bound: { vi: 'Đã in văn bằng', en: 'Printed on' },
  spoiled: { vi: 'Hỏng, chờ huỷ', en: 'Spoiled, awaiting destruction' },
  destroyed: { vi: 'Đã huỷ', en: 'Destroyed' },
  lost: { vi: 'Đã mất', en: 'Lost' },
  returned: { vi: 'Đã trả lại', en: 'Returned' },
  missing: { vi: 'Thiếu khi nhận', en: 'Missing at receipt' },
};

export function serialPage(ctx: PageContext, o: { serial: string; status?: SerialStatus; error?: string }): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const s = o.status;
  const errors: FieldError[] = o.error ? [{ field: 'serial', message: o.error }] : [];
  const statusColour = (status: string) =>
    status === 'lost' || status === 'destroyed' ? 'red' : status === 'spoiled' ? 'amber' : status === 'bound' ? 'green' : 'blue';
  return page(ctx, {
    title: { vi: 'Tra số hiệu phôi', en: 'Look up a blank' },
    nav: 'blanks',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}<h1>${vi ? 'Tra số hiệu phôi' : 'Look up a blank'}</h1>
<form method="get" action="${base}/blanks/serial" class="inline-search" role="search">
${textField(ctx.lang, { name: 'serial', label: { vi: 'Số hiệu', en: 'Serial' }, hint: { vi: 'Ví dụ HP 0200001.', en: 'For example HP 0200001.' }, value: o.serial, errors, short: true, type: 'search' })}
<div class="actions">${submit(ctx.lang, { vi: 'Tra cứu', en: 'Look up' })}</div></form>
${
  s
    ? markup`<h2>${s.serial} ${tag(STATUS_WORDS[s.status]?.[ctx.lang] ?? s.status, statusColour(s.status))}</h2>
${summaryList(ctx.lang, [
  [{ vi: 'Lô', en: 'Lot' }, s.lotId],
  [{ vi: 'Loại, mẫu', en: 'Kind, template' }, `${s.kind}, ${s.templateVersion}`],
  [{ vi: 'Đơn vị đang giữ', en: 'Held by' }, s.holder],
  [{ vi: 'Đợt in', en: 'Print run' }, s.printRunId ?? '—'],
  [{ vi: 'Lý do', en: 'Reason' }, s.reason ? (SPOILAGE_WORDS[s.reason as keyof typeof SPOILAGE_WORDS]?.[ctx.lang] ?? s.reason) : '—'],
])}
${table(ctx.lang, {
  caption: { vi: 'Lịch sử của số hiệu này', en: 'History of this serial' },
  columns: [
    { label: { vi: 'Ngày', en: 'Date' } },
    { label: { vi: 'Nghiệp vụ', en: 'Movement' } },
    { label: { vi: 'Đơn vị liên quan', en: 'Counterpart' } },
    { label: { vi: 'Chứng từ', en: 'Document' } },
  ],
  rows: s.history.map((r) => [dmy(r.date), MOVEMENTS[r.movement]?.[ctx.lang] ?? r.movement, r.counterpart ?? '', r.document ?? '']),
})}
${
  s.reuseAttempts.length > 0
    ? markup`<div class="warning-text">${vi ? `Có ${s.reuseAttempts.length} lần định in lại trên phôi này (quy tắc 17).` : `${s.reuseAttempts.length} attempts to print on this blank again (rule 17).`}</div>`
    : ''
}`
    : ''
}`,
  });
}

export function reconciliationPage(
  ctx: PageContext,
  o: { values: FormValues; result?: Reconciliation; errors: readonly FieldError[] },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const r = o.result;
  const n = (value: number) => count(ctx, value);
  return page(ctx, {
    title: { vi: 'Đối chiếu phôi', en: 'Blank reconciliation' },
    nav: 'blanks',
    hasErrors: o.errors.length > 0,
    body: markup`${errorSummary(ctx.lang, o.errors)}<h1>${vi ? 'Đối chiếu phôi theo kỳ' : 'Blank reconciliation for a period'}</h1>
<p>${vi ? 'Nhận + nhận từ cấp trên = giao xuống + cấp văn bằng + huỷ + mất + trả lại + (tồn cuối − tồn đầu) (quy tắc 16).' : 'Received + received from above = handed down + issued + destroyed + lost + returned + (closing − opening) (rule 16).'}</p>
<form method="get" action="${base}/blanks/reconciliation"><div class="filter-row">
${selectField(ctx.lang, {
  name: 'kind',
  label: { vi: 'Loại phôi', en: 'Kind of blank' },
  value: v['kind'] ?? 'THPT',
  errors: o.errors,
  options: ['THPT', 'THCS', 'THPT_COPY', 'THCS_COPY'].map((k) => ({ value: k, label: k })),
})}
${textField(ctx.lang, { name: 'from', label: { vi: 'Từ ngày', en: 'From' }, hint: DATE_HINT, value: v['from'] ?? '', errors: o.errors, short: true })}
${textField(ctx.lang, { name: 'to', label: { vi: 'Đến ngày', en: 'To' }, hint: DATE_HINT, value: v['to'] ?? '', errors: o.errors, short: true })}
</div><div class="actions">${submit(ctx.lang, { vi: 'Đối chiếu', en: 'Reconcile' })}</div></form>
${
  r
    ? markup`<h2>${r.kind}, ${dmy(r.from)} – ${dmy(r.to)} ${r.balanced ? tag(vi ? 'Khớp' : 'Balanced', 'green') : tag(vi ? 'Không khớp' : 'Does not balance', 'red')}</h2>
${table(ctx.lang, {
  caption: { vi: 'Số liệu trong kỳ', en: 'Figures for the period' },
  columns: [{ label: { vi: 'Khoản', en: 'Item' } }, { label: { vi: 'Số lượng', en: 'Quantity' }, num: true }],
  rows: (
    [
      [{ vi: 'Tồn đầu kỳ', en: 'Opening' }, r.opening],
      [{ vi: 'Nhận', en: 'Received' }, r.received],
      [{ vi: 'Nhận từ cấp trên', en: 'Received from above' }, r.allocatedIn],
      [{ vi: 'Giao xuống', en: 'Handed down' }, r.allocatedOut],
      [{ vi: 'Cấp văn bằng', en: 'Issued as diplomas' }, r.issued],
      [{ vi: 'In hỏng, chờ huỷ', en: 'Spoiled in printing' }, r.spoiledInPrinting],
      [{ vi: 'Huỷ', en: 'Destroyed' }, r.destroyed],
      [{ vi: 'Mất', en: 'Lost' }, r.lost],
      [{ vi: 'Trả lại', en: 'Returned' }, r.returned],
      [{ vi: 'Tồn cuối kỳ', en: 'Closing' }, r.closing],
    ] as const
  ).map(([label, value]) => [label[ctx.lang], n(value)]),
})}
${
  r.onHandBySerial
    ? summaryList(ctx.lang, [
        [{ vi: 'Trong kho (đếm từng số hiệu)', en: 'In stock (counted serial by serial)' }, n(r.onHandBySerial.inStock)],
        [{ vi: 'Đã dành cho đợt in', en: 'Reserved' }, n(r.onHandBySerial.reserved)],
        [{ vi: 'Hỏng, chờ huỷ', en: 'Spoiled awaiting destruction' }, n(r.onHandBySerial.spoiledAwaitingDestruction)],
        [{ vi: 'Cộng', en: 'Total' }, n(r.onHandBySerial.total)],
      ])
    : ''
}
${r.breaks.length > 0 ? markup`<div class="warning-text">${vi ? 'Các đoạn số hiệu không khớp: ' : 'Serial ranges that disagree: '}${r.breaks.join(', ')}</div>` : ''}`
    : ''
}
<p>${linkButton(ctx.lang, `${base}/blanks`, { vi: 'Về sổ quản lý phôi', en: 'Back to the ledger' })}</p>`,
  });
}
