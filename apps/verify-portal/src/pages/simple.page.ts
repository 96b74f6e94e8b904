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

/** A POSTed lookup far larger than four short fields can make: not a person at the form. */
export function tooLargePage(frame: Omit<PageFrame, 'title'>): string {
  const t = UI[frame.lang];
  return layout(
    { ...frame, title: t.tooLargeTitle },
    html`<h1>${t.tooLargeTitle}</h1>
<div class="answer tone-neutral" role="alert"><p>${t.tooLarge}</p></div>
<p><a href="/">${t.another}</a></p>`,
  );
}

export function missingPage(frame: Omit<PageFrame, 'title'>): string {
  const t = UI[frame.lang];
  return layout(
    { ...frame, title: t.notFoundPage },
    html`<h1>${t.notFoundPage}</h1>
<p><a href="/">${t.another}</a></p>`,
  );
}
