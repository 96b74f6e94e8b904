/**
 * Type-checked templates with escaping by default: every value interpolated into `markup` is escaped
 * unless it is already SafeHtml (the output of another `markup` or a component). (Not named `html`: Prettier
 * would reformat such templates and change the whitespace a textarea shows.) A register holds names
 * typed in Excel by schools; a name such as `<script>` must be shown as text, never run.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type Html = SafeHtml | string | number | null | undefined | false | readonly Html[];

function render(value: Html): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function markup(strings: TemplateStringsArray, ...values: Html[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

export type Lang = 'vi' | 'en';

/** Every sentence is written in both languages where it is used, so a missing translation fails to type-check. */
export interface Words {
  readonly vi: string;
  readonly en: string;
}

export function w(vi: string, en: string): Words {
  return { vi, en };
}
