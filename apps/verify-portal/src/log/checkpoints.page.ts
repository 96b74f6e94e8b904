import { publishedLogCheckpoints } from '@so-goc/projections';
import { html } from '../pages/html';
import { layout } from '../pages/layout';
import { NOT_READY, type Portal } from '../portal';
import type { PortalRequest } from '../http/portal-request';
import { sendHtml, sendJson } from '../http/replies';
import { pageLanguage } from '../pages/page-http';

const PAGE_SIZE = 100;

const TEXT = {
  vi: {
    title: 'Điểm kiểm nhật ký sự kiện',
    intro:
      'Mỗi sự kiện của sổ gốc mang một mã băm SHA-256 nối với sự kiện trước nó. Hằng ngày, hệ thống ký (Ed25519) vị trí và mã băm cuối cùng. Ai lưu lại danh sách này có thể chứng minh về sau rằng sổ gốc không bị sửa, thêm hay xóa sự kiện nào đến các vị trí đã ký.',
    json: 'Danh sách đầy đủ dạng JSON',
    keys: 'Khóa công khai (chủ khóa SO-GOC-LOG)',
    position: 'Đến vị trí',
    hash: 'Mã băm',
    signedAt: 'Thời điểm ký',
    key: 'Khóa',
    none: 'Chưa có điểm kiểm nào.',
    notReady: 'Danh sách đang được cập nhật; vui lòng thử lại sau ít phút.',
  },
  en: {
    title: 'Event log checkpoints',
    intro:
      'Every event of the registry carries a SHA-256 hash chained over the event before it. Every day the registry signs (Ed25519) the last position and hash. Whoever keeps this list can later prove that no event up to a signed position was altered, inserted or deleted.',
    json: 'The full list as JSON',
    keys: 'Public keys (owner SO-GOC-LOG)',
    position: 'Up to position',
    hash: 'Hash',
    signedAt: 'Signed at',
    key: 'Key',
    none: 'No checkpoint yet.',
    notReady: 'The list is being updated; please try again in a few minutes.',
  },
} as const;

/** Issue 16: the signed checkpoints of the event log, published so that others can hold the registry to them (`cli verify-log --published`). */
export function checkpointsJson(portal: Portal, r: PortalRequest): void {
  const checkpoints = portal.whenReady(() => publishedLogCheckpoints(portal.readModels));
  if (checkpoints === NOT_READY) return sendJson(r.response, 503, { status: 'not_ready' });
  sendJson(r.response, 200, { checkpoints }, ['Cache-Control', 'public, max-age=300', 'Access-Control-Allow-Origin', '*']);
}

export function checkpointsPage(portal: Portal, r: PortalRequest): void {
  const asked = new URLSearchParams(r.search).get('lang') ?? undefined;
  const { lang, extraHeaders } = pageLanguage(r.request, asked);
  const t = TEXT[lang];
  const checkpoints = portal.whenReady(() => publishedLogCheckpoints(portal.readModels, PAGE_SIZE));
  const body =
    checkpoints === NOT_READY
      ? html`<p class="answer tone-neutral" role="status">${t.notReady}</p>`
      : checkpoints.length === 0
        ? html`<p>${t.none}</p>`
        : checkpoints.map(
            (c) => html`<section class="card" aria-label="${t.position} ${c.position}">
<dl class="facts">
<dt>${t.position}</dt><dd>${c.position}</dd>
<dt>${t.signedAt}</dt><dd>${c.signedAt}</dd>
<dt>${t.hash}</dt><dd><code>${c.hash}</code></dd>
<dt>${t.key}</dt><dd><code>${c.keyId}</code></dd>
</dl>
<p>${lang === 'vi' ? c.statementVi : c.statementEn}</p>
</section>`,
          );
  const page = layout(
    { lang, title: t.title, switchHref: `/checkpoints?lang=${lang === 'vi' ? 'en' : 'vi'}` },
    html`<h1>${t.title}</h1>
<p>${t.intro}</p>
<p><a href="/api/v1/checkpoints">${t.json}</a> · <a href="/.well-known/so-goc-keys.json">${t.keys}</a></p>
${body}`,
  );
  sendHtml(r.response, checkpoints === NOT_READY ? 503 : 200, page, [...(extraHeaders ?? []), 'Cache-Control', 'public, max-age=300']);
}

/**
 * Readiness, not liveness: 503 until every read model has caught up to the store's head as it was when
 * the projector started, so a load balancer sends no lookup to a portal still replaying. Says nothing
 * more than ready or not: projection names are nobody's business outside.
 */
export function readiness(portal: Portal, r: PortalRequest): void {
  const ready = portal.caughtUp();
  sendJson(r.response, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready' }, ['Cache-Control', 'no-store']);
}
