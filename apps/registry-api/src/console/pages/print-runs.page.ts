import type { PrintRunListRow, PrintRunView, RegisterEntryView, SignerView } from '@so-goc/projections';
import {
  errorSummary,
  form,
  linkButton,
  notice,
  pager,
  selectField,
  submit,
  summaryList,
  table,
  tag,
  textField,
  type FieldError,
  type TagColour,
} from '../ui/components';
import { markup, type SafeHtml } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { stateTag } from './decisions.page';
import { dmy, type FormValues } from './form-input';

const RUN_STATUS: Record<string, [string, string, TagColour]> = {
  open: ['Đã mở, chờ in', 'Open, to print', 'blue'],
  printed: ['Đã in, chờ ký', 'Printed, to sign', 'amber'],
  signed: ['Đã ký, chờ đóng', 'Signed, to close', 'green'],
  closed: ['Đã đóng', 'Closed', 'grey'],
};

export function runStatusTag(ctx: PageContext, status: string): SafeHtml {
  const [vi, en, colour] = RUN_STATUS[status] ?? [status, status, 'grey'];
  return tag(ctx.lang === 'vi' ? vi : en, colour);
}

export function printRunsPage(ctx: PageContext, runs: readonly PrintRunListRow[]): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  return page(ctx, {
    title: { vi: 'Đợt in', en: 'Print runs' },
    nav: 'print-runs',
    body: markup`<h1>${ctx.lang === 'vi' ? 'Đợt in văn bằng' : 'Print runs'}</h1>
<p>${ctx.lang === 'vi' ? 'Mở đợt in từ trang của một quyết định tốt nghiệp.' : 'Open a print run from a graduation decision’s page.'} <a href="${base}/decisions">${ctx.lang === 'vi' ? 'Các quyết định' : 'Decisions'}</a></p>
<p><a href="${base}/hand-over">${ctx.lang === 'vi' ? 'Phát văn bằng theo danh sách lớp' : 'Hand over by class list'}</a></p>
${table(ctx.lang, {
  caption: { vi: 'Các đợt in, mới nhất trước', en: 'Print runs, newest first' },
  columns: [
    { label: { vi: 'Đợt in', en: 'Run' } },
    { label: { vi: 'Ngày mở', en: 'Opened' } },
    { label: { vi: 'Loại', en: 'Kind' } },
    { label: { vi: 'Số văn bằng', en: 'Diplomas' }, num: true },
    { label: { vi: 'Trạng thái', en: 'Status' } },
  ],
  rows: runs.map((r) => [
    markup`<a href="${base}/print-runs/${r.printRunId}">${r.printRunId}</a>`,
    dmy(r.openedOn),
    `${r.kind} ${r.registerYear}`,
    r.diplomaCount,
    runStatusTag(ctx, r.status),
  ]),
  empty: { vi: 'Chưa có đợt in nào.', en: 'No print runs yet.' },
})}`,
  });
}

export function openRunPage(
  ctx: PageContext,
  o: {
    values: FormValues;
    errors: readonly FieldError[];
    decisions: readonly { value: string; label: string }[];
    lots: readonly { value: string; label: string }[];
    commandId?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const { values: v, errors } = o;
  return page(ctx, {
    title: { vi: 'Mở đợt in', en: 'Open a print run' },
    nav: 'print-runs',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}<h1>${vi ? 'Mở đợt in' : 'Open a print run'}</h1>
<p class="lead">${vi ? 'Hệ thống giữ phôi của lô đã chọn, cấp số vào sổ gốc liên tục và ghép mỗi người với một phôi.' : 'Blanks of the chosen lot are reserved, register numbers given without gaps, and each graduate paired with a blank.'}</p>
${form(
  ctx,
  { action: `${base}/print-runs/new`, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`
${selectField(ctx.lang, { name: 'decisionId', label: { vi: 'Quyết định tốt nghiệp', en: 'Graduation decision' }, value: v['decisionId'] ?? '', options: o.decisions, errors })}
${selectField(ctx.lang, { name: 'lotId', label: { vi: 'Lô phôi', en: 'Lot of blanks' }, value: v['lotId'] ?? '', options: o.lots, errors })}
${textField(ctx.lang, { name: 'openedOn', label: { vi: 'Ngày mở', en: 'Opened on' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['openedOn'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'spareBlanks', label: { vi: 'Số phôi dự phòng in hỏng', en: 'Spare blanks for misprints' }, hint: { vi: 'Phôi dự phòng chưa dùng được trả lại khi đóng đợt in.', en: 'Unused spares go back to stock when the run closes.' }, value: v['spareBlanks'] ?? '3', errors, short: true, inputmode: 'numeric' })}
<div class="actions">${submit(ctx.lang, { vi: 'Mở đợt in', en: 'Open the run' })}<a href="${base}/print-runs">${vi ? 'Huỷ bỏ' : 'Cancel'}</a></div>`,
)}`,
  });
}

export const RUN_PAGE_SIZE = 50;

export interface RunPageInput {
  readonly run: Omit<PrintRunView, 'entries'>;
  readonly entries: readonly RegisterEntryView[];
  readonly page: number;
  readonly signers: readonly SignerView[];
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  readonly done?: string;
}

/** One run and the one next step it is waiting for; the print job below, a page at a time. */
export function printRunPage(ctx: PageContext, o: RunPageInput): string {
  const base = `${consoleBase(ctx.authorityCode ?? '')}/print-runs/${o.run.printRunId}`;
  const vi = ctx.lang === 'vi';
  const run = o.run;
  const { values: v, errors } = o;
  const date = (name: string, label: [string, string]) =>
    textField(ctx.lang, {
      name,
      label: { vi: label[0], en: label[1] },
      hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' },
      value: v[name] ?? '',
      errors,
      short: true,
    });
  const signerOptions = o.signers.map((s) => ({
    value: s.signerId,
    label: `${s.fullName} — ${s.title}${s.delegationRef ? ` (${s.delegationRef})` : ''}`,
  }));
  const pdfForm = form(
    ctx,
    { action: `${base}/document`, label: { vi: 'Tải lệnh in PDF', en: 'Download the print PDF' } },
    markup`<h2>${vi ? 'Tệp in (PDF)' : 'Print file (PDF)'}</h2>
${selectField(ctx.lang, {
  name: 'mode',
  label: { vi: 'Kiểu in', en: 'Mode' },
  value: v['mode'] ?? 'overlay',
  errors,
  options: [
    { value: 'overlay', label: vi ? 'In chồng lên phôi (chỉ phần thay đổi)' : 'Overlay on the blank (variable fields only)' },
    { value: 'preview', label: vi ? 'Xem trước (toàn bộ mặt bằng)' : 'Preview (the whole face)' },
  ],
})}
${
  run.signerName
    ? ''
    : markup`<p class="hint">${vi ? 'Đợt in chưa ký: văn bằng in ngày cấp, nơi cấp và người ký dự kiến.' : 'Not signed yet: the diplomas carry the planned issue date, place and signer.'}</p>
${selectField(ctx.lang, { name: 'plannedSignerId', label: { vi: 'Người ký dự kiến', en: 'Planned signer' }, value: v['plannedSignerId'] ?? '', errors, options: signerOptions })}
${date('plannedIssueDate', ['Ngày cấp dự kiến', 'Planned issue date'])}
${textField(ctx.lang, { name: 'plannedIssuePlace', label: { vi: 'Nơi cấp dự kiến', en: 'Planned place of issue' }, value: v['plannedIssuePlace'] ?? '', errors })}`
}
<div class="actions">${submit(ctx.lang, { vi: 'Tải tệp PDF', en: 'Download the PDF' }, 'secondary')}</div>`,
  );
  const next: SafeHtml[] = [];
  if (run.status === 'open') {
    next.push(
      form(
        ctx,
        { action: `${base}/printing`, label: { vi: 'Ghi nhận đã in', en: 'Record printing' } },
        markup`<h2>${vi ? 'Ghi nhận đã in' : 'Record printing'}</h2>${date('printedOn', ['Ngày in', 'Printed on'])}<div class="actions">${submit(ctx.lang, { vi: 'Ghi nhận đã in', en: 'Record printing' })}</div>`,
      ),
    );
  }
  if (run.status === 'printed') {
    next.push(
      form(
        ctx,
        { action: `${base}/misprints`, label: { vi: 'Ghi in hỏng', en: 'Record a misprint' } },
        markup`<h2>${vi ? 'In hỏng một phôi' : 'A blank was misprinted'}</h2>
<p>${vi ? 'Phôi hỏng được ghi chờ huỷ; văn bằng sang phôi kế tiếp và giữ nguyên số vào sổ.' : 'The spoiled blank awaits destruction; the diploma moves to the next blank and keeps its register number.'}</p>
${textField(ctx.lang, { name: 'registerLabel', label: { vi: 'Số vào sổ của văn bằng in hỏng', en: 'Register number of the misprinted diploma' }, hint: { vi: 'Ví dụ 000002/THPT-2024', en: 'For example 000002/THPT-2024' }, value: v['registerLabel'] ?? '', errors, short: true })}
${textField(ctx.lang, { name: 'note', label: { vi: 'Lý do', en: 'What happened' }, value: v['note'] ?? '', errors })}
${date('reprintedOn', ['Ngày in lại', 'Reprinted on'])}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi in hỏng', en: 'Record the misprint' })}</div>`,
      ),
    );
    next.push(
      form(
        ctx,
        { action: `${base}/sign`, label: { vi: 'Ký và cấp', en: 'Sign and issue' } },
        markup`<h2>${vi ? 'Ký, đóng dấu và cấp' : 'Sign, seal and issue'}</h2>
${selectField(ctx.lang, { name: 'signerId', label: { vi: 'Người ký', en: 'Signer' }, value: v['signerId'] ?? '', errors, options: signerOptions })}
${date('issueDate', ['Ngày cấp', 'Issue date'])}
${textField(ctx.lang, { name: 'issuePlace', label: { vi: 'Nơi cấp', en: 'Place of issue' }, value: v['issuePlace'] ?? '', errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Tiếp tục', en: 'Continue' })}</div>`,
      ),
    );
  }
  if (run.status === 'signed') {
    next.push(
      form(
        ctx,
        { action: `${base}/closing`, label: { vi: 'Đóng đợt in', en: 'Close the run' } },
        markup`<h2>${vi ? 'Đóng đợt in' : 'Close the run'}</h2><p>${vi ? 'Phôi dự phòng chưa dùng được trả lại kho.' : 'Unused spare blanks go back to stock.'}</p>${date('closedOn', ['Ngày đóng', 'Closed on'])}<div class="actions">${submit(ctx.lang, { vi: 'Đóng đợt in', en: 'Close the run' })}</div>`,
      ),
    );
  }
  const mayHandOver = run.status === 'signed' || run.status === 'closed';
  return page(ctx, {
    title: { vi: `Đợt in ${run.printRunId}`, en: `Print run ${run.printRunId}` },
    nav: 'print-runs',
    hasErrors: errors.length > 0,
    body: markup`${errorSummary(ctx.lang, errors)}${o.done ? notice(o.done) : ''}
<p class="hint">${vi ? 'Đợt in' : 'Print run'}</p><h1>${run.printRunId} ${runStatusTag(ctx, run.status)}</h1>
${summaryList(ctx.lang, [
  [
    { vi: 'Quyết định', en: 'Decision' },
    markup`<a href="${consoleBase(ctx.authorityCode ?? '')}/decisions/${run.decisionId}">${run.decisionId}</a>`,
  ],
  [{ vi: 'Lô phôi', en: 'Lot' }, run.lotId],
  [{ vi: 'Số văn bằng', en: 'Diplomas' }, String(run.counts.diplomas)],
  [{ vi: 'Phôi giữ / hỏng', en: 'Blanks reserved / spoiled' }, `${run.counts.reserved} / ${run.counts.spoiled}`],
  [{ vi: 'Ngày mở / in', en: 'Opened / printed' }, `${dmy(run.openedOn)}${run.printedOn ? ` / ${dmy(run.printedOn)}` : ''}`],
  ...(run.signerName
    ? [[{ vi: 'Người ký, ngày cấp', en: 'Signed by, on' }, `${run.signerTitle ?? ''} ${run.signerName}, ${dmy(run.issueDate)}`] as const]
    : []),
])}
<div class="card">${pdfForm}</div>
${next.map((n) => markup`<div class="card">${n}</div>`)}
<h2>${vi ? 'Lệnh in' : 'Print job'}</h2>
${table(ctx.lang, {
  caption: { vi: 'Từng phôi theo thứ tự số vào sổ', en: 'Each blank in register order' },
  columns: [
    { label: { vi: 'Số vào sổ', en: 'Register no.' } },
    { label: { vi: 'Số hiệu', en: 'Serial' } },
    { label: { vi: 'Họ và tên', en: 'Full name' } },
    { label: { vi: 'Ngày sinh', en: 'Born' } },
    { label: { vi: 'Trạng thái', en: 'State' } },
    { label: { vi: 'Cấp phát', en: 'Hand-over' } },
  ],
  rows: o.entries.map((e) => [
    e.registerLabel,
    e.serial,
    e.fullName,
    dmy(e.birthDate),
    stateTag(ctx, e.state),
    mayHandOver && e.state === 'issued'
      ? markup`<a href="${consoleBase(ctx.authorityCode ?? '')}/diplomas/${e.diplomaId}/hand-over">${vi ? 'Phát bằng' : 'Hand over'}<span class="visually-hidden"> ${e.fullName}</span></a>`
      : (e.recipientName ?? ''),
  ]),
})}
${pager(ctx.lang, { page: o.page, hasNext: o.page * RUN_PAGE_SIZE < run.counts.diplomas, total: run.counts.diplomas, pageSize: RUN_PAGE_SIZE, href: (p) => `${base}?page=${p}` })}`,
  });
}

/** Signing cannot be undone: this page restates what will happen before the officer confirms it. */
export function confirmSignPage(
  ctx: PageContext,
  o: { run: Omit<PrintRunView, 'entries'>; signer: SignerView; issueDate: string; issuePlace: string },
): string {
  const base = `${consoleBase(ctx.authorityCode ?? '')}/print-runs/${o.run.printRunId}`;
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Xác nhận ký và cấp', en: 'Confirm signing' },
    nav: 'print-runs',
    body: markup`<h1>${vi ? `Ký và cấp ${o.run.counts.diplomas} văn bằng?` : `Sign and issue ${o.run.counts.diplomas} diplomas?`}</h1>
<div class="warning-text">${vi ? 'Sau khi ký, văn bằng có giá trị và không sửa được trên phôi; sai sót chỉ xử lý bằng chỉnh sửa hoặc cấp lại.' : 'Once signed the diplomas are valid and cannot be changed on paper; mistakes are handled by correction or reissue.'}</div>
${summaryList(ctx.lang, [
  [{ vi: 'Đợt in', en: 'Print run' }, o.run.printRunId],
  [
    { vi: 'Người ký', en: 'Signer' },
    `${o.signer.title} ${o.signer.fullName}${o.signer.delegationRef ? ` (${o.signer.delegationRef})` : ''}`,
  ],
  [{ vi: 'Ngày cấp', en: 'Issue date' }, dmy(o.issueDate)],
  [{ vi: 'Nơi cấp', en: 'Place of issue' }, o.issuePlace],
])}
${form(
  ctx,
  { action: `${base}/sign/confirmed`, label: { vi: 'Xác nhận ký', en: 'Confirm signing' } },
  markup`
<input type="hidden" name="signerId" value="${o.signer.signerId}"><input type="hidden" name="issueDate" value="${dmy(o.issueDate)}"><input type="hidden" name="issuePlace" value="${o.issuePlace}">
<div class="actions">${submit(ctx.lang, { vi: 'Xác nhận ký và cấp', en: 'Confirm: sign and issue' }, 'warning')}${linkButton(ctx.lang, base, { vi: 'Quay lại', en: 'Go back' })}</div>`,
)}`,
  });
}
