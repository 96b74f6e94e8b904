import type { AuthorityKind } from '../authorities/authority';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { DIPLOMA_TEMPLATES } from '../regimes/diploma-templates';
import { DIPLOMA_KINDS, REGIMES, regimeOn, type RegimeCode } from '../regimes/legal-regimes';
import { BLANK_KINDS } from '../blanks/blank';
import {
  CREDENTIAL_FAMILIES,
  CREDENTIAL_KIND_CODE_PATTERN,
  type ChoiceValue,
  type CredentialField,
  type CredentialKindEntry,
  type IssuerRule,
} from './credential-kind';

const ALL_REGIMES: readonly RegimeCode[] = REGIMES.map((regime) => regime.code);

/** THCS and THPT: the behaviour lives where it always did; the entries make them two kinds among others. */
function diplomaEntry(code: (typeof DIPLOMA_KINDS)[number], nameVi: string, nameEn: string): CredentialKindEntry {
  return {
    code,
    family: 'diploma',
    nameVi,
    nameEn,
    inWordsVi: nameVi,
    inWordsEn: nameEn,
    fields: 'graduate-list',
    issuers: 'policy-table',
    blankKind: code,
    register: {
      titleVi: `Sổ gốc cấp ${nameVi.charAt(0).toLowerCase()}${nameVi.slice(1)}`,
      titleEn: `Original register of ${nameEn} diplomas`,
      numbering: 'per-issuer-kind-year',
    },
    templates: DIPLOMA_TEMPLATES.filter((template) => template.kind === code).map((template) => ({
      version: template.version,
      validFrom: template.validFrom,
      validTo: template.validTo,
      source: template.source,
      confidence: template.confidence,
    })),
    legalBasis: 'TT21/2019/TT-BGDĐT Quy chế; TT13/2025; TT10/2026 (docs/domain.md §0.1)',
  };
}

const choice = (code: string, vi: string, en: string, extra: Partial<ChoiceValue> = {}): ChoiceValue => ({ code, vi, en, ...extra });

/** TT 01/2014 six-level framework; TT 33/2026 (from 31/05/2026) adds Pre-A1 and keeps the old one usable until 31/12/2027 (§8). */
const FRAMEWORK_OLD = 'KNLNN6-TT01';
const FRAMEWORK_NEW = 'KNLNN-TT33';
const BOTH_FRAMEWORKS = { field: 'framework', in: [FRAMEWORK_OLD, FRAMEWORK_NEW] } as const;
const LEVELS: readonly ChoiceValue[] = [
  choice('PRE-A1', 'Bậc Tiền A1', 'Pre-A1', {
    aliases: ['PRE A1', 'TIỀN A1', 'BẬC TIỀN A1'],
    when: { field: 'framework', in: [FRAMEWORK_NEW] },
    validFrom: '2026-05-31',
  }),
  ...(['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const).map((cefr, index) =>
    choice(String(index + 1), `Bậc ${index + 1}`, `Level ${index + 1} (${cefr})`, {
      aliases: [cefr, `BẬC ${index + 1}`, `BAC ${index + 1}`],
      when: BOTH_FRAMEWORKS,
    }),
  ),
];

const skill = (name: string, labelVi: string, labelEn: string): CredentialField => ({
  name,
  labelVi,
  labelEn,
  type: 'score',
  min: 0,
  max: 10,
  step: 0.5,
  required: false,
  public: false,
});

export const FOREIGN_LANGUAGE_CERTIFICATE: CredentialKindEntry = {
  code: 'CC-NN',
  family: 'certificate',
  nameVi: 'Chứng chỉ ngoại ngữ',
  nameEn: 'Foreign-language certificate',
  inWordsVi: 'Chứng chỉ ngoại ngữ ({language}) theo {framework}, {level}',
  inWordsEn: 'Foreign-language certificate ({language}) on the {framework}, {level}',
  fields: [
    {
      name: 'language',
      labelVi: 'Ngoại ngữ',
      labelEn: 'Language',
      type: 'choice',
      required: true,
      public: true,
      values: [
        choice('EN', 'tiếng Anh', 'English', { aliases: ['TIẾNG ANH', 'ENGLISH'] }),
        choice('FR', 'tiếng Pháp', 'French', { aliases: ['TIẾNG PHÁP', 'FRENCH'] }),
        choice('ZH', 'tiếng Trung Quốc', 'Chinese', { aliases: ['TIẾNG TRUNG', 'TIẾNG TRUNG QUỐC', 'CHINESE'] }),
        choice('JA', 'tiếng Nhật', 'Japanese', { aliases: ['TIẾNG NHẬT', 'JAPANESE'] }),
        choice('KO', 'tiếng Hàn', 'Korean', { aliases: ['TIẾNG HÀN', 'KOREAN'] }),
        choice('RU', 'tiếng Nga', 'Russian', { aliases: ['TIẾNG NGA', 'RUSSIAN'] }),
        choice('DE', 'tiếng Đức', 'German', { aliases: ['TIẾNG ĐỨC', 'GERMAN'] }),
      ],
    },
    {
      name: 'framework',
      labelVi: 'Khung năng lực',
      labelEn: 'Framework',
      type: 'choice',
      required: true,
      public: true,
      values: [
        choice(FRAMEWORK_OLD, 'Khung năng lực ngoại ngữ 6 bậc', 'six-level foreign-language framework', {
          aliases: ['KNLNN6', '6 BẬC'],
          validTo: '2027-12-31',
        }),
        choice(FRAMEWORK_NEW, 'Khung năng lực ngoại ngữ (Thông tư 33/2026)', 'foreign-language framework (TT 33/2026)', {
          aliases: ['TT33'],
          validFrom: '2026-05-31',
        }),
      ],
    },
    { name: 'level', labelVi: 'Bậc', labelEn: 'Level', type: 'choice', required: true, public: true, values: LEVELS },
    { name: 'examDate', labelVi: 'Ngày thi', labelEn: 'Exam date', type: 'date', required: true, public: true },
    { name: 'examCouncil', labelVi: 'Hội đồng thi', labelEn: 'Exam council', type: 'text', maxLength: 200, required: true, public: false },
    skill('listening', 'Nghe', 'Listening'),
    skill('reading', 'Đọc', 'Reading'),
    skill('speaking', 'Nói', 'Speaking'),
    skill('writing', 'Viết', 'Writing'),
  ],
  issuers: [
    {
      regimes: ALL_REGIMES,
      authorityKinds: ['centre', 'school'],
      licenceRequired: true,
      limits: { level: ['PRE-A1', '1', '2', '3'] },
      legalBasis: 'TT 23/2017/TT-BGDĐT: centres founded by the province or the Sở test levels 1–3 (docs/domain.md §8)',
      confidence: 'M',
    },
    {
      regimes: ALL_REGIMES,
      authorityKinds: ['higher_education'],
      licenceRequired: true,
      legalBasis: 'TT 23/2017/TT-BGDĐT: universities assigned to test on the framework, levels 1–6 (docs/domain.md §8)',
      confidence: 'M',
    },
  ],
  blankKind: 'CC-NN',
  register: {
    titleVi: 'Sổ gốc cấp chứng chỉ ngoại ngữ',
    titleEn: 'Original register of foreign-language certificates',
    numbering: 'per-issuer-kind-year',
  },
  templates: [
    {
      version: 'CC-NN-TT21',
      validFrom: '2020-01-15',
      validTo: null,
      source: 'TT21/2019; template filed with MOET and police (§8)',
      confidence: 'M',
    },
  ],
  legalBasis: 'TT 01/2014 (framework), TT 23/2017 (exams), TT 33/2026 (Pre-A1), CV 1800/2021 (docs/domain.md §8)',
};

const IT_MODULES: readonly ChoiceValue[] = Array.from({ length: 15 }, (_, index) => {
  const code = `IU${String(index + 1).padStart(2, '0')}`;
  return choice(code, `Mô đun ${code}`, `Module ${code}`);
});

export const IT_APPLICATION_CERTIFICATE: CredentialKindEntry = {
  code: 'CC-UDCNTT',
  family: 'certificate',
  nameVi: 'Chứng chỉ ứng dụng công nghệ thông tin',
  nameEn: 'IT application certificate',
  inWordsVi: 'Chứng chỉ ứng dụng công nghệ thông tin {tier}',
  inWordsEn: 'IT application certificate, {tier}',
  fields: [
    {
      name: 'tier',
      labelVi: 'Trình độ',
      labelEn: 'Tier',
      type: 'choice',
      required: true,
      public: true,
      values: [
        choice('CB', 'cơ bản', 'basic', { aliases: ['CƠ BẢN', 'BASIC'] }),
        choice('NC', 'nâng cao', 'advanced', { aliases: ['NÂNG CAO', 'ADVANCED'] }),
      ],
    },
    {
      name: 'modules',
      labelVi: 'Mô đun',
      labelEn: 'Modules',
      type: 'choices',
      minCount: 1,
      required: true,
      public: false,
      values: IT_MODULES,
    },
    { name: 'examDate', labelVi: 'Ngày thi', labelEn: 'Exam date', type: 'date', required: true, public: true },
    { name: 'examCouncil', labelVi: 'Hội đồng thi', labelEn: 'Exam council', type: 'text', maxLength: 200, required: true, public: false },
  ],
  issuers: [
    {
      regimes: ALL_REGIMES,
      authorityKinds: ['centre', 'higher_education', 'school'],
      licenceRequired: true,
      legalBasis: 'TTLT 17/2016/TTLT-BGDĐT-BTTTT (docs/domain.md §8)',
      confidence: 'M',
    },
  ],
  blankKind: 'CC-UDCNTT',
  register: {
    titleVi: 'Sổ gốc cấp chứng chỉ ứng dụng công nghệ thông tin',
    titleEn: 'Original register of IT application certificates',
    numbering: 'per-issuer-kind-year',
  },
  templates: [{ version: 'CC-UDCNTT-2016', validFrom: '2016-09-15', validTo: null, source: 'TTLT 17/2016 (§8)', confidence: 'M' }],
  legalBasis: 'TTLT 17/2016/TTLT-BGDĐT-BTTTT; CV 1800/2021 (docs/domain.md §8)',
};

/** Luật 123/2025 (domain §0.5): the certificate exists (H); who issues it is unconfirmed (L), so the entry says so. */
export const COMPLETION_CERTIFICATE: CredentialKindEntry = {
  code: 'GCN-HTCT',
  family: 'completion',
  nameVi: 'Giấy chứng nhận hoàn thành chương trình giáo dục phổ thông',
  nameEn: 'Certificate of completion of the general-education programme',
  inWordsVi: 'Giấy chứng nhận hoàn thành chương trình giáo dục phổ thông, năm học {schoolYear}',
  inWordsEn: 'Certificate of completion of the general-education programme, school year {schoolYear}',
  fields: [
    { name: 'schoolYear', labelVi: 'Năm học', labelEn: 'School year', type: 'text', maxLength: 9, required: true, public: true },
    { name: 'school', labelVi: 'Trường', labelEn: 'School', type: 'text', maxLength: 200, required: true, public: true },
  ],
  issuers: [
    {
      regimes: ['TT10/2026'],
      authorityKinds: ['school', 'province_department'],
      licenceRequired: false,
      legalBasis: 'Luật 123/2025/QH15 sửa đổi Luật Giáo dục; issuing body unconfirmed (domain §0.5, confidence L)',
      confidence: 'L',
    },
  ],
  issuerUnconfirmed: {
    noteVi: 'Cơ quan cấp giấy chứng nhận này chưa được văn bản gốc xác nhận (tài liệu nghiệp vụ §0.5).',
    noteEn: 'The body issuing this certificate is not confirmed by a primary text (domain §0.5).',
  },
  blankKind: null,
  register: {
    titleVi: 'Sổ cấp giấy chứng nhận hoàn thành chương trình giáo dục phổ thông',
    titleEn: 'Register of general-education completion certificates',
    numbering: 'per-issuer-kind-year',
  },
  templates: [
    { version: 'GCN-HTCT-2026', validFrom: '2026-04-15', validTo: null, source: 'Luật 123/2025 (template unseen)', confidence: 'L' },
  ],
  legalBasis: 'Luật 123/2025/QH15 (docs/domain.md §0.5)',
};

export const DEFAULT_CREDENTIAL_KINDS: readonly CredentialKindEntry[] = Object.freeze([
  diplomaEntry('THCS', 'Bằng tốt nghiệp trung học cơ sở', 'Lower-secondary graduation diploma (THCS)'),
  diplomaEntry('THPT', 'Bằng tốt nghiệp trung học phổ thông', 'Upper-secondary graduation diploma (THPT)'),
  FOREIGN_LANGUAGE_CERTIFICATE,
  IT_APPLICATION_CERTIFICATE,
  COMPLETION_CERTIFICATE,
]);

export interface CredentialCatalogue {
  readonly entries: readonly CredentialKindEntry[];
  /** Every blank kind a lot may be received as: the diploma and copy blanks, and each entry's (issue 18). */
  readonly blankKinds: readonly string[];
  /** The (first) entry printed on blanks of this kind; undefined for diploma and copy blanks or an unknown kind. */
  entryForBlankKind(blankKind: string): CredentialKindEntry | undefined;
  find(code: string): CredentialKindEntry | undefined;
  /** Throws CREDENTIAL_KIND_UNKNOWN (invalid input on `field`) for a code the catalogue does not hold. */
  get(code: unknown, field?: string): CredentialKindEntry;
}

/**
 * Builds a catalogue from entries, refusing a malformed one at start-up (a bad entry is a deployment error,
 * not a user's): codes unique and well formed, every `when` and `limits` naming a field of the entry.
 */
export function credentialCatalogue(entries: readonly CredentialKindEntry[] = DEFAULT_CREDENTIAL_KINDS): CredentialCatalogue {
  const byCode = new Map<string, CredentialKindEntry>();
  for (const entry of entries) {
    if (!CREDENTIAL_KIND_CODE_PATTERN.test(entry.code)) throw new Error(`Credential kind code "${entry.code}" is malformed`);
    if (!CREDENTIAL_FAMILIES.includes(entry.family)) throw new Error(`Credential kind ${entry.code}: unknown family ${entry.family}`);
    if (byCode.has(entry.code)) throw new Error(`Credential kind ${entry.code} is listed twice`);
    if (entry.blankKind !== null) {
      if (!CREDENTIAL_KIND_CODE_PATTERN.test(entry.blankKind)) {
        throw new Error(`Credential kind ${entry.code}: blank kind "${entry.blankKind}" is malformed`);
      }
      // A certificate never shares the blanks of a diploma or of a copy (rule 17: the blank matches the kind).
      if (entry.fields !== 'graduate-list' && (BLANK_KINDS as readonly string[]).slice(0, 4).includes(entry.blankKind)) {
        throw new Error(`Credential kind ${entry.code}: blank kind ${entry.blankKind} belongs to diplomas`);
      }
    }
    if (entry.fields !== 'graduate-list') {
      const names = new Set(entry.fields.map((field) => field.name));
      for (const field of entry.fields) {
        if ((field.type === 'choice' || field.type === 'choices') && field.values.length === 0) {
          throw new Error(`Credential kind ${entry.code}: field ${field.name} offers no value`);
        }
        for (const value of field.type === 'choice' || field.type === 'choices' ? field.values : []) {
          if (value.when && !names.has(value.when.field)) {
            throw new Error(`Credential kind ${entry.code}: ${field.name}=${value.code} depends on unknown field ${value.when.field}`);
          }
        }
      }
      for (const rule of entry.issuers === 'policy-table' ? [] : entry.issuers) {
        for (const limited of Object.keys(rule.limits ?? {})) {
          if (!names.has(limited)) throw new Error(`Credential kind ${entry.code}: issuer limit on unknown field ${limited}`);
        }
      }
    } else if (entry.issuers !== 'policy-table') {
      throw new Error(`Credential kind ${entry.code}: graduate-list kinds take their competence from the policy table`);
    }
    byCode.set(entry.code, entry);
  }
  const all = Object.freeze([...byCode.values()]);
  const blankKinds = Object.freeze([
    ...new Set([...BLANK_KINDS, ...all.flatMap((entry) => (entry.blankKind === null ? [] : [entry.blankKind]))]),
  ]);
  return {
    entries: all,
    blankKinds,
    entryForBlankKind: (blankKind) => all.find((entry) => entry.fields !== 'graduate-list' && entry.blankKind === blankKind),
    find: (code) => byCode.get(code),
    get(code, field = 'credentialKind') {
      const found = typeof code === 'string' ? byCode.get(code) : undefined;
      if (found) return found;
      throw new DomainError({
        code: 'CREDENTIAL_KIND_UNKNOWN',
        kind: 'invalid_input',
        messageVi: `Loại văn bằng, chứng chỉ "${String(code)}" không có trong danh mục (có: ${all.map((e) => e.code).join(', ')}).`,
        messageEn: `Credential kind "${String(code)}" is not in the catalogue (known: ${all.map((e) => e.code).join(', ')}).`,
        field,
      });
    },
  };
}

/** The catalogue's issuer rules for a kind, a kind of authority and a date: the competence table's certificate rows. */
export function issuerRulesFor(entry: CredentialKindEntry, authorityKind: AuthorityKind, actDate: IsoDate): readonly IssuerRule[] {
  if (entry.issuers === 'policy-table') return [];
  const regime = regimeOn(actDate).code;
  return entry.issuers.filter((rule) => rule.regimes.includes(regime) && rule.authorityKinds.includes(authorityKind));
}
