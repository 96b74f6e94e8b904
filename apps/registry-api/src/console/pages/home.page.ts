import { markup, type SafeHtml, type Words } from '../ui/html';
import { consoleBase, page } from '../ui/layout';
import type { PageContext } from '../ui/page-context';

export interface TodayCounts {
  readonly overdueIssuance: number;
  readonly correctionsPastDue: number;
  readonly copiesPastDue: number;
  readonly revokedNotReturned: number;
  readonly spoiledAwaitingDestruction: number;
  readonly blanksOnHand: number;
  /** Open critical or high audit findings of the authority and its units (issue 15); only for auditors and administrators. */
  readonly newSeriousFindings?: number;
}

/** What needs doing today, each with its count and where to do it. */
/** `jobs`: the "Việc đang chạy" section (issue 13 item 4), under the day's work. */
export function homePage(ctx: PageContext, authorityName: string, counts: TodayCounts, jobs?: SafeHtml): string {
  const base = consoleBase(ctx.authorityCode ?? '');
  const item = (count: number, label: Words, href: string, rule: Words, due = true) =>
    markup`<li class="${due && count > 0 ? 'due' : ''}"><span class="count">${count}</span><a href="${href}">${label[ctx.lang]}</a><span class="hint">${rule[ctx.lang]}</span></li>`;
  return page(ctx, {
    title: { vi: 'Việc hôm nay', en: 'Today' },
    nav: 'home',
    body: markup`<p class="hint">${authorityName}</p><h1>${ctx.lang === 'vi' ? 'Việc cần làm hôm nay' : 'What needs doing today'}</h1>
<ul class="todo">
${item(counts.overdueIssuance, { vi: 'quyết định quá hạn cấp bằng', en: 'decisions past the issuance deadline' }, `${base}/decisions`, { vi: 'Quy tắc 7: thời hạn cấp bằng', en: 'Rule 7: issuance deadline' })}
${item(counts.correctionsPastDue, { vi: 'hồ sơ chỉnh sửa quá hạn 5 ngày làm việc', en: 'correction dossiers past 5 working days' }, `${base}/after-issuance`, { vi: 'Quy tắc 29', en: 'Rule 29' })}
${item(counts.copiesPastDue, { vi: 'yêu cầu cấp bản sao quá hạn', en: 'copy requests past due' }, `${base}/copies`, { vi: 'Quy tắc 49', en: 'Rule 49' })}
${item(counts.revokedNotReturned, { vi: 'văn bằng bị thu hồi chưa nộp lại sau 30 ngày', en: 'revoked diplomas not returned after 30 days' }, `${base}/after-issuance`, { vi: 'Quy tắc 43', en: 'Rule 43' })}
${item(counts.spoiledAwaitingDestruction, { vi: 'phôi hỏng chờ hội đồng huỷ', en: 'spoiled blanks awaiting destruction' }, `${base}/blanks`, { vi: 'Quy tắc 12', en: 'Rule 12' })}
${counts.newSeriousFindings !== undefined ? item(counts.newSeriousFindings, { vi: 'phát hiện gian lận nghiêm trọng chưa xử lý', en: 'serious audit findings not yet handled' }, `${base}/audits?state=open`, { vi: 'Mục 6: kiểm tra gian lận', en: '§6: fraud audits' }) : ''}
${item(counts.blanksOnHand, { vi: 'phôi đang quản lý', en: 'blanks on hand' }, `${base}/blanks`, { vi: 'Sổ quản lý phôi', en: 'Blank ledger' }, false)}
</ul>
${jobs ?? ''}`,
  });
}
