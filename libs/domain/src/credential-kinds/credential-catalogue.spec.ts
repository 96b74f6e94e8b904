import { DIPLOMA_TEMPLATES } from '../regimes/diploma-templates';
import { DIPLOMA_KINDS } from '../regimes/legal-regimes';
import { DomainError } from '../shared/errors';
import { credentialCatalogue, DEFAULT_CREDENTIAL_KINDS, FOREIGN_LANGUAGE_CERTIFICATE } from './credential-catalogue';
import { checkCredentialFields, credentialInWords, publicCredentialFields, requireIssuerRule } from './credential-fields';
import type { CredentialKindEntry } from './credential-kind';

const catalogue = credentialCatalogue();
const FL = catalogue.get('CC-NN');

const b1 = {
  language: 'Tiếng Anh',
  framework: 'KNLNN6',
  level: 'B1',
  examDate: '2026-06-20',
  examCouncil: 'Hội đồng thi Trung tâm Ngoại ngữ Hải Phòng',
  listening: '6,5',
  reading: 7,
  speaking: '5.5',
  writing: '6',
};

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Kinds of credential as data (issue 18 item 1, domain §8)', () => {
  it('holds THCS and THPT as two diploma entries that keep their existing blanks, templates and competence table', () => {
    for (const kind of DIPLOMA_KINDS) {
      const entry = catalogue.get(kind);
      expect(entry.family).toBe('diploma');
      expect(entry.blankKind).toBe(kind);
      expect(entry.fields).toBe('graduate-list');
      expect(entry.issuers).toBe('policy-table');
      expect(entry.templates.map((t) => t.version)).toEqual(DIPLOMA_TEMPLATES.filter((t) => t.kind === kind).map((t) => t.version));
    }
    expect(catalogue.get('THPT').nameVi).toBe('Bằng tốt nghiệp trung học phổ thông');
  });

  it('lists the foreign-language and IT certificates and the completion certificate, whose issuer is marked unconfirmed (§0.5)', () => {
    expect(DEFAULT_CREDENTIAL_KINDS.map((entry) => [entry.code, entry.family])).toEqual([
      ['THCS', 'diploma'],
      ['THPT', 'diploma'],
      ['CC-NN', 'certificate'],
      ['CC-UDCNTT', 'certificate'],
      ['GCN-HTCT', 'completion'],
    ]);
    expect(catalogue.get('GCN-HTCT').issuerUnconfirmed?.noteVi).toContain('chưa được văn bản gốc xác nhận');
  });

  it('refuses an unknown kind with a stable code and the field at fault', () => {
    const error = refusal(() => catalogue.get('CC-XYZ', 'kind'));
    expect(error.problem).toMatchObject({ code: 'CREDENTIAL_KIND_UNKNOWN', kind: 'invalid_input', field: 'kind' });
  });

  it('refuses a malformed catalogue at start-up: duplicate codes, dependencies on missing fields', () => {
    expect(() => credentialCatalogue([FL, FL])).toThrow(/listed twice/);
    const broken: CredentialKindEntry = { ...FL, code: 'CC-BROKEN', fields: FL.fields === 'graduate-list' ? [] : FL.fields.slice(2) };
    expect(() => credentialCatalogue([broken])).toThrow(/unknown field framework/);
  });

  it('validates a foreign-language result: aliases to codes, scores with a decimal comma, and names it in words for the portal', () => {
    const checked = checkCredentialFields(FL, b1, '2026-07-01');
    expect(checked.problems).toEqual([]);
    expect(checked.values).toMatchObject({ language: 'EN', framework: 'KNLNN6-TT01', level: '3', listening: 6.5, speaking: 5.5 });
    expect(credentialInWords(FL, checked.values)).toBe('Chứng chỉ ngoại ngữ (tiếng Anh) theo Khung năng lực ngoại ngữ 6 bậc, Bậc 3');
    expect(credentialInWords(FL, checked.values, 'en')).toBe(
      'Foreign-language certificate (English) on the six-level foreign-language framework, Level 3 (B1)',
    );
    // Rule 57: the exam council and per-skill scores stay in the register.
    expect(publicCredentialFields(FL, checked.values).map((field) => field.name)).toEqual(['language', 'framework', 'level', 'examDate']);
  });

  it('reports every bad field at once, each named', () => {
    const checked = checkCredentialFields(
      FL,
      { ...b1, level: 'Bậc 7', listening: '10.25', examDate: '2026-13-01', colour: 'red' },
      '2026-07-01',
    );
    expect(checked.problems.map((p) => [p.field, p.code])).toEqual([
      ['level', 'NOT_ALLOWED_VALUE'],
      ['examDate', 'BAD_DATE'],
      ['listening', 'BAD_SCORE'],
      ['colour', 'UNKNOWN_FIELD'],
    ]);
    expect(checkCredentialFields(FL, {}, '2026-07-01').problems.map((p) => p.field)).toEqual([
      'language',
      'framework',
      'level',
      'examDate',
      'examCouncil',
    ]);
  });

  it('TT 33/2026: Pre-A1 only on the new framework and only from 31/05/2026; the old framework ends 31/12/2027', () => {
    const preA1 = { ...b1, level: 'Pre-A1', framework: 'TT33', examDate: '2026-05-20' };
    expect(checkCredentialFields(FL, preA1, '2026-05-30').problems.map((p) => [p.field, p.code])).toEqual([
      ['framework', 'VALUE_NOT_IN_FORCE'],
      ['level', 'VALUE_NOT_IN_FORCE'],
    ]);
    expect(checkCredentialFields(FL, preA1, '2026-06-01').problems).toEqual([]);
    expect(checkCredentialFields(FL, { ...preA1, framework: 'KNLNN6' }, '2026-06-01').problems.map((p) => p.code)).toEqual([
      'VALUE_NOT_IN_CONTEXT',
    ]);
    expect(checkCredentialFields(FL, b1, '2028-01-02').problems.map((p) => [p.field, p.code])).toEqual([
      ['framework', 'VALUE_NOT_IN_FORCE'],
    ]);
  });

  it('competence is rows of the entry: a centre tests levels 1–3 only, a university 1–6, a commune nothing', () => {
    const level4 = checkCredentialFields(FL, { ...b1, level: 'B2' }, '2026-07-01').values;
    const level3 = checkCredentialFields(FL, b1, '2026-07-01').values;
    expect(requireIssuerRule(FL, 'centre', '2026-07-01', level3).licenceRequired).toBe(true);
    expect(refusal(() => requireIssuerRule(FL, 'centre', '2026-07-01', level4)).problem).toMatchObject({
      code: 'ISSUER_LIMIT_EXCEEDED',
      field: 'level',
    });
    expect(requireIssuerRule(FL, 'higher_education', '2026-07-01', level4).authorityKinds).toEqual(['higher_education']);
    expect(refusal(() => requireIssuerRule(FL, 'commune_committee', '2026-07-01', level3)).code).toBe('ISSUER_KIND_NOT_COMPETENT');
  });

  it('the completion certificate exists only from Luật 123/2025 in force (TT10/2026 regime)', () => {
    const completion = catalogue.get('GCN-HTCT');
    expect(refusal(() => requireIssuerRule(completion, 'school', '2026-01-10', {})).code).toBe('ISSUER_KIND_NOT_COMPETENT');
    expect(requireIssuerRule(completion, 'school', '2026-06-10', {}).confidence).toBe('L');
  });

  it('a new kind is one more entry: an IT certificate with its own fields validates and names itself with no code', () => {
    const extra: CredentialKindEntry = {
      ...FOREIGN_LANGUAGE_CERTIFICATE,
      code: 'CC-TEST',
      nameVi: 'Chứng chỉ thử',
      inWordsVi: 'Chứng chỉ thử, {grade}',
      fields: [
        {
          name: 'grade',
          labelVi: 'Hạng',
          labelEn: 'Grade',
          type: 'choice',
          required: true,
          public: true,
          values: [{ code: 'X', vi: 'hạng X', en: 'grade X' }],
        },
      ],
      issuers: [{ regimes: ['TT10/2026'], authorityKinds: ['centre'], licenceRequired: true, legalBasis: 'test', confidence: 'L' }],
    };
    const extended = credentialCatalogue([...DEFAULT_CREDENTIAL_KINDS, extra]);
    const entry = extended.get('CC-TEST');
    const checked = checkCredentialFields(entry, { grade: 'x' }, '2026-07-01');
    expect(checked.problems).toEqual([]);
    expect(credentialInWords(entry, checked.values)).toBe('Chứng chỉ thử, hạng X');
  });
});
