import type { AuthorityKind } from '../authorities/authority';
import type { IsoDate } from '../shared/dates';
import type { Confidence } from '../regimes/diploma-templates';
import type { RegimeCode } from '../regimes/legal-regimes';

/**
 * Kinds of credential as data (issue 18, docs/domain.md §8): every kind the registry keeps — the THCS/THPT
 * diplomas, the certificates centres under the Sở issue, recognitions of foreign diplomas and the completion
 * certificate of Luật 123/2025 — is one catalogue entry. Adding a kind is adding an entry, never code: the
 * fields it carries, their validation, who may issue it under which regime, its blanks, register, templates and
 * what the public lookup may show are all read from the entry.
 */

export const CREDENTIAL_FAMILIES = ['diploma', 'certificate', 'recognition', 'completion'] as const;
export type CredentialFamily = (typeof CREDENTIAL_FAMILIES)[number];

/** Catalogue codes: capitals, digits, hyphens; they appear in stream names, register numbers and URLs. */
export const CREDENTIAL_KIND_CODE_PATTERN = /^[A-Z][A-Z0-9-]{1,23}$/;

/** One allowed value of a choice field, with the words the portal and the register print for it. */
export interface ChoiceValue {
  readonly code: string;
  readonly vi: string;
  readonly en: string;
  /** Other spellings accepted at entry ("B1" for level 3); matched after NFC, trimming and upper-casing. */
  readonly aliases?: readonly string[];
  /** The value is only valid when another field holds one of these codes (a level belongs to a framework). */
  readonly when?: { readonly field: string; readonly in: readonly string[] };
  /** Inclusive ISO dates the value may be used on, judged by the act's date (Pre-A1 only from TT 33/2026). */
  readonly validFrom?: IsoDate;
  readonly validTo?: IsoDate;
}

interface FieldBase {
  readonly name: string;
  readonly labelVi: string;
  readonly labelEn: string;
  readonly required: boolean;
  /** Rule 57 / §5.1: only fields marked public are shown by the portal; everything else stays in the register. */
  readonly public: boolean;
}

export type CredentialField =
  | (FieldBase & { readonly type: 'text'; readonly maxLength: number })
  | (FieldBase & { readonly type: 'date' })
  | (FieldBase & { readonly type: 'choice'; readonly values: readonly ChoiceValue[] })
  | (FieldBase & { readonly type: 'choices'; readonly values: readonly ChoiceValue[]; readonly minCount: number })
  | (FieldBase & { readonly type: 'score'; readonly min: number; readonly max: number; readonly step: number });

/**
 * A competence row: the kinds of authority that may issue this kind under a regime, optionally limited to some
 * values of a field (a centre founded by the Sở tests levels 1–3 only, a university levels 1–6). Rows, not code.
 */
export interface IssuerRule {
  readonly regimes: readonly RegimeCode[];
  readonly authorityKinds: readonly AuthorityKind[];
  /** A licence from the Sở, with this kind in its scope and valid on the act's date, is required (§8). */
  readonly licenceRequired: boolean;
  readonly limits?: Readonly<Record<string, readonly string[]>>;
  readonly legalBasis: string;
  readonly confidence: Confidence;
}

export interface CredentialTemplateVersion {
  readonly version: string;
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | null;
  readonly source: string;
  readonly confidence: Confidence;
}

export interface CredentialKindEntry {
  readonly code: string;
  readonly family: CredentialFamily;
  readonly nameVi: string;
  readonly nameEn: string;
  /**
   * How the portal names one credential in words: `{field}` is replaced by the Vietnamese (or English) words
   * of that field's value ("Chứng chỉ ngoại ngữ theo {framework}, {level}").
   */
  readonly inWordsVi: string;
  readonly inWordsEn: string;
  /**
   * For THCS/THPT the fields and their validation stay in the graduate module (`graduate-validation.ts`), whose
   * behaviour is unchanged; the entry says so rather than restating it. Other kinds list their fields here.
   */
  readonly fields: 'graduate-list' | readonly CredentialField[];
  readonly issuers: 'policy-table' | readonly IssuerRule[];
  /** Domain §0.5 / §8: set when the issuing body is not confirmed by a primary text (shown to officers). */
  readonly issuerUnconfirmed?: { readonly noteVi: string; readonly noteEn: string };
  /** Null when not printed on serial-numbered blanks (or not known to be). */
  readonly blankKind: string | null;
  readonly register: {
    readonly titleVi: string;
    readonly titleEn: string;
    /** 'per-issuer-kind-year': 1, 2, 3 … per issuer, kind and calendar year, no gap, no reuse (rules 21, 24). */
    readonly numbering: 'per-issuer-kind-year';
  };
  readonly templates: readonly CredentialTemplateVersion[];
  readonly legalBasis: string;
}
