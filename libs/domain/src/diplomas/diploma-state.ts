import type { IsoDate } from '../shared/dates';
import type { CivilStatusDocument, CorrectionGround, FieldChange } from './correction';
import type { DiplomaEvent, HolderData, IssuedDiploma, Recipient } from './diploma';
import type { RevocationGround, RevocationSource } from './revocation';

export type DiplomaStatus = 'issued' | 'delivered' | 'lost_before_delivery' | 'revoked' | 'superseded';

export interface CorrectionRequestState {
  readonly requestId: string;
  readonly status: 'open' | 'decided' | 'refused';
  readonly ground: CorrectionGround;
  readonly changes: readonly FieldChange[];
  readonly dossierCompleteOn: IsoDate;
  readonly dueBy: IsoDate;
  readonly document: CivilStatusDocument;
  /** Who recorded the dossier (issue 17: not the one who records the decision). */
  readonly recordedBy?: string;
}

/** An open proposal to revoke (§2.7 "Opened"): who proposed it may not record the decision (issue 17). */
export interface RevocationProposalState {
  readonly proposedBy: string;
  readonly proposedOn: IsoDate;
  readonly ground: RevocationGround;
  readonly source: RevocationSource;
}

export interface RevocationState {
  readonly decisionNumber: string;
  readonly decisionDate: IsoDate;
  readonly ground: RevocationGround;
  readonly publishedOn: IsoDate | null;
  readonly returnDueBy: IsoDate | null;
  readonly returnedOn: IsoDate | null;
}

export interface DiplomaState {
  /** From the stream's first issuance event (DiplomaIssued, or DiplomaIssuedAsReplacement); null before. */
  readonly issued: IssuedDiploma | null;
  /** The lot the diploma's paper came from, for sending a recovered paper to destruction. */
  readonly lotId: string | null;
  readonly status: DiplomaStatus;
  readonly delivery: { readonly deliveredOn: IsoDate; readonly recipient: Recipient } | null;
  readonly lostMinutesRef: string | null;
  /** Corrections in force, oldest first: the register plus these is the current truth (rule 57). */
  readonly corrections: readonly {
    readonly decisionNumber: string;
    readonly decisionDate: IsoDate;
    readonly changes: readonly FieldChange[];
  }[];
  readonly requests: ReadonlyMap<string, CorrectionRequestState>;
  readonly revocation: RevocationState | null;
  readonly revocationProposal: RevocationProposalState | null;
  /** §0.5: the diploma issued also as a digital record. */
  readonly digital: { readonly issuedOn: IsoDate; readonly reference: string } | null;
  readonly replacedBy: { readonly diplomaId: string; readonly serialLabel: string } | null;
  /** For a replacement: the facts of its issue, recorded in its own first event. */
  readonly reissuedFrom: string | null;
}

export const INITIAL_DIPLOMA_STATE: DiplomaState = {
  issued: null,
  lotId: null,
  status: 'issued',
  delivery: null,
  lostMinutesRef: null,
  corrections: [],
  requests: new Map(),
  revocation: null,
  revocationProposal: null,
  digital: null,
  replacedBy: null,
  reissuedFrom: null,
};

export function evolveDiploma(state: DiplomaState, event: DiplomaEvent): DiplomaState {
  switch (event.type) {
    // A store written before issue 12 gets this event appended after the diploma's later acts (see
    // bringDiplomaStreamsForward): it sets the facts of issue and leaves the status where it stands.
    case 'DiplomaIssued': {
      const d = event.data;
      return {
        ...state,
        lotId: d.lotId,
        issued: {
          diplomaId: d.diplomaId,
          graduateId: d.graduateId,
          printRunId: d.printRunId,
          authorityCode: d.authorityCode,
          kind: d.kind,
          serialLabel: d.serialLabel,
          registerLabel: d.registerLabel,
          issueDate: d.issueDate,
          holder: d.holder,
        },
      };
    }
    case 'DiplomaDelivered':
      return {
        ...state,
        status: state.status === 'issued' ? 'delivered' : state.status,
        delivery: { deliveredOn: event.data.deliveredOn, recipient: event.data.recipient },
      };
    case 'DiplomaLostBeforeDelivery':
      return { ...state, status: 'lost_before_delivery', lostMinutesRef: event.data.minutesRef };
    case 'DiplomaCorrectionRequested': {
      const d = event.data;
      return {
        ...state,
        requests: new Map(state.requests).set(d.requestId, {
          requestId: d.requestId,
          status: 'open',
          ground: d.ground,
          changes: d.changes,
          dossierCompleteOn: d.dossierCompleteOn,
          dueBy: d.dueBy,
          document: d.document,
          ...(d.recordedBy ? { recordedBy: d.recordedBy } : {}),
        }),
      };
    }
    case 'DiplomaCorrected': {
      const d = event.data;
      const request = state.requests.get(d.requestId)!;
      return {
        ...state,
        requests: new Map(state.requests).set(d.requestId, { ...request, status: 'decided' }),
        corrections: [...state.corrections, { decisionNumber: d.decisionNumber, decisionDate: d.decisionDate, changes: d.changes }],
      };
    }
    case 'DiplomaCorrectionRefused': {
      const request = state.requests.get(event.data.requestId)!;
      return { ...state, requests: new Map(state.requests).set(event.data.requestId, { ...request, status: 'refused' }) };
    }
    case 'DiplomaRevoked': {
      const d = event.data;
      return {
        ...state,
        status: 'revoked',
        revocation: {
          decisionNumber: d.decisionNumber,
          decisionDate: d.decisionDate,
          ground: d.ground,
          publishedOn: null,
          returnDueBy: null,
          returnedOn: null,
        },
      };
    }
    case 'DiplomaRevocationProposed': {
      const d = event.data;
      return { ...state, revocationProposal: { proposedBy: d.proposedBy, proposedOn: d.proposedOn, ground: d.ground, source: d.source } };
    }
    case 'DiplomaIssuedDigitally':
      return { ...state, digital: { issuedOn: event.data.issuedOn, reference: event.data.reference } };
    case 'DiplomaRevocationPublished':
      return { ...state, revocation: { ...state.revocation!, publishedOn: event.data.publishedOn } };
    case 'DiplomaRevocationNotified':
      return { ...state, revocation: { ...state.revocation!, returnDueBy: event.data.returnDueBy } };
    case 'RevokedDiplomaReturned':
      return { ...state, revocation: { ...state.revocation!, returnedOn: event.data.returnedOn } };
    case 'DiplomaReissued':
      return { ...state, status: 'superseded', replacedBy: { diplomaId: event.data.newDiplomaId, serialLabel: event.data.newSerialLabel } };
    case 'DiplomaIssuedAsReplacement': {
      const d = event.data;
      return {
        ...state,
        reissuedFrom: d.replaces,
        lotId: d.lotId,
        issued: {
          diplomaId: d.diplomaId,
          graduateId: d.graduateId,
          printRunId: null,
          authorityCode: d.authorityCode,
          kind: d.kind,
          serialLabel: d.serialLabel,
          registerLabel: d.registerLabel,
          issueDate: d.issueDate,
          holder: d.holder,
        },
      };
    }
  }
}

/** The holder as the register now reads: as issued, with every correction in force applied. */
export function currentHolder(issued: HolderData, state: DiplomaState): HolderData {
  let holder = { ...issued };
  for (const correction of state.corrections) for (const change of correction.changes) holder = { ...holder, [change.field]: change.after };
  return holder;
}
