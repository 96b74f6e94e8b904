import { markup, type Html, type Lang, type SafeHtml, type Words } from './html';
import { newCommandId, type PageContext } from './page-context';

/** A problem with one field as the officer sees it, in the page's language. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** GOV.UK pattern: a summary at the top, focused on load, whose links jump to each field in error. */
export function errorSummary(lang: Lang, errors: readonly FieldError[], title?: Words): SafeHtml {
  if (errors.length === 0) return markup``;
  const heading = title ? title[lang] : lang === 'vi' ? 'Có vấn đề cần sửa' : 'There is a problem';
  return markup`<div class="errors" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-error-summary>
<h2 id="error-summary-title">${heading}</h2>
<ul>${errors.map((e) => markup`<li>${e.field ? markup`<a href="#${fieldId(e.field)}">${e.message}</a>` : e.message}</li>`)}</ul>
</div>`;
}

interface FieldOptions {
  readonly name: string;
  readonly label: Words;
  readonly hint?: Words;
  readonly value?: string;
  readonly errors?: readonly FieldError[];
}

function fieldParts(lang: Lang, o: FieldOptions): { id: string; error: FieldError | undefined; describedBy: string; head: SafeHtml } {
  const id = fieldId(o.name);
  const error = o.errors?.find((e) => e.field === o.name);
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const head = markup`<label for="${id}">${o.label[lang]}</label>${o.hint ? markup`<span class="hint" id="${id}-hint">${o.hint[lang]}</span>` : ''}${
    error
      ? markup`<span class="field-error" id="${id}-error"><span class="visually-hidden">${lang === 'vi' ? 'Lỗi: ' : 'Error: '}</span>${error.message}</span>`
      : ''
  }`;
  return { id, error, describedBy, head };
}

export function textField(
  lang: Lang,
  o: FieldOptions & {
    readonly type?: 'text' | 'password' | 'number' | 'search';
    readonly autocomplete?: string;
    readonly inputmode?: string;
    readonly short?: boolean;
    readonly required?: boolean;
  },
): SafeHtml {
  const { id, error, describedBy, head } = fieldParts(lang, o);
  return markup`<div class="field${error ? ' has-error' : ''}">${head}<input type="${o.type ?? 'text'}" id="${id}" name="${o.name}" value="${o.type === 'password' ? '' : (o.value ?? '')}"${
    o.short ? markup` class="short"` : ''
  }${o.autocomplete ? markup` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? markup` inputmode="${o.inputmode}"` : ''}${o.required ? markup` required` : ''}${
    describedBy ? markup` aria-describedby="${describedBy}"` : ''
  }${error ? markup` aria-invalid="true"` : ''}></div>`;
}

export function textArea(lang: Lang, o: FieldOptions & { readonly rows?: number }): SafeHtml {
  const { id, error, describedBy, head } = fieldParts(lang, o);
  return markup`<div class="field${error ? ' has-error' : ''}">${head}<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 3}"${describedBy ? markup` aria-describedby="${describedBy}"` : ''}${
    error ? markup` aria-invalid="true"` : ''
  }>${o.value ?? ''}</textarea></div>`;
}

export function selectField(lang: Lang, o: FieldOptions & { readonly options: readonly { value: string; label: string }[] }): SafeHtml {
  const { id, error, describedBy, head } = fieldParts(lang, o);
  return markup`<div class="field${error ? ' has-error' : ''}">${head}<select id="${id}" name="${o.name}"${describedBy ? markup` aria-describedby="${describedBy}"` : ''}${
    error ? markup` aria-invalid="true"` : ''
  }>${o.options.map((opt) => markup`<option value="${opt.value}"${opt.value === o.value ? markup` selected` : ''}>${opt.label}</option>`)}</select></div>`;
}

export function fileField(lang: Lang, o: FieldOptions & { readonly accept: string }): SafeHtml {
  const { id, error, describedBy, head } = fieldParts(lang, o);
  return markup`<div class="field${error ? ' has-error' : ''}">${head}<input type="file" id="${id}" name="${o.name}" accept="${o.accept}"${describedBy ? markup` aria-describedby="${describedBy}"` : ''}${
    error ? markup` aria-invalid="true"` : ''
  }></div>`;
}

export function submit(lang: Lang, label: Words, variant: 'primary' | 'secondary' | 'warning' = 'primary'): SafeHtml {
  return markup`<button type="submit" class="button${variant === 'primary' ? '' : ` ${variant}`}">${label[lang]}</button>`;
}

export function linkButton(lang: Lang, href: string, label: Words, variant: 'primary' | 'secondary' = 'secondary'): SafeHtml {
  return markup`<a class="button${variant === 'primary' ? '' : ` ${variant}`}" href="${href}">${label[lang]}</a>`;
}

/**
 * Every form posts its CSRF token and a fresh command id. A multipart form carries the token in its
 * action URL too, because the file upload is parsed only after the guard has run.
 */
export function form(
  ctx: PageContext,
  o: { action: string; multipart?: boolean; commandId?: string; label?: Words },
  body: Html,
): SafeHtml {
  const action = o.multipart ? `${o.action}${o.action.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(ctx.csrf)}` : o.action;
  return markup`<form method="post" action="${action}"${o.multipart ? markup` enctype="multipart/form-data"` : ''}${o.label ? markup` aria-label="${o.label[ctx.lang]}"` : ''} novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="_commandId" value="${o.commandId ?? newCommandId()}">
${body}
</form>`;
}

export interface Column {
  readonly label: Words;
  readonly num?: boolean;
}

export function table(
  lang: Lang,
  o: { caption: Words; columns: readonly Column[]; rows: readonly (readonly Html[])[]; empty?: Words },
): SafeHtml {
  if (o.rows.length === 0 && o.empty) return markup`<p>${o.empty[lang]}</p>`;
  return markup`<div class="table-wrap" tabindex="0" role="region" aria-label="${o.caption[lang]}"><table>
<caption>${o.caption[lang]}</caption>
<thead><tr>${o.columns.map((c) => markup`<th scope="col"${c.num ? markup` class="num"` : ''}>${c.label[lang]}</th>`)}</tr></thead>
<tbody>${o.rows.map((row) => markup`<tr>${row.map((cell, i) => markup`<td${o.columns[i]?.num ? markup` class="num"` : ''}>${cell}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

export type TagColour = 'blue' | 'green' | 'red' | 'grey' | 'amber';

export function tag(text: string, colour: TagColour): SafeHtml {
  return markup`<strong class="tag tag-${colour}">${text}</strong>`;
}

export function summaryList(lang: Lang, rows: readonly (readonly [Words, Html])[]): SafeHtml {
  return markup`<dl class="summary">${rows.map(([k, v]) => markup`<dt>${k[lang]}</dt><dd>${v}</dd>`)}</dl>`;
}

export function pager(
  lang: Lang,
  o: { page: number; hasNext: boolean; href: (page: number) => string; total?: number; pageSize: number },
): SafeHtml {
  if (o.page === 1 && !o.hasNext) return markup``;
  const label = lang === 'vi' ? 'Phân trang' : 'Pagination';
  return markup`<nav class="pager" aria-label="${label}">
${o.page > 1 ? markup`<a href="${o.href(o.page - 1)}" rel="prev">${lang === 'vi' ? '← Trang trước' : '← Previous'}</a>` : ''}
<span>${lang === 'vi' ? `Trang ${o.page}` : `Page ${o.page}`}${o.total !== undefined ? ` / ${Math.max(1, Math.ceil(o.total / o.pageSize))}` : ''}</span>
${o.hasNext ? markup`<a href="${o.href(o.page + 1)}" rel="next">${lang === 'vi' ? 'Trang sau →' : 'Next →'}</a>` : ''}
</nav>`;
}

export function notice(text: string): SafeHtml {
  return markup`<div class="notice" role="status">${text}</div>`;
}
