import { DomainError } from '../shared/errors';
import { foldEvents } from '../shared/decider';
import { given } from '../testing/given-when-then';
import type { AuthorityDirectoryEvent } from './authority';
import { authorizeAct } from './act-authorization';
import { isWithinScope, letterheadSuperior, registerHolderOn, signerEntitledOn } from './authority-directory';
import { authorityDirectoryDecider } from './authority-directory.decider';

/** Hải Phòng absorbs Hải Dương and loses its districts on 01/07/2025, as in the 2025 reorganisation. */
const province: AuthorityDirectoryEvent[] = [
  {
    type: 'AuthorityRegistered',
    data: { code: 'BGDDT', name: 'Bộ Giáo dục và Đào tạo', kind: 'ministry', parentCode: null, registeredOn: '2000-01-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: { code: 'SGD-HP', name: 'Sở GDĐT Hải Phòng', kind: 'province_department', parentCode: 'BGDDT', registeredOn: '2000-01-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: { code: 'SGD-HD', name: 'Sở GDĐT Hải Dương', kind: 'province_department', parentCode: 'BGDDT', registeredOn: '2000-01-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: {
      code: 'PGD-TN',
      name: 'Phòng GDĐT huyện Thuỷ Nguyên',
      kind: 'district_office',
      parentCode: 'SGD-HP',
      registeredOn: '2000-01-01',
    },
  },
  { type: 'AuthorityAbolished', data: { code: 'PGD-TN', successorCode: 'SGD-HP', effectiveOn: '2025-07-01', decisionRef: '1234/QĐ-UBND' } },
  { type: 'AuthorityMerged', data: { code: 'SGD-HD', intoCode: 'SGD-HP', effectiveOn: '2025-07-01', decisionRef: 'NQ 202/2025/QH15' } },
  {
    type: 'AuthorityRegistered',
    data: { code: 'UBX-TN', name: 'UBND xã Thuỷ Nguyên', kind: 'commune_committee', parentCode: 'SGD-HP', registeredOn: '2025-07-01' },
  },
  {
    type: 'AuthorityRegistered',
    data: { code: 'THPT-NT', name: 'Trường THPT Ngô Quyền', kind: 'school', parentCode: 'SGD-HP', registeredOn: '2000-01-01' },
  },
];
const directory = foldEvents(authorityDirectoryDecider, province);

describe('Authority directory: competence by date and succession (rules 26, 32, 41, 46)', () => {
  it.each([
    [
      'the Phòng issues a THCS diploma dated 2024-06-01',
      { act: 'issue', diplomaKind: 'THCS', actDate: '2024-06-01', actingAuthorityCode: 'PGD-TN' },
      'TT21/2019',
    ],
    [
      'the commune issues a THCS diploma dated 2025-07-02',
      { act: 'issue', diplomaKind: 'THCS', actDate: '2025-07-02', actingAuthorityCode: 'UBX-TN' },
      'TT13/2025',
    ],
    [
      'the Sở corrects a Phòng-era THCS diploma in 2025-09 (rule 32)',
      { act: 'correct', diplomaKind: 'THCS', actDate: '2025-09-15', actingAuthorityCode: 'SGD-HP', issuerCode: 'PGD-TN' },
      'TT13/2025',
    ],
    [
      'the Sở copies a Phòng-era THCS diploma in 2026-09 (rule 46)',
      { act: 'copy', diplomaKind: 'THCS', actDate: '2026-09-01', actingAuthorityCode: 'SGD-HP', issuerCode: 'PGD-TN' },
      'TT10/2026',
    ],
    [
      'the successor Sở copies the merged Sở’s THPT diploma',
      { act: 'copy', diplomaKind: 'THPT', actDate: '2026-03-02', actingAuthorityCode: 'SGD-HP', issuerCode: 'SGD-HD' },
      'TT13/2025',
    ],
    [
      'the successor Sở revokes the merged Sở’s THPT diploma (rule 41)',
      { act: 'revoke', diplomaKind: 'THPT', actDate: '2025-08-01', actingAuthorityCode: 'SGD-HP', issuerCode: 'SGD-HD' },
      'TT13/2025',
    ],
    [
      'a school issues a THPT diploma in 2026-06',
      { act: 'issue', diplomaKind: 'THPT', actDate: '2026-06-20', actingAuthorityCode: 'THPT-NT' },
      'TT10/2026',
    ],
  ] as const)('permits: %s', (_label, query, regime) => {
    expect(authorizeAct(directory, query).regime.code).toBe(regime);
  });

  it.each([
    [
      'the Phòng issues a THCS diploma dated 2025-07-02 (abolished)',
      { act: 'issue', diplomaKind: 'THCS', actDate: '2025-07-02', actingAuthorityCode: 'PGD-TN' },
      'ACTING_AUTHORITY_NOT_ACTIVE',
    ],
    [
      'the commune copies a Phòng-era THCS diploma (the Sở holds that register)',
      { act: 'copy', diplomaKind: 'THCS', actDate: '2026-01-10', actingAuthorityCode: 'UBX-TN', issuerCode: 'PGD-TN' },
      'NOT_REGISTER_HOLDER',
    ],
    [
      'anyone issues a THCS diploma for a 2026-06 graduation (rule 26)',
      { act: 'issue', diplomaKind: 'THCS', actDate: '2026-06-10', actingAuthorityCode: 'UBX-TN' },
      'THCS_DIPLOMA_ABOLISHED',
    ],
    [
      'the merged Sở copies its own diploma after the merger',
      { act: 'copy', diplomaKind: 'THPT', actDate: '2025-07-01', actingAuthorityCode: 'SGD-HD', issuerCode: 'SGD-HD' },
      'ACTING_AUTHORITY_NOT_ACTIVE',
    ],
    [
      'the Sở issues a THPT diploma after 15/04/2026 (principals do)',
      { act: 'issue', diplomaKind: 'THPT', actDate: '2026-05-01', actingAuthorityCode: 'SGD-HP' },
      'AUTHORITY_NOT_COMPETENT',
    ],
    [
      'the Sở issues a THCS diploma in 2024 (the Phòng does)',
      { act: 'issue', diplomaKind: 'THCS', actDate: '2024-06-01', actingAuthorityCode: 'SGD-HP' },
      'AUTHORITY_NOT_COMPETENT',
    ],
  ] as const)('refuses: %s', (_label, query, code) => {
    expect(() => authorizeAct(directory, query)).toThrow(DomainError);
    try {
      authorizeAct(directory, query);
    } catch (error) {
      expect((error as DomainError).code).toBe(code);
    }
  });

  it('follows the chain of successors on the act date, not today', () => {
    expect(registerHolderOn(directory, 'PGD-TN', '2025-06-30')?.code).toBe('PGD-TN');
    expect(registerHolderOn(directory, 'PGD-TN', '2025-07-01')?.code).toBe('SGD-HP');
    expect(registerHolderOn(directory, 'SGD-HD', '2030-01-01')?.code).toBe('SGD-HP');
  });

  it('puts subordinate units in a Sở officer’s scope only when the account includes them', () => {
    expect(isWithinScope(directory, { authorityCode: 'SGD-HP', includeSubordinates: true }, 'UBX-TN')).toBe(true);
    expect(isWithinScope(directory, { authorityCode: 'SGD-HP', includeSubordinates: false }, 'UBX-TN')).toBe(false);
    expect(isWithinScope(directory, { authorityCode: 'PGD-TN', includeSubordinates: true }, 'SGD-HP')).toBe(false);
  });
});

describe('Authority directory decider', () => {
  it('refuses a district office under another district office, and a merger across kinds', () => {
    given(authorityDirectoryDecider, province)
      .when({
        type: 'RegisterAuthority',
        code: 'PGD-X',
        name: 'Phòng X',
        kind: 'district_office',
        parentCode: 'PGD-TN',
        registeredOn: '2020-01-15',
      })
      .thenRefusedWith('PARENT_KIND_NOT_ALLOWED');
    given(authorityDirectoryDecider, province)
      .when({ type: 'MergeAuthority', code: 'THPT-NT', intoCode: 'UBX-TN', effectiveOn: '2025-08-01', decisionRef: 'QĐ 1' })
      .thenRefusedWith('MERGE_ACROSS_KINDS');
  });

  it('refuses to register a unit under an authority that no longer exists on that date', () => {
    given(authorityDirectoryDecider, province)
      .when({
        type: 'RegisterAuthority',
        code: 'THCS-A',
        name: 'Trường THCS A',
        kind: 'school',
        parentCode: 'PGD-TN',
        registeredOn: '2025-09-01',
      })
      .thenRefusedWith('AUTHORITY_NOT_ACTIVE_ON_DATE', { field: 'parentCode' });
  });

  it('rule 6: registers a deputy in charge only with the assignment decision', () => {
    const deputy = {
      type: 'RegisterSigner',
      signerId: 'pho-gd-hp',
      authorityCode: 'SGD-HP',
      fullName: 'Trần Văn Bình',
      title: 'Phó Giám đốc phụ trách',
      role: 'deputy_in_charge',
      validFrom: '2024-08-01',
      validTo: '2024-08-15',
    } as const;
    given(authorityDirectoryDecider, province).when(deputy).thenRefusedWith('DELEGATION_REQUIRED', { rule: 6 });
    given(authorityDirectoryDecider, province)
      .when({ ...deputy, delegationRef: '456/QĐ-UBND' })
      .then([
        {
          type: 'SignerRegistered',
          data: {
            signerId: 'pho-gd-hp',
            authorityCode: 'SGD-HP',
            fullName: 'Trần Văn Bình',
            title: 'Phó Giám đốc phụ trách',
            role: 'deputy_in_charge',
            validFrom: '2024-08-01',
            validTo: '2024-08-15',
            delegationRef: '456/QĐ-UBND',
          },
        },
      ]);
  });

  it('rule 25: a signer is entitled only within the mandate and for the authority signed for', () => {
    const withSigner = foldEvents(authorityDirectoryDecider, [
      ...province,
      {
        type: 'SignerRegistered',
        data: {
          signerId: 'gd-hp',
          authorityCode: 'SGD-HP',
          fullName: 'Nguyễn Văn An',
          title: 'Giám đốc',
          role: 'head',
          validFrom: '2020-01-01',
          validTo: null,
          delegationRef: null,
        },
      },
      { type: 'SignerMandateEnded', data: { signerId: 'gd-hp', validTo: '2024-12-31', reason: 'Nghỉ hưu' } },
    ]);
    const query = { signerId: 'gd-hp', authorityCode: 'SGD-HP', roles: ['head', 'deputy_in_charge'] } as const;
    expect(signerEntitledOn(withSigner, { ...query, date: '2024-08-20' }).fullName).toBe('Nguyễn Văn An');
    expect(() => signerEntitledOn(withSigner, { ...query, date: '2025-01-02' })).toThrow(
      expect.objectContaining({ code: 'SIGNER_NOT_ENTITLED_ON_DATE' }),
    );
    expect(() => signerEntitledOn(withSigner, { ...query, authorityCode: 'SGD-HD', date: '2024-08-20' })).toThrow(
      expect.objectContaining({ code: 'SIGNER_NOT_OF_AUTHORITY' }),
    );
  });
});

describe('Authority directory: the governing body on the letterhead (issue 17, Nghị định 30/2020)', () => {
  const set = {
    type: 'SetGoverningBody' as const,
    code: 'SGD-HP',
    governingBody: 'Ủy ban nhân dân thành phố Hải Phòng',
    effectiveOn: '2026-01-01',
  };

  it('records the Sở’s People’s Committee, which then heads its papers instead of the ministry', () => {
    const events = authorityDirectoryDecider.decide(set, directory, undefined as never);
    expect(events).toEqual([
      {
        type: 'AuthorityGoverningBodySet',
        data: { code: 'SGD-HP', previous: null, governingBody: 'Ủy ban nhân dân thành phố Hải Phòng', effectiveOn: '2026-01-01' },
      },
    ]);
    const after = events.reduce(authorityDirectoryDecider.evolve, directory);
    const sgd = after.authorities.get('SGD-HP')!;
    expect(letterheadSuperior(sgd, after.authorities.get('BGDDT'))).toBe('Ủy ban nhân dân thành phố Hải Phòng');
    expect(letterheadSuperior(directory.authorities.get('SGD-HP')!, directory.authorities.get('BGDDT'))).toBeNull();
    expect(letterheadSuperior(directory.authorities.get('THPT-NT')!, directory.authorities.get('SGD-HP'))).toBe('Sở GDĐT Hải Phòng');
  });

  it('takes it at registration too, and refuses recording the same body twice', () => {
    const registered = authorityDirectoryDecider.decide(
      {
        type: 'RegisterAuthority',
        code: 'SGD-TB',
        name: 'Sở GDĐT Thái Bình',
        kind: 'province_department',
        parentCode: 'BGDDT',
        registeredOn: '2000-01-01',
        governingBody: ' Ủy ban nhân dân tỉnh Thái Bình ',
      },
      directory,
      undefined as never,
    );
    expect(registered[0]).toMatchObject({ data: { governingBody: 'Ủy ban nhân dân tỉnh Thái Bình' } });
    const history = [...province, ...authorityDirectoryDecider.decide(set, directory, undefined as never)];
    given(authorityDirectoryDecider, history).when(set).thenRefusedWith('GOVERNING_BODY_UNCHANGED', { field: 'governingBody' });
  });

  it('refuses an over-long name as input, recording nothing', () => {
    given(authorityDirectoryDecider, province)
      .when({ ...set, governingBody: 'x'.repeat(201) })
      .thenRefusedWith('INVALID_INPUT');
  });
});
