import type { BlankStatus, SpoilageReason } from './blank';
import { normalizeRanges, type SerialRange } from './serial-range';

/**
 * The state of every serial of a lot as a sorted list of disjoint segments covering the lot. A lot of
 * 12,000 blanks handed out in a few ranges stays a handful of segments; operations touch only the
 * segments their ranges cross.
 */
export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly status: BlankStatus;
  /** The authority that has the paper in hand. */
  readonly holder: string;
  readonly printRunId?: string;
  readonly reason?: SpoilageReason;
}

type SegmentProps = Omit<Segment, 'from' | 'to'>;

function sameProps(a: SegmentProps, b: SegmentProps): boolean {
  return a.status === b.status && a.holder === b.holder && a.printRunId === b.printRunId && a.reason === b.reason;
}

function props(segment: Segment): SegmentProps {
  const { from: _from, to: _to, ...rest } = segment;
  return rest;
}

/** The parts of the segments that fall inside `range`, clipped to it. */
export function segmentsWithin(segments: readonly Segment[], range: SerialRange): Segment[] {
  const result: Segment[] = [];
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (segments[middle]!.to < range.from) low = middle + 1;
    else high = middle;
  }
  for (let index = low; index < segments.length && segments[index]!.from <= range.to; index += 1) {
    const segment = segments[index]!;
    result.push({ ...segment, from: Math.max(segment.from, range.from), to: Math.min(segment.to, range.to) });
  }
  return result;
}

/** Serials of `ranges` whose segment fails `accept`, grouped into ranges with their current state. */
export function offending(segments: readonly Segment[], ranges: readonly SerialRange[], accept: (segment: Segment) => boolean): Segment[] {
  return normalizeRanges(ranges).flatMap((range) => segmentsWithin(segments, range).filter((segment) => !accept(segment)));
}

/** Serials of `ranges` that lie outside the lot altogether. */
export function outsideLot(segments: readonly Segment[], ranges: readonly SerialRange[]): SerialRange[] {
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (!first || !last) return [...ranges];
  return ranges.filter((range) => range.from < first.from || range.to > last.to);
}

/** A new segment list in which every serial of `ranges` has had `change` applied. */
export function assign(
  segments: readonly Segment[],
  ranges: readonly SerialRange[],
  change: (segment: Segment) => SegmentProps,
): Segment[] {
  let result = [...segments];
  for (const range of normalizeRanges(ranges)) {
    const next: Segment[] = [];
    for (const segment of result) {
      if (segment.to < range.from || segment.from > range.to) {
        next.push(segment);
        continue;
      }
      if (segment.from < range.from) next.push({ ...segment, to: range.from - 1 });
      next.push({ ...change(segment), from: Math.max(segment.from, range.from), to: Math.min(segment.to, range.to) });
      if (segment.to > range.to) next.push({ ...segment, from: range.to + 1 });
    }
    result = next;
  }
  return merge(result);
}

function merge(segments: readonly Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.to + 1 === segment.from && sameProps(props(last), props(segment)))
      merged[merged.length - 1] = { ...last, to: segment.to };
    else merged.push(segment);
  }
  return merged;
}
