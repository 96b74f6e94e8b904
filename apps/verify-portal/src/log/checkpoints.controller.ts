import { Controller, Get, Header, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LogCheckpointSignedData } from '@so-goc/domain';
import { publishedLogCheckpoints } from '@so-goc/projections';
import { html } from '../pages/html';
import { layout } from '../pages/layout';
import type { Lang } from '../pages/texts';
import { NOT_READY, PORTAL, type Portal } from '../portal';

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

/** Issue 16: the signed checkpoints of the event log, published so that others can hold the registry to them. */
@ApiTags('event log')
@Controller()
export class CheckpointsController {
  constructor(@Inject(PORTAL) private readonly portal: Portal) {}

  @Get('api/v1/checkpoints')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('Access-Control-Allow-Origin', '*')
  @ApiOperation({ summary: 'Điểm kiểm nhật ký đã ký (signed checkpoints of the event log), newest first; `cli verify-log --published <this URL>`' })
  @ApiOkResponse({ description: '{ "checkpoints": [{ "position", "hash", "signedAt", "hashedAtMigrationUpTo", "keyId", "signature", "statementVi", "statementEn" }] }' })
  list(@Res({ passthrough: true }) response: { status(code: number): unknown }): { checkpoints: LogCheckpointSignedData[] } | { status: 'not_ready' } {
    const checkpoints = this.portal.whenReady(() => publishedLogCheckpoints(this.portal.readModels));
    if (checkpoints === NOT_READY) {
      response.status(503);
      return { status: 'not_ready' };
    }
    return { checkpoints };
  }

  @Get('checkpoints')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('X-Frame-Options', 'DENY')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'self'; base-uri 'none'; frame-ancestors 'none'")
  page(@Query('lang') asked: unknown): string {
    const lang: Lang = asked === 'en' ? 'en' : 'vi';
    const t = TEXT[lang];
    const checkpoints = this.portal.whenReady(() => publishedLogCheckpoints(this.portal.readModels, PAGE_SIZE));
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
    return layout(
      { lang, title: t.title, switchHref: `/checkpoints?lang=${lang === 'vi' ? 'en' : 'vi'}` },
      html`<h1>${t.title}</h1>
<p>${t.intro}</p>
<p><a href="/api/v1/checkpoints">${t.json}</a> · <a href="/.well-known/so-goc-keys.json">${t.keys}</a></p>
${body}`,
    );
  }
}
