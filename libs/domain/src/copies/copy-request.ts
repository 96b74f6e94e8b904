import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { AuthorityDirectory } from '../authorities/authority';
import type { Calendar } from '../calendar/holiday-calendar';
import type { CopyRequestChannel } from '../calendar/copy-request-due';
import type { DiplomaKind } from '../regimes/legal-regimes';
import type { HolderData, IssuedDiploma } from '../diplomas/diploma';
import type { DiplomaState } from '../diplomas/diploma-state';
import type { CertificateRecord, CertificateSession } from '../certificates/certificate-register';

/**
 * A request for copies from the original register (bản sao từ sổ gốc, docs/domain.md §2.8): who asks
 * and on what entitlement, the due time, then either the copies or a written refusal.
 */
export function copyRequestStream(requestId: string): string {
  return `copy-request-${requestId}`;
}

/** Rule 48 / TT21 Art. 30: the holder, a legal or authorised representative, or an heir of a dead holder. */
export const REQUESTER_KINDS = [
  'holder',
  'legal_representative',
  'authorised_representative',
  'parent',
  'child',
  'spouse',
  'sibling',
  'other_heir',
] as const;
export type RequesterKind = (typeof REQUESTER_KINDS)[number];
export const HEIR_KINDS: readonly RequesterKind[] = ['parent', 'child', 'spouse', 'sibling', 'other_heir'];

export const REFUSAL_GROUNDS = [
  'no_register_entry',
  'diploma_revoked',
  'diploma_superseded',
  'revocation_case_open',
  'requester_not_entitled',
] as const;
export type CopyRefusalGround = (typeof REFUSAL_GROUNDS)[number];

export interface Requester {
  readonly kind: RequesterKind;
  readonly fullName: string;
  /** Checked at the counter; recorded, never shown publicly (§5.1). */
  readonly idDocument: { readonly kind: string; readonly number: string };
  /** Power of attorney, court or guardianship paper, or proof of kinship. */
  readonly entitlementDocument: string | null;
  /** For heirs: the holder's death certificate. */
  readonly deathCertificate: string | null;
}

/** A certificate's register entry carries no sex or ethnicity: a copy of it carries none either. */
export type CopyHolder = Pick<HolderData, 'fullName' | 'birthDate' | 'birthPlace'> & Partial<Pick<HolderData, 'sex' | 'ethnicity'>>;

/** What a copy carries (§4.8, rule 57): the register's content with corrections in force, never the holder's paper. */
export interface CopyContent {
  /** A diploma kind, or a certificate kind of the catalogue (issue 18). */
  readonly kind: DiplomaKind | string;
  readonly issuerCode: string;
  readonly holder: CopyHolder;
  /** For a certificate: the kind in words and its public fields as the register holds them (absent for diplomas). */
  readonly credential?: {
    readonly certificateId: string;
    readonly inWordsVi: string;
    readonly inWordsEn: string;
    readonly decision: { readonly number: string; readonly date: IsoDate; readonly signerName: string };
  };
  readonly originalSerial: string;
  readonly originalRegisterNumber: string;
  readonly originalIssueDate: IsoDate;
  readonly correctionDecisions: readonly { decisionNumber: string; decisionDate: IsoDate }[];
}

export interface IssuedCopy {
  readonly copyId: string;
  readonly copyNumber: string;
  readonly copyNumberValue: number;
  readonly serial: string;
}

export type CopyRequestEvent =
  | DomainEvent<
      'CopyRequestReceived',
      {
        requestId: string;
        diplomaId: string;
        authorityCode: string;
        requester: Requester;
        channel: CopyRequestChannel;
        receivedAt: string;
        dossierCompleteAt: string | null;
        copies: number;
        feePerCopy: number;
        dueBy: string;
        dueDate: IsoDate;
      }
    >
  | DomainEvent<
      'CopyRequestExtended',
      { requestId: string; workingDays: number; reason: string; writtenAgreementRef: string | null; dueBy: string; dueDate: IsoDate }
    >
  | DomainEvent<
      'CopyRequestRefused',
      { requestId: string; grounds: CopyRefusalGround[]; reasons: string; refusedOn: IsoDate; letterRef: string }
    >
  | DomainEvent<
      'CopiesIssued',
      {
        requestId: string;
        diplomaId: string;
        authorityCode: string;
        content: CopyContent;
        copies: IssuedCopy[];
        issuedOn: IsoDate;
        issuePlace: string;
        signerName: string;
        signerTitle: string;
        lotId: string;
        regime: string;
      }
    >;

/** What the diploma's streams say right now, gathered by the handler for the decision. */
export interface DiplomaFacts {
  readonly issued: IssuedDiploma;
  readonly state: DiplomaState;
}

/**
 * A certificate's entry in its register (sổ gốc cấp chứng chỉ, issue 18), read from its book: a copy from the
 * certificate register is requested, refused and issued by the same machinery as a diploma's (rules 46–57).
 */
export interface CertificateCopyFacts {
  readonly certificate: CertificateRecord;
  readonly session: CertificateSession;
}

/** The register entry a copy request names: a diploma's or a certificate's. */
export type CopySource = DiplomaFacts | CertificateCopyFacts;

export function isCertificateSource(source: CopySource | null | undefined): source is CertificateCopyFacts {
  return source !== null && source !== undefined && 'certificate' in source;
}

export type CopyRequestCommand =
  | {
      type: 'ReceiveCopyRequest';
      requestId: string;
      diplomaId: string;
      authorityCode: string;
      requester: Requester;
      channel: CopyRequestChannel;
      receivedAt: string;
      dossierCompleteAt?: string | null;
      copies: number;
      feePerCopy: number;
      calendar: Calendar;
      /**
       * The diploma as its streams stand at reception (null: no register entry). When given, a request the
       * register already answers (rule 55: revoked, superseded, no entry) is refused in the same step.
       */
      diploma?: CopySource | null;
      /** The written refusal's reference, when the office numbers it at the counter. */
      refusalLetterRef?: string | null;
    }
  | {
      type: 'ExtendCopyRequest';
      requestId: string;
      workingDays: number;
      reason: string;
      writtenAgreementRef?: string | null;
      calendar: Calendar;
    }
  | {
      type: 'RefuseCopyRequest';
      requestId: string;
      grounds: CopyRefusalGround[];
      reasons: string;
      refusedOn: IsoDate;
      letterRef: string;
      diploma: CopySource | null;
    }
  | {
      type: 'IssueCopies';
      requestId: string;
      diploma: DiplomaFacts;
      copies: IssuedCopy[];
      lotId: string;
      issuedOn: IsoDate;
      issuePlace: string;
      signerId: string;
      actingAuthorityCode: string;
      directory: AuthorityDirectory;
    }
  | {
      /** Copies from a certificate register (issue 18): same request, same copy register, no copy blanks. */
      type: 'IssueCertificateCopies';
      requestId: string;
      certificate: CertificateCopyFacts;
      copies: IssuedCopy[];
      issuedOn: IsoDate;
      issuePlace: string;
      signerId: string;
      actingAuthorityCode: string;
      directory: AuthorityDirectory;
    };
