import { MAX_APPEND_BYTES } from '@so-goc/domain';
import type { NewEvent } from '@so-goc/event-store';
import { boundedAppends, serializedSize } from './execute-workflow';

const event = (n: number, kilobytes: number): NewEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: n === 99 ? 'GraduationDecisionRecorded' : 'GraduatesListed',
  data: { text: 'ễ'.repeat((kilobytes * 1024) / 3) },
  metadata: { commandId: 'c' },
});

describe('A large act in bounded appends (issue 20)', () => {
  const events = [...Array.from({ length: 20 }, (_, i) => event(i, 160)), event(99, 1)];

  it('a sealed act is split into consecutive appends of at most 512 KiB, in order, the seal in the last', () => {
    const parts = boundedAppends({ sealed: true }, events);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.reduce((n, e) => n + serializedSize(e), 0)).toBeLessThanOrEqual(MAX_APPEND_BYTES);
    expect(parts.flat()).toEqual(events);
    expect(parts.at(-1)!.at(-1)!.type).toBe('GraduationDecisionRecorded');
  });

  it('an act without a seal stays one atomic append, whatever its size', () => {
    expect(boundedAppends({}, events)).toEqual([events]);
  });

  it('one event over the bound is a defect of the decider, not split silently', () => {
    expect(() => boundedAppends({ sealed: true }, [event(1, 600)])).toThrow(/over one append's bound/);
  });
});
