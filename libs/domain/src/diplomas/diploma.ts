import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { DiplomaKind } from '../regimes/legal-regimes';
import type { Sex } from '../graduates/graduate';
import type { CorrectionEvent, CorrectionCommand } from './correction';
import type { RevocationCommand, RevocationEvent } from './revocation';
import type { ReissueCommand, ReissueEvent } from './reissue';
import type { DigitalIssueEvent, RecordDigitalIssueCommand } from './digital-issue';

/**
 * One diploma's life, from its issuance on: the stream opens with `DiplomaIssued` (an original, appended
 * when its print run is signed and sealed) or `DiplomaIssuedAsReplacement` (a reissue), then holds
 * hand-over, corrections, reissue and revocation. A diploma's state is this one stream's fold.
 */
export function diplomaStream(diplomaId: string): string {
  return `diploma-${diplomaId}`;
}

/** What the register holds about the holder and a correction may change (rule 27). */
export interface HolderData {
  readonly fullName: string;
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly sex: Sex;
  readonly ethnicity: string;
}

export const HOLDER_FIELDS = ['fullName', 'birthDate', 'birthPlace', 'sex', 'ethnicity'] as const;
export type HolderField = (typeof HOLDER_FIELDS)[number];

/** The issuance facts a diploma command needs. */
export interface IssuedDiploma {
  readonly diplomaId: string;
  readonly graduateId: string;
  /** null for a replacement issued by reissue decision. */
  readonly printRunId: string | null;
  readonly authorityCode: string;
  readonly kind: DiplomaKind;
  readonly serialLabel: string;
  readonly registerLabel: string;
  /** null while the run is not signed: the diploma is not issued yet. */
  readonly issueDate: IsoDate | null;
  /** As issued, before any correction. */
  readonly holder: HolderData;
}

/**
 * The facts of an original's issuance, copied onto its own stream when the run is signed and sealed:
 * that act is when the diploma comes into being (docs/domain.md §2.4 "Signed&Sealed = Issued"; rule 5:
 * only then may it be handed over; rule 6: by the competent signer; rule 25: on an issue date not before
 * the graduation decision). Printing binds a blank but a misprint may still change the serial (domain
 * Q4); closing only balances the blanks. Nothing here changes afterwards: corrections overlay it (rule 30).
 */
export interface DiplomaIssuance {
  readonly diplomaId: string;
  readonly graduateId: string;
  readonly printRunId: string;
  readonly decisionId: string;
  readonly decisionNumber: string;
  readonly decisionDate: IsoDate;
  readonly authorityCode: string;
  readonly kind: DiplomaKind;
  readonly lotId: string;
  readonly templateVersion: string;
  readonly registerNumber: number;
  readonly registerLabel: string;
  readonly serial: number;
  readonly serialLabel: string;
  readonly issueDate: IsoDate;
  readonly issuePlace: string;
  readonly signerName: string;
  readonly signerTitle: string;
  /** As the graduation decision listed the holder (rules 4, 19: the register records it exactly). */
  readonly holder: HolderData;
}

export type IssuanceEvent = DomainEvent<'DiplomaIssued', DiplomaIssuance>;

export const RECIPIENT_KINDS = ['holder', 'proxy'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface Recipient {
  readonly kind: RecipientKind;
  readonly fullName: string;
  /** Rule 23: an authorised proxy signs with the authorisation on file. */
  readonly authorisationRef: string | null;
  readonly idDocument: string | null;
}

export type HandOverEvent =
  | DomainEvent<
      'DiplomaDelivered',
      { diplomaId: string; printRunId: string | null; recipient: Recipient; deliveredOn: IsoDate; deliveredBy: string }
    >
  | DomainEvent<
      'DiplomaLostBeforeDelivery',
      {
        diplomaId: string;
        printRunId: string | null;
        serialLabel: string;
        minutesRef: string;
        policeUnit: string;
        policeNotifiedAt: string;
        circumstances: string;
        reportedTo: string[];
        lostOn: IsoDate;
      }
    >;

export type HandOverCommand =
  | {
      type: 'DeliverDiploma';
      issued: IssuedDiploma;
      recipient: Recipient;
      deliveredOn: IsoDate;
      actingAuthorityCode: string;
      deliveredBy: string;
    }
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

export type DiplomaEvent = IssuanceEvent | HandOverEvent | CorrectionEvent | RevocationEvent | ReissueEvent | DigitalIssueEvent;
export type DiplomaCommand = HandOverCommand | CorrectionCommand | RevocationCommand | ReissueCommand | RecordDigitalIssueCommand;
