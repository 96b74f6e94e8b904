import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import type { DiplomaKind } from '../regimes/legal-regimes';
import type { Sex } from '../graduates/graduate';
import type { CorrectionEvent, CorrectionCommand } from './correction';
import type { RevocationCommand, RevocationEvent } from './revocation';
import type { ReissueCommand, ReissueEvent } from './reissue';
import type { DigitalIssueEvent, RecordDigitalIssueCommand } from './digital-issue';

/**
 * One diploma after it was issued: hand-over, corrections, reissue and revocation. The stream holds only
 * what happens to this one paper; the facts of its issuance stay where they were recorded (the print
 * run, or the replacement's first event) and reach commands as `IssuedDiploma`.
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

export type DiplomaEvent = HandOverEvent | CorrectionEvent | RevocationEvent | ReissueEvent | DigitalIssueEvent;
export type DiplomaCommand = HandOverCommand | CorrectionCommand | RevocationCommand | ReissueCommand | RecordDigitalIssueCommand;
