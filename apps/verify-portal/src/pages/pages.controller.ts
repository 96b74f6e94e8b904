import { Controller, Get, Header, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { canonicalSerial } from '@so-goc/projections';
import type { QueryKind } from '../lookup/lookup-answer';
import { parseLookupQuery } from '../lookup/lookup-request';
import type { PageFrame } from './layout';
import { NOT_READY, PORTAL, type Portal } from '../portal';
import { answerPage } from './answer.page';
import { lookupFormPage } from './lookup-form.page';
import { pageHeaders, pageLanguage, switchHref } from './page-http';
import { PORTAL_CSS } from './portal-css';
import { notReadyPage, tooManyPage } from './simple.page';

/** The public pages: server-rendered, complete without JavaScript. */
@ApiExcludeController()
@Controller()
export class PagesController {
  constructor(@Inject(PORTAL) private readonly portal: Portal) {}

  @Get()
  home(@Req() request: Request, @Res({ passthrough: true }) response: Response): string {
    const lang = pageLanguage(request, response);
    pageHeaders(response);
    return lookupFormPage({ lang, switchHref: switchHref(request, lang) });
  }

  @Get('tra-cuu')
  lookup(@Query() query: Record<string, unknown>, @Req() request: Request, @Res({ passthrough: true }) response: Response): string {
    const lang = pageLanguage(request, response);
    const frame = { lang, switchHref: switchHref(request, lang) };
    const parsed = parseLookupQuery(query, ['lang']);
    const admission = this.portal.admit(request, 'page', parsed.ok ? parsed.request.kind : (parsed.kind ?? 'unknown'));
    if (!admission.admitted) {
      pageHeaders(response, 429);
      response.setHeader('Retry-After', String(admission.retryAfterSeconds));
      return tooManyPage(frame, admission.retryAfterSeconds);
    }
    if (!parsed.ok) {
      this.portal.record('page', parsed.kind ?? 'unknown', 'INVALID_INPUT', admission.client);
      pageHeaders(response, 400);
      return lookupFormPage(frame, parsed);
    }
    const answer = this.portal.whenReady(() => this.portal.lookups.lookup(parsed.request));
    if (answer === NOT_READY) return this.notReady(response, frame, parsed.request.kind, admission.client);
    this.portal.record('page', parsed.request.kind, answer.status, admission.client, canonicalSerial(parsed.request.serial));
    pageHeaders(response);
    return answerPage(frame, answer, parsed.request.kind, this.portal.now());
  }

  @Get('v/:token')
  landing(@Param('token') token: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): string {
    const lang = pageLanguage(request, response);
    const frame = { lang, switchHref: switchHref(request, lang) };
    const admission = this.portal.admit(request, 'page', 'qr');
    if (!admission.admitted) {
      pageHeaders(response, 429);
      response.setHeader('Retry-After', String(admission.retryAfterSeconds));
      return tooManyPage(frame, admission.retryAfterSeconds);
    }
    const verified = this.portal.whenReady(() => this.portal.lookups.verifyToken(token));
    if (verified === NOT_READY) return this.notReady(response, frame, 'qr', admission.client);
    const { answer, claimedSerial } = verified;
    this.portal.record('page', 'qr', answer.status, admission.client, claimedSerial);
    pageHeaders(response);
    return answerPage(frame, answer, 'qr', this.portal.now());
  }

  private notReady(response: Response, frame: Omit<PageFrame, 'title'>, kind: QueryKind, client: string): string {
    this.portal.record('page', kind, 'NOT_READY', client);
    pageHeaders(response, 503);
    response.setHeader('Retry-After', '30');
    return notReadyPage(frame);
  }

  @Get('assets/portal.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @Header('X-Content-Type-Options', 'nosniff')
  css(): string {
    return PORTAL_CSS;
  }
}
