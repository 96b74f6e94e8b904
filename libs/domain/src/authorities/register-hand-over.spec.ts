import { foldEvents } from '../shared/decider';
import { given } from '../testing/given-when-then';
import type { AuthorityDirectoryEvent } from './authority';
import { authorizeAct } from './act-authorization';
import { authorityDirectoryDecider } from './authority-directory.decider';
import { registerHolderOn } from './authority-directory';

/** TT10/2026 (docs/domain.md §0.5): the commune hands its THCS books to the Sở before 31/05/2026. */
const province: AuthorityDirectoryEvent[] = [
  {
    type: 'AuthorityRegistered',
    data: { code: 'SGD-HP', name: 'Sở GDĐT Hải Phòng', kind: 'province_department', parentCode: null, registeredOn: '1976-01-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: { code: 'UBX-TN', name: 'UBND xã Thuỷ Nguyên', kind: 'commune_committee', parentCode: 'SGD-HP', registeredOn: '2025-07-01' },
  },
];
const handedOver: AuthorityDirectoryEvent = {
  type: 'RegistersHandedOver',
  data: {
    fromCode: 'UBX-TN',
    toCode: 'SGD-HP',
    kind: 'THCS',
    effectiveOn: '2026-05-20',
    minutesRef: 'BB-BG-17/2026',
    books: ['Sổ gốc cấp bằng tốt nghiệp THCS năm 2025, tập 1'],
  },
};

describe('Custody of registers handed over (TT10/2026; rule 46)', () => {
  it('records the hand-over with its date, minutes and books', () => {
    given(authorityDirectoryDecider, province)
      .when({ type: 'HandOverRegisters', ...handedOver.data })
      .then([handedOver]);
  });

  it('refuses a second hand-over of the same books, a hand-over to oneself, and one without a list of books', () => {
    given(authorityDirectoryDecider, [...province, handedOver])
      .when({ type: 'HandOverRegisters', ...handedOver.data })
      .thenRefusedWith('REGISTERS_ALREADY_HANDED_OVER');
    given(authorityDirectoryDecider, province)
      .when({ type: 'HandOverRegisters', ...handedOver.data, toCode: 'UBX-TN' })
      .thenRefusedWith('HAND_OVER_TO_SELF');
    given(authorityDirectoryDecider, province)
      .when({ type: 'HandOverRegisters', ...handedOver.data, books: [] })
      .thenRefusedWith('INVALID_INPUT', { field: 'books' });
  });

  it('from the hand-over date the Sở copies the commune’s THCS diplomas and the commune no longer can', () => {
    const directory = foldEvents(authorityDirectoryDecider, [...province, handedOver]);
    const copy = (actingAuthorityCode: string, actDate: string) => () =>
      authorizeAct(directory, { act: 'copy', diplomaKind: 'THCS', actDate, actingAuthorityCode, issuerCode: 'UBX-TN' });
    expect(copy('UBX-TN', '2026-05-19')).not.toThrow();
    expect(copy('SGD-HP', '2026-05-19')).toThrow(expect.objectContaining({ code: 'NOT_REGISTER_HOLDER' }));
    expect(copy('UBX-TN', '2026-05-20')).toThrow(expect.objectContaining({ code: 'NOT_REGISTER_HOLDER' }));
    expect(copy('SGD-HP', '2026-05-20')).not.toThrow();
    // Only THCS books moved: a kind that was not handed over stays where it was.
    expect(registerHolderOn(directory, 'UBX-TN', '2026-06-01', 'THPT')?.code).toBe('UBX-TN');
  });
});
