import { stateOf, givenRead } from '../testing/workflow-spec';
import type { BlankLotEvent, BlankRangeRegistryEvent } from './blank';
import { blankLotDecider } from './blank-lot.decider';
import { blankRangeRegistryDecider } from './blank-range-registry.decider';
import { decideReceiveBlankLot, type ReceiveBlankLotInput } from './receive-blank-lot.workflow';

/** Receiving a lot spans the range registry and the lot's own stream (rule 9; issue 12 item 7), from literal histories. */
const receipt: ReceiveBlankLotInput = {
  type: 'ReceiveBlankLot',
  lotId: 'HP-2024-THPT-1',
  authorityCode: 'SGD-HP',
  kind: 'THPT',
  templateVersion: 'TT21-2019',
  prefix: 'HP',
  width: 7,
  from: 203401,
  to: 203420,
  supplier: 'Nhà in Bộ GDĐT',
  deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
  receivedBy: 'Nguyễn Thị Lan',
  receivedOn: '2024-05-20',
};
const claimed = (lotId: string, from: number, to: number, authorityCode = 'SGD-HP'): BlankRangeRegistryEvent => ({
  type: 'BlankRangeClaimed',
  data: { lotId, kind: 'THPT', prefix: 'HP', width: 7, from, to, authorityCode },
});
const lotReceived: BlankLotEvent = {
  type: 'BlankLotReceived',
  data: {
    lotId: 'HP-2024-THPT-1',
    kind: 'THPT',
    templateVersion: 'TT21-2019',
    prefix: 'HP',
    width: 7,
    range: { from: 203401, to: 203420 },
    receivingAuthority: 'SGD-HP',
    supplier: 'Nhà in Bộ GDĐT',
    deliveryNote: { number: 'PGH-0524', date: '2024-05-20' },
    receivedBy: 'Nguyễn Thị Lan',
    receivedOn: '2024-05-20',
    missing: [],
    damaged: [],
  },
};
const read = (registry: BlankRangeRegistryEvent[], lot: BlankLotEvent[] = []) => ({
  registry: stateOf(blankRangeRegistryDecider, registry),
  lot: stateOf(blankLotDecider, lot),
});
const receive = (r: ReturnType<typeof read>, context: Parameters<typeof decideReceiveBlankLot>[2]) =>
  decideReceiveBlankLot(receipt, r, context);

describe('receiving a blank lot (rule 9, issue 12 item 7)', () => {
  it('rule 9: the range is claimed in the registry first, then the lot is recorded', () => {
    givenRead(read([claimed('HP-2023-THPT-9', 200001, 203400)]))
      .when(receive)
      .then([
        { stream: 'blank-range-registry', events: [claimed('HP-2024-THPT-1', 203401, 203420)] },
        { stream: 'blank-lot-HP-2024-THPT-1', events: [lotReceived] },
      ]);
  });

  it('rule 9: a range overlapping a lot another Sở received is refused before anything is appended', () => {
    givenRead(read([claimed('QN-2024-THPT-1', 203415, 203500, 'SGD-QN')]))
      .when(receive)
      .thenRefusedWith('BLANK_RANGE_OVERLAPS');
  });

  it('issue 12 item 7: resent after a crash between the two appends, only the lot is recorded', () => {
    givenRead(read([claimed('HP-2024-THPT-1', 203401, 203420)]))
      .when(receive)
      .then([{ stream: 'blank-lot-HP-2024-THPT-1', events: [lotReceived] }]);
  });

  it('issue 12 item 7: resent after both appends landed, nothing is appended again', () => {
    givenRead(read([claimed('HP-2024-THPT-1', 203401, 203420)], [lotReceived]))
      .when(receive)
      .then([]);
  });

  it('rule 9: a lot id already received with another range is refused', () => {
    givenRead(
      read(
        [claimed('HP-2024-THPT-1', 100001, 100020)],
        [{ ...lotReceived, data: { ...lotReceived.data, range: { from: 100001, to: 100020 } } }],
      ),
    )
      .when(receive)
      .thenRefusedWith('LOT_ALREADY_RECEIVED');
  });

  it('issue 16: a receipt dated in the future is refused before the range is claimed', () => {
    givenRead(read([]))
      .when((r, context) => decideReceiveBlankLot({ ...receipt, receivedOn: '2027-01-01' }, r, context))
      .thenRefusedWith('INVALID_INPUT');
  });
});
