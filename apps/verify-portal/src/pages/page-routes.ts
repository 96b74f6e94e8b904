import { parse as parseQueryString } from 'node:querystring';
import { canonicalSerial } from '@so-goc/projections';
import { CLOSE_CONNECTION, readBodyFields } from '../http/request-body';
import { send, sendHtml } from '../http/replies';
import { CSS_HEADERS, HTML_HEADERS } from '../http/security-headers';
import type { PortalRequest } from '../http/portal-request';
import type { QueryKind } from '../lookup/lookup-answer';
import { parseLookupQuery } from '../lookup/lookup-request';
import { NOT_READY, type Portal } from '../portal';
import { answerPage } from './answer.page';
import type { PageFrame } from './layout';
import { lookupFormPage } from './lookup-form.page';
import { pageLanguage, switchHref, type PageLanguage } from './page-http';
import { PORTAL_CSS } from './portal-css';
import { missingPage, notReadyPage, tooLargePage, tooManyPage } from './simple.page';

type Frame = Omit<PageFrame, 'title'>;

/** The public pages: server-rendered, complete without JavaScript. */
export class PageRoutes {
  constructor(private readonly portal: Portal) {}

  home(r: PortalRequest): void {
    const language = pageLanguage(r.request, parseQueryString(r.search)['lang']);
    sendHtml(r.response, 200, lookupFormPage(frameOf(r, language)), language.extraHeaders);
  }

  /**
   * The lookup form posts (issue 16): a name and a birth date never land in an address, browser history
   * or a proxy's log. An address with a query is only ever an old bookmark; it leads back to the form
   * without looking anything up.
   */
  lookupAddress(r: PortalRequest): void {
    const lang = parseQueryString(r.search)['lang'];
    send(r.response, 303, HTML_HEADERS, '', ['Location', lang === 'en' || lang === 'vi' ? `/?lang=${lang}` : '/']);
  }

  async lookup(r: PortalRequest): Promise<void> {
    const body = await readBodyFields(r.request);
    const language = pageLanguage(r.request, body.ok ? body.fields['lang'] : parseQueryString(r.search)['lang']);
    // The answer's language link leads to the form: the query it answered is not in any address to repeat.
    const frame = { lang: language.lang, switchHref: `/?lang=${language.lang === 'vi' ? 'en' : 'vi'}` };
    if (!body.ok) return sendHtml(r.response, body.status, tooLargePage(frame), CLOSE_CONNECTION);
    const parsed = parseLookupQuery(body.fields, ['lang']);
    const admission = this.portal.admit(r.request, 'page');
    if (!admission.admitted) return this.tooMany(r, frame, admission.retryAfterSeconds);
    if (!parsed.ok) {
      this.portal.record('page', parsed.kind ?? 'unknown', 'INVALID_INPUT', admission.client);
      return sendHtml(r.response, 400, lookupFormPage(frame, parsed), language.extraHeaders);
    }
    const answer = this.portal.whenReady(() => this.portal.lookups.lookup(parsed.request));
    if (answer === NOT_READY) return this.notReady(r, frame, parsed.request.kind, admission.client);
    this.portal.record('page', parsed.request.kind, answer.status, admission.client, canonicalSerial(parsed.request.serial));
    sendHtml(r.response, 200, answerPage(frame, answer, parsed.request.kind, this.portal.now()), language.extraHeaders);
  }

  /** The QR landing: a GET of the opaque token, which carries nothing personal. */
  landing(r: PortalRequest, token: string): void {
    const language = pageLanguage(r.request, parseQueryString(r.search)['lang']);
    const frame = frameOf(r, language);
    const admission = this.portal.admit(r.request, 'page');
    if (!admission.admitted) return this.tooMany(r, frame, admission.retryAfterSeconds);
    const verified = this.portal.whenReady(() => this.portal.lookups.verifyToken(token));
    if (verified === NOT_READY) return this.notReady(r, frame, 'qr', admission.client);
    const { answer, claimedSerial } = verified;
    this.portal.record('page', 'qr', answer.status, admission.client, claimedSerial);
    sendHtml(r.response, 200, answerPage(frame, answer, 'qr', this.portal.now()), language.extraHeaders);
  }

  css(r: PortalRequest): void {
    send(r.response, 200, CSS_HEADERS, PORTAL_CSS);
  }

  private tooMany(r: PortalRequest, frame: Frame, retryAfterSeconds: number): void {
    sendHtml(r.response, 429, tooManyPage(frame, retryAfterSeconds), ['Retry-After', String(retryAfterSeconds)]);
  }

  private notReady(r: PortalRequest, frame: Frame, kind: QueryKind, client: string): void {
    this.portal.record('page', kind, 'NOT_READY', client);
    sendHtml(r.response, 503, notReadyPage(frame), ['Retry-After', '30']);
  }
}

export function frameOf(r: PortalRequest, language: PageLanguage): Frame {
  return { lang: language.lang, switchHref: switchHref(r.path, r.search, language.lang) };
}

/** A page the portal does not have, in the visitor's language. */
export function notFoundPage(r: PortalRequest): void {
  const language = pageLanguage(r.request, parseQueryString(r.search)['lang']);
  sendHtml(r.response, 404, missingPage(frameOf(r, language)));
}
