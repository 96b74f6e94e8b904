import { requireActDate } from '../shared/plausible-dates';
import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { throwIfInvalid, requirePattern, requireText, requirePersonText } from '../shared/validation';
import type { AuthorityDirectory } from '../authorities/authority';
import { authorizeAct } from '../authorities/act-authorization';
import { signerEntitledOn } from '../authorities/authority-directory';
import type { DiplomaKind } from '../regimes/legal-regimes';
import type { HolderData, HolderField, IssuedDiploma } from './diploma';
import { currentHolder, type DiplomaState } from './diploma-state';
import { requireIssuedAndLive } from './diploma-guards';
import { revokedEvent, type RevocationEvent } from './revocation';
import { diplomaTemplateOn } from '../regimes/diploma-templates';

export interface ReissueChange {
  readonly field: HolderField;
  readonly before: string;
  readonly after: string;
}

export type ReissueEvent =
  | DomainEvent<
      'DiplomaReissued',
      {
        diplomaId: string;
        newDiplomaId: string;
        newSerialLabel: string;
        newRegisterLabel: string;
        decisionNumber: string;
        decisionDate: IsoDate;
        issuerError: string;
        changes: ReissueChange[];
      }
    >
  | DomainEvent<
      'DiplomaIssuedAsReplacement',
      {
        diplomaId: string;
        replaces: string;
        graduateId: string;
        authorityCode: string;
        kind: DiplomaKind;
        holder: HolderData;
        lotId: string;
        serial: number;
        serialLabel: string;
        registerLabel: string;
        issueDate: IsoDate;
        issuePlace: string;
        signerName: string;
        signerTitle: string;
        decisionNumber: string;
        decisionDate: IsoDate;
        /** Rule 37: the template current on the reissue's date, even when the replaced paper is older. */
        templateVersion: string;
      }
    >;

export type ReissueCommand =
  | {
      type: 'ReissueDiploma';
      issued: IssuedDiploma;
      decisionNumber: string;
      decisionDate: IsoDate;
      /** Rule 36: what the issuer got wrong; a reissue without the issuer's error is refused. */
      issuerError: string;
      changes: { field: HolderField; after: string }[];
      newDiplomaId: string;
      newSerialLabel: string;
      actingAuthorityCode: string;
      directory: AuthorityDirectory;
    }
  | {
      type: 'IssueReplacementDiploma';
      replaced: IssuedDiploma;
      reissue: Extract<ReissueEvent, { type: 'DiplomaReissued' }>['data'];
      holder: HolderData;
      lotId: string;
      serial: number;
      issueDate: IsoDate;
      issuePlace: string;
      signerId: string;
      actingAuthorityCode: string;
      directory: AuthorityDirectory;
    };

/**
 * Rule 39: a reissued diploma's register number is the old one followed by "/" and a sequence, so the
 * book's own numbering never moves and the appendix shows where the new paper came from.
 */
export function reissueRegisterLabel(oldLabel: string): string {
  const [number, book, sequence] = oldLabel.split('/');
  return `${number}/${book}/${Number(sequence ?? 0) + 1}`;
}

export function reissueDiploma(
  command: Extract<ReissueCommand, { type: 'ReissueDiploma' }>,
  state: DiplomaState,
  actedOn?: IsoDate,
): (RevocationEvent | ReissueEvent)[] {
  throwIfInvalid(
    requireText('decisionNumber', command.decisionNumber, 60),
    requireActDate('decisionDate', command.decisionDate, actedOn),
    requireText('issuerError', command.issuerError, 2000),
    requirePattern('newDiplomaId', command.newDiplomaId, /^[A-Za-z0-9][A-Za-z0-9-]{1,127}$/, 'không hợp lệ', 'is not valid'),
    requireText('newSerialLabel', command.newSerialLabel, 40),
  );
  requireIssuedAndLive(command.issued, state, 'reissue');
  if (command.newSerialLabel === command.issued.serialLabel) {
    throw new DomainError({
      code: 'REISSUE_NEEDS_NEW_BLANK',
      kind: 'rule_violation',
      messageVi: 'Văn bằng cấp lại phải in trên phôi mới.',
      messageEn: 'A reissued diploma goes on a new blank.',
      field: 'newSerialLabel',
      rule: 39,
    });
  }
  const authorization = authorizeAct(command.directory, {
    act: 'reissue',
    diplomaKind: command.issued.kind,
    actDate: command.decisionDate,
    actingAuthorityCode: command.actingAuthorityCode,
    issuerCode: command.issued.authorityCode,
  });
  const holder = currentHolder(command.issued.holder, state);
  const changes = (command.changes ?? [])
    .map((c) => ({ field: c.field, before: String(holder[c.field]), after: c.after.trim().replace(/\s+/g, ' ') }))
    .filter((c) => c.before !== c.after);
  return [
    // Rule 38: the issuer's error is a revocation ground; the old paper is revoked with the reissue.
    revokedEvent({ ...command, ground: 'issuer_error', reasons: command.issuerError, source: 'issuer' }, authorization.regime.code),
    {
      type: 'DiplomaReissued',
      data: {
        diplomaId: command.issued.diplomaId,
        newDiplomaId: command.newDiplomaId,
        newSerialLabel: command.newSerialLabel,
        newRegisterLabel: reissueRegisterLabel(command.issued.registerLabel),
        decisionNumber: command.decisionNumber.trim(),
        decisionDate: command.decisionDate,
        issuerError: command.issuerError.trim(),
        changes,
      },
    },
  ];
}

export function issueReplacement(
  command: Extract<ReissueCommand, { type: 'IssueReplacementDiploma' }>,
  state: DiplomaState,
  actedOn?: IsoDate,
): ReissueEvent[] {
  throwIfInvalid(
    requireActDate('issueDate', command.issueDate, actedOn),
    requirePersonText('issuePlace', command.issuePlace, 120),
    requireText('signerId', command.signerId, 64),
  );
  if (state.reissuedFrom !== null) {
    throw new DomainError({
      code: 'DIPLOMA_EXISTS',
      kind: 'conflict',
      messageVi: 'Văn bằng cấp lại đã được ghi nhận.',
      messageEn: 'The replacement diploma is already recorded.',
      field: 'newDiplomaId',
    });
  }
  if (command.issueDate < command.reissue.decisionDate) {
    throw new DomainError({
      code: 'DATE_TOO_EARLY',
      kind: 'rule_violation',
      messageVi: 'Ngày cấp lại trước ngày quyết định.',
      messageEn: 'The reissue is dated before its decision.',
      field: 'issueDate',
      rule: 25,
    });
  }
  const authorization = authorizeAct(command.directory, {
    act: 'reissue',
    diplomaKind: command.replaced.kind,
    actDate: command.issueDate,
    actingAuthorityCode: command.actingAuthorityCode,
    issuerCode: command.replaced.authorityCode,
  });
  const signer = signerEntitledOn(command.directory, {
    signerId: command.signerId,
    authorityCode: command.actingAuthorityCode,
    date: command.issueDate,
    roles: authorization.signerRoles,
  });
  return [
    {
      type: 'DiplomaIssuedAsReplacement',
      data: {
        diplomaId: command.reissue.newDiplomaId,
        replaces: command.replaced.diplomaId,
        graduateId: command.replaced.graduateId,
        authorityCode: command.actingAuthorityCode,
        kind: command.replaced.kind,
        holder: command.holder,
        lotId: command.lotId,
        serial: command.serial,
        serialLabel: command.reissue.newSerialLabel,
        registerLabel: command.reissue.newRegisterLabel,
        issueDate: command.issueDate,
        issuePlace: command.issuePlace.trim(),
        signerName: signer.fullName,
        signerTitle: signer.title,
        decisionNumber: command.reissue.decisionNumber,
        decisionDate: command.reissue.decisionDate,
        templateVersion: diplomaTemplateOn(command.replaced.kind, command.issueDate).version,
      },
    },
  ];
}
