import type { Request, Response } from 'express';
import type { Lang } from '../ui/html';
import { SESSION_COOKIE } from './session-store';

const LANG_COOKIE = 'sogoc_console_lang';

export function cookie(request: Request, name: string): string | undefined {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(request.headers.cookie ?? '');
  return match?.[1];
}

/**
 * httpOnly: no script can read it; SameSite=Strict: no other site's page can send it; Secure when the
 * console is reached over HTTPS; Path=/console: the JSON API never sees it.
 */
export function setSessionCookie(request: Request, response: Response, id: string): void {
  response.append('Set-Cookie', `${SESSION_COOKIE}=${id}; Path=/console; HttpOnly; SameSite=Strict${request.secure ? '; Secure' : ''}`);
}

export function clearSessionCookie(response: Response): void {
  response.append('Set-Cookie', `${SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0`);
}

/** ?lang= wins and is remembered; otherwise the cookie; otherwise Vietnamese. */
export function consoleLanguage(request: Request, response: Response): Lang {
  const asked = request.query['lang'];
  if (asked === 'vi' || asked === 'en') {
    response.append('Set-Cookie', `${LANG_COOKIE}=${asked}; Path=/console; Max-Age=31536000; SameSite=Strict; HttpOnly`);
    return asked;
  }
  const remembered = cookie(request, LANG_COOKIE);
  return remembered === 'en' ? 'en' : 'vi';
}

/** Pages carry personal data: never cached, never framed, nothing loaded from elsewhere. */
export function sendPage(response: Response, body: string, status = 200): void {
  response.status(status);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  );
  response.send(body);
}
