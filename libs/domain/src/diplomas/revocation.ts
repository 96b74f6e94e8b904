import type { DomainEvent } from '../shared/decider';
import type { IsoDate } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { throwIfInvalid, requireIsoDate, requireOneOf, requireText, requirePersonText } from '../shared/validation';
import type { AuthorityDirectory } from '../authorities/authority';
import { authorizeAct } from '../authorities/act-authorization';
import { addCalendarDays } from '../calendar/working-days';
import type { IssuedDiploma } from './diploma';
import type { DiplomaState } from './diploma-state';
import { requireIssuedAndLive } from './diploma-guards';
import type { CommandContext } from '../shared/command-context';
import { requireDeciderOtherThan } from './separation-of-duties';

/**
 * Rule 40 (TT21 Art. 25(1)), letters as listed there: (a) fraud, (b) ineligible holder, (c) issued
 * without authority, (d) erased or altered, (e) lent to or used by another, (f) the issuer's error.
 */
export const REVOCATION_GROUNDS = ['fraud', 'ineligible', 'unauthorised_issuer', 'altered', 'used_by_another', 'issuer_error'] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

export const REVOCATION_SOURCES = ['inspection', 'police', 'issuer', 'minister', 'court'] as const;
export type RevocationSource = (typeof REVOCATION_SOURCES)[number];

export const NOTIFICATION_RECIPIENT_KINDS = ['holder', 'detecting_body', 'employer', 'other'] as const;

/** Rule 43: the holder returns the revoked diploma within 30 days of receiving the decision. */
export const RETURN_DAYS = 30;

export type RevocationEvent =
  | DomainEvent<
      'DiplomaRevoked',
      {
        diplomaId: string;
        serialLabel: string;
        registerLabel: string;
        issuerCode: string;
        decisionNumber: string;
        decisionDate: IsoDate;
        ground: RevocationGround;
        reasons: string;
        source: RevocationSource;
        authorityCode: string;
        regime: string;
      }
    >
  /** §2.7 "Opened": an officer proposes the revocation; the head decides it (issue 17, rules 41, 42). */
  | DomainEvent<
      'DiplomaRevocationProposed',
      { diplomaId: string; ground: RevocationGround; reasons: string; source: RevocationSource; proposedOn: IsoDate; proposedBy: string }
    >
  | DomainEvent<'DiplomaRevocationPublished', { diplomaId: string; publishedOn: IsoDate; where: string }>
  | DomainEvent<
      'DiplomaRevocationNotified',
      { diplomaId: string; recipients: { kind: string; name: string }[]; holderReceivedOn: IsoDate; returnDueBy: IsoDate }
    >
  | DomainEvent<'RevokedDiplomaReturned', { diplomaId: string; returnedOn: IsoDate; receivedBy: string }>;

export type RevocationCommand =
  | {
      type: 'RevokeDiploma';
      issued: IssuedDiploma;
      decisionNumber: string;
      decisionDate: IsoDate;
      ground: RevocationGround;
      reasons: string;
      source: RevocationSource;
      actingAuthorityCode: string;
      directory: AuthorityDirectory;
    }
  | {
      type: 'ProposeRevocation';
      issued: IssuedDiploma;
      ground: RevocationGround;
      reasons: string;
      source: RevocationSource;
      proposedOn: IsoDate;
    }
  | { type: 'PublishRevocation'; issued: IssuedDiploma; publishedOn: IsoDate; where: string }
  | { type: 'NotifyRevocation'; issued: IssuedDiploma; recipients: { kind: string; name: string }[]; holderReceivedOn: IsoDate }
  | { type: 'RecordRevokedDiplomaReturned'; issued: IssuedDiploma; returnedOn: IsoDate; receivedBy: string };

/**
 * §2.7 "Opened{source}": the file is opened by an officer (from a police letter, an inspection, the
 * issuer's own finding) and goes to the head, who decides (rules 41, 42). The proposer is recorded so the
 * decision cannot be recorded by the same officer (issue 17).
 */
export function proposeRevocation(
  command: Extract<RevocationCommand, { type: 'ProposeRevocation' }>,
  state: DiplomaState,
  context?: CommandContext,
): RevocationEvent[] {
  throwIfInvalid(
    requireIsoDate('proposedOn', command.proposedOn),
    requireOneOf('ground', command.ground, REVOCATION_GROUNDS),
    requireText('reasons', command.reasons, 2000),
    requireOneOf('source', command.source, REVOCATION_SOURCES),
  );
  if (state.status === 'revoked') {
    throw new DomainError({
      code: 'DIPLOMA_ALREADY_REVOKED',
      kind: 'conflict',
      messageVi: `Văn bằng đã bị thu hồi theo quyết định ${state.revocation?.decisionNumber} ngày ${state.revocation?.decisionDate}.`,
      messageEn: `The diploma was already revoked by decision ${state.revocation?.decisionNumber} of ${state.revocation?.decisionDate}.`,
      field: 'ground',
      rule: 45,
    });
  }
  requireIssuedAndLive(command.issued, state, 'revoke');
  const proposedBy = context?.actor.officerId ?? 'unknown';
  if (state.revocationProposal) {
    const same =
      state.revocationProposal.proposedBy === proposedBy &&
      state.revocationProposal.ground === command.ground &&
      state.revocationProposal.proposedOn === command.proposedOn;
    if (same) return [];
    throw new DomainError({
      code: 'REVOCATION_ALREADY_PROPOSED',
      kind: 'conflict',
      messageVi: `Đã có đề xuất thu hồi văn bằng này ngày ${state.revocationProposal.proposedOn}, đang chờ quyết định.`,
      messageEn: `A revocation of this diploma was proposed on ${state.revocationProposal.proposedOn} and awaits the decision.`,
      field: 'ground',
    });
  }
  return [
    {
      type: 'DiplomaRevocationProposed',
      data: {
        diplomaId: command.issued.diplomaId,
        ground: command.ground,
        reasons: command.reasons.trim(),
        source: command.source,
        proposedOn: command.proposedOn,
        proposedBy,
      },
    },
  ];
}

export function revokeDiploma(
  command: Extract<RevocationCommand, { type: 'RevokeDiploma' }>,
  state: DiplomaState,
  context?: CommandContext,
): RevocationEvent[] {
  throwIfInvalid(
    requireText('decisionNumber', command.decisionNumber, 60),
    requireIsoDate('decisionDate', command.decisionDate),
    requireOneOf('ground', command.ground, REVOCATION_GROUNDS),
    // Rule 42: the decision states its reasons.
    requireText('reasons', command.reasons, 2000),
    requireOneOf('source', command.source, REVOCATION_SOURCES),
  );
  if (
    state.status === 'revoked' &&
    state.revocation?.decisionNumber === command.decisionNumber.trim() &&
    state.revocation.decisionDate === command.decisionDate
  )
    return [];
  if (state.status === 'revoked') {
    throw new DomainError({
      code: 'DIPLOMA_ALREADY_REVOKED',
      kind: 'conflict',
      messageVi: `Văn bằng đã bị thu hồi theo quyết định ${state.revocation?.decisionNumber} ngày ${state.revocation?.decisionDate}.`,
      messageEn: `The diploma was already revoked by decision ${state.revocation?.decisionNumber} of ${state.revocation?.decisionDate}.`,
      field: 'decisionNumber',
      rule: 45,
    });
  }
  requireIssuedAndLive(command.issued, state, 'revoke');
  if (command.ground === 'issuer_error') {
    // Rules 36, 38: the issuer's own error is answered by a reissue, which revokes the old paper with it.
    throw new DomainError({
      code: 'ISSUER_ERROR_NEEDS_REISSUE',
      kind: 'rule_violation',
      messageVi: 'Sai sót do cơ quan cấp: thu hồi cùng với cấp lại văn bằng (dùng thao tác cấp lại).',
      messageEn: "An issuer's error is revoked together with a reissue (use the reissue).",
      field: 'ground',
      rule: 38,
    });
  }
  if (command.decisionDate < command.issued.issueDate!) {
    throw new DomainError({
      code: 'DATE_TOO_EARLY',
      kind: 'rule_violation',
      messageVi: 'Ngày quyết định thu hồi trước ngày cấp văn bằng.',
      messageEn: 'The revocation is dated before the diploma was issued.',
      field: 'decisionDate',
    });
  }
  // Rule 41: the issuer, or whoever holds its register on the decision's date.
  const authorization = authorizeAct(command.directory, {
    act: 'revoke',
    diplomaKind: command.issued.kind,
    actDate: command.decisionDate,
    actingAuthorityCode: command.actingAuthorityCode,
    issuerCode: command.issued.authorityCode,
  });
  // Issue 17: whoever proposed the revocation does not record the head's decision on it (rules 41, 42).
  requireDeciderOtherThan(state.revocationProposal?.proposedBy, context, 'revocation', 'decisionNumber');
  return [revokedEvent(command, authorization.regime.code)];
}

export function revokedEvent(
  command: {
    issued: IssuedDiploma;
    decisionNumber: string;
    decisionDate: IsoDate;
    ground: RevocationGround;
    reasons: string;
    source: RevocationSource;
    actingAuthorityCode: string;
  },
  regime: string,
): Extract<RevocationEvent, { type: 'DiplomaRevoked' }> {
  return {
    type: 'DiplomaRevoked',
    data: {
      diplomaId: command.issued.diplomaId,
      serialLabel: command.issued.serialLabel,
      registerLabel: command.issued.registerLabel,
      issuerCode: command.issued.authorityCode,
      decisionNumber: command.decisionNumber.trim(),
      decisionDate: command.decisionDate,
      ground: command.ground,
      reasons: command.reasons.trim(),
      source: command.source,
      authorityCode: command.actingAuthorityCode,
      regime,
    },
  };
}

export function publishRevocation(
  command: Extract<RevocationCommand, { type: 'PublishRevocation' }>,
  state: DiplomaState,
): RevocationEvent[] {
  throwIfInvalid(requireIsoDate('publishedOn', command.publishedOn), requireText('where', command.where, 500));
  const revocation = requireRevoked(state);
  if (command.publishedOn < revocation.decisionDate) throw tooEarly('publishedOn');
  return [
    {
      type: 'DiplomaRevocationPublished',
      data: { diplomaId: command.issued.diplomaId, publishedOn: command.publishedOn, where: command.where.trim() },
    },
  ];
}

export function notifyRevocation(
  command: Extract<RevocationCommand, { type: 'NotifyRevocation' }>,
  state: DiplomaState,
): RevocationEvent[] {
  const recipientsOk =
    Array.isArray(command.recipients) &&
    command.recipients.some((r) => r?.kind === 'holder') &&
    command.recipients.every(
      (r) =>
        (NOTIFICATION_RECIPIENT_KINDS as readonly string[]).includes(r?.kind) && typeof r?.name === 'string' && r.name.trim().length > 0,
    );
  throwIfInvalid(
    requireIsoDate('holderReceivedOn', command.holderReceivedOn),
    recipientsOk
      ? undefined
      : {
          field: 'recipients',
          code: 'BAD_RECIPIENTS',
          messageVi: 'Phải gửi quyết định cho người được cấp (và nêu tên từng nơi nhận).',
          messageEn: 'The decision must go to the holder (name every recipient).',
        },
  );
  const revocation = requireRevoked(state);
  if (command.holderReceivedOn < revocation.decisionDate) throw tooEarly('holderReceivedOn');
  return [
    {
      type: 'DiplomaRevocationNotified',
      data: {
        diplomaId: command.issued.diplomaId,
        recipients: command.recipients.map((r) => ({ kind: r.kind, name: r.name.trim() })),
        holderReceivedOn: command.holderReceivedOn,
        returnDueBy: addCalendarDays(command.holderReceivedOn, RETURN_DAYS),
      },
    },
  ];
}

export function recordReturn(
  command: Extract<RevocationCommand, { type: 'RecordRevokedDiplomaReturned' }>,
  state: DiplomaState,
): RevocationEvent[] {
  throwIfInvalid(requireIsoDate('returnedOn', command.returnedOn), requirePersonText('receivedBy', command.receivedBy, 120));
  const revocation = requireRevoked(state);
  if (revocation.returnedOn) {
    throw new DomainError({
      code: 'ALREADY_RETURNED',
      kind: 'conflict',
      messageVi: `Văn bằng đã được nộp lại ngày ${revocation.returnedOn}.`,
      messageEn: `The diploma was returned on ${revocation.returnedOn}.`,
      field: 'returnedOn',
    });
  }
  if (command.returnedOn < revocation.decisionDate) throw tooEarly('returnedOn');
  return [
    {
      type: 'RevokedDiplomaReturned',
      data: { diplomaId: command.issued.diplomaId, returnedOn: command.returnedOn, receivedBy: command.receivedBy.trim() },
    },
  ];
}

function requireRevoked(state: DiplomaState) {
  if (!state.revocation)
    throw new DomainError({
      code: 'DIPLOMA_NOT_REVOKED',
      kind: 'rule_violation',
      messageVi: 'Văn bằng chưa bị thu hồi.',
      messageEn: 'The diploma has not been revoked.',
      field: 'diplomaId',
    });
  return state.revocation;
}

function tooEarly(field: string): DomainError {
  return new DomainError({
    code: 'DATE_TOO_EARLY',
    kind: 'rule_violation',
    messageVi: 'Ngày này trước ngày quyết định thu hồi.',
    messageEn: 'This date is before the revocation decision.',
    field,
  });
}
