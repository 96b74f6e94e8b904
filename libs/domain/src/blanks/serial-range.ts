/**
 * Blank serials are a prefix (ký hiệu) plus a zero-padded number, e.g. "HP 0203417". Blanks move in
 * ranges: a lot of 12,000 is one range, so every operation is stated in inclusive ranges of numbers.
 */
export interface SerialRange {
  readonly from: number;
  readonly to: number;
}

export function rangeSize(range: SerialRange): number {
  return range.to - range.from + 1;
}

export function totalSize(ranges: readonly SerialRange[]): number {
  return ranges.reduce((sum, range) => sum + rangeSize(range), 0);
}

export function rangesOverlap(a: SerialRange, b: SerialRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function rangeContains(outer: SerialRange, inner: SerialRange): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

/** Sorts and merges touching ranges, so that equal sets of serials have one spelling. */
export function normalizeRanges(ranges: readonly SerialRange[]): SerialRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: SerialRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    else merged.push({ from: range.from, to: range.to });
  }
  return merged;
}

export function formatSerial(prefix: string, width: number, value: number): string {
  return `${prefix} ${String(value).padStart(width, '0')}`;
}

export function formatRange(prefix: string, width: number, range: SerialRange): string {
  return range.from === range.to
    ? formatSerial(prefix, width, range.from)
    : `${formatSerial(prefix, width, range.from)}–${formatSerial(prefix, width, range.to)}`;
}

/** "HP 0203417", "HP0203417" or "hp 0203417" → prefix HP, number 203417, width 7. */
export function parseSerial(text: string): { prefix: string; value: number; width: number } | undefined {
  const match = /^\s*([A-Za-z]{1,6})\s*(\d{1,12})\s*$/.exec(text.normalize('NFC'));
  if (!match) return undefined;
  return { prefix: match[1]!.toUpperCase(), value: Number(match[2]), width: match[2]!.length };
}
