import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';

/**
 * One diploma after its print run issued it: hand-over now, corrections, reissue and revocation later.
 * The stream holds only what happens to this one paper; the facts of its issuance stay in the print
 * run, which can no longer change them once signed.
 */
export function diplomaStream(diplomaId: string): string {
  return `diploma-${diplomaId}`;
}

/** The issuance facts a diploma command needs, read from the signed print run. */
export interface IssuedDiploma {
  readonly diplomaId: string;
  readonly printRunId: string;
  readonly authorityCode: string;
  readonly serialLabel: string;
  readonly registerLabel: string;
  /** null while the run is not signed: the diploma is not issued yet. */
  readonly issueDate: IsoDate | null;
}

export const RECIPIENT_KINDS = ['holder', 'proxy'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface Recipient {
  readonly kind: RecipientKind;
  readonly fullName: string;
  /** Rule 23: an authorised proxy signs with the authorisation on file. */
  readonly authorisationRef: string | null;
  readonly idDocument: string | null;
}

export type DiplomaEvent =
  | DomainEvent<'DiplomaDelivered', { diplomaId: string; printRunId: string; recipient: Recipient; deliveredOn: IsoDate; deliveredBy: string }>
  | DomainEvent<
      'DiplomaLostBeforeDelivery',
      { diplomaId: string; printRunId: string; serialLabel: string; minutesRef: string; policeUnit: string; policeNotifiedAt: string; circumstances: string; reportedTo: string[]; lostOn: IsoDate }
    >;

export type DiplomaCommand =
  | { type: 'DeliverDiploma'; issued: IssuedDiploma; recipient: Recipient; deliveredOn: IsoDate; actingAuthorityCode: string; deliveredBy: string }
  | {
      type: 'ReportDiplomaLostBeforeDelivery';
      issued: IssuedDiploma;
      actingAuthorityCode: string;
      minutesRef: string;
      policeUnit: string;
      policeNotifiedAt: string;
      circumstances: string;
      reportedTo: string[];
      lostOn: IsoDate;
    };

export type DiplomaState =
  | { readonly status: 'issued' }
  | { readonly status: 'delivered'; readonly deliveredOn: IsoDate; readonly recipient: Recipient }
  | { readonly status: 'lost_before_delivery'; readonly lostOn: IsoDate; readonly minutesRef: string };
