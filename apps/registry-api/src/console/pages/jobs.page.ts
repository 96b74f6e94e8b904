import type { Job, JobState } from '../jobs/job-store';
import { errorSummary, linkButton, table, tag, type TagColour } from '../ui/components';
import { markup, type Lang, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';

/** The rows of a refused list shown on the page; the Excel report has every one. */
const ROWS_SHOWN = 500;

const STATES: Record<JobState, [string, string, TagColour]> = {
  running: ['Đang chạy', 'Running', 'blue'],
  done: ['Xong', 'Done', 'green'],
  failed: ['Không thành', 'Failed', 'red'],
  interrupted: ['Bị gián đoạn', 'Interrupted', 'amber'],
};

const UNITS: Record<Job['unit'], Words> = {
  rows: { vi: 'dòng đã đọc', en: 'rows read' },
  pages: { vi: 'trang đã dựng', en: 'pages rendered' },
  lines: { vi: 'dòng sổ đã ghi', en: 'book lines written' },
};

export function jobsBase(code: string): string {
  return `${consoleBase(code)}/jobs`;
}

function count(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);
}

export function when(lang: Lang, millis: number): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(millis));
}

export function jobTitle(lang: Lang, job: Job): string {
  return lang === 'vi' ? job.titleVi : job.titleEn;
}

export function jobStateTag(lang: Lang, state: JobState): SafeHtml {
  const [vi, en, colour] = STATES[state];
  return tag(lang === 'vi' ? vi : en, colour);
}

/** Undefined while nothing can be counted: before the total is known, and while the read list is being recorded. */
export function percentOf(job: Job): number | undefined {
  if (job.state === 'done') return 100;
  if (job.state === 'running' && (job.phase === 'recording' || job.phase === 'finishing')) return undefined;
  if (!job.total) return undefined;
  return Math.min(100, Math.floor((job.done * 100) / job.total));
}

/** "12.345 / 20.000 dòng đã đọc (61 %)", or what the work is doing when it has nothing to count. */
export function progressText(lang: Lang, job: Job): string {
  const vi = lang === 'vi';
  if (job.state === 'running' && job.phase === 'queued') return vi ? 'Đang chờ bắt đầu…' : 'Waiting to start…';
  const counted =
    job.total !== null
      ? `${count(lang, job.done)} / ${count(lang, job.total)} ${UNITS[job.unit][lang]} (${Math.min(100, Math.floor((job.done * 100) / Math.max(1, job.total)))} %)`
      : `${count(lang, job.done)} ${UNITS[job.unit][lang]}`;
  if (job.state === 'running' && job.phase === 'recording')
    return vi ? `${counted}. Đang kiểm tra trùng và ghi vào sổ…` : `${counted}. Checking for duplicates and recording…`;
  if (job.state === 'running' && job.phase === 'finishing')
    return vi ? `${counted}. Đang hoàn tất tệp…` : `${counted}. Finishing the file…`;
  return counted;
}

/** The bar itself: a native <progress>, indeterminate while there is nothing to count yet. */
function progressBar(ctx: PageContext, job: Job): SafeHtml {
  const percent = percentOf(job);
  const label = ctx.lang === 'vi' ? 'Tiến độ' : 'Progress';
  return percent === undefined
    ? markup`<progress class="job-bar" max="100" aria-label="${label}"></progress>`
    : markup`<progress class="job-bar" max="100" value="${percent}" aria-label="${label}">${percent} %</progress>`;
}

/**
 * One job. While it runs the page refreshes itself every two seconds without JavaScript (a meta refresh
 * inside <noscript>); with JavaScript, console.js asks for the status once a second and moves the bar in
 * place instead, and reloads when the job ends.
 */
export function jobPage(ctx: PageContext, job: Job): string {
  const vi = ctx.lang === 'vi';
  const base = jobsBase(ctx.authorityCode ?? '');
  const running = job.state === 'running';
  const failure = job.failure;
  const rows = failure?.rows ?? [];
  const rule = failure?.rule !== undefined ? (vi ? ` (quy tắc ${failure.rule})` : ` (rule ${failure.rule})`) : '';
  const summary = failure
    ? errorSummary(ctx.lang, [{ field: '', message: `${vi ? failure.messageVi : failure.messageEn}${rule}` }], {
        vi: 'Việc không thành; chưa ghi nhận gì',
        en: 'The job failed; nothing was recorded',
      })
    : '';
  // The rows come last, under the job's heading and what to do next: a refused list can have thousands.
  const rowsBlock =
    rows.length > 0
      ? markup`<p><a href="${base}/${job.id}/report.xlsx" download>${vi ? 'Tải báo cáo lỗi (Excel)' : 'Download the report (Excel)'}</a>${
          rows.length > ROWS_SHOWN
            ? vi
              ? ` · Trang này hiện ${ROWS_SHOWN} lỗi đầu tiên; báo cáo Excel có đủ ${count(ctx.lang, rows.length)} lỗi.`
              : ` · This page shows the first ${ROWS_SHOWN} problems; the Excel report has all ${count(ctx.lang, rows.length)}.`
            : ''
        }</p>
${table(ctx.lang, {
  caption: { vi: 'Các dòng có lỗi (số dòng như Excel hiển thị)', en: 'Rows with problems (row numbers as Excel shows them)' },
  columns: [
    { label: { vi: 'Dòng', en: 'Row' }, num: true },
    { label: { vi: 'Cột', en: 'Column' } },
    { label: { vi: 'Lỗi', en: 'Problem' } },
  ],
  rows: rows.slice(0, ROWS_SHOWN).map((r) => [r.row, r.column, vi ? r.messageVi : r.messageEn]),
})}`
      : '';
  const outcome =
    job.state === 'done'
      ? job.result
        ? markup`<div class="notice" role="status">${vi ? 'Xong. Tệp đã sẵn sàng.' : 'Done. The file is ready.'}</div>
<div class="actions">${linkButton(ctx.lang, `${base}/${job.id}/download`, { vi: `Tải tệp kết quả (${job.result.format.toUpperCase()})`, en: `Download the result (${job.result.format.toUpperCase()})` }, 'primary')}</div>`
        : markup`<div class="notice" role="status">${vi ? 'Xong. Đã ghi nhận.' : 'Done. Recorded.'}</div>
<div class="actions">${linkButton(ctx.lang, job.link, { vi: 'Xem kết quả', en: 'See the result' }, 'primary')}</div>`
      : job.state === 'interrupted'
        ? markup`<div class="errors" role="alert"><h2>${vi ? 'Việc bị gián đoạn' : 'The job was interrupted'}</h2><p>${
            vi
              ? `Máy chủ đã dừng khi việc đang chạy (ở mức ${progressText(ctx.lang, job)}). Phần dở dang không được giữ và không có gì được ghi nửa chừng; hãy chạy lại.`
              : `The server stopped while the job ran (at ${progressText(ctx.lang, job)}). The partial work was not kept and nothing was half-recorded; run it again.`
          }</p></div>
<div class="actions">${linkButton(ctx.lang, job.link, { vi: 'Chạy lại', en: 'Run it again' }, 'primary')}</div>`
        : job.state === 'failed'
          ? markup`<div class="actions">${linkButton(ctx.lang, job.link, { vi: 'Quay lại để sửa và chạy lại', en: 'Go back, fix and run again' })}</div>`
          : markup`<p class="hint">${
              vi
                ? 'Có thể rời trang này: việc vẫn chạy tiếp. Xem lại ở mục “Việc đang chạy” trên trang chủ.'
                : 'You may leave this page: the job goes on. Find it again under “Running jobs” on the home page.'
            }</p><p><a href="${base}/${job.id}">${vi ? 'Cập nhật tiến độ' : 'Refresh the progress'}</a></p>`;
  return page(ctx, {
    title: { vi: job.titleVi, en: job.titleEn },
    nav: 'home',
    hasErrors: job.state === 'failed',
    body: markup`${summary}<p class="hint"><a href="${base}">${vi ? 'Mọi việc' : 'All jobs'}</a></p>
<h1>${jobTitle(ctx.lang, job)}</h1>
${running ? markup`<noscript><meta http-equiv="refresh" content="2"></noscript>` : ''}
<div class="job" data-job-status="${running ? `${base}/${job.id}/status` : ''}">
<p>${jobStateTag(ctx.lang, job.state)}</p>
${job.state === 'failed' ? '' : progressBar(ctx, job)}
<p class="job-text" role="status" aria-live="polite">${progressText(ctx.lang, job)}</p>
</div>
<dl class="summary"><dt>${vi ? 'Bắt đầu' : 'Started'}</dt><dd>${when(ctx.lang, job.startedAt)}</dd>${
      job.finishedAt ? markup`<dt>${vi ? 'Kết thúc' : 'Ended'}</dt><dd>${when(ctx.lang, job.finishedAt)}</dd>` : ''
    }</dl>
${outcome}
${rowsBlock}`,
  });
}

/** Jobs as a list, not a table: a title, its state and how far it is read on a 390-px phone without scrolling sideways. */
function jobList(ctx: PageContext, jobs: readonly Job[], empty: Words): SafeHtml {
  if (jobs.length === 0) return markup`<p>${empty[ctx.lang]}</p>`;
  const base = jobsBase(ctx.authorityCode ?? '');
  return markup`<ul class="jobs">${jobs.map(
    (job) =>
      markup`<li><a href="${base}/${job.id}">${jobTitle(ctx.lang, job)}</a> ${jobStateTag(ctx.lang, job.state)}<span class="hint">${
        job.state === 'failed' ? '' : `${progressText(ctx.lang, job)} · `
      }${ctx.lang === 'vi' ? 'bắt đầu' : 'started'} ${when(ctx.lang, job.startedAt)}</span></li>`,
  )}</ul>`;
}

/** Every job of the authority kept within the retention period, newest first. */
export function jobsPage(ctx: PageContext, jobs: readonly Job[], retentionHours: number): string {
  const vi = ctx.lang === 'vi';
  return page(ctx, {
    title: { vi: 'Việc chạy nền', en: 'Jobs' },
    nav: 'home',
    body: markup`<h1>${vi ? 'Việc chạy nền' : 'Jobs'}</h1>
<p class="lead">${
      vi
        ? `Nhập danh sách lớn, dựng tệp in và xuất sổ chạy nền. Kết quả được giữ ${retentionHours} giờ rồi tự xoá.`
        : `Large list imports, print files and book exports run in the background. Results are kept for ${retentionHours} hours, then deleted.`
    }</p>
${jobList(ctx, jobs, { vi: 'Chưa có việc nào.', en: 'No jobs yet.' })}`,
  });
}

/** The home page's "Việc đang chạy": running jobs first, then the last few that ended. */
export function runningJobsSection(ctx: PageContext, jobs: readonly Job[]): SafeHtml {
  const vi = ctx.lang === 'vi';
  const base = jobsBase(ctx.authorityCode ?? '');
  const shown = [...jobs.filter((j) => j.state === 'running'), ...jobs.filter((j) => j.state !== 'running').slice(0, 3)];
  return markup`<section aria-labelledby="jobs-title"><h2 id="jobs-title">${vi ? 'Việc đang chạy' : 'Running jobs'}</h2>
${jobList(ctx, shown, { vi: 'Không có việc nào đang chạy.', en: 'No job is running.' })}
<p><a href="${base}">${vi ? 'Xem mọi việc' : 'See every job'}</a></p></section>`;
}
