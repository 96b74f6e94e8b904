import { AUTHORITY_KINDS, type AuthorityKind } from '../authorities/authority';
import { DomainError } from '../shared/errors';
import {
  competenceFor,
  DIPLOMA_KINDS,
  matchingPolicyRows,
  REGIMES,
  regimeOn,
  REGULATED_ACTS,
  type CompetenceAnswer,
  type CompetenceQuery,
  type DiplomaKind,
  type RegimeCode,
  type RegulatedAct,
} from './legal-regimes';
import { FOLLOW_UP_ACTS, POLICY_TABLE, type PolicyRow } from './policy-table';

type Permitted = Extract<CompetenceAnswer, { permitted: true }>;
type Refused = Extract<CompetenceAnswer, { permitted: false }>;

function permitted(query: CompetenceQuery): Permitted {
  const answer = competenceFor(query);
  if (!answer.permitted) throw new Error(`expected permitted, got ${answer.code}`);
  return answer;
}

function refused(query: CompetenceQuery): Refused {
  const answer = competenceFor(query);
  if (answer.permitted) throw new Error(`expected a refusal, got competentKinds ${answer.competentKinds.join(',')}`);
  return answer;
}

function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** One date inside each regime, so table combinations can also be driven through competenceFor. */
const DATE_IN: Record<RegimeCode, string> = {
  'PRE-TT21': '2015-06-01',
  'TT21/2019': '2022-06-01',
  'TT13/2025': '2025-12-01',
  'TT10/2026': '2026-09-01',
};

const ISSUER_KIND_CHOICES: readonly (AuthorityKind | undefined)[] = [...AUTHORITY_KINDS, undefined];

const ALL_COMBINATIONS: [RegimeCode, DiplomaKind, RegulatedAct, AuthorityKind | undefined][] = REGIMES.flatMap((regime) =>
  DIPLOMA_KINDS.flatMap((kind) =>
    REGULATED_ACTS.flatMap((act) =>
      ISSUER_KIND_CHOICES.map((issuerKind): [RegimeCode, DiplomaKind, RegulatedAct, AuthorityKind | undefined] => [
        regime.code,
        kind,
        act,
        issuerKind,
      ]),
    ),
  ),
);

const VIETNAMESE_LETTERS = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

describe('legal regimes (domain.md §0.1)', () => {
  it('are contiguous: open to the past, open to the future, each starting the day after the previous ends', () => {
    expect(REGIMES.map((regime) => regime.code)).toEqual(['PRE-TT21', 'TT21/2019', 'TT13/2025', 'TT10/2026']);
    expect(REGIMES[0]?.from).toBeNull();
    expect(REGIMES[REGIMES.length - 1]?.to).toBeNull();
    for (let i = 1; i < REGIMES.length; i++) {
      const previous = REGIMES[i - 1];
      const current = REGIMES[i];
      expect(previous?.to).not.toBeNull();
      expect(current?.from).toBe(dayAfter(previous?.to ?? ''));
    }
    for (const regime of REGIMES) {
      if (regime.from !== null && regime.to !== null) expect(regime.from <= regime.to).toBe(true);
      expect(regime.titleVi).toMatch(VIETNAMESE_LETTERS);
    }
  });

  it.each([
    ['1998-05-30', 'PRE-TT21'],
    ['2020-01-14', 'PRE-TT21'],
    ['2020-01-15', 'TT21/2019'],
    ['2025-06-30', 'TT21/2019'],
    ['2025-07-01', 'TT13/2025'],
    ['2026-04-14', 'TT13/2025'],
    ['2026-04-15', 'TT10/2026'],
    ['2090-01-01', 'TT10/2026'],
  ])('regimeOn(%s) is %s', (date, code) => {
    expect(regimeOn(date).code).toBe(code);
  });

  it.each(['2024-13-01', '01/07/2025', '2025-02-29', '2025-7-1', '', '2025-07-01T00:00:00Z'])(
    'regimeOn rejects the malformed date %p',
    (date) => {
      expect(() => regimeOn(date)).toThrow(DomainError);
      try {
        regimeOn(date);
      } catch (error: unknown) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).problem.fieldProblems?.[0]).toMatchObject({ field: 'date', code: 'BAD_DATE' });
      }
    },
  );
});

describe('policy table invariants', () => {
  it.each(ALL_COMBINATIONS)('%s %s %s issuerKind=%s matches exactly one row', (regime, kind, act, issuerKind) => {
    expect(matchingPolicyRows(regime, kind, act, issuerKind)).toHaveLength(1);
  });

  it.each(ALL_COMBINATIONS)('competenceFor answers %s %s %s issuerKind=%s without throwing', (regime, kind, act, issuerKind) => {
    const answer = competenceFor({ diplomaKind: kind, act, actDate: DATE_IN[regime], ...(issuerKind ? { issuerKind } : {}) });
    expect(answer.regime.code).toBe(regime);
  });

  it('has no dead rows: every row is the answer to at least one combination', () => {
    const used = new Set<PolicyRow>(
      ALL_COMBINATIONS.flatMap(([regime, kind, act, issuerKind]) => matchingPolicyRows(regime, kind, act, issuerKind)),
    );
    expect(POLICY_TABLE.filter((row) => !used.has(row))).toEqual([]);
  });

  it.each(POLICY_TABLE.map((row, index) => [index, row] as const))('row %i is well formed (rules 6, 32, 41, 46)', (_index, row) => {
    expect(row.acts.length).toBeGreaterThan(0);
    if (row.permitted) {
      // Rule 6: the deputy in charge may sign wherever the head may.
      expect(row.signerRoles).toEqual(['head', 'deputy_in_charge']);
      expect(row.competentKinds.length).toBeGreaterThan(0);
      // Issuing is judged on the actor itself; every follow-up on whoever holds the sổ gốc (rules 32, 41, 46).
      expect(row.basis).toBe(row.acts.includes('issue') ? 'issuer' : 'register_holder');
      if (row.acts.includes('issue')) expect(row.acts).toEqual(['issue']);
      expect(Object.keys(row.legalBasis).sort()).toEqual([...row.acts].sort());
      for (const act of row.acts) expect(row.legalBasis[act]?.trim().length ?? 0).toBeGreaterThan(0);
    } else {
      expect(row.code).toMatch(/^[A-Z][A-Z_]+$/);
      expect(row.messageVi).toMatch(VIETNAMESE_LETTERS);
      expect(row.messageEn.trim().length).toBeGreaterThan(0);
      expect(row.messageEn).not.toBe(row.messageVi);
    }
  });

  it('never makes the ministry competent: it holds no sổ gốc (rule 41 Minister power is outside the table)', () => {
    for (const row of POLICY_TABLE) if (row.permitted) expect(row.competentKinds).not.toContain('ministry');
  });
});

describe('issuing (TT21 Art. 15(1), TT13/2025, TT10/2026; rules 6, 26)', () => {
  it.each<[string, DiplomaKind, string, AuthorityKind, boolean]>([
    ['a Phòng GDĐT issues THCS under TT21 Art. 15(1)(a)', 'THCS', '2024-06-01', 'district_office', true],
    ['a Phòng GDĐT no longer issues THCS after TT13/2025', 'THCS', '2025-07-02', 'district_office', false],
    ['UBND cấp xã issues THCS under TT13/2025', 'THCS', '2025-07-02', 'commune_committee', true],
    ['a Phòng GDĐT issued THCS before TT21 as well', 'THCS', '2018-06-01', 'district_office', true],
    ['the Sở issues THPT under TT21 Art. 15(1)(b)', 'THPT', '2024-06-01', 'province_department', true],
    ['the Sở still issues THPT under TT13/2025', 'THPT', '2026-04-14', 'province_department', true],
    ['the Sở no longer issues THPT under TT10/2026', 'THPT', '2026-04-15', 'province_department', false],
    ['a school issues THPT under TT10/2026', 'THPT', '2026-06-15', 'school', true],
    ['a school did not issue THPT under TT21', 'THPT', '2024-06-01', 'school', false],
  ])('%s (%s, %s, %s → %s)', (_name, diplomaKind, actDate, actor, mayIssue) => {
    const answer = permitted({ diplomaKind, act: 'issue', actDate });
    expect(answer.basis).toBe('issuer');
    expect(answer.signerRoles).toEqual(['head', 'deputy_in_charge']);
    expect(answer.competentKinds.includes(actor)).toBe(mayIssue);
  });

  it('rule 46 (Q8, §0.5): a commune-issued THCS diploma is followed up by the commune until its books are handed over, then by the Sở', () => {
    const answer = permitted({ diplomaKind: 'THCS', act: 'copy', actDate: '2026-09-01', issuerKind: 'commune_committee' });
    expect(answer.basis).toBe('register_holder');
    expect(answer.competentKinds).toEqual(['commune_committee', 'province_department']);
    expect(answer.legalBasis).toContain('Q8');
  });

  it('the competent kind for THCS on 2025-07-02 is the commune committee (TT13/2025)', () => {
    expect(permitted({ diplomaKind: 'THCS', act: 'issue', actDate: '2025-07-02' }).competentKinds).toEqual(['commune_committee']);
  });

  it('THPT issue on 2026-06-15 is by a school (Luật 123/2025/QH15, TT10/2026)', () => {
    const answer = permitted({ diplomaKind: 'THPT', act: 'issue', actDate: '2026-06-15' });
    expect(answer).toMatchObject({ competentKinds: ['school'], basis: 'issuer' });
    expect(answer.regime.code).toBe('TT10/2026');
    expect(answer.legalBasis).toContain('TT10/2026');
  });

  it.each(['2026-04-15', '2026-06-15'])('no THCS diploma may be issued on %s (rule 26: THCS_DIPLOMA_ABOLISHED)', (actDate) => {
    const answer = refused({ diplomaKind: 'THCS', act: 'issue', actDate });
    expect(answer).toMatchObject({ code: 'THCS_DIPLOMA_ABOLISHED', rule: 26 });
    for (const message of [answer.messageVi, answer.messageEn]) {
      expect(message).toContain('123/2025/QH15');
      expect(message).toContain('10/2026/TT-BGDĐT');
      expect(message).toContain('học bạ');
    }
  });

  it('a THCS diploma can still be issued the day before TT10/2026 (rule 26 cut-over, Q1)', () => {
    expect(permitted({ diplomaKind: 'THCS', act: 'issue', actDate: '2026-04-14' }).competentKinds).toEqual(['commune_committee']);
  });

  it('ignores issuerKind for issue: the actor is the issuer', () => {
    expect(permitted({ diplomaKind: 'THPT', act: 'issue', actDate: '2024-06-01', issuerKind: 'school' }).competentKinds).toEqual([
      'province_department',
    ]);
  });
});

describe('follow-up acts go to the register holder (rules 32, 36, 41, 46, 58)', () => {
  it.each<[string, DiplomaKind, RegulatedAct, string, AuthorityKind, AuthorityKind, string]>([
    [
      'rule 46: the Phòng copies its THCS register under TT21',
      'THCS',
      'copy',
      '2024-06-01',
      'district_office',
      'district_office',
      'NĐ 23/2015/NĐ-CP Art. 4(1)',
    ],
    [
      'rule 32: the Sở corrects a Phòng-era THCS diploma from 01/07/2025 (TT13/2025)',
      'THCS',
      'correct',
      '2025-07-01',
      'district_office',
      'province_department',
      'TT13/2025',
    ],
    [
      'rule 46: the Sở copies a Phòng-era THCS diploma from 01/07/2025 (TT13/2025)',
      'THCS',
      'copy',
      '2025-07-01',
      'district_office',
      'province_department',
      'TT13/2025',
    ],
    [
      'rule 32: the Sở corrects a Phòng-era THCS diploma under TT10/2026',
      'THCS',
      'correct',
      '2026-09-01',
      'district_office',
      'province_department',
      'TT13/2025',
    ],
    [
      'rule 46: the Sở copies a Phòng-era THCS diploma under TT10/2026',
      'THCS',
      'copy',
      '2026-09-01',
      'district_office',
      'province_department',
      'NĐ 23/2015/NĐ-CP Art. 4(1)',
    ],
    [
      'rule 41: the commune revokes a THCS diploma it issued (TT13/2025)',
      'THCS',
      'revoke',
      '2025-12-01',
      'commune_committee',
      'commune_committee',
      'rule 41',
    ],
    [
      'rule 36: the Sở reissues a THPT diploma under TT21 Art. 18',
      'THPT',
      'reissue',
      '2023-03-01',
      'province_department',
      'province_department',
      'Art. 18',
    ],
    [
      'rule 58: the Sở publishes THPT issuance data under TT21',
      'THPT',
      'publish',
      '2021-03-01',
      'province_department',
      'province_department',
      'rule 58',
    ],
    [
      'rule 46 (Q1 open): the Sở copies a THPT diploma it issued, on 2026-06-15',
      'THPT',
      'copy',
      '2026-06-15',
      'province_department',
      'province_department',
      'Q1',
    ],
    [
      'rule 46: a school copies a THPT diploma it issued (TT10/2026)',
      'THPT',
      'copy',
      '2027-01-05',
      'school',
      'school',
      'NĐ 23/2015/NĐ-CP Art. 4(1)',
    ],
    ['rule 41: a school revokes a THPT diploma it issued (TT10/2026)', 'THPT', 'revoke', '2027-01-05', 'school', 'school', 'rule 41'],
  ])('%s', (_name, diplomaKind, act, actDate, issuerKind, holderKind, basisMentions) => {
    const answer = permitted({ diplomaKind, act, actDate, issuerKind });
    expect(answer.basis).toBe('register_holder');
    expect(answer.competentKinds).toEqual([holderKind]);
    expect(answer.signerRoles).toEqual(['head', 'deputy_in_charge']);
    expect(answer.legalBasis).toContain(basisMentions);
  });

  it('a THCS copy of a 2024 diploma is still permitted on 2026-06-15, though THCS issuing is abolished (rules 26, 46)', () => {
    const answer = permitted({ diplomaKind: 'THCS', act: 'copy', actDate: '2026-06-15', issuerKind: 'district_office' });
    expect(answer).toMatchObject({ basis: 'register_holder', competentKinds: ['province_department'] });
  });

  it.each(['2026-02-10', '2026-06-15'])(
    "a merged Sở's diplomas are copied by its successor: THPT copy on %s, issuerKind province_department (rules 41, 46)",
    (actDate) => {
      // The caller resolves the successor (another Sở after a provincial merger); the table only requires the holder be a Sở.
      const answer = permitted({ diplomaKind: 'THPT', act: 'copy', actDate, issuerKind: 'province_department' });
      expect(answer.basis).toBe('register_holder');
      expect(answer.competentKinds).toContain('province_department');
    },
  );

  it.each<[DiplomaKind, RegulatedAct, string]>([
    ['THCS', 'copy', '2024-06-01'],
    ['THCS', 'correct', '2025-07-01'],
    ['THPT', 'revoke', '2026-06-15'],
    ['THPT', 'publish', '2019-12-31'],
  ])(
    'refuses a %s %s on %s without issuerKind: the register holder depends on the issuer (ISSUER_KIND_REQUIRED)',
    (diplomaKind, act, actDate) => {
      const answer = refused({ diplomaKind, act, actDate });
      expect(answer.code).toBe('ISSUER_KIND_REQUIRED');
      expect(answer.messageVi).toMatch(VIETNAMESE_LETTERS);
    },
  );

  it.each<[DiplomaKind, RegulatedAct, string, AuthorityKind]>([
    ['THPT', 'copy', '2024-06-01', 'school'],
    ['THCS', 'copy', '2024-06-01', 'commune_committee'],
    ['THCS', 'correct', '2026-09-01', 'province_department'],
    ['THPT', 'revoke', '2026-09-01', 'district_office'],
    ['THCS', 'copy', '2026-09-01', 'ministry'],
  ])(
    'refuses a %s %s on %s of a diploma "issued" by a %s, which never issued that kind by then (ISSUER_KIND_INCONSISTENT)',
    (diplomaKind, act, actDate, issuerKind) => {
      expect(refused({ diplomaKind, act, actDate, issuerKind }).code).toBe('ISSUER_KIND_INCONSISTENT');
    },
  );

  it('covers exactly the five follow-up acts', () => {
    expect([...FOLLOW_UP_ACTS].sort()).toEqual(REGULATED_ACTS.filter((act) => act !== 'issue').sort());
  });
});

describe('malformed queries', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a bad act date', { diplomaKind: 'THCS', act: 'copy', actDate: '01/07/2025', issuerKind: 'district_office' }, 'actDate', 'BAD_DATE'],
    ['an unknown act', { diplomaKind: 'THCS', act: 'stamp', actDate: '2025-07-01' }, 'act', 'NOT_ALLOWED_VALUE'],
    ['an unknown diploma kind', { diplomaKind: 'CD', act: 'issue', actDate: '2025-07-01' }, 'diplomaKind', 'NOT_ALLOWED_VALUE'],
    [
      'an unknown issuer kind',
      { diplomaKind: 'THPT', act: 'copy', actDate: '2025-07-01', issuerKind: 'university' },
      'issuerKind',
      'NOT_ALLOWED_VALUE',
    ],
  ])('throw INVALID_INPUT for %s', (_name, query, field, code) => {
    let thrown: unknown;
    try {
      competenceFor(query as unknown as CompetenceQuery);
    } catch (error: unknown) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('INVALID_INPUT');
    expect((thrown as DomainError).problem.fieldProblems?.[0]).toMatchObject({ field, code });
  });
});
