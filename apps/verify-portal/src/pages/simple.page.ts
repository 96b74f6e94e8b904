import { html } from './html';
import { layout, type PageFrame } from './layout';
import { UI } from './texts';

export function tooManyPage(frame: Omit<PageFrame, 'title'>, retryAfterSeconds: number): string {
  const t = UI[frame.lang];
  return layout(
    { ...frame, title: t.tooManyTitle },
    html`<h1>${t.tooManyTitle}</h1>
<div class="answer tone-neutral" role="alert"><p>${t.tooMany(retryAfterSeconds)}</p></div>
<p><a href="/">${t.another}</a></p>`,
  );
}

export function notReadyPage(frame: Omit<PageFrame, 'title'>): string {
  const t = UI[frame.lang];
  return layout(
    { ...frame, title: t.notReadyTitle },
    html`<h1>${t.notReadyTitle}</h1>
<div class="answer tone-neutral" role="alert"><p>${t.notReady}</p></div>`,
  );
}
