import type { Response } from 'express';
import { DomainError } from '@so-goc/domain';
import type { RegisterEntryView } from '@so-goc/projections';
import { sendPage } from '../auth/console-http';
import type { ConsoleRequest } from '../auth/console.guard';
import { errorSummary, form, linkButton, submit, summaryList, type FieldError } from '../ui/components';
import { markup, type Html, type SafeHtml, type Words } from '../ui/html';
import { page, type NavKey, type ActsNavKey } from '../ui/layout';
import type { PageContext } from '../ui/page-context';
import { pageContext } from '../ui/request-context';
import { dmy, formValues, isRefusal, refusalErrors, sentCommandId, type FormValues } from './form-input';

/**
 * Separation of duties (issue 17; rules 32, 42): the officer who prepared the file may not record the
 * decision. Refused as 403 and nothing recorded, but shown beside the form with the rule, not as a bare page.
 */
const SEPARATION_OF_DUTIES = new Set(['CORRECTION_DECIDED_BY_REQUESTER', 'REVOCATION_DECIDED_BY_PROPOSER']);

function isShownOnForm(error: unknown): error is DomainError {
  return isRefusal(error) || (error instanceof DomainError && SEPARATION_OF_DUTIES.has(error.problem.code));
}

/** What a form post does, step by step; `submitFormAct` runs the steps every console form shares. */
export interface FormAct<T = unknown> {
  /** Checks what was typed (problems go into `errors`) and returns the act to run, or undefined. */
  read(
    ctx: PageContext,
    values: FormValues,
    errors: FieldError[],
  ): (() => Promise<T>) | undefined | Promise<(() => Promise<T>) | undefined>;
  /**
   * Step one of an act that cannot be taken back: with what was typed found valid, restate it on a
   * confirmation page instead of running the act. Nothing is recorded.
   */
  confirm?(ctx: PageContext, values: FormValues): string | Promise<string>;
  /** Where the officer goes once the act is recorded (303), or a page to show instead (a secret shown once). */
  next(result: T, ctx: PageContext): string | { page: string };
  /** The form again, as it was sent, with each problem beside its field; the same command id, so a retry is the same act. */
  again(ctx: PageContext, values: FormValues, errors: readonly FieldError[], commandId?: string): string;
  /** Waits until the read models show the act, so the next page shows it (ReadYourWrites.settle). */
  settle?(): Promise<void>;
  /** The command's field names as the form names them ("document.kind" → "documentKind"). */
  fieldNames?: Record<string, string>;
  /** Codes in a refusal's sentence, in words. */
  words?(ctx: PageContext, errors: FieldError[]): FieldError[];
}

/**
 * The steps every console form post shares: parse what was typed → check it → (confirm, or) send the same
 * command the API sends → go on (303); a refusal shows the form again with what was typed kept, the rule's
 * words and number beside the field, and nothing recorded (400, or 403 for separation of duties).
 */
export async function submitFormAct<T>(request: ConsoleRequest, response: Response, body: unknown, act: FormAct<T>): Promise<void> {
  const ctx = pageContext(request, response);
  const values = formValues(body);
  const errors: FieldError[] = [];
  let status = 400;
  const run = await act.read(ctx, values, errors);
  if (run && errors.length === 0) {
    if (act.confirm) return sendPage(response, await act.confirm(ctx, values));
    try {
      const result = await run();
      await act.settle?.();
      const next = act.next(result, ctx);
      return typeof next === 'string' ? response.redirect(303, next) : sendPage(response, next.page);
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      if (error.problem.kind === 'forbidden') status = 403;
      const said = refusalErrors(ctx.lang, error, act.fieldNames ?? {});
      errors.push(...(act.words ? act.words(ctx, said) : said));
    }
  }
  sendPage(response, act.again(ctx, values, errors, sentCommandId(body)), status);
}

/**
 * The two shapes every act of issue 13's after-issuance, copy and verification screens takes: a form
 * that keeps what was typed and shows each problem beside its field, and — for an act that cannot be
 * taken back — a page that restates what will happen before anything is recorded.
 */
export function actFormPage(
  ctx: PageContext,
  o: {
    title: Words;
    caption: string;
    heading: string;
    nav: NavKey | ActsNavKey;
    summary?: SafeHtml;
    intro?: Html;
    action: string;
    fields: SafeHtml;
    submitLabel: Words;
    back: { href: string; label: Words };
    errors: readonly FieldError[];
    commandId?: string;
  },
): string {
  return page(ctx, {
    title: o.title,
    nav: o.nav,
    hasErrors: o.errors.length > 0,
    body: markup`${errorSummary(ctx.lang, o.errors)}<p class="hint">${o.caption}</p><h1>${o.heading}</h1>
${o.summary ?? ''}${o.intro ? markup`<p>${o.intro}</p>` : ''}
${form(
  ctx,
  { action: o.action, ...(o.commandId ? { commandId: o.commandId } : {}) },
  markup`${o.fields}
<div class="actions">${submit(ctx.lang, o.submitLabel)}${linkButton(ctx.lang, o.back.href, o.back.label)}</div>`,
)}`,
  });
}

/** Rule 45's pattern for every irreversible act: say what will be recorded and what follows, then ask. */
export function confirmActPage(
  ctx: PageContext,
  o: {
    title: Words;
    heading: string;
    nav: NavKey | ActsNavKey;
    warning: string;
    /** Red for an act that cannot be taken back; plain for one that only records what happened. */
    tone?: 'warning' | 'info';
    caption?: string;
    rows: readonly (readonly [Words, Html])[];
    action: string;
    values: FormValues;
    submitLabel: Words;
    back: { href: string; label?: Words };
  },
): string {
  return page(ctx, {
    title: o.title,
    nav: o.nav,
    body: markup`${o.caption ? markup`<p class="hint">${o.caption}</p>` : ''}<h1>${o.heading}</h1>
<div class="${o.tone === 'info' ? 'notice' : 'warning-text'}">${o.warning}</div>
${summaryList(ctx.lang, o.rows)}
${form(
  ctx,
  { action: o.action, label: o.submitLabel },
  markup`${hiddenFields(o.values)}
<div class="actions">${submit(ctx.lang, o.submitLabel, o.tone === 'info' ? 'primary' : 'warning')}${linkButton(ctx.lang, o.back.href, o.back.label ?? { vi: 'Quay lại', en: 'Go back' })}</div>`,
)}`,
  });
}

/** What an act says before it is recorded: a question, what follows from it, and the facts restated. */
export interface Restatement {
  heading: string;
  warning: string;
  rows: [Words, Html][];
  tone?: 'warning' | 'info';
}

/**
 * The confirmation of an act named by its title ("Xác nhận: <title>"): posted to `<path>/confirmed` with
 * what was typed, "Go back" returning to the form at `<path>`.
 */
export function confirmNamedAct(
  ctx: PageContext,
  o: { title: Words; nav: NavKey | ActsNavKey; caption?: string; said: Restatement; path: string; values: FormValues },
): string {
  return confirmActPage(ctx, {
    title: o.title,
    nav: o.nav,
    ...(o.caption ? { caption: o.caption } : {}),
    heading: o.said.heading,
    warning: o.said.warning,
    ...(o.said.tone ? { tone: o.said.tone } : {}),
    rows: o.said.rows,
    action: `${o.path}/confirmed`,
    values: o.values,
    submitLabel: { vi: `Xác nhận: ${o.title.vi.toLowerCase()}`, en: `Confirm: ${o.title.en.toLowerCase()}` },
    back: { href: o.path },
  });
}

/** What the officer typed, carried unchanged from the form to its confirmation. */
export function hiddenFields(values: FormValues): SafeHtml {
  return markup`${Object.entries(values).map(([name, value]) => markup`<input type="hidden" name="${name}" value="${value}">`)}`;
}

export function entrySummary(ctx: PageContext, entry: RegisterEntryView): SafeHtml {
  return summaryList(ctx.lang, [
    [{ vi: 'Họ và tên', en: 'Full name' }, entry.fullName],
    [{ vi: 'Ngày sinh', en: 'Born' }, dmy(entry.birthDate)],
    [{ vi: 'Số hiệu', en: 'Serial' }, entry.serial],
    [{ vi: 'Số vào sổ', en: 'Register no.' }, entry.registerLabel],
    [{ vi: 'Ngày cấp', en: 'Issued on' }, dmy(entry.issueDate)],
  ]);
}

/** An ISO instant as a Vietnamese office reads it: 17:00 thứ Hai 23/11/2026 (Vietnam time). */
export function vietnamTime(ctx: PageContext, iso: string | null | undefined): string {
  if (!iso) return '';
  const at = new Date(Date.parse(iso) + 7 * 3600_000);
  if (Number.isNaN(at.getTime())) return iso;
  const day = at.getUTCDay();
  const vi = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'][day]!;
  const en = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][day]!;
  const hm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
  const date = `${String(at.getUTCDate()).padStart(2, '0')}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${at.getUTCFullYear()}`;
  return ctx.lang === 'vi' ? `${hm} ${vi} ${date}` : `${hm} ${en} ${date}`;
}

export const PAGE_SIZE = 50;

export function pageNumber(raw: unknown): number {
  return Math.max(1, Number.parseInt(typeof raw === 'string' ? raw : '1', 10) || 1);
}

/**
 * A decider's sentence names grounds and fields by their codes ("requester_not_entitled", "birthDate"):
 * the officer reads them in words.
 */
export function inWords(ctx: PageContext, errors: readonly FieldError[], words: Record<string, Words>): FieldError[] {
  const codes = Object.keys(words).sort((a, b) => b.length - a.length);
  if (codes.length === 0) return [...errors];
  const pattern = new RegExp(`"?\\b(${codes.join('|')})\\b"?`, 'g');
  return errors.map((e) => ({
    ...e,
    message: e.message.replace(pattern, (_m, code: string) => `«${words[code]![ctx.lang].replace(/\s*\((quy tắc|rule)[^)]*\)$/, '')}»`),
  }));
}
