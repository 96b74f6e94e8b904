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
    switch (command.type) {
      case 'DeliverDiploma':
      case 'ReportDiplomaLostBeforeDelivery':
        return handOver(command, state);
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
        return publishRevocation(command, state);
      case 'NotifyRevocation':
        return notifyRevocation(command, state);
      case 'RecordRevokedDiplomaReturned':
        return recordReturn(command, state);
      case 'ReissueDiploma':
        return reissueDiploma(command, state);
      case 'RecordDigitalIssue':
        return recordDigitalIssue(command, state);
      case 'IssueReplacementDiploma':
        return issueReplacement(command, state);
    }
  },
};
