import { given } from '../testing/given-when-then';
import type { BlankRangeRegistryEvent } from './blank';
import { blankRangeRegistryDecider } from './blank-range-registry.decider';

const claimed: BlankRangeRegistryEvent = {
  type: 'BlankRangeClaimed',
  data: { lotId: 'lot-a', kind: 'THPT', prefix: 'HP', width: 7, from: 200001, to: 212000, authorityCode: 'SGD-HP' },
};
const claim = (from: number, to: number, overrides: object = {}) => ({
  type: 'ClaimBlankRange' as const,
  lotId: 'lot-b',
  kind: 'THPT' as const,
  prefix: 'HP',
  width: 7,
  from,
  to,
  authorityCode: 'SGD-HP',
  ...overrides,
});

describe('Blank range registry: a serial is received once, anywhere (rule 9, F5)', () => {
  it('claims a range no lot has', () => {
    given(blankRangeRegistryDecider, [claimed])
      .when(claim(212001, 220000))
      .then([
        {
          type: 'BlankRangeClaimed',
          data: { lotId: 'lot-b', kind: 'THPT', prefix: 'HP', width: 7, from: 212001, to: 220000, authorityCode: 'SGD-HP' },
        },
      ]);
  });

  it('rule 9: refuses a range overlapping one already received, by any authority', () => {
    given(blankRangeRegistryDecider, [claimed])
      .when(claim(211000, 215000, { authorityCode: 'SGD-QN' }))
      .thenRefusedWith('BLANK_RANGE_OVERLAPS', { rule: 9, field: 'from' });
  });

  it('refuses a lot id used before, and a prefix received with another serial width', () => {
    given(blankRangeRegistryDecider, [claimed])
      .when(claim(300001, 300010, { lotId: 'lot-a' }))
      .thenRefusedWith('LOT_ID_TAKEN');
    given(blankRangeRegistryDecider, [claimed])
      .when(claim(300001, 300010, { width: 8 }))
      .thenRefusedWith('PREFIX_WIDTH_MISMATCH', { field: 'width' });
  });
});
