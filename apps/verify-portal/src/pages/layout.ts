import { html, type SafeHtml } from './html';
import { UI, type Lang } from './texts';

export interface PageFrame {
  readonly lang: Lang;
  readonly title: string;
  /** The same page in the other language. */
  readonly switchHref: string;
}

export function layout(frame: PageFrame, body: SafeHtml): string {
  const t = UI[frame.lang];
  const other = t.otherLanguageCode;
  return `<!doctype html>${html`<html lang="${frame.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${frame.title} · ${t.siteName}</title>
<link rel="stylesheet" href="/assets/portal.css">
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="site"><div class="wrap">
<p class="brand"><a href="/">${t.siteName}</a></p>
<nav class="lang" aria-label="${t.languageNav}"><a href="${frame.switchHref}" hreflang="${other}" lang="${other}">${t.otherLanguage}</a></nav>
</div></header>
<main id="main" class="wrap">
${body}
</main>
<footer class="site"><div class="wrap">
<p>${t.footer}</p>
<ul><li><a href="/docs">${t.apiLink}</a></li><li><a href="/.well-known/so-goc-keys.json">${t.keysLink}</a></li></ul>
</div></footer>
</body>
</html>`}`;
}
