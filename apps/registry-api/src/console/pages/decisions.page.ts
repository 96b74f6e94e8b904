import type { RowProblem } from '@so-goc/domain';
import type { DecisionListRow } from '@so-goc/projections';
import {
  errorSummary,
  fileField,
  form,
  linkButton,
  notice,
  pager,
  selectField,
  submit,
  table,
  tag,
  textField,
  type FieldError,
  type TagColour,
} from '../ui/components';
import { markup } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { dmy, type FormValues } from './form-input';

export function decisionsPage(ctx: PageContext, decisions: readonly DecisionListRow[], overdue: ReadonlySet<string>): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Quyết định công nhận tốt nghiệp', en: 'Graduation decisions' },
    nav: 'decisions',
    body: markup`<h1>${vi ? 'Quyết định công nhận tốt nghiệp' : 'Graduation decisions'}</h1>
<div class="actions">${linkButton(ctx.lang, `${base}/decisions/new`, { vi: 'Tải lên danh sách tốt nghiệp', en: 'Upload a graduate list' }, 'primary')}</div>
${table(ctx.lang, {
  caption: { vi: 'Các quyết định đã ghi nhận', en: 'Decisions recorded' },
  columns: [
    { label: { vi: 'Số quyết định', en: 'Number' } },
    { label: { vi: 'Ngày', en: 'Date' } },
    { label: { vi: 'Loại', en: 'Kind' } },
    { label: { vi: 'Số người', en: 'Graduates' }, num: true },
    { label: { vi: 'Thời hạn cấp', en: 'Deadline' } },
  ],
  rows: decisions.map((d) => [
    markup`<a href="${base}/decisions/${d.decisionId}">${d.number}</a>`,
    dmy(d.decisionDate),
    d.kind,
    d.graduateCount,
    overdue.has(d.decisionId) ? tag(vi ? 'Quá hạn' : 'Overdue', 'red') : tag(vi ? 'Trong hạn' : 'On time', 'green'),
  ]),
  empty: { vi: 'Chưa có quyết định nào.', en: 'No decisions yet.' },
})}`,
  });
}

export function uploadPage(
  ctx: PageContext,
  o: { values: FormValues; errors: readonly FieldError[]; rowProblems?: readonly RowProblem[]; reportHref?: string; commandId?: string },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const errors = o.errors;
  const rows = o.rowProblems ?? [];
  return page(ctx, {
    title: { vi: 'Tải lên danh sách tốt nghiệp', en: 'Upload a graduate list' },
    nav: 'decisions',
    hasErrors: errors.length > 0 || rows.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}
${
  rows.length > 0
    ? markup`<div class="errors" role="alert" tabindex="-1" data-error-summary aria-labelledby="rows-title"><h2 id="rows-title">${
        vi
          ? `Danh sách có ${rows.length} lỗi ở ${new Set(rows.map((r) => r.row)).size} dòng; chưa ghi nhận gì`
          : `The list has ${rows.length} problems on ${new Set(rows.map((r) => r.row)).size} rows; nothing was recorded`
      }</h2><p>${vi ? 'Sửa các dòng dưới đây trong Excel rồi tải lên lại.' : 'Fix these rows in Excel and upload the file again.'}${o.reportHref ? markup` <a href="${o.reportHref}" download>${vi ? 'Tải báo cáo lỗi (Excel)' : 'Download the report (Excel)'}</a>` : ''}</p></div>
${table(ctx.lang, {
  caption: { vi: 'Các dòng có lỗi (số dòng như Excel hiển thị)', en: 'Rows with problems (row numbers as Excel shows them)' },
  columns: [
    { label: { vi: 'Dòng', en: 'Row' }, num: true },
    { label: { vi: 'Cột', en: 'Column' } },
    { label: { vi: 'Lỗi', en: 'Problem' } },
  ],
  rows: rows.map((r) => [r.row, r.column, vi ? r.messageVi : r.messageEn]),
})}`
    : ''
}
<h1>${vi ? 'Tải lên danh sách tốt nghiệp' : 'Upload a graduate list'}</h1>
<p class="lead">${vi ? 'Tệp Excel (.xlsx) hoặc CSV như phần mềm của trường xuất ra. Sai dòng nào, hệ thống báo dòng đó và không ghi nhận gì.' : 'An Excel (.xlsx) or CSV file as the school software exports it. Every bad row is reported and nothing is recorded.'}</p>
${form(
  ctx,
  { action: `${base}/decisions/new`, multipart: true, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${textField(ctx.lang, { name: 'number', label: { vi: 'Số quyết định', en: 'Decision number' }, hint: { vi: 'Ví dụ 1234/QĐ-SGDĐT', en: 'For example 1234/QĐ-SGDĐT' }, value: v['number'] ?? '', errors })}
${textField(ctx.lang, { name: 'date', label: { vi: 'Ngày quyết định', en: 'Decision date' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['date'] ?? '', errors, short: true })}
${selectField(ctx.lang, {
  name: 'kind',
  label: { vi: 'Loại bằng', en: 'Kind of diploma' },
  value: v['kind'] ?? 'THPT',
  errors,
  options: [
    { value: 'THPT', label: 'THPT' },
    { value: 'THCS', label: 'THCS' },
  ],
})}
${textField(ctx.lang, { name: 'schoolYear', label: { vi: 'Năm học', en: 'School year' }, hint: { vi: 'Ví dụ 2023-2024', en: 'For example 2023-2024' }, value: v['schoolYear'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'examSession', label: { vi: 'Kỳ thi (nếu có)', en: 'Exam session (if any)' }, value: v['examSession'] ?? '', errors })}
${fileField(ctx.lang, { name: 'file', label: { vi: 'Tệp danh sách', en: 'List file' }, accept: '.xlsx,.csv', errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Kiểm tra và ghi nhận', en: 'Check and record' })}</div>`,
)}`,
  });
}

const STATE_TAGS: Record<string, [string, string, TagColour]> = {
  waiting: ['Chờ in', 'Waiting', 'grey'],
  entered: ['Đã vào sổ', 'Entered', 'blue'],
  printed: ['Đã in', 'Printed', 'blue'],
  issued: ['Đã ký', 'Signed', 'green'],
  delivered: ['Đã phát', 'Handed over', 'green'],
  lost_before_delivery: ['Mất trước khi phát', 'Lost before hand-over', 'red'],
};

export function stateTag(ctx: PageContext, state: string): ReturnType<typeof tag> {
  const [vi, en, colour] = STATE_TAGS[state] ?? [state, state, 'grey'];
  return tag(ctx.lang === 'vi' ? vi : en, colour);
}

export const DECISION_PAGE_SIZE = 50;

export function decisionPage(
  ctx: PageContext,
  o: {
    decision: DecisionListRow;
    rows: readonly {
      fullName: string;
      birthDate: string;
      school: string;
      state: string;
      registerLabel: string | null;
      serial: string | null;
    }[];
    page: number;
    total: number;
    waiting: number;
    done?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: `Quyết định ${o.decision.number}`, en: `Decision ${o.decision.number}` },
    nav: 'decisions',
    body: markup`${o.done ? notice(o.done) : ''}<p class="hint">${vi ? 'Quyết định công nhận tốt nghiệp' : 'Graduation decision'}</p><h1>${o.decision.number} · ${dmy(o.decision.decisionDate)}</h1>
<p>${vi ? `${o.decision.graduateCount} người tốt nghiệp; ${o.waiting} người chưa vào đợt in.` : `${o.decision.graduateCount} graduates; ${o.waiting} not yet in a print run.`}</p>
${o.waiting > 0 ? markup`<div class="actions">${linkButton(ctx.lang, `${base}/print-runs/new?decision=${encodeURIComponent(o.decision.decisionId)}`, { vi: 'Mở đợt in', en: 'Open a print run' }, 'primary')}</div>` : ''}
${table(ctx.lang, {
  caption: { vi: 'Người tốt nghiệp theo thứ tự trong danh sách', en: 'Graduates in list order' },
  columns: [
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Ngày sinh', en: 'Born' } },
    { label: { vi: 'Trường', en: 'School' } },
    { label: { vi: 'Số vào sổ', en: 'Register no.' } },
    { label: { vi: 'Số hiệu', en: 'Serial' } },
    { label: { vi: 'Trạng thái', en: 'State' } },
  ],
  rows: o.rows.map((r) => [r.fullName, dmy(r.birthDate), r.school, r.registerLabel ?? '', r.serial ?? '', stateTag(ctx, r.state)]),
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * DECISION_PAGE_SIZE < o.total, total: o.total, pageSize: DECISION_PAGE_SIZE, href: (p) => `${base}/decisions/${o.decision.decisionId}?page=${p}` })}`,
  });
}
