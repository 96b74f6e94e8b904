import type { CoverageStatement, IssuerYearCoverage, PublicDecisionRef, PublicDiplomaRecord, PublicReplacement } from '@so-goc/projections';

/** Stable codes: integrators branch on them, so a code is never renamed or reused. */
export const LOOKUP_STATUSES = [
  'VALID',
  'VALID_WITH_CORRECTIONS',
  'REPLACED',
  'REVOKED',
  'NO_LONGER_VALID',
  'NOT_FOUND',
  'NOT_PUBLIC',
  'FORGED',
] as const;
export type LookupStatus = (typeof LOOKUP_STATUSES)[number];

/** How the visitor asked, which decides what they may be shown back. */
export type QueryKind = 'serial_holder' | 'serial_register' | 'qr';

export interface ShownHolder {
  readonly fullName: string;
  readonly birthDate: string;
  readonly birthPlace?: string;
}

/** A subset of docs/domain.md §5.1, never more: there is no field here for anything outside it. */
export interface ShownDiploma {
  readonly kind: string;
  readonly serial: string;
  readonly registerNumber?: string;
  readonly issuer: { readonly code: string; readonly name: string };
  readonly issueDate: string;
  readonly holder?: ShownHolder;
}

/** On a copy's QR: which copy from the register this paper is, and who made it. */
export interface ShownCopy {
  readonly copyNumber: string;
  readonly issuedOn: string;
  readonly issuerCode: string;
}

export interface LookupAnswer {
  readonly status: LookupStatus;
  readonly copy?: ShownCopy;
  readonly diploma?: ShownDiploma;
  readonly corrections?: readonly PublicDecisionRef[];
  readonly replacedBy?: PublicReplacement;
  readonly revocation?: PublicDecisionRef;
  /** With NOT_FOUND only: which issuers and years the registry holds (issue 14), the same whoever was asked for. */
  readonly coverage?: CoverageStatement;
  /** With NOT_FOUND when the visitor named the issuer and year: the same coverage, book by book. */
  readonly coverageOf?: IssuerYearCoverage;
}

export const NOT_FOUND: LookupAnswer = Object.freeze({ status: 'NOT_FOUND' });
export const NOT_PUBLIC: LookupAnswer = Object.freeze({ status: 'NOT_PUBLIC' });
export const FORGED: LookupAnswer = Object.freeze({ status: 'FORGED' });

/**
 * The live status of a diploma, showing only what the query already supplied (docs/domain.md §5.2, "mask
 * fields the query did not supply"):
 * - serial + name + birth date: the visitor typed the holder, so the register's spelling of them comes back;
 *   the register number and the place of birth were not typed and stay hidden.
 * - serial + register number: nothing about the holder; the visitor learns only that the paper is genuine.
 * - QR landing: every §5.1 field. The QR sits on the paper next to the printed name, birth date and place,
 *   so whoever scans it already reads them; showing the register's version is the point, because a genuine
 *   QR copied onto a paper with another name (F7) is caught only by comparing the two.
 * An exempt holder gets NOT_PUBLIC whatever the status, with nothing that tells why.
 */
export function answerFor(record: PublicDiplomaRecord, kind: QueryKind): LookupAnswer {
  if (record.exemptFromPublicListing) return NOT_PUBLIC;
  const diploma = shownDiploma(record, kind);
  switch (record.status) {
    case 'valid':
      return { status: 'VALID', diploma };
    case 'corrected':
      return { status: 'VALID_WITH_CORRECTIONS', diploma, corrections: record.corrections };
    case 'replaced':
      return record.replacement ? { status: 'REPLACED', diploma, replacedBy: record.replacement } : { status: 'NO_LONGER_VALID', diploma };
    case 'revoked':
      return record.revocation ? { status: 'REVOKED', diploma, revocation: record.revocation } : { status: 'NO_LONGER_VALID', diploma };
    case 'lost':
      // Lost before hand-over: the paper in circulation is not the holder's (F14). Said plainly, without the circumstances.
      return { status: 'NO_LONGER_VALID', diploma };
  }
}

function shownDiploma(record: PublicDiplomaRecord, kind: QueryKind): ShownDiploma {
  const base = {
    kind: record.kind,
    serial: record.serial,
    issuer: { code: record.authorityCode, name: record.authorityName },
    issueDate: record.issueDate,
  };
  switch (kind) {
    case 'serial_holder':
      return { ...base, holder: { fullName: record.fullName, birthDate: record.birthDate } };
    case 'serial_register':
      return { ...base, registerNumber: record.registerNumber };
    case 'qr':
      return {
        ...base,
        registerNumber: record.registerNumber,
        holder: { fullName: record.fullName, birthDate: record.birthDate, birthPlace: record.birthPlace },
      };
  }
}
