import { parse as parseQueryString } from 'node:querystring';
import { formatBirthDateVi } from '@so-goc/domain';
import { findAuthority, verificationRequestById } from '@so-goc/projections';
import { sendHtml } from '../http/replies';
import type { PortalRequest } from '../http/portal-request';
import { html } from '../pages/html';
import { layout } from '../pages/layout';
import { pageLanguage } from '../pages/page-http';
import { frameOf } from '../pages/page-routes';
import { tooManyPage } from '../pages/simple.page';
import { NOT_READY, type Portal } from '../portal';

const TEXT = {
  vi: {
    title: 'Kiểm tra công văn trả lời xác minh',
    found: (number: string, date: string, authority: string, organisation: string, count: number) =>
      `Công văn số ${number} ngày ${date} của ${authority} gửi ${organisation}, trả lời xác minh ${count} người, có trong hệ thống của cơ quan cấp.`,
    compare: 'Đối chiếu số, ngày và nơi nhận với công văn bạn đang có. Nội dung xác minh chỉ gửi cho cơ quan đề nghị.',
    missing: 'Không có công văn trả lời xác minh nào ứng với mã này. Công văn bạn đang có có thể không do cơ quan cấp phát hành.',
  },
  en: {
    title: 'Verification letter check',
    found: (number: string, date: string, authority: string, organisation: string, count: number) =>
      `Letter no. ${number} of ${date} from ${authority} to ${organisation}, answering about ${count} people, is on the issuing authority’s record.`,
    compare:
      'Compare the number, date and addressee with the letter in front of you. The answers themselves go only to the requesting body.',
    missing: 'No verification letter matches this code. The letter in front of you may not come from the issuing authority.',
  },
} as const;

/**
 * The QR on a response letter (docs/domain.md §2.9) lands here: it confirms that the office sent that
 * letter to that body, and nothing of what it said about anyone.
 */
export function letterCheck(portal: Portal, r: PortalRequest, requestId: string): void {
  const language = pageLanguage(r.request, parseQueryString(r.search)['lang']);
  const frame = frameOf(r, language);
  const t = TEXT[language.lang];
  const admission = portal.admit(r.request, 'page');
  if (!admission.admitted)
    return sendHtml(r.response, 429, tooManyPage(frame, admission.retryAfterSeconds), ['Retry-After', String(admission.retryAfterSeconds)]);
  const found = portal.whenReady(() => {
    const letter = verificationRequestById(portal.readModels, requestId);
    return letter?.responseLetterNumber && letter.respondedOn
      ? { letter, authority: findAuthority(portal.readModels, letter.authorityCode)?.name ?? letter.authorityCode }
      : undefined;
  });
  const result = found === NOT_READY ? 'NOT_READY' : found ? 'VALID' : 'NOT_FOUND';
  portal.record('page', 'letter', result, admission.client);
  const body =
    found && found !== NOT_READY
      ? html`<h1>${t.title}</h1>
<section class="answer tone-good" data-status="VALID"><h2><span class="mark" aria-hidden="true">✔</span>${t.found(found.letter.responseLetterNumber!, formatBirthDateVi(found.letter.respondedOn!), found.authority, found.letter.organisation, found.letter.subjects.length)}</h2>
<p>${t.compare}</p></section>`
      : html`<h1>${t.title}</h1>
<section class="answer tone-neutral" data-status="NOT_FOUND"><p>${t.missing}</p></section>`;
  const extra = found === NOT_READY ? ['Retry-After', '30', ...(language.extraHeaders ?? [])] : language.extraHeaders;
  sendHtml(r.response, found === NOT_READY ? 503 : 200, layout({ ...frame, title: t.title }, body), extra);
}
