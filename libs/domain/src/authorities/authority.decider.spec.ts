import { given } from '../testing/given-when-then';
import type { AuthorityEvent } from './authority';
import { authorityDecider } from './authority.decider';

const registered: AuthorityEvent = {
  type: 'AuthorityRegistered',
  data: { code: 'PGD-TN', name: 'Phòng GDĐT huyện Thuỷ Nguyên', kind: 'district_office', parentCode: 'SGD-HP', registeredOn: '2020-01-15' },
};

describe('Authority decider', () => {
  it('registers a new authority under its parent', () => {
    given(authorityDecider)
      .when({ type: 'RegisterAuthority', code: 'PGD-TN', name: '  Phòng GDĐT huyện Thuỷ Nguyên ', kind: 'district_office', parentCode: 'SGD-HP', registeredOn: '2020-01-15' })
      .then([registered]);
  });

  it('refuses to register the same code twice', () => {
    given(authorityDecider, [registered])
      .when({ type: 'RegisterAuthority', code: 'PGD-TN', name: 'Khác', kind: 'district_office', registeredOn: '2021-01-01' })
      .thenRefusedWith('AUTHORITY_ALREADY_REGISTERED', { kind: 'conflict', field: 'code' });
  });

  it('refuses markup and control characters in a name that will be printed on registers', () => {
    const refusal = given(authorityDecider)
      .when({ type: 'RegisterAuthority', code: 'PGD-X', name: 'Phòng <script>', kind: 'district_office', registeredOn: '2020-01-15' })
      .thenRefusedWith('INVALID_INPUT');
    expect(refusal.problem.fieldProblems).toEqual([expect.objectContaining({ field: 'name', code: 'FORBIDDEN_CHARACTERS' })]);
  });

  it('renames from a date, keeping the previous name in the event', () => {
    given(authorityDecider, [registered])
      .when({ type: 'RenameAuthority', code: 'PGD-TN', name: 'Phòng GDĐT thành phố Thuỷ Nguyên', effectiveOn: '2025-01-01' })
      .then([
        {
          type: 'AuthorityRenamed',
          data: { code: 'PGD-TN', previousName: 'Phòng GDĐT huyện Thuỷ Nguyên', name: 'Phòng GDĐT thành phố Thuỷ Nguyên', effectiveOn: '2025-01-01' },
        },
      ]);
  });

  it('refuses a rename that changes nothing, and a rename of an unknown authority', () => {
    given(authorityDecider, [registered])
      .when({ type: 'RenameAuthority', code: 'PGD-TN', name: 'Phòng GDĐT huyện Thuỷ Nguyên', effectiveOn: '2025-01-01' })
      .thenRefusedWith('AUTHORITY_NAME_UNCHANGED');
    given(authorityDecider)
      .when({ type: 'RenameAuthority', code: 'PGD-TN', name: 'Bất kỳ', effectiveOn: '2025-01-01' })
      .thenRefusedWith('AUTHORITY_NOT_FOUND', { kind: 'not_found' });
  });
});
