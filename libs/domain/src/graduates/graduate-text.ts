/**
 * Spaces are noise (an officer cannot see a doubled or a non-breaking space, and it would make the same
 * name two names), so they are cleaned rather than refused. Anything else unusual is refused instead:
 * names end up in registers, PDFs and web pages, where markup and invisible characters are never
 * legitimate and a line break in a name means a cell was pasted wrongly.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .trim();
}

// eslint-disable-next-line no-control-regex -- control characters are matched in order to refuse them
const FORBIDDEN = /[<>\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]/;

export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN.test(text);
}

export function characterCount(text: string): number {
  return Array.from(text).length;
}
