import type { Decider } from '../shared/decider';
import type { DiplomaCommand, DiplomaEvent } from './diploma';
import { evolveDiploma, INITIAL_DIPLOMA_STATE, type DiplomaState } from './diploma-state';
import { handOver } from './hand-over';
import { decideCorrection, refuseCorrection, requestCorrection } from './correction';
import { notifyRevocation, publishRevocation, recordReturn, revokeDiploma } from './revocation';
import { issueReplacement, reissueDiploma } from './reissue';

export const diplomaDecider: Decider<DiplomaCommand, DiplomaState, DiplomaEvent> = {
  initialState: INITIAL_DIPLOMA_STATE,
  evolve: evolveDiploma,
  decide(command, state) {
    switch (command.type) {
      case 'DeliverDiploma':
      case 'ReportDiplomaLostBeforeDelivery':
        return handOver(command, state);
      case 'RequestCorrection':
        return requestCorrection(command, state);
      case 'DecideCorrection':
        return decideCorrection(command, state);
      case 'RefuseCorrection':
        return refuseCorrection(command, state);
      case 'RevokeDiploma':
        return revokeDiploma(command, state);
      case 'PublishRevocation':
        return publishRevocation(command, state);
      case 'NotifyRevocation':
        return notifyRevocation(command, state);
      case 'RecordRevokedDiplomaReturned':
        return recordReturn(command, state);
      case 'ReissueDiploma':
        return reissueDiploma(command, state);
      case 'IssueReplacementDiploma':
        return issueReplacement(command, state);
    }
  },
};
