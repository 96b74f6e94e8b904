// Every number and string that reaches the file goes through here, so the same input always formats
// the same way: no exponent notation, no "-0", at most three decimals (1/1000 pt is far below what a
// printer resolves).

export function num(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? '0' : String(rounded);
}

/** A text string for the document information dictionary: UTF-16BE with a byte-order mark, in hex. */
export function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** UTF-16BE hex of a Unicode string, as ToUnicode CMaps want it (surrogate pairs included). */
export function utf16Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return hex;
}

export const hex4 = (value: number): string => value.toString(16).padStart(4, '0').toUpperCase();

export const ref = (id: number): string => `${id} 0 R`;

/** A PDF date (PDF 32000-1, 7.9.4) in UTC from an ISO instant. */
export function pdfDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not an ISO instant: ${JSON.stringify(iso)}`);
  return `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
