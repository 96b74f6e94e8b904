import { AUTHORITY_KINDS, type AuthorityKind } from '../authorities/authority';
import type { DiplomaKind, RegimeCode, RegulatedAct, SignerRole } from './legal-regimes';

/**
 * Who is competent for which act on which kind of diploma, regime by regime (docs/domain.md §0.1).
 *
 * The answer is data, not branching code, so that the next circular (and there will be one: Q1 is open; Q8 and Q11 were settled in late 2026, domain §0.5)
 * is a reviewable change of rows, and so that a test can prove the table total and unambiguous: every
 * (regime, diploma kind, act, issuer kind or none) matches exactly one row.
 *
 * A row with no `issuerKinds` applies whatever issuer kind the query carries; this is only used for 'issue',
 * where the acting authority is itself the issuer and the query's issuerKind means nothing.
 * Follow-up rows always list issuer kinds, and the missing-issuer case is the `NO_ISSUER_KIND` marker, so
 * that case is a row too and cannot fall through a gap.
 */

/** Stands for "the query gave no issuerKind" inside `issuerKinds`. */
export const NO_ISSUER_KIND = 'unspecified' as const;
export type IssuerKindKey = AuthorityKind | typeof NO_ISSUER_KIND;

/** Legal basis per act, because one follow-up row covers five acts that rest on different articles. */
export type LegalBasisByAct = Readonly<Partial<Record<RegulatedAct, string>>>;

interface RowScope {
  readonly regime: RegimeCode;
  readonly diplomaKind: DiplomaKind;
  readonly acts: readonly RegulatedAct[];
  readonly issuerKinds?: readonly IssuerKindKey[];
}

export interface PermitRow extends RowScope {
  readonly permitted: true;
  readonly competentKinds: readonly AuthorityKind[];
  readonly basis: 'issuer' | 'register_holder';
  readonly signerRoles: readonly SignerRole[];
  readonly legalBasis: LegalBasisByAct;
}

export interface RefusalRow extends RowScope {
  readonly permitted: false;
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly rule?: number;
}

export type PolicyRow = PermitRow | RefusalRow;

export const FOLLOW_UP_ACTS: readonly RegulatedAct[] = Object.freeze(['correct', 'reissue', 'revoke', 'copy', 'publish'] as const);
const ISSUE: readonly RegulatedAct[] = Object.freeze(['issue'] as const);

/**
 * Rule 6: where the head (Trưởng phòng, Giám đốc Sở, Chủ tịch UBND xã, Hiệu trưởng) is not appointed, the
 * deputy assigned to run the body signs under the deputy title. Whether the assignment decision is on file is
 * the caller's check against the signer records; the table only says both roles can be competent.
 */
const HEAD_OR_DEPUTY: readonly SignerRole[] = Object.freeze(['head', 'deputy_in_charge'] as const);

/**
 * Articles of the TT21 Quy chế for follow-up acts. Arts 21 and 29 are positions inferred from the ĐHQGHN mirror
 * (domain.md §0.4, Q2); they are cited with that caveat rather than left out, so the gap stays visible.
 */
const TT21_FOLLOW_UP_BASIS: LegalBasisByAct = {
  correct: 'TT21/2019 Quy chế Arts 21–23 (Art. 21 position unconfirmed): head of the body holding the sổ gốc (rule 32)',
  reissue: 'TT21/2019 Quy chế Art. 18(1)(2): the issuer reissues for its own error (rule 36)',
  revoke: 'TT21/2019 Quy chế Art. 25(2): issuer, or after merger/dissolution the body holding the sổ gốc (rule 41)',
  copy: 'TT21/2019 Quy chế Arts 27, 29 (Art. 29 position unconfirmed); NĐ 23/2015/NĐ-CP Art. 4(1): the body holding the sổ gốc (rule 46)',
  publish: 'TT21/2019 Quy chế Art. 14 (position unconfirmed): the issuer publishes issuance data matching the sổ gốc (rule 58)',
};

/** Prefixes every act's basis with the text that moved competence; the underlying articles still govern the act. */
function amendedBy(note: string, basis: LegalBasisByAct): LegalBasisByAct {
  const amended: Partial<Record<RegulatedAct, string>> = {};
  for (const act of Object.keys(basis) as RegulatedAct[]) amended[act] = `${note}; ${basis[act] ?? ''}`;
  return amended;
}

/**
 * Before TT21 the split of competence was the same (Phòng for THCS, Sở for THPT); the earlier Quy chế's article
 * numbers are not in our sources, so the row cites the era and the TT21 article that kept the split.
 */
const PRE_TT21_NOTE = 'Quy chế before TT21/2019 (TT19/2015 era; article not cited, same split as TT21 Art. 15(1))';

/**
 * TT10/2026 replaced the TT21 Quy chế, but its article numbers and transition rules are unconfirmed (Q1); the
 * rule numbers from domain.md §3 still describe the acts, and NĐ 23/2015 Art. 4(1) still governs copies.
 */
const TT10_FOLLOW_UP_BASIS: LegalBasisByAct = {
  correct: 'TT10/2026/TT-BGDĐT (article unconfirmed, Q1): head of the body holding the sổ gốc (rule 32)',
  reissue: 'TT10/2026/TT-BGDĐT (article unconfirmed, Q1): the register holder reissues for an issuer error (rule 36)',
  revoke: 'TT10/2026/TT-BGDĐT (article unconfirmed, Q1): the body holding the sổ gốc revokes (rule 41)',
  copy: 'TT10/2026/TT-BGDĐT (article unconfirmed, Q1); NĐ 23/2015/NĐ-CP Art. 4(1): the body holding the sổ gốc (rule 46)',
  publish: 'TT10/2026/TT-BGDĐT (article unconfirmed, Q1): publication through the national diploma database (rule 58, rule 61)',
};

/** Every authority kind a query can name as issuer, minus the ones other rows handle; "none given" has its own row. */
function otherIssuerKinds(...handled: readonly AuthorityKind[]): readonly IssuerKindKey[] {
  return AUTHORITY_KINDS.filter((kind) => !handled.includes(kind));
}

/**
 * Follow-ups belong to whoever holds the issuer's sổ gốc (rules 32, 41, 46), and which holder kind is competent
 * depends on who issued. Guessing the issuer from the regime's default would silently route a Sở-issued THPT
 * diploma and a school-issued one alike after 2026, so the table refuses instead of guessing.
 */
function issuerKindRequired(regime: RegimeCode, diplomaKind: DiplomaKind): RefusalRow {
  return {
    regime,
    diplomaKind,
    acts: FOLLOW_UP_ACTS,
    issuerKinds: [NO_ISSUER_KIND],
    permitted: false,
    code: 'ISSUER_KIND_REQUIRED',
    messageVi: 'Cần cho biết loại cơ quan đã cấp văn bằng gốc để xác định cơ quan đang quản lý sổ gốc có thẩm quyền.',
    messageEn: 'The kind of authority that issued the original diploma is needed to tell which register holder is competent.',
  };
}

/**
 * An issuer kind that never issued this diploma kind in any regime up to the act date points at bad data (a
 * follow-up cannot precede its original); refusing surfaces it instead of routing the act to a wrong holder.
 */
function issuerKindInconsistent(regime: RegimeCode, diplomaKind: DiplomaKind, ...knownIssuers: readonly AuthorityKind[]): RefusalRow {
  return {
    regime,
    diplomaKind,
    acts: FOLLOW_UP_ACTS,
    issuerKinds: otherIssuerKinds(...knownIssuers),
    permitted: false,
    code: 'ISSUER_KIND_INCONSISTENT',
    messageVi: `Loại cơ quan này chưa từng cấp bằng tốt nghiệp ${diplomaKind} trước ngày thực hiện; kiểm tra lại cơ quan đã cấp văn bằng gốc.`,
    messageEn: `No authority of this kind issued ${diplomaKind} diplomas before the act date; check the issuer recorded for the original.`,
  };
}

function registerHolder(
  regime: RegimeCode,
  diplomaKind: DiplomaKind,
  issuerKinds: readonly AuthorityKind[],
  competentKinds: readonly AuthorityKind[],
  legalBasis: LegalBasisByAct,
): PermitRow {
  return {
    regime,
    diplomaKind,
    acts: FOLLOW_UP_ACTS,
    issuerKinds,
    permitted: true,
    competentKinds,
    basis: 'register_holder',
    signerRoles: HEAD_OR_DEPUTY,
    legalBasis,
  };
}

function issuer(regime: RegimeCode, diplomaKind: DiplomaKind, competentKinds: readonly AuthorityKind[], legalBasis: string): PermitRow {
  return {
    regime,
    diplomaKind,
    acts: ISSUE,
    permitted: true,
    competentKinds,
    basis: 'issuer',
    signerRoles: HEAD_OR_DEPUTY,
    legalBasis: { issue: legalBasis },
  };
}

/*
 * The Minister's power to decide or order a revocation "in other cases" (TT21 Art. 25(2), rule 41) is not a row:
 * the ministry never holds a sổ gốc, and that power overrides the table rather than being one of its answers.
 */
export const POLICY_TABLE: readonly PolicyRow[] = Object.freeze([
  // ---- PRE-TT21 (to 14/01/2020): kept so historical diplomas and acts can be recorded ----------------------
  issuer('PRE-TT21', 'THCS', ['district_office'], `${PRE_TT21_NOTE}: Trưởng phòng GDĐT`),
  registerHolder('PRE-TT21', 'THCS', ['district_office'], ['district_office'], amendedBy(PRE_TT21_NOTE, TT21_FOLLOW_UP_BASIS)),
  issuerKindRequired('PRE-TT21', 'THCS'),
  issuerKindInconsistent('PRE-TT21', 'THCS', 'district_office'),

  issuer('PRE-TT21', 'THPT', ['province_department'], `${PRE_TT21_NOTE}: Giám đốc Sở GDĐT`),
  registerHolder('PRE-TT21', 'THPT', ['province_department'], ['province_department'], amendedBy(PRE_TT21_NOTE, TT21_FOLLOW_UP_BASIS)),
  issuerKindRequired('PRE-TT21', 'THPT'),
  issuerKindInconsistent('PRE-TT21', 'THPT', 'province_department'),

  // ---- TT21/2019 (15/01/2020 – 30/06/2025) ------------------------------------------------------------------
  issuer('TT21/2019', 'THCS', ['district_office'], 'TT21/2019 Quy chế Art. 15(1)(a): Trưởng phòng GDĐT (rule 6 for the deputy in charge)'),
  registerHolder('TT21/2019', 'THCS', ['district_office'], ['district_office'], TT21_FOLLOW_UP_BASIS),
  issuerKindRequired('TT21/2019', 'THCS'),
  issuerKindInconsistent('TT21/2019', 'THCS', 'district_office'),

  issuer(
    'TT21/2019',
    'THPT',
    ['province_department'],
    'TT21/2019 Quy chế Art. 15(1)(b): Giám đốc Sở GDĐT (rule 6 for the deputy in charge)',
  ),
  registerHolder('TT21/2019', 'THPT', ['province_department'], ['province_department'], TT21_FOLLOW_UP_BASIS),
  issuerKindRequired('TT21/2019', 'THPT'),
  issuerKindInconsistent('TT21/2019', 'THPT', 'province_department'),

  // ---- TT13/2025 (01/07/2025 – 14/04/2026): district level abolished, two-tier local government -------------
  issuer(
    'TT13/2025',
    'THCS',
    ['commune_committee'],
    'TT21/2019 Art. 15(1)(a) as adjusted by TT13/2025/TT-BGDĐT: Chủ tịch UBND cấp xã takes the Trưởng phòng role',
  ),
  // The Phòng's registers did not pass to the communes for follow-ups: TT13/2025 gives those acts to the Sở (§0.1, rule 32).
  registerHolder(
    'TT13/2025',
    'THCS',
    ['district_office'],
    ['province_department'],
    amendedBy('TT13/2025/TT-BGDĐT: the Sở GDĐT handles THCS diplomas issued by the abolished Phòng GDĐT', TT21_FOLLOW_UP_BASIS),
  ),
  registerHolder(
    'TT13/2025',
    'THCS',
    ['commune_committee'],
    ['commune_committee'],
    amendedBy('TT13/2025/TT-BGDĐT: UBND cấp xã keeps the sổ gốc of the diplomas it issued', TT21_FOLLOW_UP_BASIS),
  ),
  issuerKindRequired('TT13/2025', 'THCS'),
  issuerKindInconsistent('TT13/2025', 'THCS', 'district_office', 'commune_committee'),

  issuer('TT13/2025', 'THPT', ['province_department'], 'TT21/2019 Quy chế Art. 15(1)(b), unchanged by TT13/2025: Giám đốc Sở GDĐT'),
  registerHolder('TT13/2025', 'THPT', ['province_department'], ['province_department'], TT21_FOLLOW_UP_BASIS),
  issuerKindRequired('TT13/2025', 'THPT'),
  issuerKindInconsistent('TT13/2025', 'THPT', 'province_department'),

  // ---- TT10/2026 (from 15/04/2026) ---------------------------------------------------------------------------
  // Rule 26. Luật 123/2025/QH15 is in force from 01/01/2026, but the table takes TT10's date as the cut-over
  // because the operational date for the 2026 cohort is set by TT10 and is itself unconfirmed (Q1).
  {
    regime: 'TT10/2026',
    diplomaKind: 'THCS',
    acts: ISSUE,
    permitted: false,
    code: 'THCS_DIPLOMA_ABOLISHED',
    messageVi:
      'Từ ngày 15/04/2026 không còn cấp bằng tốt nghiệp THCS: theo Luật 123/2025/QH15 và Thông tư 10/2026/TT-BGDĐT, ' +
      'hiệu trưởng xác nhận hoàn thành chương trình THCS trong học bạ.',
    messageEn:
      'From 15/04/2026 no lower-secondary (THCS) diploma is issued: under Law 123/2025/QH15 and Circular 10/2026/TT-BGDĐT ' +
      'the principal confirms completion of lower secondary in the school record (học bạ).',
    rule: 26,
  },
  // Legacy THCS diplomas stay alive for follow-ups for decades (§0.1 consequences; sổ gốc are permanent, rule 19).
  registerHolder(
    'TT10/2026',
    'THCS',
    ['district_office'],
    ['province_department'],
    amendedBy(
      'TT13/2025/TT-BGDĐT, not known to be changed by TT10/2026 (Q1): the Sở GDĐT holds the Phòng-era THCS sổ gốc',
      TT10_FOLLOW_UP_BASIS,
    ),
  ),
  // Q8, settled by domain.md §0.5: each UBND xã hands its THCS sổ gốc to the Sở before 31/05/2026. Until its
  // recorded hand-over the commune holds them; from that date the Sở does (registerHolderOn follows hand-overs).
  registerHolder(
    'TT10/2026',
    'THCS',
    ['commune_committee'],
    ['commune_committee', 'province_department'],
    amendedBy(
      'TT10/2026: UBND cấp xã hands its THCS sổ gốc to the Sở GDĐT before 31/05/2026 (domain.md §0.5, Q8); until then it holds them',
      TT10_FOLLOW_UP_BASIS,
    ),
  ),
  issuerKindRequired('TT10/2026', 'THCS'),
  issuerKindInconsistent('TT10/2026', 'THCS', 'district_office', 'commune_committee'),

  issuer('TT10/2026', 'THPT', ['school'], 'Luật 123/2025/QH15; TT10/2026/TT-BGDĐT (article unconfirmed, Q1): Hiệu trưởng'),
  // Q1 is open: TT10's transition rules for THPT diplomas the Sở issued before 15/04/2026 are not confirmed; the
  // Sở keeping its own registers follows from rules 19 and 46 (the body holding the sổ gốc acts on it).
  registerHolder(
    'TT10/2026',
    'THPT',
    ['province_department'],
    ['province_department'],
    amendedBy('The Sở GDĐT keeps its pre-15/04/2026 THPT sổ gốc (TT10 transition unconfirmed, Q1)', TT10_FOLLOW_UP_BASIS),
  ),
  registerHolder(
    'TT10/2026',
    'THPT',
    ['school'],
    ['school'],
    amendedBy('Luật 123/2025/QH15: the school keeps the sổ gốc of the diplomas it issues', TT10_FOLLOW_UP_BASIS),
  ),
  issuerKindRequired('TT10/2026', 'THPT'),
  issuerKindInconsistent('TT10/2026', 'THPT', 'province_department', 'school'),
] satisfies readonly PolicyRow[]);
