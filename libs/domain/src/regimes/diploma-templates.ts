import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import type { DiplomaKind } from './legal-regimes';

/** The fields a diploma template prints (docs/domain.md §4.7), beside the static art. */
export const TEMPLATE_FIELDS = [
  'issuerLine',
  'fullName',
  'birthDate',
  'birthPlace',
  'sex',
  'ethnicity',
  'school',
  'graduationYear',
  'classification',
  'trainingMode',
  'issueDateLine',
  'signerTitle',
  'signerName',
  'serial',
  'registerNumber',
] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** §0.2: H = an article restated by a source; M = mirrored or strong recall; L = inferred, unconfirmed. */
export type Confidence = 'H' | 'M' | 'L';

export interface DiplomaTemplate {
  /** The name blank lots and print runs carry ("TT21-2019"). */
  readonly version: string;
  readonly kind: DiplomaKind;
  /** Inclusive ISO dates; a null end stays current (a THCS template has no successor: THCS diplomas ended with TT10/2026). */
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | null;
  readonly fields: readonly TemplateField[];
  readonly source: string;
  readonly confidence: Confidence;
}

const ALL: readonly TemplateField[] = TEMPLATE_FIELDS;
const WITHOUT_CLASSIFICATION: readonly TemplateField[] = TEMPLATE_FIELDS.filter((f) => f !== 'classification');

/**
 * Rule 37 and rule 46: a print run, a reissue and a copy use the template current on their own date, so the
 * template is data with a history, looked up by date like the competence table. Q12 (is "xếp loại" printed on a
 * THPT diploma?) is open: a THPT blank under the exam regime is taken to carry no classification line (L), a
 * THCS blank to carry it until THCS diplomas ended (L). The 2008 templates are S11 (decision numbers
 * unconfirmed); TT10/2026's THPT template is unseen (S6), only known to exist.
 */
export const DIPLOMA_TEMPLATES: readonly DiplomaTemplate[] = Object.freeze([
  {
    version: 'BGDDT-2008',
    kind: 'THCS',
    validFrom: '2008-09-01',
    validTo: '2020-01-14',
    fields: ALL,
    source: 'S11 (Pháp điển 13.1.QĐ.23)',
    confidence: 'M',
  },
  {
    version: 'BGDDT-2008',
    kind: 'THPT',
    validFrom: '2008-09-01',
    validTo: '2020-01-14',
    fields: ALL,
    source: 'S11 (Pháp điển 13.1.QĐ.24)',
    confidence: 'M',
  },
  {
    version: 'TT21-2019',
    kind: 'THCS',
    validFrom: '2020-01-15',
    validTo: null,
    fields: ALL,
    source: 'TT21 Art. 7 (template per MOET); classification: Q12',
    confidence: 'L',
  },
  {
    version: 'TT21-2019',
    kind: 'THPT',
    validFrom: '2020-01-15',
    validTo: '2026-04-14',
    fields: WITHOUT_CLASSIFICATION,
    source: 'TT21 Art. 7; no classification: Q12',
    confidence: 'L',
  },
  {
    version: 'TT10-2026',
    kind: 'THPT',
    validFrom: '2026-04-15',
    validTo: null,
    fields: WITHOUT_CLASSIFICATION,
    source: 'TT10/2026 (S6): MOET prescribes the THPT template',
    confidence: 'M',
  },
] satisfies DiplomaTemplate[]);

export const printsField = (template: DiplomaTemplate, field: TemplateField): boolean => template.fields.includes(field);

export function diplomaTemplateVersion(version: string, kind: DiplomaKind): DiplomaTemplate | undefined {
  return DIPLOMA_TEMPLATES.find((t) => t.version === version && t.kind === kind);
}

/** The template current on `date` for `kind` (rules 37, 46). */
export function diplomaTemplateOn(kind: DiplomaKind, date: IsoDate): DiplomaTemplate {
  const found = DIPLOMA_TEMPLATES.find((t) => t.kind === kind && t.validFrom <= date && (t.validTo === null || date <= t.validTo));
  if (!found) {
    throw new DomainError({
      code: 'NO_TEMPLATE_ON_DATE',
      kind: 'rule_violation',
      messageVi: `Không có mẫu bằng tốt nghiệp ${kind} áp dụng vào ngày ${date}.`,
      messageEn: `No ${kind} diploma template is in force on ${date}.`,
      field: 'issueDate',
      rule: 37,
    });
  }
  return found;
}
