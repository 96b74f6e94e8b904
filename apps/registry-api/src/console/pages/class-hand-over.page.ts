import type { PrintRunListRow, RegisterEntryView } from '@so-goc/projections';
import { errorSummary, form, notice, selectField, submit, table, tag, textField, type FieldError } from '../ui/components';
import { markup } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { count } from './blanks.page';
import { dmy, type FormValues } from './form-input';

export interface ClassRowOutcome {
  readonly entry: RegisterEntryView;
  readonly recorded: boolean;
  readonly message?: string;
}

/** A class's diplomas handed over at once (the school's ceremony): each holder signs the class list, each hand-over is its own record (rule 23). */
export function classHandOverPage(
  ctx: PageContext,
  o: {
    runs: readonly PrintRunListRow[];
    run?: string;
    classes: readonly { key: string; label: string; waiting: number }[];
    klass?: string;
    entries: readonly RegisterEntryView[];
    values: FormValues;
    selected?: readonly string[];
    errors: readonly FieldError[];
    outcomes?: readonly ClassRowOutcome[];
    commandId?: string;
  },
): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const vi = ctx.lang === 'vi';
  const v = o.values;
  const recorded = o.outcomes?.filter((r) => r.recorded).length ?? 0;
  const refused = o.outcomes?.filter((r) => !r.recorded) ?? [];
  return page(ctx, {
    title: { vi: 'Phát văn bằng theo danh sách lớp', en: 'Hand over by class list' },
    nav: 'print-runs',
    hasErrors: o.errors.length > 0 || refused.length > 0,
    body: markup`${o.outcomes && recorded > 0 ? notice(vi ? `Đã ghi nhận phát ${count(ctx, recorded)} văn bằng.` : `${count(ctx, recorded)} hand-overs recorded.`) : ''}${errorSummary(
      ctx.lang,
      [...o.errors, ...refused.map((r) => ({ field: '', message: `${r.entry.fullName} (${r.entry.serial}): ${r.message ?? ''}` }))],
    )}<h1>${vi ? 'Phát văn bằng theo danh sách lớp' : 'Hand over by class list'}</h1>
<p>${vi ? 'Chọn đợt in đã ký và lớp; mỗi học sinh có tên được đánh dấu tự nhận văn bằng và ký vào danh sách. Mỗi lần phát được ghi riêng (quy tắc 23); người nhận thay phải phát từng người một kèm giấy ủy quyền.' : 'Choose a signed print run and a class; each ticked holder receives their own diploma and signs the class list. Each hand-over is recorded on its own (rule 23); a proxy is handled one by one with the authorisation.'}</p>
<form method="get" action="${base}/hand-over" aria-label="${vi ? 'Chọn lớp' : 'Choose a class'}"><div class="filter-row">
${selectField(ctx.lang, {
  name: 'run',
  label: { vi: 'Đợt in', en: 'Print run' },
  value: o.run ?? '',
  options: [
    { value: '', label: vi ? '— chọn —' : '— choose —' },
    ...o.runs.map((r) => ({ value: r.printRunId, label: `${r.printRunId} · ${r.kind} ${r.registerYear} · ${count(ctx, r.diplomaCount)}` })),
  ],
})}
${selectField(ctx.lang, {
  name: 'class',
  label: { vi: 'Trường · lớp', en: 'School · class' },
  value: o.klass ?? '',
  options: [
    { value: '', label: vi ? '— tất cả —' : '— all —' },
    ...o.classes.map((c) => ({ value: c.key, label: `${c.label} (${c.waiting})` })),
  ],
})}
</div><div class="actions">${submit(ctx.lang, { vi: 'Xem danh sách', en: 'Show the list' }, 'secondary')}</div></form>
${
  o.run && o.entries.length > 0
    ? form(
        ctx,
        {
          action: `${base}/hand-over?run=${encodeURIComponent(o.run)}${o.klass ? `&class=${encodeURIComponent(o.klass)}` : ''}`,
          ...(o.commandId ? { commandId: o.commandId } : {}),
          label: { vi: 'Phát theo danh sách', en: 'Hand over from the list' },
        },
        markup`${table(ctx.lang, {
          caption: { vi: 'Văn bằng chờ phát của lớp', en: 'Diplomas of the class awaiting hand-over' },
          columns: [
            { label: { vi: 'Phát', en: 'Hand over' } },
            { label: { vi: 'Họ và tên', en: 'Full name' } },
            { label: { vi: 'Ngày sinh', en: 'Born' } },
            { label: { vi: 'Lớp', en: 'Class' } },
            { label: { vi: 'Số vào sổ', en: 'Register no.' } },
            { label: { vi: 'Số hiệu', en: 'Serial' } },
          ],
          rows: o.entries.map((e) => [
            markup`<input type="checkbox" name="diploma" value="${e.diplomaId}" id="d-${e.diplomaId}" aria-label="${vi ? `Phát cho ${e.fullName}` : `Hand over to ${e.fullName}`}"${!o.selected || o.selected.includes(e.diplomaId) ? markup` checked` : ''}>`,
            markup`<label for="d-${e.diplomaId}">${e.fullName}</label>`,
            dmy(e.birthDate),
            e.className ?? '',
            e.registerLabel,
            e.serial,
          ]),
        })}
${textField(ctx.lang, { name: 'deliveredOn', label: { vi: 'Ngày phát', en: 'Handed over on' }, hint: { vi: 'ngày/tháng/năm', en: 'day/month/year' }, value: v['deliveredOn'] ?? '', errors: o.errors, short: true })}
${textField(ctx.lang, { name: 'deliveredBy', label: { vi: 'Cán bộ phát', en: 'Handed over by' }, value: v['deliveredBy'] ?? ctx.officer?.fullName ?? '', errors: o.errors })}
<div class="actions">${submit(ctx.lang, { vi: 'Ghi nhận đã phát các văn bằng được đánh dấu', en: 'Record the ticked hand-overs' })}</div>`,
      )
    : o.run && !o.klass && o.classes.length > 0
      ? markup`<p>${vi ? 'Chọn một lớp để xem danh sách.' : 'Choose a class to see its list.'}</p>`
      : o.run
        ? markup`<p>${vi ? 'Không còn văn bằng nào chờ phát trong lựa chọn này.' : 'No diploma awaits hand-over in this selection.'} ${tag(vi ? 'Xong' : 'Done', 'green')}</p>`
        : ''
}`,
  });
}
