import { diplomaDecider } from '../diplomas/diploma.decider';
import type { IssuedDiploma } from '../diplomas/diploma';
import type { ReissueEvent } from '../diplomas/reissue';
import type { DomainError } from '../shared/errors';
import { given } from '../testing/given-when-then';
import { PROVINCE } from '../testing/after-issuance-fixtures';
import { DIPLOMA_TEMPLATES, diplomaTemplateOn, printsField } from './diploma-templates';
import { DIPLOMA_KINDS } from './legal-regimes';

describe('diploma templates by date (rule 37, Q12)', () => {
  it.each([
    ['THPT', '2019-08-14', 'BGDDT-2008', true],
    ['THPT', '2020-01-15', 'TT21-2019', false],
    ['THPT', '2026-04-14', 'TT21-2019', false],
    ['THPT', '2026-04-15', 'TT10-2026', false],
    ['THPT', '2030-06-30', 'TT10-2026', false],
    ['THCS', '2019-06-20', 'BGDDT-2008', true],
    ['THCS', '2024-06-20', 'TT21-2019', true],
    // No THCS diploma after TT10/2026: a reissue or copy of an old one keeps the last THCS template.
    ['THCS', '2027-03-01', 'TT21-2019', true],
  ] as const)('%s on %s: template %s, classification printed: %s', (kind, date, version, classification) => {
    const template = diplomaTemplateOn(kind, date);
    expect(template.version).toBe(version);
    expect(printsField(template, 'classification')).toBe(classification);
  });

  it('has, per kind, contiguous periods from 2008 on and exactly one open-ended template', () => {
    for (const kind of DIPLOMA_KINDS) {
      const rows = DIPLOMA_TEMPLATES.filter((t) => t.kind === kind).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      rows.slice(1).forEach((row, i) => {
        const previousEnd = new Date(`${rows[i]!.validTo}T00:00:00Z`);
        previousEnd.setUTCDate(previousEnd.getUTCDate() + 1);
        expect({ kind, version: row.version, from: row.validFrom }).toEqual({
          kind,
          version: row.version,
          from: previousEnd.toISOString().slice(0, 10),
        });
      });
      expect(rows.filter((r) => r.validTo === null)).toHaveLength(1);
    }
  });

  it('refuses a date before any template, naming rule 37', () => {
    let refusal: unknown;
    try {
      diplomaTemplateOn('THPT', '2001-01-01');
    } catch (error) {
      refusal = error;
    }
    expect((refusal as DomainError).problem).toMatchObject({ code: 'NO_TEMPLATE_ON_DATE', rule: 37 });
  });
});

describe('a reissue uses the template current on its own date (rule 37)', () => {
  const THPT_2019: IssuedDiploma = {
    diplomaId: 'sgd-hp-900-2019-00031',
    graduateId: 'sgd-hp-900-2019-00031',
    printRunId: 'thpt-2019',
    authorityCode: 'SGD-HP',
    kind: 'THPT',
    serialLabel: 'HP 0100031',
    registerLabel: '000031/THPT-2019',
    issueDate: '2019-08-14',
    holder: { fullName: 'Trần Văn Bình', birthDate: '2001-02-03', birthPlace: 'Hải Phòng', sex: 'male', ethnicity: 'Kinh' },
  };
  const reissued: Extract<ReissueEvent, { type: 'DiplomaReissued' }>['data'] = {
    diplomaId: THPT_2019.diplomaId,
    newDiplomaId: `${THPT_2019.diplomaId}-r1`,
    newSerialLabel: 'HP 0400001',
    newRegisterLabel: '000031/THPT-2019/1',
    decisionNumber: '12/QĐ-SGDĐT',
    decisionDate: '2026-01-05',
    issuerError: 'Ghi sai ngày sinh',
    changes: [],
  };

  it('a 2019 diploma (template BGDDT-2008) reissued on 12/01/2026 carries TT21-2019, on 05/05/2026 TT10-2026', () => {
    const replacement = (issueDate: string) => ({
      type: 'IssueReplacementDiploma' as const,
      replaced: THPT_2019,
      reissue: reissued,
      holder: THPT_2019.holder,
      lotId: 'HP-THPT-2026',
      serial: 400001,
      issueDate,
      issuePlace: 'Hải Phòng',
      signerId: 'gd-hp',
      actingAuthorityCode: 'SGD-HP',
      directory: PROVINCE,
    });
    expect(diplomaTemplateOn('THPT', '2019-08-14').version).toBe('BGDDT-2008');
    given(diplomaDecider)
      .when(replacement('2026-01-12'))
      .then([
        expect.objectContaining({ type: 'DiplomaIssuedAsReplacement', data: expect.objectContaining({ templateVersion: 'TT21-2019' }) }),
      ]);
    given(diplomaDecider)
      .when(replacement('2026-05-05'))
      .then([
        expect.objectContaining({ type: 'DiplomaIssuedAsReplacement', data: expect.objectContaining({ templateVersion: 'TT10-2026' }) }),
      ]);
  });
});
