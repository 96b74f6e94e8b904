import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/errors';
import type { BlankRangeRegistryEvent, BlankKind } from './blank';
import { formatRange, rangesOverlap } from './serial-range';

export interface ClaimedRange {
  readonly lotId: string;
  readonly kind: BlankKind;
  readonly prefix: string;
  readonly width: number;
  readonly from: number;
  readonly to: number;
  readonly authorityCode: string;
}

export type BlankRangeRegistryState = readonly ClaimedRange[];

export interface ClaimBlankRange extends ClaimedRange {
  readonly type: 'ClaimBlankRange';
}

/** Every range ever received, anywhere: a serial is received once (rule 9; fraud pattern F5). */
export const blankRangeRegistryDecider: Decider<ClaimBlankRange, BlankRangeRegistryState, BlankRangeRegistryEvent> = {
  initialState: [],
  evolve: (state, event) => [...state, event.data],
  decide(command, state) {
    const { type: _type, ...claim } = command;
    if (state.some((existing) => existing.lotId === claim.lotId)) {
      throw new DomainError({
        code: 'LOT_ID_TAKEN',
        kind: 'conflict',
        messageVi: `Mã lô ${claim.lotId} đã được dùng.`,
        messageEn: `Lot id ${claim.lotId} is already used.`,
        field: 'lotId',
      });
    }
    const samePrefix = state.filter((existing) => existing.prefix === claim.prefix);
    const otherWidth = samePrefix.find((existing) => existing.width !== claim.width);
    if (otherWidth) {
      throw new DomainError({
        code: 'PREFIX_WIDTH_MISMATCH',
        kind: 'rule_violation',
        messageVi: `Ký hiệu ${claim.prefix} đã được nhận với số hiệu ${otherWidth.width} chữ số (lô ${otherWidth.lotId}), không phải ${claim.width}.`,
        messageEn: `Prefix ${claim.prefix} was received with ${otherWidth.width}-digit serials (lot ${otherWidth.lotId}), not ${claim.width}.`,
        field: 'width',
      });
    }
    const overlap = samePrefix.find((existing) => rangesOverlap(existing, claim));
    if (overlap) {
      throw new DomainError({
        code: 'BLANK_RANGE_OVERLAPS',
        kind: 'rule_violation',
        messageVi: `Dải số hiệu ${formatRange(claim.prefix, claim.width, claim)} trùng với lô ${overlap.lotId} (${formatRange(overlap.prefix, overlap.width, overlap)}) đã nhận.`,
        messageEn: `Range ${formatRange(claim.prefix, claim.width, claim)} overlaps lot ${overlap.lotId} (${formatRange(overlap.prefix, overlap.width, overlap)}), already received.`,
        field: 'from',
        rule: 9,
      });
    }
    return [{ type: 'BlankRangeClaimed', data: claim }];
  },
};
