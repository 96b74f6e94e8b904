import { actedOnIfKnown } from '../shared/plausible-dates';
import type { Decider } from '../shared/decider';
import type { DiplomaCommand, DiplomaEvent } from './diploma';
import { evolveDiploma, INITIAL_DIPLOMA_STATE, type DiplomaState } from './diploma-state';
import { handOver } from './hand-over';
import { decideCorrection, refuseCorrection, requestCorrection } from './correction';
import { notifyRevocation, proposeRevocation, publishRevocation, recordReturn, revokeDiploma } from './revocation';
import { issueReplacement, reissueDiploma } from './reissue';
import { recordDigitalIssue } from './digital-issue';

export const diplomaDecider: Decider<DiplomaCommand, DiplomaState, DiplomaEvent> = {
  initialState: INITIAL_DIPLOMA_STATE,
  evolve: evolveDiploma,
  decide(command, state, context) {
    // Every date of an act after issuance has happened by the day it is recorded (issue 16).
    const actedOn = actedOnIfKnown(context);
    switch (command.type) {
      case 'DeliverDiploma':
      case 'ReportDiplomaLostBeforeDelivery':
        return handOver(command, state, actedOn);
      case 'RequestCorrection':
        return requestCorrection(command, state, context);
      case 'DecideCorrection':
        return decideCorrection(command, state, context);
      case 'RefuseCorrection':
        return refuseCorrection(command, state, context);
      case 'RevokeDiploma':
        return revokeDiploma(command, state, context);
      case 'ProposeRevocation':
        return proposeRevocation(command, state, context);
      case 'PublishRevocation':
        return publishRevocation(command, state, actedOn);
      case 'NotifyRevocation':
        return notifyRevocation(command, state, actedOn);
      case 'RecordRevokedDiplomaReturned':
        return recordReturn(command, state, actedOn);
      case 'ReissueDiploma':
        return reissueDiploma(command, state, actedOn);
      case 'RecordDigitalIssue':
        return recordDigitalIssue(command, state);
      case 'IssueReplacementDiploma':
        return issueReplacement(command, state, actedOn);
    }
  },
};
