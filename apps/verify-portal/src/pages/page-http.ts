import type { Request, Response } from 'express';
import { LANGS, type Lang } from './texts';

const LANG_COOKIE = 'sogoc_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * ?lang= wins and is remembered in a cookie; otherwise the cookie; otherwise Vietnamese, the language of
 * the registry, whatever the browser asks for.
 */
export function pageLanguage(request: Request, response: Response): Lang {
  const asked = request.query['lang'];
  if (typeof asked === 'string' && isLang(asked)) {
    response.setHeader('Set-Cookie', `${LANG_COOKIE}=${asked}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax; HttpOnly`);
    return asked;
  }
  const cookie = /(?:^|;\s*)sogoc_lang=([a-z]+)/.exec(request.headers.cookie ?? '')?.[1];
  return cookie !== undefined && isLang(cookie) ? cookie : 'vi';
}

/** The same address with the other language asked for; the query (the visitor's own input) is kept as it was. */
export function switchHref(request: Request, lang: Lang): string {
  const url = new URL(request.originalUrl, 'http://portal.invalid');
  url.searchParams.set('lang', lang === 'vi' ? 'en' : 'vi');
  return `${url.pathname}${url.search}`;
}

/**
 * Pages show personal data that the visitor typed or that a QR bound: nothing is cached or sent on as a
 * referrer, the page loads nothing from elsewhere and cannot be framed by a look-alike site (F12).
 */
export function pageHeaders(response: Response, status = 200): void {
  response.status(status);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
}

function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}
