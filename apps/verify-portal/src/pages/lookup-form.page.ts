import type { FieldProblem } from '@so-goc/domain';
import { LOOKUP_FIELDS, type LookupField, type LookupRequest, type TypedLookup } from '../lookup/lookup-request';
import { html, type SafeHtml } from './html';
import { layout, type PageFrame } from './layout';
import { UI, type Lang } from './texts';

export interface LookupFormState {
  readonly typed?: TypedLookup;
  readonly problems?: readonly FieldProblem[];
  /** Which of the two forms the problems belong to. */
  readonly kind?: LookupRequest['kind'] | undefined;
}

type Way = 'h' | 'r';

/** Two small forms rather than one with optional parts: each works by itself, without JavaScript. */
export function lookupFormPage(frame: Omit<PageFrame, 'title'>, state: LookupFormState = {}): string {
  const t = UI[frame.lang];
  const problems = state.problems ?? [];
  const errorsIn: Way = state.kind === 'serial_register' ? 'r' : 'h';
  const body = html`
<h1>${t.homeTitle}</h1>
${problems.length > 0 ? errorSummary(frame.lang, problems, errorsIn) : ''}
<p>${t.intro}</p>
<section class="card" aria-labelledby="way-h">
<h2 id="way-h">${t.wayHolder}</h2>
<form method="post" action="/tra-cuu" novalidate>
${langInput(frame.lang)}
${field(frame.lang, 'h', 'serial', state, errorsIn)}
${field(frame.lang, 'h', 'fullName', state, errorsIn)}
${field(frame.lang, 'h', 'birthDate', state, errorsIn)}
${field(frame.lang, 'h', 'issuerCode', state, errorsIn)}
${field(frame.lang, 'h', 'year', state, errorsIn)}
<button type="submit">${t.submit}</button>
</form>
</section>
<section class="card" aria-labelledby="way-r">
<h2 id="way-r">${t.wayRegister}</h2>
<form method="post" action="/tra-cuu" novalidate>
${langInput(frame.lang)}
${field(frame.lang, 'r', 'serial', state, errorsIn)}
${field(frame.lang, 'r', 'registerNumber', state, errorsIn)}
${field(frame.lang, 'r', 'issuerCode', state, errorsIn)}
${field(frame.lang, 'r', 'year', state, errorsIn)}
<button type="submit">${t.submit}</button>
</form>
</section>
<p class="note">${t.qrNote}</p>`;
  return layout({ ...frame, title: problems.length > 0 ? `${t.problemsTitle}: ${t.homeTitle}` : t.homeTitle }, body);
}

/** The cookie remembers the language; the hidden field keeps it for visitors whose browser refuses cookies. */
function langInput(lang: Lang): SafeHtml | string {
  return lang === 'vi' ? '' : html`<input type="hidden" name="lang" value="${lang}">`;
}

function errorSummary(lang: Lang, problems: readonly FieldProblem[], way: Way): SafeHtml {
  const t = UI[lang];
  return html`<div class="errors" role="alert" aria-labelledby="errors-title">
<h2 id="errors-title">${t.problemsTitle}</h2>
<ul>${problems.map((p) => html`<li><a href="#${way}-${isField(p.field) ? p.field : 'serial'}">${messageOf(lang, p)}</a></li>`)}</ul>
</div>`;
}

/** autocomplete is off: a verifier types someone else's details, which the browser should not offer to the next visitor. */
function field(lang: Lang, way: Way, name: LookupField, state: LookupFormState, errorsIn: Way): SafeHtml {
  const t = UI[lang];
  const id = `${way}-${name}`;
  const problem = way === errorsIn ? state.problems?.find((p) => p.field === name) : undefined;
  const value = way === errorsIn ? state.typed?.[name] : undefined;
  const describedBy = [`${id}-hint`, problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${id}">${t[name]}</label>
<span class="hint" id="${id}-hint">${t[`${name}Hint`]}</span>
${problem ? html`<span class="field-error" id="${id}-error">${messageOf(lang, problem)}</span>` : ''}
<input type="text" id="${id}" name="${name}" value="${value ?? ''}" autocomplete="off" spellcheck="false" aria-describedby="${describedBy}"${problem ? html` aria-invalid="true"` : ''}${name === 'serial' || name === 'registerNumber' || name === 'issuerCode' ? html` autocapitalize="characters"` : ''}>
</div>`;
}

function messageOf(lang: Lang, problem: FieldProblem): string {
  return lang === 'en' ? problem.messageEn : problem.messageVi;
}

function isField(name: string): name is LookupField {
  return (LOOKUP_FIELDS as readonly string[]).includes(name);
}
