import { FINDING_SEVERITIES, FINDING_STATES } from '@so-goc/domain';
import { AUDIT_PATTERNS, type FindingView } from '@so-goc/projections';
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
import { markup, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { count } from './blanks.page';
import { dmy, type FormValues } from './form-input';

export const FINDINGS_PAGE_SIZE = 50;

/** The patterns of docs/domain.md §6 in an officer's words. */
export const PATTERN_WORDS: Record<(typeof AUDIT_PATTERNS)[number], Words> = {
  F1: { vi: 'F1 · Tra cứu số hiệu chưa từng nhận', en: 'F1 · Lookups of serials never received' },
  F4: { vi: 'F4 · Phôi mất, huỷ xuất hiện lại', en: 'F4 · Lost or destroyed blank resurfacing' },
  F5: { vi: 'F5 · Dùng lại, bỏ cách số hiệu, số vào sổ', en: 'F5 · Reused or skipped serials and numbers' },
  F6: { vi: 'F6 · Vào sổ sai trình tự, ngoài thẩm quyền', en: 'F6 · Entries out of sequence or mandate' },
  F9: { vi: 'F9 · Người ký không có thẩm quyền', en: 'F9 · Signed by someone not entitled' },
  F10: { vi: 'F10 · Bản sao cho người không có quyền', en: 'F10 · Copies without entitlement' },
  F11: { vi: 'F11 · In quá số duyệt, tỷ lệ in hỏng bất thường', en: 'F11 · Over-printing, unusual misprints' },
  F12: { vi: 'F12 · Tra cứu sai loại, sai nơi cấp', en: 'F12 · Lookups of another kind or issuer' },
  F13: { vi: 'F13 · Cổng tra cứu khác sổ gốc', en: 'F13 · Public lookup differs from the register' },
  F14: { vi: 'F14 · Văn bằng đã chết được xuất trình', en: 'F14 · Dead paper presented' },
  OVERDUE: { vi: 'Quá hạn xử lý', en: 'Overdue' },
};

export const SEVERITY_WORDS: Record<(typeof FINDING_SEVERITIES)[number], Words & { colour: TagColour }> = {
  critical: { vi: 'Nghiêm trọng', en: 'Critical', colour: 'red' },
  high: { vi: 'Cao', en: 'High', colour: 'red' },
  medium: { vi: 'Trung bình', en: 'Medium', colour: 'amber' },
  low: { vi: 'Thấp', en: 'Low', colour: 'grey' },
};

export const STATE_WORDS: Record<(typeof FINDING_STATES)[number], Words & { colour: TagColour }> = {
  open: { vi: 'Mới', en: 'Open', colour: 'blue' },
  acknowledged: { vi: 'Đã tiếp nhận', en: 'Acknowledged', colour: 'amber' },
  closed: { vi: 'Đã đóng', en: 'Closed', colour: 'green' },
};

function words<T extends string>(map: Record<T, Words>, key: string): Words | undefined {
  return (map as Record<string, Words>)[key];
}

export function severityTag(ctx: PageContext, severity: string): ReturnType<typeof tag> {
  const w = (SEVERITY_WORDS as Record<string, (Words & { colour: TagColour }) | undefined>)[severity];
  return tag(w ? w[ctx.lang] : severity, w?.colour ?? 'grey');
}

export function stateTag(ctx: PageContext, state: string): ReturnType<typeof tag> {
  const w = (STATE_WORDS as Record<string, (Words & { colour: TagColour }) | undefined>)[state];
  return tag(w ? w[ctx.lang] : state, w?.colour ?? 'grey');
}

export function findingsPage(
  ctx: PageContext,
  o: {
    rows: readonly FindingView[];
    page: number;
    total: number;
    filter: FormValues;
    authorities: readonly string[];
    errors: readonly FieldError[];
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const f = o.filter;
  const query = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== ''));
  const any = { value: '', label: vi ? 'Tất cả' : 'All' };
  const href = (p: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `${base}/audits?${q.toString()}`;
  };
  const exportQuery = query.toString() ? `?${query.toString()}` : '';
  return page(ctx, {
    title: { vi: 'Kiểm tra gian lận', en: 'Fraud audits' },
    nav: 'audits',
    hasErrors: o.errors.length > 0,
    body: markup`${errorSummary(ctx.lang, o.errors)}<h1>${vi ? 'Phát hiện kiểm tra gian lận' : 'Fraud-audit findings'}</h1>
<p>${vi ? 'Hệ thống tự theo dõi các dấu hiệu gian lận (mục 6) trên sổ phôi, sổ gốc và cổng tra cứu. Mỗi phát hiện cần được tiếp nhận, giao người xử lý và đóng kèm ghi chú.' : 'The registry watches its own records and the public lookup for the fraud patterns of §6. Each finding is acknowledged, assigned and closed with a note.'}</p>
<form method="get" action="${base}/audits" class="filters" aria-label="${vi ? 'Lọc phát hiện' : 'Filter findings'}">
<div class="filter-row">
${selectField(ctx.lang, { name: 'pattern', label: { vi: 'Dấu hiệu', en: 'Pattern' }, value: f['pattern'] ?? '', errors: o.errors, options: [any, ...AUDIT_PATTERNS.map((p) => ({ value: p, label: PATTERN_WORDS[p][ctx.lang] }))] })}
${selectField(ctx.lang, { name: 'severity', label: { vi: 'Mức độ', en: 'Severity' }, value: f['severity'] ?? '', errors: o.errors, options: [any, ...FINDING_SEVERITIES.map((s) => ({ value: s, label: SEVERITY_WORDS[s][ctx.lang] }))] })}
${selectField(ctx.lang, { name: 'state', label: { vi: 'Trạng thái', en: 'State' }, value: f['state'] ?? '', errors: o.errors, options: [any, ...FINDING_STATES.map((s) => ({ value: s, label: STATE_WORDS[s][ctx.lang] }))] })}
${selectField(ctx.lang, { name: 'authority', label: { vi: 'Đơn vị', en: 'Authority' }, value: f['authority'] ?? '', errors: o.errors, options: [any, ...o.authorities.map((a) => ({ value: a, label: a }))] })}
</div>
<div class="actions">${submit(ctx.lang, { vi: 'Lọc', en: 'Filter' }, 'secondary')}
<a href="${base}/audits/findings.xlsx${exportQuery}" download>${vi ? 'Tải phát hiện chưa đóng (Excel)' : 'Open findings (Excel)'}</a>
<a href="${base}/audits/findings.pdf${exportQuery}" download>${vi ? 'Tải phát hiện chưa đóng (PDF)' : 'Open findings (PDF)'}</a></div>
</form>
<p>${vi ? `${count(ctx, o.total)} phát hiện.` : `${count(ctx, o.total)} findings.`}</p>
${table(ctx.lang, {
  caption: { vi: 'Phát hiện, nghiêm trọng và mới nhất trước', en: 'Findings, most serious and most recent first' },
  columns: [
    { label: { vi: 'Mức độ', en: 'Severity' } },
    { label: { vi: 'Dấu hiệu', en: 'Pattern' } },
    { label: { vi: 'Nội dung', en: 'What was seen' } },
    { label: { vi: 'Đơn vị', en: 'Authority' } },
    { label: { vi: 'Lần cuối', en: 'Last seen' } },
    { label: { vi: 'Trạng thái', en: 'State' } },
  ],
  rows: o.rows.map((r) => [
    severityTag(ctx, r.severity),
    r.pattern,
    markup`<a href="${base}/audits/${encodeURIComponent(r.findingId)}">${vi ? r.summaryVi : r.summaryEn}</a>${r.policeReferral ? markup` ${tag(vi ? 'Chuyển công an' : 'Police referral', 'red')}` : ''}`,
    r.authorityCode,
    dmy(r.lastSeen.slice(0, 10)),
    stateTag(ctx, r.state),
  ]),
  empty: { vi: 'Không có phát hiện nào khớp bộ lọc.', en: 'No finding matches the filter.' },
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * FINDINGS_PAGE_SIZE < o.total, total: o.total, pageSize: FINDINGS_PAGE_SIZE, href })}`,
  });
}

export function findingPage(
  ctx: PageContext,
  o: {
    finding: FindingView;
    history: readonly { action: string; by: string | null; at: string; note: string | null }[];
    values: FormValues;
    errors: readonly FieldError[];
    done?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const f = o.finding;
  const action = `${base}/audits/${encodeURIComponent(f.findingId)}`;
  const pattern = words(PATTERN_WORDS, f.pattern);
  const ACTIONS: Record<string, Words> = {
    raised: { vi: 'Phát hiện lần đầu', en: 'First seen' },
    seen_again: { vi: 'Lại thấy', en: 'Seen again' },
    reopened: { vi: 'Mở lại (tái diễn sau khi đóng)', en: 'Reopened (recurred after closing)' },
    acknowledged: { vi: 'Tiếp nhận', en: 'Acknowledged' },
    assigned: { vi: 'Giao xử lý', en: 'Assigned' },
    closed: { vi: 'Đóng', en: 'Closed' },
  };
  const closed = f.state === 'closed';
  return page(ctx, {
    title: { vi: 'Phát hiện kiểm tra', en: 'Audit finding' },
    nav: 'audits',
    hasErrors: o.errors.length > 0,
    body: markup`${o.done ? notice(o.done) : ''}${errorSummary(ctx.lang, o.errors)}<p class="hint">${pattern ? pattern[ctx.lang] : f.pattern}</p>
<h1>${vi ? f.summaryVi : f.summaryEn}</h1>
<p>${severityTag(ctx, f.severity)} ${stateTag(ctx, f.state)}${f.policeReferral ? markup` ${tag(vi ? 'Chuyển cơ quan công an' : 'Refer to the police', 'red')}` : ''}</p>
${summaryList(ctx.lang, [
  [{ vi: 'Đơn vị', en: 'Authority' }, f.authorityCode],
  [{ vi: 'Đối tượng', en: 'Subject' }, f.subject],
  [{ vi: 'Lần đầu, lần cuối', en: 'First, last seen' }, `${dmy(f.firstSeen.slice(0, 10))} – ${dmy(f.lastSeen.slice(0, 10))}`],
  [{ vi: 'Số lần', en: 'Occurrences' }, count(ctx, f.occurrences)],
  [{ vi: 'Người xử lý', en: 'Assignee' }, f.assignee ?? '—'],
  ...(f.closedNote ? [[{ vi: 'Ghi chú khi đóng', en: 'Closing note' }, f.closedNote] as const] : []),
])}
<h2>${vi ? 'Căn cứ' : 'The facts'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Dữ kiện của phát hiện', en: 'Facts behind the finding' },
  columns: [{ label: { vi: 'Dữ kiện', en: 'Fact' } }, { label: { vi: 'Giá trị', en: 'Value' } }],
  rows: Object.entries(f.facts).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  empty: { vi: 'Không có dữ kiện kèm theo.', en: 'No facts attached.' },
})}
${f.links.length > 0 ? markup`<p>${vi ? 'Xem thêm (API): ' : 'Read more (API): '}${f.links.map((l, i) => markup`${i > 0 ? ', ' : ''}<code>${l}</code>`)}</p>` : ''}
<h2>${vi ? 'Lịch sử xử lý' : 'Handling history'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Mỗi bước xử lý được ghi thành sự kiện', en: 'Every step of handling is recorded as an event' },
  columns: [
    { label: { vi: 'Thời điểm', en: 'When' } },
    { label: { vi: 'Việc', en: 'What' } },
    { label: { vi: 'Người', en: 'Who' } },
    { label: { vi: 'Ghi chú', en: 'Note' } },
  ],
  rows: o.history.map((h) => [h.at.replace('T', ' ').slice(0, 16), ACTIONS[h.action]?.[ctx.lang] ?? h.action, h.by ?? '', h.note ?? '']),
})}
${
  closed
    ? markup`<p>${vi ? 'Phát hiện đã đóng. Nếu dấu hiệu tái diễn, hệ thống tự mở lại.' : 'The finding is closed. It reopens by itself if the pattern recurs.'}</p>`
    : markup`<h2>${vi ? 'Xử lý' : 'Handle'}</h2>
<div class="card">${form(
        ctx,
        { action: `${action}/acknowledge`, label: { vi: 'Tiếp nhận', en: 'Acknowledge' } },
        markup`${textArea(ctx.lang, { name: 'ackNote', label: { vi: 'Ghi chú tiếp nhận (không bắt buộc)', en: 'Note (optional)' }, value: o.values['ackNote'] ?? '', errors: o.errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Tiếp nhận', en: 'Acknowledge' }, 'secondary')}</div>`,
      )}</div>
<div class="card">${form(
        ctx,
        { action: `${action}/assign`, label: { vi: 'Giao người xử lý', en: 'Assign' } },
        markup`${textField(ctx.lang, { name: 'assignee', label: { vi: 'Giao cho (mã cán bộ)', en: 'Assign to (officer id)' }, value: o.values['assignee'] ?? '', errors: o.errors, short: true })}
${textArea(ctx.lang, { name: 'assignNote', label: { vi: 'Ghi chú (không bắt buộc)', en: 'Note (optional)' }, value: o.values['assignNote'] ?? '', errors: o.errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Giao xử lý', en: 'Assign' }, 'secondary')}</div>`,
      )}</div>
<div class="card">${form(
        ctx,
        { action: `${action}/close`, label: { vi: 'Đóng phát hiện', en: 'Close the finding' } },
        markup`${textArea(ctx.lang, { name: 'closeNote', label: { vi: 'Kết quả xử lý', en: 'Outcome' }, hint: { vi: 'Bắt buộc: đã xác minh gì, chuyển cơ quan nào, theo văn bản nào.', en: 'Required: what was checked, referred to whom, under which document.' }, value: o.values['closeNote'] ?? '', errors: o.errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Đóng phát hiện', en: 'Close the finding' })}</div>`,
      )}</div>`
}
<p><a href="${base}/audits">${vi ? '← Tất cả phát hiện' : '← All findings'}</a></p>`,
  });
}
