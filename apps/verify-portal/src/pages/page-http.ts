import type { IncomingMessage } from 'node:http';
import { LANGS, type Lang } from './texts';

const LANG_COOKIE = 'sogoc_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

export interface PageLanguage {
  readonly lang: Lang;
  /** Set-Cookie to send when the visitor chose a language now. */
  readonly extraHeaders: readonly string[] | undefined;
}

const REMEMBER: Record<Lang, readonly string[]> = {
  vi: ['Set-Cookie', `${LANG_COOKIE}=vi; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax; HttpOnly`],
  en: ['Set-Cookie', `${LANG_COOKIE}=en; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax; HttpOnly`],
};

/**
 * ?lang= (or the form's hidden lang field) wins and is remembered in a cookie; otherwise the cookie;
 * otherwise Vietnamese, the language of the registry, whatever the browser asks for.
 */
export function pageLanguage(request: IncomingMessage, asked: unknown): PageLanguage {
  if (typeof asked === 'string' && isLang(asked)) return { lang: asked, extraHeaders: REMEMBER[asked] };
  const cookie = /(?:^|;\s*)sogoc_lang=([a-z]+)/.exec(request.headers.cookie ?? '')?.[1];
  return { lang: cookie !== undefined && isLang(cookie) ? cookie : 'vi', extraHeaders: undefined };
}

/** The same address with the other language asked for; the rest of the query is kept as it was. */
export function switchHref(path: string, search: string, lang: Lang): string {
  const params = new URLSearchParams(search);
  params.set('lang', lang === 'vi' ? 'en' : 'vi');
  return `${path}?${params.toString()}`;
}

function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}
