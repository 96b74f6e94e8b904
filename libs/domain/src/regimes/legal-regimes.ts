import type { SignerRoleName } from '../authorities/authority';
import { AUTHORITY_KINDS, type AuthorityKind } from '../authorities/authority';
import { isIsoDate } from '../shared/dates';
import { invalidInput } from '../shared/errors';
import { collectProblems, requireOneOf } from '../shared/validation';
import { NO_ISSUER_KIND, POLICY_TABLE, type PolicyRow } from './policy-table';

/**
 * Legal regimes for THCS/THPT diplomas (docs/domain.md §0.1). Competence moved twice in a year (TT13/2025,
 * TT10/2026) and the registry must keep acting on diplomas issued under every earlier regime, so competence is
 * always looked up by the date of the act, never taken from "the current rules".
 */

export const DIPLOMA_KINDS = ['THCS', 'THPT'] as const;
export type DiplomaKind = (typeof DIPLOMA_KINDS)[number];

export const REGULATED_ACTS = ['issue', 'correct', 'reissue', 'revoke', 'copy', 'publish'] as const;
export type RegulatedAct = (typeof REGULATED_ACTS)[number];

/** The same roles the authority directory records for its signers. */
export type SignerRole = SignerRoleName;

export type RegimeCode = 'PRE-TT21' | 'TT21/2019' | 'TT13/2025' | 'TT10/2026';

export interface Regime {
  readonly code: RegimeCode;
  readonly titleVi: string;
  /** ISO date, inclusive; null = open. */
  readonly from: string | null;
  /** ISO date, inclusive; null = open. */
  readonly to: string | null;
}

/**
 * Ordered and contiguous: each regime starts the day after the previous one ends, the first is open to the past
 * (historical diplomas must be recordable whatever their date) and the last is open to the future.
 */
export const REGIMES: readonly Regime[] = Object.freeze([
  {
    code: 'PRE-TT21',
    titleVi: 'Các quy chế văn bằng, chứng chỉ trước Thông tư 21/2019/TT-BGDĐT (thời kỳ Thông tư 19/2015/TT-BGDĐT)',
    from: null,
    to: '2020-01-14',
  },
  {
    code: 'TT21/2019',
    titleVi:
      'Thông tư 21/2019/TT-BGDĐT ban hành Quy chế quản lý bằng tốt nghiệp trung học cơ sở, bằng tốt nghiệp trung học phổ thông, ' +
      'văn bằng giáo dục đại học và chứng chỉ của hệ thống giáo dục quốc dân',
    from: '2020-01-15',
    to: '2025-06-30',
  },
  {
    code: 'TT13/2025',
    titleVi: 'Thông tư 21/2019/TT-BGDĐT được điều chỉnh bởi Thông tư 13/2025/TT-BGDĐT (chính quyền địa phương hai cấp)',
    from: '2025-07-01',
    to: '2026-04-14',
  },
  {
    code: 'TT10/2026',
    titleVi: 'Thông tư 10/2026/TT-BGDĐT ban hành Quy chế văn bằng, chứng chỉ; Luật 123/2025/QH15 sửa đổi Luật Giáo dục',
    from: '2026-04-15',
    to: null,
  },
] satisfies readonly Regime[]);

function badDate(field: string): never {
  throw invalidInput([
    {
      field,
      code: 'BAD_DATE',
      messageVi: `"${field}" phải là một ngày có thật theo dạng YYYY-MM-DD.`,
      messageEn: `"${field}" must be a real calendar date written YYYY-MM-DD.`,
    },
  ]);
}

function regimeContaining(date: string): Regime {
  // ISO dates compare correctly as strings, so no Date object (and no time zone) is involved.
  const found = REGIMES.filter((regime) => (regime.from === null || regime.from <= date) && (regime.to === null || date <= regime.to));
  const [only] = found;
  if (found.length !== 1 || only === undefined) {
    throw new Error(`Legal regimes must cover every date exactly once; ${date} falls in ${found.length}`);
  }
  return only;
}

/** The regime in force on a date. Throws a DomainError (INVALID_INPUT / BAD_DATE) for anything but a real YYYY-MM-DD date. */
export function regimeOn(date: string): Regime {
  if (!isIsoDate(date)) badDate('date');
  return regimeContaining(date);
}

export interface CompetenceQuery {
  readonly diplomaKind: DiplomaKind;
  readonly act: RegulatedAct;
  /** ISO YYYY-MM-DD: acts are judged by the regime of the act's date, not of the original's issue date. */
  readonly actDate: string;
  /** For follow-up acts (everything but 'issue'): kind of the authority that issued the original. Ignored for 'issue'. */
  readonly issuerKind?: AuthorityKind;
}

export type CompetenceAnswer =
  | {
      readonly permitted: true;
      readonly regime: Regime;
      readonly competentKinds: readonly AuthorityKind[];
      /**
       * 'issuer': the acting authority itself must be of a competent kind.
       * 'register_holder': the act belongs to whoever holds the issuer's sổ gốc on the act date (the issuer or its
       * successor after a merger or abolition: rules 32, 41, 46); the caller resolves succession, and that holder
       * must be of a competent kind.
       */
      readonly basis: 'issuer' | 'register_holder';
      /** Rule 6: the caller still checks the deputy's delegation record. */
      readonly signerRoles: readonly SignerRole[];
      readonly legalBasis: string;
    }
  | {
      readonly permitted: false;
      readonly regime: Regime;
      readonly code: string;
      readonly messageVi: string;
      readonly messageEn: string;
      readonly rule?: number;
    };

/**
 * The policy rows that apply to one combination. Exported so the table can be proven total and unambiguous;
 * `competenceFor` relies on exactly one row matching.
 */
export function matchingPolicyRows(
  regime: RegimeCode,
  diplomaKind: DiplomaKind,
  act: RegulatedAct,
  issuerKind?: AuthorityKind,
): readonly PolicyRow[] {
  const issuerKey = issuerKind ?? NO_ISSUER_KIND;
  return POLICY_TABLE.filter(
    (row) =>
      row.regime === regime &&
      row.diplomaKind === diplomaKind &&
      row.acts.includes(act) &&
      (row.issuerKinds === undefined || row.issuerKinds.includes(issuerKey)),
  );
}

/**
 * Which kind of authority may perform an act on a kind of diploma on a date, on what basis, and which of its
 * officers may sign. Throws a DomainError (INVALID_INPUT) when the query itself is malformed; a well-formed query
 * the law does not allow gets `permitted: false` with a code, because that is an answer, not an error.
 */
export function competenceFor(query: CompetenceQuery): CompetenceAnswer {
  // Queries arrive from HTTP and CLI input, so the union types are checked at run time too.
  const problems = collectProblems(
    requireOneOf('diplomaKind', query.diplomaKind, DIPLOMA_KINDS),
    requireOneOf('act', query.act, REGULATED_ACTS),
    query.issuerKind === undefined ? undefined : requireOneOf('issuerKind', query.issuerKind, AUTHORITY_KINDS),
  );
  if (problems.length > 0) throw invalidInput(problems);
  if (!isIsoDate(query.actDate)) badDate('actDate');

  const regime = regimeContaining(query.actDate);
  const rows = matchingPolicyRows(regime.code, query.diplomaKind, query.act, query.issuerKind);
  const [row] = rows;
  if (rows.length !== 1 || row === undefined) {
    throw new Error(
      `Policy table must match exactly one row for ${regime.code}/${query.diplomaKind}/${query.act}/${query.issuerKind ?? NO_ISSUER_KIND}; matched ${rows.length}`,
    );
  }

  if (!row.permitted) {
    return {
      permitted: false,
      regime,
      code: row.code,
      messageVi: row.messageVi,
      messageEn: row.messageEn,
      ...(row.rule === undefined ? {} : { rule: row.rule }),
    };
  }
  const legalBasis = row.legalBasis[query.act];
  if (legalBasis === undefined) {
    throw new Error(`Policy row for ${regime.code}/${query.diplomaKind} covers '${query.act}' but cites no legal basis for it`);
  }
  return {
    permitted: true,
    regime,
    competentKinds: row.competentKinds,
    basis: row.basis,
    signerRoles: row.signerRoles,
    legalBasis,
  };
}
